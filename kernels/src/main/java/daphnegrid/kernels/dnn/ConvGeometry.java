package daphnegrid.kernels.dnn;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;

/**
 * The shape of a convolution or pooling over a batch: images of {@code channels x height x width}
 * cells, a {@code windowH x windowW} filter or pool window moved by {@code strideH, strideW} over
 * the image with {@code padH, padW} zero rows and columns on each side. The output of one channel
 * is {@link #outH()} x {@link #outW()}.
 */
public record ConvGeometry(
    int images,
    int channels,
    int height,
    int width,
    int windowH,
    int windowW,
    int strideH,
    int strideW,
    int padH,
    int padW) {

  /**
   * Checks the sizes of a call of op (negative or zero sizes, a window larger than the padded
   * image, results too large for one array). window names the window in messages ("filter" gives
   * "filterH", "pool" gives "poolH").
   *
   * @throws KernelException naming op and the offending sizes
   */
  public static ConvGeometry of(
      String op,
      String window,
      long images,
      long channels,
      long height,
      long width,
      long windowH,
      long windowW,
      long strideH,
      long strideW,
      long padH,
      long padW) {
    positive(op, "numImages", images);
    positive(op, "numChannels", channels);
    positive(op, "imgHeight", height);
    positive(op, "imgWidth", width);
    positive(op, window + "H", windowH);
    positive(op, window + "W", windowW);
    positive(op, "strideH", strideH);
    positive(op, "strideW", strideW);
    nonNegative(op, "paddingH", padH);
    nonNegative(op, "paddingW", padW);
    if (windowH > height + 2 * padH || windowW > width + 2 * padW) {
      throw new KernelException(
          op
              + ": the "
              + windowH
              + "x"
              + windowW
              + " "
              + window
              + " does not fit the "
              + height
              + "x"
              + width
              + " image with padding "
              + padH
              + "x"
              + padW);
    }
    cells(op, "input", images, channels * height * width);
    ConvGeometry g =
        new ConvGeometry(
            (int) images,
            (int) channels,
            (int) height,
            (int) width,
            (int) windowH,
            (int) windowW,
            (int) strideH,
            (int) strideW,
            (int) padH,
            (int) padW);
    cells(op, "output", images, channels * (long) g.outH() * g.outW());
    cells(op, "patch", channels * windowH * windowW, (long) g.outH() * g.outW());
    return g;
  }

  private static void positive(String op, String what, long v) {
    if (v <= 0 || v > Integer.MAX_VALUE) {
      throw new KernelException(op + ": " + what + " must be positive, got " + v);
    }
  }

  private static void nonNegative(String op, String what, long v) {
    if (v < 0 || v > Integer.MAX_VALUE / 4) {
      throw new KernelException(op + ": " + what + " must not be negative, got " + v);
    }
  }

  private static void cells(String op, String what, long rows, long cols) {
    if (rows * cols > DenseMatrix.MAX_CELLS) {
      throw new KernelException(op + ": the " + what + " (" + rows + "x" + cols + ") is too large");
    }
  }

  /** Output rows per channel: (height + 2 padH - windowH) / strideH + 1. */
  public int outH() {
    return (height + 2 * padH - windowH) / strideH + 1;
  }

  /** Output columns per channel. */
  public int outW() {
    return (width + 2 * padW - windowW) / strideW + 1;
  }

  /** Cells of one input image: channels * height * width. */
  public int imageCells() {
    return channels * height * width;
  }

  /** Cells of one output channel: outH * outW. */
  public int outCells() {
    return outH() * outW();
  }

  /** Rows of the im2col matrix of one image: channels * windowH * windowW. */
  public int patchCells() {
    return channels * windowH * windowW;
  }

  /** Requires x to hold images rows of imageCells columns; what names x in the message. */
  void requireImages(String op, String what, DenseMatrix x) {
    if (x.rows() != images) {
      throw new KernelException(
          op + ": " + what + " has " + x.rows() + " rows but the batch size is " + images);
    }
    if (x.cols() != imageCells()) {
      throw new KernelException(
          op
              + ": "
              + what
              + " has "
              + x.cols()
              + " columns but numChannels*imgHeight*imgWidth is "
              + channels
              + "*"
              + height
              + "*"
              + width
              + " = "
              + imageCells());
    }
  }

  /** Requires m to be images x (depth * outH * outW), a gradient of the output. */
  void requireOutput(String op, String what, DenseMatrix m, int depth) {
    long cols = (long) depth * outCells();
    if (m.rows() != images || m.cols() != cols) {
      throw new KernelException(
          op
              + ": "
              + what
              + " must be "
              + images
              + "x"
              + cols
              + " ("
              + depth
              + " channels of "
              + outH()
              + "x"
              + outW()
              + "), got "
              + m.rows()
              + "x"
              + m.cols());
    }
  }
}
