package daphnegrid.kernels;

import java.util.concurrent.ForkJoinPool;

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
    return multiply(a, b, null);
  }

  /**
   * a @ b, on pool's threads when pool is not null (the result does not depend on it).
   *
   * @throws KernelException if a's column count differs from b's row count
   */
  public static DenseMatrix multiply(DenseMatrix a, DenseMatrix b, ForkJoinPool pool) {
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
    multiplyInto(a, b, out, pool);
    return out;
  }

  /** Writes a @ b into out (a.rows x b.cols, same type; must not alias a or b). */
  public static void multiplyInto(DenseMatrix a, DenseMatrix b, DenseMatrix out) {
    multiplyInto(a, b, out, null);
  }

  /** As {@link #multiplyInto(DenseMatrix, DenseMatrix, DenseMatrix)}, on pool's threads. */
  public static void multiplyInto(
      DenseMatrix a, DenseMatrix b, DenseMatrix out, ForkJoinPool pool) {
    int m = a.rows();
    int k = a.cols();
    int n = b.cols();
    ValueType t = a.type();
    long work = (long) m * k * n;
    switch (t.storage()) {
      case DOUBLE ->
          Kernels.implFor(work).matmul().gemm(a.f64(), 0, b.f64(), 0, out.f64(), 0, m, k, n, pool);
      case FLOAT ->
          Kernels.implFor(work).matmul().gemm(a.f32(), 0, b.f32(), 0, out.f32(), 0, m, k, n, pool);
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
}
