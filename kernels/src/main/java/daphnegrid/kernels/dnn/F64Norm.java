package daphnegrid.kernels.dnn;

/**
 * Batch normalization over channels and row-wise softmax for f64. A batch-norm input is N x (C *
 * HW): channel c of image n is the run of HW cells at n * C * HW + c * HW.
 */
final class F64Norm {
  private F64Norm() {}

  /**
   * out = gamma[c] * ((x - mean[c]) / sqrt(var[c] + eps)) + beta[c] per channel, in that order of
   * operations (as DAPHNE's inference kernel).
   */
  static void batchNorm(
      double[] x,
      int images,
      int channels,
      int hw,
      double[] gamma,
      double[] beta,
      double[] mean,
      double[] var,
      double eps,
      double[] out) {
    for (int n = 0; n < images; n++) {
      for (int c = 0; c < channels; c++) {
        int o = (n * channels + c) * hw;
        double m = mean[c];
        double sd = Math.sqrt(var[c] + eps);
        double gm = gamma[c];
        double bt = beta[c];
        for (int j = o; j < o + hw; j++) {
          out[j] = gm * ((x[j] - m) / sd) + bt;
        }
      }
    }
  }

  /**
   * The gradients of batch normalization with the batch statistics mean and invVar (1 /
   * sqrt(variance + eps)) per channel: dx (like x), dGamma and dBeta (one per channel). The sums
   * run over the images in order, then over the cells of a channel, as in DAPHNE's kernel.
   */
  static void batchNormBackward(
      double[] mean,
      double[] invVar,
      double[] x,
      double[] dOut,
      double[] gamma,
      int images,
      int channels,
      int hw,
      double[] dx,
      double[] dGamma,
      double[] dBeta) {
    double m = (double) images * hw;
    double half = (double) 1 / (double) 2;
    double twoByM = (double) 2 / m;
    int chw = channels * hw;
    for (int c = 0; c < channels; c++) {
      double mu = mean[c];
      double iv = invVar[c];
      double iv3 = iv * iv * iv;
      double gm = gamma[c];
      double sumBeta = 0;
      double sumGamma = 0;
      double dVar = 0;
      for (int n = 0; n < images; n++) {
        for (int j = n * chw + c * hw, end = j + hw; j < end; j++) {
          double d = dOut[j];
          sumBeta += d;
          sumGamma += d * (x[j] - mu) * iv;
          dVar -= d * gm * (x[j] - mu) * half * iv3;
        }
      }
      dBeta[c] = sumBeta;
      dGamma[c] = sumGamma;
      double dMean = 0;
      for (int n = 0; n < images; n++) {
        for (int j = n * chw + c * hw, end = j + hw; j < end; j++) {
          dMean += d(dOut, j, gm) * -iv + dVar * -twoByM * (x[j] - mu);
        }
      }
      for (int n = 0; n < images; n++) {
        for (int j = n * chw + c * hw, end = j + hw; j < end; j++) {
          dx[j] = d(dOut, j, gm) * iv + dVar * twoByM * (x[j] - mu) + dMean / m;
        }
      }
    }
  }

  private static double d(double[] dOut, int j, double gamma) {
    return dOut[j] * gamma;
  }

  /**
   * Each row of out (rows x cols) = exp(x - max of the row) / their sum, computed as DAPHNE does:
   * the exponentials, their sum left to right, then a multiplication by 1 / sum.
   */
  static void softmax(double[] x, int rows, int cols, double[] out) {
    for (int r = 0; r < rows; r++) {
      int o = r * cols;
      if (cols == 0) {
        continue;
      }
      double max = x[o];
      for (int j = o + 1; j < o + cols; j++) {
        max = max < x[j] ? x[j] : max;
      }
      double sum = 0;
      for (int j = o; j < o + cols; j++) {
        out[j] = Math.exp(x[j] - max);
        sum += out[j];
      }
      double inv = (double) 1 / sum;
      for (int j = o; j < o + cols; j++) {
        out[j] *= inv;
      }
    }
  }
}
