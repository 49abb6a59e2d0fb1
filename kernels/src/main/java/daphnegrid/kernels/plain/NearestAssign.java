package daphnegrid.kernels.plain;

/**
 * The plain k-means assignment step (see {@link daphnegrid.kernels.MatMulKernels#nearestAssign}):
 * per row, the distances scaled and shifted, the indicator of the row's minimum and the indicator
 * divided by the number of its ties.
 */
public final class NearestAssign {
  private NearestAssign() {}

  /** See {@link daphnegrid.kernels.MatMulKernels#nearestAssign}. */
  public static void rows(
      double[] d,
      int dOff,
      int rows,
      int k,
      double scale,
      double[] shift,
      int shiftOff,
      double[] p,
      int pOff) {
    for (int r = 0; r < rows; r++) {
      int o = dOff + r * k;
      int po = pOff + r * k;
      double min = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double e = d[o + c] * scale + shift[shiftOff + c];
        p[po + c] = e;
        min = e < min ? e : min;
      }
      int ties = 0;
      for (int c = 0; c < k; c++) {
        ties += p[po + c] <= min ? 1 : 0;
      }
      double count = ties;
      for (int c = 0; c < k; c++) {
        double hit = p[po + c] <= min ? 1.0 : 0.0;
        p[po + c] = ties == 1 ? hit : hit / count;
      }
    }
  }
}
