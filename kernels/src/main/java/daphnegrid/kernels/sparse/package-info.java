/**
 * Sparse matrices in compressed sparse row form ({@link daphnegrid.kernels.sparse.CsrMatrix}) and
 * the kernels that keep sparsity: conversions to and from dense ({@link
 * daphnegrid.kernels.sparse.CsrConvert}), elementwise operations ({@link
 * daphnegrid.kernels.sparse.CsrElementwise}), aggregations ({@link
 * daphnegrid.kernels.sparse.CsrAggregation}), transpose and products ({@link
 * daphnegrid.kernels.sparse.CsrMatMul}), slicing and binding ({@link
 * daphnegrid.kernels.sparse.CsrReorg}), DAPHNE's sparse generator ({@link
 * daphnegrid.kernels.sparse.SparseRand}). Every kernel has a plain-loop twin in {@link
 * daphnegrid.kernels.sparse.CsrPlain} that the tests compare against the dense kernels.
 */
package daphnegrid.kernels.sparse;
