package daphnegrid.kernels;

/**
 * Eigenvalues and eigenvectors of a symmetric matrix (DaphneDSL's {@code eigen}) by the cyclic
 * Jacobi method in double precision: sweeps of plane rotations, each zeroing one off-diagonal pair,
 * until the off-diagonal mass is negligible. Jacobi is simple, accurate to the last digits for
 * small eigenvalues, and deterministic; it costs about 10 n^3 flops per sweep, which suits the
 * covariance-sized matrices scripts decompose (a tridiagonal QR would be the step up for n in the
 * thousands).
 *
 * <p>Results are ordered by ascending eigenvalue; each eigenvector (a column of the vectors matrix)
 * has unit length and its largest-magnitude component positive (the first one on a tie), so the
 * output is a pure function of the input.
 */
public final class SymmetricEigen {
  private SymmetricEigen() {}

  private static final int MAX_SWEEPS = 100;

  /**
   * values (n) and vectors (n x n, one eigenvector per column) of the symmetric a (n x n).
   *
   * @throws KernelException if a is not exactly symmetric
   */
  public static void decompose(
      double[] a, int aOff, int n, double[] values, int valuesOff, double[] vectors, int vecOff) {
    double[] w = new double[n * n];
    System.arraycopy(a, aOff, w, 0, n * n);
    requireSymmetric(w, n);
    double[] v = new double[n * n];
    jacobi(w, v, n);
    order(w, v, n, values, valuesOff, vectors, vecOff);
  }

  /** f32 twin: computed in double, rounded to float at the end. */
  public static void decompose(
      float[] a, int aOff, int n, float[] values, int valuesOff, float[] vectors, int vecOff) {
    double[] w = new double[n * n];
    for (int i = 0; i < n * n; i++) {
      w[i] = a[aOff + i];
    }
    requireSymmetric(w, n);
    double[] v = new double[n * n];
    jacobi(w, v, n);
    double[] vals = new double[n];
    double[] vecs = new double[n * n];
    order(w, v, n, vals, 0, vecs, 0);
    for (int i = 0; i < n; i++) {
      values[valuesOff + i] = (float) vals[i];
    }
    for (int i = 0; i < n * n; i++) {
      vectors[vecOff + i] = (float) vecs[i];
    }
  }

  private static void requireSymmetric(double[] w, int n) {
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (!(w[i * n + j] == w[j * n + i])) {
          throw new KernelException("eigen: Input matrix must be symmetric");
        }
      }
    }
  }

  /** Diagonalises w in place and accumulates the rotations in v (starting from the identity). */
  private static void jacobi(double[] w, double[] v, int n) {
    for (int i = 0; i < n; i++) {
      v[i * n + i] = 1.0;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      double diag = 0;
      for (int p = 0; p < n; p++) {
        diag += w[p * n + p] * w[p * n + p];
        for (int q = p + 1; q < n; q++) {
          off += w[p * n + q] * w[p * n + q];
        }
      }
      if (off <= 1e-32 * diag || off == 0 || !(off < Double.POSITIVE_INFINITY)) {
        return;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = w[p * n + q];
          if (apq != 0.0) {
            rotate(w, v, n, p, q, apq);
          }
        }
      }
    }
  }

  /** One rotation J(p, q) with w = J^T w J and v = v J, chosen to make w[p][q] zero. */
  private static void rotate(double[] w, double[] v, int n, int p, int q, double apq) {
    double theta = (w[q * n + q] - w[p * n + p]) / (2 * apq);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    } else if (Double.isInfinite(theta * theta)) {
      t = 1 / (2 * theta);
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    for (int k = 0; k < n; k++) { // columns p, q: w = w J
      double kp = w[k * n + p];
      double kq = w[k * n + q];
      w[k * n + p] = c * kp - s * kq;
      w[k * n + q] = s * kp + c * kq;
    }
    for (int k = 0; k < n; k++) { // rows p, q: w = J^T w
      double pk = w[p * n + k];
      double qk = w[q * n + k];
      w[p * n + k] = c * pk - s * qk;
      w[q * n + k] = s * pk + c * qk;
    }
    w[p * n + q] = 0;
    w[q * n + p] = 0;
    for (int k = 0; k < n; k++) {
      double kp = v[k * n + p];
      double kq = v[k * n + q];
      v[k * n + p] = c * kp - s * kq;
      v[k * n + q] = s * kp + c * kq;
    }
  }

  private static void order(
      double[] w, double[] v, int n, double[] values, int valuesOff, double[] vectors, int vecOff) {
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (x, y) -> Double.compare(w[x * n + x], w[y * n + y]));
    for (int c = 0; c < n; c++) {
      int src = idx[c];
      values[valuesOff + c] = w[src * n + src];
      int big = 0;
      for (int r = 1; r < n; r++) {
        if (Math.abs(v[r * n + src]) > Math.abs(v[big * n + src])) {
          big = r;
        }
      }
      double sign = v[big * n + src] < 0 ? -1 : 1;
      for (int r = 0; r < n; r++) {
        vectors[vecOff + r * n + c] = sign * v[r * n + src];
      }
    }
  }
}
