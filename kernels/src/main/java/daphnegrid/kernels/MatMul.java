package daphnegrid.kernels;

/**
 * Matrix products (spec 6.7, 7.8). Both operands have the same value type (the caller converts to
 * the most general one). Each result cell is the sum over k in increasing order of the products, so
 * {@code t(X) @ X} and {@code X @ t(X)} come out exactly symmetric.
 */
public final class MatMul {
  private MatMul() {}

  /**
   * a @ b.
   *
   * @throws KernelException if a's column count differs from b's row count
   */
  public static DenseMatrix multiply(DenseMatrix a, DenseMatrix b) {
    if (a.cols() != b.rows()) {
      throw new KernelException(
          "#cols of lhs and #rows of rhs must be the same in '@': "
              + Shapes.of(a)
              + " @ "
              + Shapes.of(b));
    }
    if (a.type() != b.type()) {
      throw new IllegalArgumentException("matmul operands differ: " + a.type() + ", " + b.type());
    }
    DenseMatrix out = DenseMatrix.allocate(a.type(), a.rows(), b.cols());
    multiplyInto(a, b, out);
    return out;
  }

  /** Writes a @ b into out (a.rows x b.cols, same type; must not alias a or b). */
  public static void multiplyInto(DenseMatrix a, DenseMatrix b, DenseMatrix out) {
    int m = a.rows();
    int k = a.cols();
    int n = b.cols();
    ValueType t = a.type();
    out.clear();
    switch (t.storage()) {
      case DOUBLE -> multiplyF64(a.f64(), b.f64(), out.f64(), m, k, n);
      case FLOAT -> {
        float[] x = a.f32();
        float[] y = b.f32();
        float[] o = out.f32();
        for (int i = 0; i < m; i++) {
          for (int p = 0; p < k; p++) {
            float v = x[i * k + p];
            int yb = p * n;
            int ob = i * n;
            for (int j = 0; j < n; j++) {
              o[ob + j] += v * y[yb + j];
            }
          }
        }
      }
      case STRING -> throw new KernelException("'@' is not defined for string matrices");
      default -> {
        long[] acc = new long[n];
        for (int i = 0; i < m; i++) {
          java.util.Arrays.fill(acc, 0);
          for (int p = 0; p < k; p++) {
            long v = a.getLong(i * k + p);
            if (v == 0) {
              continue;
            }
            int yb = p * n;
            for (int j = 0; j < n; j++) {
              acc[j] += v * b.getLong(yb + j);
            }
          }
          for (int j = 0; j < n; j++) {
            out.setLong(i * n + j, Convert.narrow(acc[j], t));
          }
        }
      }
    }
  }

  static void multiplyF64(double[] x, double[] y, double[] o, int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      int ob = i * n;
      for (int p = 0; p < k; p++) {
        double v = x[i * k + p];
        int yb = p * n;
        for (int j = 0; j < n; j++) {
          o[ob + j] += v * y[yb + j];
        }
      }
    }
  }
}
