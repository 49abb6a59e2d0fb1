/**
 * The Vector API kernels; the only package that imports {@code jdk.incubator.vector}. Entered
 * through {@link daphnegrid.kernels.simd.SimdKernels#create()}, which {@link
 * daphnegrid.kernels.Kernels} calls once. Every kernel here gives the same bits as its plain twin
 * in {@code daphnegrid.kernels.plain}: elementwise loops use only exact lane operations, reductions
 * keep the fixed accumulator layout whatever the hardware vector length, and the matrix product
 * keeps one fma chain per cell.
 *
 * <h2>The matrix product</h2>
 *
 * <p>{@link daphnegrid.kernels.simd.F64Gemm} and its f32 twin {@link
 * daphnegrid.kernels.simd.F32Gemm} serve every product: the local engine's {@code X @ Y}, the
 * grid's row blocks ({@code MatMulJob}, {@code MultiplyRows}) and the block programs all reach them
 * through {@link daphnegrid.kernels.MatMul}. Small and thin shapes run unpacked; the rest run the
 * GotoBLAS/BLIS loop nest:
 *
 * <ul>
 *   <li>column blocks of NC = 4320 (a whole number of B panels, n = 4096 in one) and, inside, inner
 *       slices of KC = 256: the slice of B is packed into NR-wide panels, k-major;
 *   <li>row blocks of MC = 192 of A, packed into MR = 8-high panels (an 8 x 256 f64 panel is 16
 *       KiB; the MC x KC block, 384 KiB, stays in the 1 MiB L2 of Zen 4 and Zen 5);
 *   <li>for each B panel (kept in L1/L2 while it meets every A panel of the block) and each A
 *       panel, a register tile of 8 rows x 3 vectors (NR = 24 f64 or 48 f32 columns on AVX-512): 24
 *       accumulators, 3 B vectors and a broadcast, 28 of the 32 vector registers. Each k step loads
 *       3 vectors and 8 scalars for 24 fmas. The last panel of a column range, at most two vectors
 *       wide, takes an 8 x 2-vector tile instead of padding to three; ragged edges run a whole tile
 *       on a scratch copy.
 * </ul>
 *
 * <p>Same numbers: each cell's value is the fma chain over the inner dimension in order from +0. A
 * KC slice continues from the value the previous slice left in C, so block sizes, tile shapes and
 * the thread split (threads take column ranges cut at multiples of two vectors, each with its own
 * packing buffers; row ranges when the product is narrow) change the speed but never the bits.
 * Local runs on any thread count and the grid's row blocks therefore agree bit for bit.
 *
 * <p>Measured on AMD EPYC (family 26, Zen 5: two 512-bit fma pipes, 48 KiB L1D, 1 MiB L2) under JDK
 * 17: the 8 x 3-vector tile beat the former 8 x 2-vector one by about 5% from n = 1024 up and tied
 * at 512; KC 128, 192 and 384, MC 96 and 384, and tiles of 12 x 2 and 6 x 4 vectors were no faster.
 * The same constants serve Zen 4 (256-bit halves, 32 KiB L1D), where the 24 accumulators also cover
 * the fma latency; it was not measured separately.
 */
package daphnegrid.kernels.simd;
