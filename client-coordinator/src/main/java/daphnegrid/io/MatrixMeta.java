package daphnegrid.io;

import daphnegrid.kernels.ValueType;

/** What a {@code .meta} file says about a matrix: its shape and value type. */
public record MatrixMeta(long numRows, long numCols, ValueType valueType) {}
