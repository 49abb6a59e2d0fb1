package daphnegrid.kernels.dnn;

/**
 * Textbook definitions of the DNN layers in f64, straight from the formulas (no im2col, no matrix
 * product, no shared helpers), as the reference the kernels are tested against. Inputs and outputs
 * are flat arrays in the batch layout of {@link daphnegrid.kernels.dnn}.
 */
final class NaiveDnn {
  private NaiveDnn() {}

  static double at(double[] x, ConvGeometry g, int n, int c, int h, int w) {
    if (h < 0 || h >= g.height() || w < 0 || w >= g.width()) {
      return 0;
    }
    return x[((n * g.channels() + c) * g.height() + h) * g.width() + w];
  }

  static double[] conv(double[] x, double[] f, double[] bias, int nf, ConvGeometry g) {
    int ph = g.outH();
    int pw = g.outW();
    double[] out = new double[g.images() * nf * ph * pw];
    for (int n = 0; n < g.images(); n++) {
      for (int k = 0; k < nf; k++) {
        for (int p = 0; p < ph; p++) {
          for (int q = 0; q < pw; q++) {
            double s = 0;
            for (int c = 0; c < g.channels(); c++) {
              for (int r = 0; r < g.windowH(); r++) {
                for (int t = 0; t < g.windowW(); t++) {
                  double v =
                      at(
                          x,
                          g,
                          n,
                          c,
                          p * g.strideH() + r - g.padH(),
                          q * g.strideW() + t - g.padW());
                  s += v * f[((k * g.channels() + c) * g.windowH() + r) * g.windowW() + t];
                }
              }
            }
            out[((n * nf + k) * ph + p) * pw + q] = s + (bias == null ? 0 : bias[k]);
          }
        }
      }
    }
    return out;
  }

  /** d(sum(conv(x) * dOut)) / dx, by the chain rule over every (output cell, weight) pair. */
  static double[] convBackwardData(double[] f, double[] dOut, int nf, ConvGeometry g) {
    double[] dx = new double[g.images() * g.imageCells()];
    forEachTap(
        g,
        nf,
        (n, k, c, r, t, p, q, h, w) -> {
          if (h >= 0 && h < g.height() && w >= 0 && w < g.width()) {
            dx[((n * g.channels() + c) * g.height() + h) * g.width() + w] +=
                dOut[((n * nf + k) * g.outH() + p) * g.outW() + q]
                    * f[((k * g.channels() + c) * g.windowH() + r) * g.windowW() + t];
          }
        });
    return dx;
  }

  static double[] convBackwardFilter(double[] x, double[] dOut, int nf, ConvGeometry g) {
    double[] dw = new double[nf * g.patchCells()];
    forEachTap(
        g,
        nf,
        (n, k, c, r, t, p, q, h, w) ->
            dw[((k * g.channels() + c) * g.windowH() + r) * g.windowW() + t] +=
                dOut[((n * nf + k) * g.outH() + p) * g.outW() + q] * at(x, g, n, c, h, w));
    return dw;
  }

  interface Tap {
    void at(int n, int k, int c, int r, int t, int p, int q, int h, int w);
  }

  static void forEachTap(ConvGeometry g, int nf, Tap tap) {
    for (int n = 0; n < g.images(); n++) {
      for (int k = 0; k < nf; k++) {
        for (int c = 0; c < g.channels(); c++) {
          for (int p = 0; p < g.outH(); p++) {
            for (int q = 0; q < g.outW(); q++) {
              for (int r = 0; r < g.windowH(); r++) {
                for (int t = 0; t < g.windowW(); t++) {
                  tap.at(
                      n,
                      k,
                      c,
                      r,
                      t,
                      p,
                      q,
                      p * g.strideH() + r - g.padH(),
                      q * g.strideW() + t - g.padW());
                }
              }
            }
          }
        }
      }
    }
  }

  static double[] pool(boolean max, double[] x, ConvGeometry g) {
    double[] out = new double[g.images() * g.channels() * g.outCells()];
    int i = 0;
    for (int n = 0; n < g.images(); n++) {
      for (int c = 0; c < g.channels(); c++) {
        for (int p = 0; p < g.outH(); p++) {
          for (int q = 0; q < g.outW(); q++) {
            double acc = max ? Double.NEGATIVE_INFINITY : 0;
            for (int r = 0; r < g.windowH(); r++) {
              for (int t = 0; t < g.windowW(); t++) {
                double v =
                    at(x, g, n, c, p * g.strideH() + r - g.padH(), q * g.strideW() + t - g.padW());
                acc = max ? Math.max(acc, v) : acc + v;
              }
            }
            out[i++] = max ? acc : acc / (g.windowH() * g.windowW());
          }
        }
      }
    }
    return out;
  }

  /** Inputs here have distinct values, so the maximum of a window is unique. */
  static double[] poolBackward(boolean max, double[] x, double[] dOut, ConvGeometry g) {
    double[] dx = new double[g.images() * g.imageCells()];
    double[] pooled = pool(true, x, g);
    int i = 0;
    for (int n = 0; n < g.images(); n++) {
      for (int c = 0; c < g.channels(); c++) {
        for (int p = 0; p < g.outH(); p++) {
          for (int q = 0; q < g.outW(); q++, i++) {
            for (int r = 0; r < g.windowH(); r++) {
              for (int t = 0; t < g.windowW(); t++) {
                int h = p * g.strideH() + r - g.padH();
                int w = q * g.strideW() + t - g.padW();
                if (h < 0 || h >= g.height() || w < 0 || w >= g.width()) {
                  continue;
                }
                int j = ((n * g.channels() + c) * g.height() + h) * g.width() + w;
                if (!max) {
                  dx[j] += dOut[i] / (g.windowH() * g.windowW());
                } else if (x[j] == pooled[i]) {
                  dx[j] += dOut[i];
                }
              }
            }
          }
        }
      }
    }
    return dx;
  }
}
