package daphnegrid.kernels.sparse;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.util.Arrays;

/**
 * Builds a CSR matrix row by row: cells are appended in row-major order, and {@link #endRow} closes
 * the current row. The arrays grow by half when full, and {@link #build} hands them over unshrunk
 * (a matrix may hold arrays longer than its non-zeros).
 */
final class CsrBuilder {
  private final ValueType type;
  private final int rows;
  private final int cols;
  private final int[] rowOffsets;
  private int[] colIdxs;
  private DenseMatrix values;
  private int row;
  private int nnz;

  CsrBuilder(ValueType type, int rows, int cols, int capacity) {
    this.type = type;
    this.rows = rows;
    this.cols = cols;
    this.rowOffsets = new int[rows + 1];
    int cap = Math.max(capacity, 4);
    this.colIdxs = new int[cap];
    this.values = DenseMatrix.allocate(type, 1, cap);
  }

  private void ensure() {
    if (nnz == colIdxs.length) {
      int cap = (int) Math.min(Integer.MAX_VALUE - 16, nnz + (nnz >> 1) + 16L);
      colIdxs = Arrays.copyOf(colIdxs, cap);
      DenseMatrix grown = DenseMatrix.allocate(type, 1, cap);
      System.arraycopy(values.data(), 0, grown.data(), 0, nnz);
      values = grown;
    }
  }

  void addDouble(int col, double v) {
    ensure();
    colIdxs[nnz] = col;
    values.setDouble(nnz++, v);
  }

  void addLong(int col, long v) {
    ensure();
    colIdxs[nnz] = col;
    values.setLong(nnz++, v);
  }

  void add(int col, Scalar v) {
    ensure();
    colIdxs[nnz] = col;
    values.set(nnz++, v);
  }

  void endRow() {
    rowOffsets[++row] = nnz;
  }

  CsrMatrix build() {
    while (row < rows) {
      endRow();
    }
    return CsrMatrix.wrap(type, rows, cols, rowOffsets, colIdxs, values.data());
  }
}
