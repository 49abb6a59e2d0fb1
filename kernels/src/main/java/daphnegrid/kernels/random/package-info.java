/**
 * DAPHNE's random and sequence generators, bit-exact with GNU libstdc++ (spec section 9): the
 * {@link daphnegrid.kernels.random.Mt19937} engine with O(log n) jump-ahead, the standard library
 * distributions ({@link daphnegrid.kernels.random.Distributions}) and the DaphneDSL built-ins
 * {@code rand}, {@code sample}, {@code seq} and {@code fill} ({@link
 * daphnegrid.kernels.random.Generators}).
 */
package daphnegrid.kernels.random;
