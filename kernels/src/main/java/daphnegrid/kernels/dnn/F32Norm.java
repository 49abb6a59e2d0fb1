package daphnegrid.kernels.dnn;

/**
 * Batch normalization over channels and row-wise softmax for f32. A batch-norm input is N x (C *
 * HW): channel c of image n is the run of HW cells at n * C * HW + c * HW.
 */
final class F32Norm {
  private F32Norm() {}

  /**
   * out = gamma[c] * ((x - mean[c]) / sqrt(var[c] + eps)) + beta[c] per channel, in that order of
   * operations (as DAPHNE's inference kernel).
   */
  static void batchNorm(
      float[] x,
      int images,
      int channels,
      int hw,
      float[] gamma,
      float[] beta,
      float[] mean,
      float[] var,
      float eps,
      float[] out) {
    for (int n = 0; n < images; n++) {
      for (int c = 0; c < channels; c++) {
        int o = (n * channels + c) * hw;
        float m = mean[c];
        float sd = (float) Math.sqrt(var[c] + eps);
        float gm = gamma[c];
        float bt = beta[c];
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
      float[] mean,
      float[] invVar,
      float[] x,
      float[] dOut,
      float[] gamma,
      int images,
      int channels,
      int hw,
      float[] dx,
      float[] dGamma,
      float[] dBeta) {
    float m = (float) images * hw;
    float half = (float) 1 / (float) 2;
    float twoByM = (float) 2 / m;
    int chw = channels * hw;
    for (int c = 0; c < channels; c++) {
      float mu = mean[c];
      float iv = invVar[c];
      float iv3 = iv * iv * iv;
      float gm = gamma[c];
      float sumBeta = 0;
      float sumGamma = 0;
      float dVar = 0;
      for (int n = 0; n < images; n++) {
        for (int j = n * chw + c * hw, end = j + hw; j < end; j++) {
          float d = dOut[j];
          sumBeta += d;
          sumGamma += d * (x[j] - mu) * iv;
          dVar -= d * gm * (x[j] - mu) * half * iv3;
        }
      }
      dBeta[c] = sumBeta;
      dGamma[c] = sumGamma;
      float dMean = 0;
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

  private static float d(float[] dOut, int j, float gamma) {
    return dOut[j] * gamma;
  }

  /**
   * Each row of out (rows x cols) = exp(x - max of the row) / their sum, computed as DAPHNE does:
   * the exponentials, their sum left to right, then a multiplication by 1 / sum.
   */
  static void softmax(float[] x, int rows, int cols, float[] out) {
    for (int r = 0; r < rows; r++) {
      int o = r * cols;
      if (cols == 0) {
        continue;
      }
      float max = x[o];
      for (int j = o + 1; j < o + cols; j++) {
        max = max < x[j] ? x[j] : max;
      }
      float sum = 0;
      for (int j = o; j < o + cols; j++) {
        out[j] = (float) Math.exp(x[j] - max);
        sum += out[j];
      }
      float inv = (float) 1 / sum;
      for (int j = o; j < o + cols; j++) {
        out[j] *= inv;
      }
    }
  }
}
