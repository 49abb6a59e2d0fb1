package daphnegrid.kernels.dnn;

/**
 * Max and average pooling and their gradients for f32, one image channel at a time. As in DAPHNE,
 * padding cells hold 0 and take part in the window: the average divides by the full window size,
 * and the maximum of a window reaching into the padding is at least 0.
 */
final class F32Pool {
  private F32Pool() {}

  /** out[oOff + (p, q)] = max or average of the window at (p, q) of the channel at x[xOff]. */
  static void forward(boolean max, float[] x, int xOff, ConvGeometry g, float[] out, int oOff) {
    int outH = g.outH();
    int outW = g.outW();
    float scale = (float) 1 / (float) (g.windowH() * g.windowW());
    for (int p = 0; p < outH; p++) {
      for (int q = 0; q < outW; q++) {
        float acc =
            max ? cell(x, xOff, g, p * g.strideH() - g.padH(), q * g.strideW() - g.padW()) : 0;
        for (int r = 0; r < g.windowH(); r++) {
          int h = p * g.strideH() + r - g.padH();
          float rowSum = 0;
          for (int s = 0; s < g.windowW(); s++) {
            float v = cell(x, xOff, g, h, q * g.strideW() + s - g.padW());
            if (max) {
              acc = acc < v ? v : acc;
            } else {
              rowSum += v;
            }
          }
          if (!max) {
            acc += rowSum * scale;
          }
        }
        out[oOff + p * outW + q] = acc;
      }
    }
  }

  /**
   * dx[xOff ..] (the channel's gradient, zero on entry) gets each output gradient: for max pooling
   * all of it at the first maximum of its window (nothing if that is a padding cell), for average
   * pooling an equal share at every cell of the window.
   */
  static void backward(
      boolean max, float[] x, int xOff, float[] dOut, int dOff, ConvGeometry g, float[] dx) {
    int outH = g.outH();
    int outW = g.outW();
    float scale = (float) 1 / (float) (g.windowH() * g.windowW());
    for (int p = 0; p < outH; p++) {
      for (int q = 0; q < outW; q++) {
        float d = dOut[dOff + p * outW + q];
        int h0 = p * g.strideH() - g.padH();
        int w0 = q * g.strideW() - g.padW();
        if (max) {
          int bh = h0;
          int bw = w0;
          float best = cell(x, xOff, g, h0, w0);
          for (int r = 0; r < g.windowH(); r++) {
            for (int s = 0; s < g.windowW(); s++) {
              float v = cell(x, xOff, g, h0 + r, w0 + s);
              if (v > best) {
                best = v;
                bh = h0 + r;
                bw = w0 + s;
              }
            }
          }
          if (inside(g, bh, bw)) {
            dx[xOff + bh * g.width() + bw] += d;
          }
        } else {
          float share = scale * d;
          for (int r = 0; r < g.windowH(); r++) {
            for (int s = 0; s < g.windowW(); s++) {
              if (inside(g, h0 + r, w0 + s)) {
                dx[xOff + (h0 + r) * g.width() + w0 + s] += share;
              }
            }
          }
        }
      }
    }
  }

  private static boolean inside(ConvGeometry g, int h, int w) {
    return h >= 0 && h < g.height() && w >= 0 && w < g.width();
  }

  private static float cell(float[] x, int xOff, ConvGeometry g, int h, int w) {
    return inside(g, h, w) ? x[xOff + h * g.width() + w] : 0;
  }
}
