/**
 * The Vector API kernels; the only package that imports {@code jdk.incubator.vector}. Entered
 * through {@link daphnegrid.kernels.simd.SimdKernels#create()}, which {@link
 * daphnegrid.kernels.Kernels} calls once. Every kernel here gives the same bits as its plain twin
 * in {@code daphnegrid.kernels.plain}: elementwise loops use only exact lane operations, reductions
 * keep the fixed accumulator layout whatever the hardware vector length, and the matrix product
 * keeps one fma chain per cell.
 */
package daphnegrid.kernels.simd;
