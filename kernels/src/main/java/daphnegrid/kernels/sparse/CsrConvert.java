package daphnegrid.kernels.sparse;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;

/**
 * Dense to CSR and back. A cell is stored when it is not zero: NaN is stored, and both zeros (+0
 * and -0) are dropped, so a -0 comes back as +0, as in DAPHNE's conversion.
 */
public final class CsrConvert {
  private CsrConvert() {}

  /** The CSR form of a numeric dense matrix. Does not modify m. */
  public static CsrMatrix fromDense(DenseMatrix m) {
    int rows = m.rows();
    int cols = m.cols();
    int[] offsets = new int[rows + 1];
    if (m.type() == ValueType.F64) {
      double[] a = m.f64();
      for (int r = 0; r < rows; r++) {
        int n = 0;
        for (int i = r * cols, end = i + cols; i < end; i++) {
          if (a[i] != 0.0) {
            n++;
          }
        }
        offsets[r + 1] = offsets[r] + n;
      }
      int[] idx = new int[offsets[rows]];
      double[] val = new double[offsets[rows]];
      int k = 0;
      for (int r = 0; r < rows; r++) {
        int base = r * cols;
        for (int c = 0; c < cols; c++) {
          double v = a[base + c];
          if (v != 0.0) {
            idx[k] = c;
            val[k++] = v;
          }
        }
      }
      return CsrMatrix.wrap(ValueType.F64, rows, cols, offsets, idx, val);
    }
    CsrBuilder b = new CsrBuilder(m.type(), rows, cols, 16);
    boolean isFloat = m.type().isFloat();
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        if (isFloat) {
          double v = m.getDouble(base + c);
          if (v != 0.0) {
            b.addDouble(c, v);
          }
        } else {
          long v = m.getLong(base + c);
          if (v != 0) {
            b.addLong(c, v);
          }
        }
      }
      b.endRow();
    }
    return b.build();
  }

  /** The dense form of x (zeros are +0). Does not modify x. */
  public static DenseMatrix toDense(CsrMatrix x) {
    DenseMatrix out = DenseMatrix.allocate(x.type(), x.rows(), x.cols());
    int[] off = x.rowOffsets();
    int[] idx = x.colIdxs();
    int cols = x.cols();
    if (x.type() == ValueType.F64) {
      double[] v = x.f64();
      double[] o = out.f64();
      for (int r = 0; r < x.rows(); r++) {
        for (int k = off[r]; k < off[r + 1]; k++) {
          o[r * cols + idx[k]] = v[k];
        }
      }
      return out;
    }
    Object src = x.valueArray();
    Object dst = out.data();
    for (int r = 0; r < x.rows(); r++) {
      for (int k = off[r]; k < off[r + 1]; k++) {
        System.arraycopy(src, k, dst, r * cols + idx[k], 1);
      }
    }
    return out;
  }

  /**
   * Writes rows r0 .. r0 + rows - 1 of x dense into dst (an array of x's storage type) from dstOff,
   * row after row: every cell, the implicit zeros included, as {@link #toDense} would hold them.
   * Reading a CSR input one tile at a time this way never makes the whole dense form.
   */
  public static void rowsInto(CsrMatrix x, int r0, int rows, Object dst, int dstOff) {
    int cols = x.cols();
    int n = rows * cols;
    switch (x.type().storage()) {
      case DOUBLE -> java.util.Arrays.fill((double[]) dst, dstOff, dstOff + n, 0.0);
      case FLOAT -> java.util.Arrays.fill((float[]) dst, dstOff, dstOff + n, 0f);
      case LONG -> java.util.Arrays.fill((long[]) dst, dstOff, dstOff + n, 0L);
      case INT -> java.util.Arrays.fill((int[]) dst, dstOff, dstOff + n, 0);
      case BYTE -> java.util.Arrays.fill((byte[]) dst, dstOff, dstOff + n, (byte) 0);
      case STRING -> throw new IllegalArgumentException("a CSR matrix holds numbers");
    }
    int[] off = x.rowOffsets();
    int[] idx = x.colIdxs();
    if (x.type() == ValueType.F64) {
      double[] v = x.f64();
      double[] o = (double[]) dst;
      for (int r = 0; r < rows; r++) {
        int base = dstOff + r * cols;
        for (int k = off[r0 + r]; k < off[r0 + r + 1]; k++) {
          o[base + idx[k]] = v[k];
        }
      }
      return;
    }
    Object src = x.valueArray();
    for (int r = 0; r < rows; r++) {
      int base = dstOff + r * cols;
      for (int k = off[r0 + r]; k < off[r0 + r + 1]; k++) {
        System.arraycopy(src, k, dst, base + idx[k], 1);
      }
    }
  }

  /**
   * x with its values converted to type t (DAPHNE's casts), sharing x's pattern; x itself if it has
   * that type. Does not modify x.
   */
  public static CsrMatrix cast(CsrMatrix x, ValueType t) {
    if (x.type() == t) {
      return x;
    }
    DenseMatrix v = daphnegrid.kernels.Casts.cast(x.values(), t);
    return CsrMatrix.wrap(t, x.rows(), x.cols(), x.rowOffsets(), x.colIdxs(), v.data());
  }

  /** True if s is zero of either sign (NaN is not zero). */
  static boolean isZero(Scalar s) {
    return !s.isTrue();
  }
}
