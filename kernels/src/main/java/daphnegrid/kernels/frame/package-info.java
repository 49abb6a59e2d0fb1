/**
 * Frames (spec 3.4, 8.5): a table of labelled, typed columns of one common length. {@link Frame} is
 * the value; a numeric column is an n x 1 {@link daphnegrid.kernels.DenseMatrix}, a string column a
 * {@link StringColumn} (UTF-8 bytes plus offsets, so that a loaded frame costs little more than its
 * raw bytes). Columns are immutable once inside a frame.
 */
package daphnegrid.kernels.frame;
