package daphnegrid.kernels.plain;

/**
 * Plain rows of x @ d for a CSR x and a dense d: the twin of the vector loops and the definition of
 * each cell's chain (see {@link daphnegrid.kernels.MatMulKernels#csrDense}).
 */
public final class CsrDenseLoops {
  private CsrDenseLoops() {}

  /**
   * Rows [r0, r1) of out (row r at r * n) = x @ d for the CSR x (values xv, row offsets off, column
   * indices idx) and the row-major d with n columns. out[r][j] starts at +0 and adds xv[k] *
   * d[idx[k]][j] for the stored cells k of row r in order, product and sum each rounded.
   */
  public static void rows(
      double[] xv, int[] off, int[] idx, double[] d, int n, double[] out, int r0, int r1) {
    for (int r = r0; r < r1; r++) {
      int ob = r * n;
      java.util.Arrays.fill(out, ob, ob + n, 0.0);
      for (int k = off[r]; k < off[r + 1]; k++) {
        double a = xv[k];
        int db = idx[k] * n;
        for (int j = 0; j < n; j++) {
          out[ob + j] += a * d[db + j];
        }
      }
    }
  }

  /** The f32 twin of {@link #rows(double[], int[], int[], double[], int, double[], int, int)}. */
  public static void rows(
      float[] xv, int[] off, int[] idx, float[] d, int n, float[] out, int r0, int r1) {
    for (int r = r0; r < r1; r++) {
      int ob = r * n;
      java.util.Arrays.fill(out, ob, ob + n, 0.0f);
      for (int k = off[r]; k < off[r + 1]; k++) {
        float a = xv[k];
        int db = idx[k] * n;
        for (int j = 0; j < n; j++) {
          out[ob + j] += a * d[db + j];
        }
      }
    }
  }
}
