package daphnegrid.kernels;

/**
 * solve(A, b): x with A x = b for a square A, by LU factorisation with partial pivoting as LAPACK's
 * {@code gesv} does it: at column j the pivot is the first row i >= j of largest |A[i][j]|, rows
 * are swapped, the column below is scaled by the reciprocal of the pivot, and the trailing matrix
 * is updated; then b is permuted and the two triangular systems are solved. An exactly zero pivot
 * means A is singular (LAPACK's info > 0).
 */
public final class LinearSolve {
  private LinearSolve() {}

  /**
   * x (n) = A^-1 b for A (n x n) and b (n); the inputs are not modified, x may be b.
   *
   * @throws KernelException if A is singular
   */
  public static void solve(
      double[] a, int aOff, int n, double[] b, int bOff, double[] x, int xOff) {
    double[] lu = new double[n * n];
    System.arraycopy(a, aOff, lu, 0, n * n);
    double[] y = new double[n];
    System.arraycopy(b, bOff, y, 0, n);
    int[] piv = factor(lu, n);
    for (int j = 0; j < n; j++) {
      double t = y[j];
      y[j] = y[piv[j]];
      y[piv[j]] = t;
    }
    for (int i = 1; i < n; i++) { // L y = P b, L unit lower triangular
      double s = y[i];
      for (int k = 0; k < i; k++) {
        s -= lu[i * n + k] * y[k];
      }
      y[i] = s;
    }
    for (int i = n - 1; i >= 0; i--) { // U x = y
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= lu[i * n + k] * y[k];
      }
      y[i] = s / lu[i * n + i];
    }
    System.arraycopy(y, 0, x, xOff, n);
  }

  /** f32 twin: factorisation and substitution in float, as {@code sgesv}. */
  public static void solve(float[] a, int aOff, int n, float[] b, int bOff, float[] x, int xOff) {
    float[] lu = new float[n * n];
    System.arraycopy(a, aOff, lu, 0, n * n);
    float[] y = new float[n];
    System.arraycopy(b, bOff, y, 0, n);
    int[] piv = factor(lu, n);
    for (int j = 0; j < n; j++) {
      float t = y[j];
      y[j] = y[piv[j]];
      y[piv[j]] = t;
    }
    for (int i = 1; i < n; i++) {
      float s = y[i];
      for (int k = 0; k < i; k++) {
        s -= lu[i * n + k] * y[k];
      }
      y[i] = s;
    }
    for (int i = n - 1; i >= 0; i--) {
      float s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= lu[i * n + k] * y[k];
      }
      y[i] = s / lu[i * n + i];
    }
    System.arraycopy(y, 0, x, xOff, n);
  }

  /** In-place LU of the n x n row-major lu; returns the row swapped with row j at step j. */
  static int[] factor(double[] lu, int n) {
    int[] piv = new int[n];
    for (int j = 0; j < n; j++) {
      int p = j;
      double max = Math.abs(lu[j * n + j]);
      for (int i = j + 1; i < n; i++) {
        double v = Math.abs(lu[i * n + j]);
        if (v > max) {
          max = v;
          p = i;
        }
      }
      piv[j] = p;
      if (lu[p * n + j] == 0.0) {
        throw singular(j);
      }
      if (p != j) {
        for (int k = 0; k < n; k++) {
          double t = lu[j * n + k];
          lu[j * n + k] = lu[p * n + k];
          lu[p * n + k] = t;
        }
      }
      double pivot = lu[j * n + j];
      boolean reciprocal = Math.abs(pivot) >= Double.MIN_NORMAL;
      double r = 1.0 / pivot;
      for (int i = j + 1; i < n; i++) {
        double l = reciprocal ? lu[i * n + j] * r : lu[i * n + j] / pivot;
        lu[i * n + j] = l;
        if (l != 0.0) {
          int ri = i * n;
          int rj = j * n;
          for (int k = j + 1; k < n; k++) {
            lu[ri + k] -= l * lu[rj + k];
          }
        }
      }
    }
    return piv;
  }

  static int[] factor(float[] lu, int n) {
    int[] piv = new int[n];
    for (int j = 0; j < n; j++) {
      int p = j;
      float max = Math.abs(lu[j * n + j]);
      for (int i = j + 1; i < n; i++) {
        float v = Math.abs(lu[i * n + j]);
        if (v > max) {
          max = v;
          p = i;
        }
      }
      piv[j] = p;
      if (lu[p * n + j] == 0f) {
        throw singular(j);
      }
      if (p != j) {
        for (int k = 0; k < n; k++) {
          float t = lu[j * n + k];
          lu[j * n + k] = lu[p * n + k];
          lu[p * n + k] = t;
        }
      }
      float pivot = lu[j * n + j];
      boolean reciprocal = Math.abs(pivot) >= Float.MIN_NORMAL;
      float r = 1f / pivot;
      for (int i = j + 1; i < n; i++) {
        float l = reciprocal ? lu[i * n + j] * r : lu[i * n + j] / pivot;
        lu[i * n + j] = l;
        if (l != 0f) {
          int ri = i * n;
          int rj = j * n;
          for (int k = j + 1; k < n; k++) {
            lu[ri + k] -= l * lu[rj + k];
          }
        }
      }
    }
    return piv;
  }

  private static KernelException singular(int j) {
    return new KernelException(
        "solve: the matrix is singular (U(" + (j + 1) + "," + (j + 1) + ") is exactly zero)");
  }
}
