/**
 * Plain-loop kernels: the fallback when the Vector API is not available and the twin the vector
 * kernels are tested against bit for bit. Each loop applies the expression of {@link
 * daphnegrid.kernels.ElementOps} or the documented accumulation order directly; the public static
 * helpers here (tails, combine trees) are shared with {@code daphnegrid.kernels.simd} so both
 * packages have one definition of every order.
 */
package daphnegrid.kernels.plain;
