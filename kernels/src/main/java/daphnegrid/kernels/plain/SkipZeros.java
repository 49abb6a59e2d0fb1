package daphnegrid.kernels.plain;

/**
 * The plain t(a) @ b that skips the zero cells of a (f64 only: the k-means update t(P) @ X; see
 * {@link daphnegrid.kernels.MatMulKernels#tmatmulSkipZeros}), and the checks that decide whether
 * its result is the full product's.
 */
public final class SkipZeros {
  private SkipZeros() {}

  /**
   * c (k x n) = t(a) @ b skipping the zero cells of a (a is m x k, b m x n); false when b is not
   * finite or a cell of c ends as -0.0 (and, like the vector twin, when c ends non-finite). See
   * {@link daphnegrid.kernels.MatMulKernels#tmatmulSkipZeros}.
   */
  public static boolean tmatmulSkipZeros(
      double[] a, int aOff, int m, int k, double[] b, int bOff, int n, double[] c, int cOff) {
    java.util.Arrays.fill(c, cOff, cOff + k * n, 0.0);
    for (int r = 0; r < m; r++) {
      int bo = bOff + r * n;
      if (!allFinite(b, bo, n)) {
        return false;
      }
      for (int i = 0; i < k; i++) {
        double ai = a[aOff + r * k + i];
        if (ai == 0) {
          continue;
        }
        int co = cOff + i * n;
        for (int j = 0; j < n; j++) {
          c[co + j] = Math.fma(ai, b[bo + j], c[co + j]);
        }
      }
    }
    return finiteNoNegativeZero(c, cOff, k * n);
  }

  /** True when the len cells of x from off are finite. */
  public static boolean allFinite(double[] x, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (!Double.isFinite(x[i])) {
        return false;
      }
    }
    return true;
  }

  /** True when the len cells of c from cOff are finite and none is -0.0. */
  public static boolean finiteNoNegativeZero(double[] c, int cOff, int len) {
    for (int i = cOff; i < cOff + len; i++) {
      double v = c[i];
      if (!Double.isFinite(v) || (v == 0 && Double.doubleToRawLongBits(v) != 0)) {
        return false;
      }
    }
    return true;
  }
}
