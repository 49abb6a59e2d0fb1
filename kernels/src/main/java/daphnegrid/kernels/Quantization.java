package daphnegrid.kernels;

import daphnegrid.kernels.format.NumberFormat;

/**
 * DAPHNE's {@code quantize}: affine quantization of an f32 matrix to ui8 (spec 7.10), computed in
 * f32 arithmetic step by step as DAPHNE's kernel does, so every cell gets DAPHNE's code.
 *
 * <p>The range is widened to contain 0 ({@code lo = min(min, 0)}, {@code hi = max(max, 0)}); {@code
 * scale = (hi - lo) / 256}; the zero point is {@code 255 - hi / scale} clamped to [0, 255] and
 * rounded; a cell x becomes {@code zero + x / scale} clamped to [0, 255] and rounded. Rounding
 * takes halves away from zero. +inf cells become 255, -inf cells 0, and NaN cells 0 (C++ leaves the
 * conversion of NaN undefined; x86-64, where DAPHNE runs, yields 0).
 */
public final class Quantization {
  private static final int Q_MAX = 255;

  private Quantization() {}

  /**
   * The ui8 codes of arg's cells for the range [min, max]. Does not modify arg.
   *
   * @throws KernelException if arg is not f32, if min or max is NaN or infinite, or if the range
   *     holds no value but 0 (min >= 0 >= max), which leaves no scale
   */
  public static DenseMatrix quantize(DenseMatrix arg, float min, float max) {
    if (arg.type() != ValueType.F32) {
      throw new KernelException(
          "quantize: the argument must be an f32 matrix, got " + arg.type().dslName());
    }
    if (!Float.isFinite(min) || !Float.isFinite(max)) {
      throw new KernelException(
          "quantize: min and max must be finite, got " + text(min) + " and " + text(max));
    }
    float lo = min > 0 ? 0 : min;
    float hi = max < 0 ? 0 : max;
    float scale = (hi - lo) / (1 + Q_MAX);
    if (!(scale > 0)) {
      throw new KernelException(
          "quantize: min must be below 0 or max above 0, got " + text(min) + " and " + text(max));
    }
    float zero = round(clamp(Q_MAX - hi / scale));
    float[] in = arg.f32();
    DenseMatrix out = DenseMatrix.allocate(ValueType.UI8, arg.rows(), arg.cols());
    byte[] codes = out.i8();
    for (int i = 0; i < in.length; i++) {
      codes[i] = (byte) round(clamp(zero + in[i] / scale));
    }
    return out;
  }

  /** v limited to [0, 255]; NaN stays NaN (the comparisons fail, as in DAPHNE's kernel). */
  private static float clamp(float v) {
    float r = v > Q_MAX ? Q_MAX : v;
    return r < 0 ? 0 : r;
  }

  /** roundf for v in [0, 255] or NaN: halves go up (away from zero); NaN becomes 0. */
  private static int round(float v) {
    return Math.round(v);
  }

  private static String text(float v) {
    return NumberFormat.general6(v);
  }
}
