/**
 * Value types, {@link daphnegrid.kernels.DenseMatrix}, and the kernel facades. Everything here is
 * plain JDK code with no knowledge of the grid: the same kernels run in the local engine and on
 * grid members.
 */
package daphnegrid.kernels;
