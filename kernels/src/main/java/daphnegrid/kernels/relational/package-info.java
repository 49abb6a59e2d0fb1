/**
 * Relational kernels over {@link daphnegrid.kernels.frame.Frame} columns: hash join (also by key
 * partitions, {@link daphnegrid.kernels.relational.ShuffleJoin}, and block by block, {@link
 * daphnegrid.kernels.relational.BlockJoin}), hash aggregation, distinct, stable multi-key sort,
 * filtering and the cartesian product. They work on the columns' primitive arrays (numbers) and
 * UTF-8 bytes (strings) and produce row positions or new columns, never one object per row.
 *
 * <p>Determinism: results never depend on the pool or its size. Work that is cut into parts is cut
 * so that each output row, and each per-group fold, is produced by the same sequence of operations
 * as in a serial run (joins probe row ranges and concatenate in range order; grouping partitions
 * groups by hash, so one thread folds all rows of a group in row order).
 */
package daphnegrid.kernels.relational;
