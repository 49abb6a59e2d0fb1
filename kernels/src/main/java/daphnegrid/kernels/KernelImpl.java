package daphnegrid.kernels;

/**
 * One implementation of every kernel family: the Vector API kernels or their plain-loop twins. Both
 * give bit-identical results; they differ in speed only.
 */
public record KernelImpl(
    String name,
    ElementwiseKernels elementwise,
    ReductionKernels reductions,
    MatMulKernels matmul) {}
