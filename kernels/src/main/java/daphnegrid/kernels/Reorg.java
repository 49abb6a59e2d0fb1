package daphnegrid.kernels;

/** Reorganisation: transpose, concatenation, reversal, sorting, diagonals, triangles. */
public final class Reorg {
  private Reorg() {}

  /** The transpose (any value type). */
  public static DenseMatrix transpose(DenseMatrix m) {
    int rows = m.rows();
    int cols = m.cols();
    DenseMatrix out = DenseMatrix.allocate(m.type(), cols, rows);
    if (rows == 1 || cols == 1) {
      System.arraycopy(m.data(), 0, out.data(), 0, m.size());
      return out;
    }
    final int tile = 32;
    Object src = m.data();
    Object dst = out.data();
    for (int r0 = 0; r0 < rows; r0 += tile) {
      int r1 = Math.min(rows, r0 + tile);
      for (int c0 = 0; c0 < cols; c0 += tile) {
        int c1 = Math.min(cols, c0 + tile);
        switch (m.type().storage()) {
          case DOUBLE -> {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            for (int r = r0; r < r1; r++) {
              for (int c = c0; c < c1; c++) {
                d[c * rows + r] = s[r * cols + c];
              }
            }
          }
          default -> {
            for (int r = r0; r < r1; r++) {
              for (int c = c0; c < c1; c++) {
                java.lang.reflect.Array.set(
                    dst, c * rows + r, java.lang.reflect.Array.get(src, r * cols + c));
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** [a, b] side by side; both of the same value type. */
  public static DenseMatrix cbind(DenseMatrix a, DenseMatrix b) {
    if (a.rows() != b.rows()) {
      throw new KernelException(
          "ColBind - the two operands must have the same number of rows: "
              + Shapes.of(a)
              + " and "
              + Shapes.of(b));
    }
    int rows = a.rows();
    DenseMatrix out = DenseMatrix.allocate(a.type(), rows, a.cols() + b.cols());
    for (int r = 0; r < rows; r++) {
      System.arraycopy(a.data(), r * a.cols(), out.data(), r * out.cols(), a.cols());
      System.arraycopy(b.data(), r * b.cols(), out.data(), r * out.cols() + a.cols(), b.cols());
    }
    return out;
  }

  /** a on top of b; both of the same value type. */
  public static DenseMatrix rbind(DenseMatrix a, DenseMatrix b) {
    if (a.cols() != b.cols()) {
      throw new KernelException(
          "RowBind - the two operands must have the same number of columns: "
              + Shapes.of(a)
              + " and "
              + Shapes.of(b));
    }
    DenseMatrix out = DenseMatrix.allocate(a.type(), a.rows() + b.rows(), a.cols());
    System.arraycopy(a.data(), 0, out.data(), 0, a.size());
    System.arraycopy(b.data(), 0, out.data(), a.size(), b.size());
    return out;
  }

  /** The rows in reverse order. */
  public static DenseMatrix reverse(DenseMatrix m) {
    int rows = m.rows();
    int cols = m.cols();
    DenseMatrix out = DenseMatrix.allocate(m.type(), rows, cols);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(m.data(), r * cols, out.data(), (rows - 1 - r) * cols, cols);
    }
    return out;
  }

  /** An n x n matrix with the n x 1 argument on its diagonal. */
  public static DenseMatrix diagMatrix(DenseMatrix v) {
    if (v.cols() != 1) {
      throw new KernelException(
          "diagMatrix: the argument must be a column (nx1) matrix, got " + Shapes.of(v));
    }
    int n = v.rows();
    DenseMatrix out = DenseMatrix.allocate(v.type(), n, n);
    for (int i = 0; i < n; i++) {
      out.set(i * n + i, v.get(i));
    }
    return out;
  }

  /** The diagonal of a non-empty square matrix as n x 1. */
  public static DenseMatrix diagVector(DenseMatrix m) {
    if (m.rows() != m.cols() || m.rows() == 0) {
      throw new KernelException(
          "diagVector: the argument must be a non-empty square matrix, got " + Shapes.of(m));
    }
    int n = m.rows();
    DenseMatrix out = DenseMatrix.allocate(m.type(), n, 1);
    for (int i = 0; i < n; i++) {
      out.set(i, m.get(i * n + i));
    }
    return out;
  }

  /**
   * The lower (or upper) triangle of a square matrix: strict, plus the diagonal if diag; other
   * cells 0; kept non-zero cells become 1 unless values.
   */
  public static DenseMatrix triangle(DenseMatrix m, boolean lower, boolean diag, boolean values) {
    if (m.rows() != m.cols()) {
      throw new KernelException(
          (lower ? "lowerTri" : "upperTri") + ": the matrix must be square, got " + Shapes.of(m));
    }
    int n = m.rows();
    DenseMatrix out = DenseMatrix.allocate(m.type(), n, n);
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        boolean keep = r == c ? diag : (lower ? r > c : r < c);
        if (!keep) {
          continue;
        }
        int i = r * n + c;
        Scalar v = m.get(i);
        if (!values && v.isTrue()) {
          out.set(i, Scalar.si64(1));
        } else {
          out.set(i, v);
        }
      }
    }
    return out;
  }

  /** Every cell equal to pattern (NaN matches NaN) replaced by replacement; same value type. */
  public static DenseMatrix replace(DenseMatrix m, Scalar pattern, Scalar replacement) {
    DenseMatrix out = m.copy();
    int n = m.size();
    Scalar p = pattern.convert(m.type());
    Scalar rep = replacement.convert(m.type());
    boolean nanPattern = m.type().isFloat() && Double.isNaN(p.doubleValue());
    for (int i = 0; i < n; i++) {
      boolean hit;
      if (m.type().isFloat()) {
        double x = m.getDouble(i);
        hit = nanPattern ? Double.isNaN(x) : x == p.doubleValue();
      } else if (m.type() == ValueType.STR) {
        hit = m.getString(i).equals(p.stringValue());
      } else {
        hit = m.getLong(i) == p.bits();
      }
      if (hit) {
        out.set(i, rep);
      }
    }
    return out;
  }

  /**
   * Stable sort of the rows by the key columns (lexicographic, asc/desc per key); returns the
   * sorted rows, or the permutation as an n x 1 size matrix when returnIndexes.
   */
  public static DenseMatrix order(
      DenseMatrix m, int[] keyCols, boolean[] ascending, boolean returnIndexes) {
    int rows = m.rows();
    int cols = m.cols();
    for (int k : keyCols) {
      if (k < 0 || k >= cols) {
        throw new KernelException("order: key column " + k + " out of bounds for " + Shapes.of(m));
      }
    }
    Integer[] idx = new Integer[rows];
    for (int i = 0; i < rows; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(
        idx,
        (x, y) -> {
          for (int k = 0; k < keyCols.length; k++) {
            int c = compareCells(m, x * cols + keyCols[k], y * cols + keyCols[k]);
            if (c != 0) {
              return ascending[k] ? c : -c;
            }
          }
          return 0;
        });
    if (returnIndexes) {
      DenseMatrix out = DenseMatrix.allocate(ValueType.SIZE, rows, 1);
      for (int i = 0; i < rows; i++) {
        out.i64()[i] = idx[i];
      }
      return out;
    }
    DenseMatrix out = DenseMatrix.allocate(m.type(), rows, cols);
    for (int i = 0; i < rows; i++) {
      System.arraycopy(m.data(), idx[i] * cols, out.data(), i * cols, cols);
    }
    return out;
  }

  static int compareCells(DenseMatrix m, int i, int j) {
    ValueType t = m.type();
    if (t.isFloat()) {
      return Double.compare(m.getDouble(i), m.getDouble(j));
    }
    if (t == ValueType.STR) {
      return ElementOps.compareBytes(m.getString(i), m.getString(j));
    }
    if (t == ValueType.UI64 || t == ValueType.SIZE) {
      return Long.compareUnsigned(m.getLong(i), m.getLong(j));
    }
    return Long.compare(m.getLong(i), m.getLong(j));
  }
}
