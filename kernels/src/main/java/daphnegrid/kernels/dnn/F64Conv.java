package daphnegrid.kernels.dnn;

import java.util.Arrays;

/**
 * The data movement of convolution for f64: unfolding one image into its patch matrix (im2col), the
 * transposed unfolding (im2row) and folding a patch-matrix gradient back onto an image (col2im).
 * Row {@code (c * R + r) * S + s} of the patch matrix holds, for every output cell {@code (p, q)},
 * the input cell {@code (c, p * strideH + r - padH, q * strideW + s - padW)}, or 0 where that falls
 * into the padding.
 */
final class F64Conv {
  private F64Conv() {}

  /**
   * col (patchCells x outCells, from offset 0) = the patch matrix of the image starting at x[xOff].
   */
  static void im2col(double[] x, int xOff, ConvGeometry g, double[] col) {
    int outH = g.outH();
    int outW = g.outW();
    int row = 0;
    for (int c = 0; c < g.channels(); c++) {
      int plane = xOff + c * g.height() * g.width();
      for (int r = 0; r < g.windowH(); r++) {
        for (int s = 0; s < g.windowW(); s++, row++) {
          int base = row * outH * outW;
          int qLo = firstInside(s, g.padW(), g.strideW());
          int qHi = Math.max(qLo, lastInside(s, g.padW(), g.strideW(), g.width(), outW));
          for (int p = 0; p < outH; p++) {
            int o = base + p * outW;
            int h = p * g.strideH() + r - g.padH();
            if (h < 0 || h >= g.height()) {
              Arrays.fill(col, o, o + outW, 0);
              continue;
            }
            Arrays.fill(col, o, o + qLo, 0);
            int src = plane + h * g.width() - g.padW() + s;
            if (g.strideW() == 1) {
              System.arraycopy(x, src + qLo, col, o + qLo, qHi - qLo);
            } else {
              for (int q = qLo; q < qHi; q++) {
                col[o + q] = x[src + q * g.strideW()];
              }
            }
            Arrays.fill(col, o + qHi, o + outW, 0);
          }
        }
      }
    }
  }

  /**
   * rows (outCells x patchCells, from rOff) = the transposed patch matrix of the image at x[xOff].
   */
  static void im2row(double[] x, int xOff, ConvGeometry g, double[] rows, int rOff) {
    int outH = g.outH();
    int outW = g.outW();
    int k = g.patchCells();
    for (int p = 0; p < outH; p++) {
      for (int q = 0; q < outW; q++) {
        int o = rOff + (p * outW + q) * k;
        for (int c = 0; c < g.channels(); c++) {
          int plane = xOff + c * g.height() * g.width();
          for (int r = 0; r < g.windowH(); r++) {
            int h = p * g.strideH() + r - g.padH();
            for (int s = 0; s < g.windowW(); s++, o++) {
              int w = q * g.strideW() + s - g.padW();
              boolean inside = h >= 0 && h < g.height() && w >= 0 && w < g.width();
              rows[o] = inside ? x[plane + h * g.width() + w] : 0;
            }
          }
        }
      }
    }
  }

  /**
   * dx[dxOff ..] += the patch-matrix gradient dcol folded back onto the image: every patch cell is
   * added to the input cell it was copied from (cells from the padding are dropped), in patch-row
   * order and then output order.
   */
  static void col2imAdd(double[] dcol, ConvGeometry g, double[] dx, int dxOff) {
    int outH = g.outH();
    int outW = g.outW();
    int row = 0;
    for (int c = 0; c < g.channels(); c++) {
      int plane = dxOff + c * g.height() * g.width();
      for (int r = 0; r < g.windowH(); r++) {
        for (int s = 0; s < g.windowW(); s++, row++) {
          int base = row * outH * outW;
          int qLo = firstInside(s, g.padW(), g.strideW());
          int qHi = Math.max(qLo, lastInside(s, g.padW(), g.strideW(), g.width(), outW));
          for (int p = 0; p < outH; p++) {
            int h = p * g.strideH() + r - g.padH();
            if (h < 0 || h >= g.height()) {
              continue;
            }
            int o = base + p * outW;
            int dst = plane + h * g.width() - g.padW() + s;
            for (int q = qLo; q < qHi; q++) {
              dx[dst + q * g.strideW()] += dcol[o + q];
            }
          }
        }
      }
    }
  }

  /** The first output column q whose input column q * stride + s - pad is not left of 0. */
  static int firstInside(int s, int pad, int stride) {
    int need = pad - s;
    return need <= 0 ? 0 : (need + stride - 1) / stride;
  }

  /** One past the last output column whose input column is inside the image (at most outW). */
  static int lastInside(int s, int pad, int stride, int width, int outW) {
    int lim = width - 1 + pad - s;
    if (lim < 0) {
      return 0;
    }
    return Math.min(outW, lim / stride + 1);
  }
}
