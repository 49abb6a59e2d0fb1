package daphnegrid.kernels.random;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.format.NumberFormat;

/** The dense {@code rand} algorithm of spec 9.2; see {@link Generators#rand}. */
final class RandGenerator {
  private RandGenerator() {}

  static DenseMatrix rand(
      long rows, long cols, Scalar min, Scalar max, double sparsity, long seed) {
    validate(rows, cols, min, max, sparsity);
    long s = Generators.resolveSeed(seed);
    Mt19937 gVal = new Mt19937(s);
    Mt19937 gIdx = new Mt19937(s * 3);
    DenseMatrix out = DenseMatrix.allocate(min.type(), rows, cols);
    int n = out.size();
    boolean dense = sparsity >= 0.5;
    long k = roundHalfAway((dense ? 1 - sparsity : sparsity) * cols * rows);
    if (dense) {
      fillNonZero(out, 0, n, min, max, gVal);
    }
    // phase 2: selection sampling of k cell positions
    long picked = 0;
    for (int i = 0; i < n && picked < k; i++) {
      long x = Distributions.uniformUnsigned(gIdx, n - 1L);
      if (Long.remainderUnsigned(x, n - (long) i) < k - picked) {
        if (dense) {
          out.setLong(i, 0);
        } else {
          fillNonZero(out, i, i + 1, min, max, gVal);
        }
        picked++;
      }
    }
    return out;
  }

  static RandBlock randRows(
      long rows, long cols, Scalar min, Scalar max, long seed, long r0, long r1, long firstDraw) {
    validate(rows, cols, min, max, 1.0);
    if (!min.type().isFloat()) {
      throw new IllegalArgumentException(
          "row blocks of rand need a float value type, not " + min.type().dslName());
    }
    if (seed == -1) {
      throw new IllegalArgumentException("resolve seed -1 before generating row blocks");
    }
    if (r0 < 0 || r0 > r1 || r1 > rows || firstDraw < 0) {
      throw new IllegalArgumentException(
          "rows [" + r0 + ", " + r1 + ") at draw " + firstDraw + " of a " + rows + "-row rand");
    }
    Mt19937 g = new Mt19937(seed);
    g.discard(firstDraw);
    DenseMatrix out = DenseMatrix.allocate(min.type(), r1 - r0, cols);
    long draws = fillNonZero(out, 0, out.size(), min, max, g);
    return new RandBlock(out, r0, firstDraw, draws);
  }

  /**
   * Sets cells [from, to) of out to non-zero draws from g, in order; returns the number of draws
   * taken from g (for floats; integer draws report 0, their count being variable anyway).
   */
  private static long fillNonZero(
      DenseMatrix out, int from, int to, Scalar min, Scalar max, Mt19937 g) {
    long draws = 0;
    switch (out.type()) {
      case F64 -> {
        double[] a = out.f64();
        double lo = min.doubleValue();
        double hi = max.doubleValue();
        for (int i = from; i < to; i++) {
          double v;
          do {
            v = Distributions.uniformF64(g, lo, hi);
            draws += 2;
          } while (v == 0);
          a[i] = v;
        }
      }
      case F32 -> {
        float[] a = out.f32();
        float lo = (float) min.doubleValue();
        float hi = (float) max.doubleValue();
        for (int i = from; i < to; i++) {
          float v;
          do {
            v = Distributions.uniformF32(g, lo, hi);
            draws++;
          } while (v == 0);
          a[i] = v;
        }
      }
      default -> {
        long lo = min.bits();
        long hi = max.bits();
        for (int i = from; i < to; i++) {
          long v;
          do {
            v = Distributions.uniformInt(g, lo, hi);
          } while (v == 0);
          out.setLong(i, v);
        }
      }
    }
    return draws;
  }

  static void validate(long rows, long cols, Scalar min, Scalar max, double sparsity) {
    ValueType t = min.type();
    if (t != max.type()) {
      throw new KernelException(
          "rand: min and max must have the same value type, got "
              + t.dslName()
              + " and "
              + max.type().dslName());
    }
    if (!t.isFloat() && !t.isInteger()) {
      throw new KernelException("rand: value type " + t.dslName() + " is not supported");
    }
    if (rows <= 0 || cols <= 0) {
      throw new KernelException(
          "rand: numRows and numCols must be > 0, got " + rows + " and " + cols);
    }
    boolean ordered =
        t.isFloat()
            ? min.doubleValue() <= max.doubleValue()
            : (t.isUnsigned()
                ? Long.compareUnsigned(min.bits(), max.bits()) <= 0
                : min.bits() <= max.bits());
    if (!ordered) {
      throw new KernelException(
          "rand: min must be <= max, got min "
              + NumberFormat.scalar(min)
              + " and max "
              + NumberFormat.scalar(max));
    }
    if (t.isFloat()
        ? min.doubleValue() == 0 && max.doubleValue() == 0
        : min.bits() == 0 && max.bits() == 0) {
      throw new KernelException(
          "rand: min and max must not both be zero (use sparsity 0 for an all-zero matrix)");
    }
    if (!(sparsity >= 0 && sparsity <= 1)) {
      throw new KernelException("rand: sparsity must be in [0, 1], got " + sparsity);
    }
  }

  /** C {@code round}: to nearest, halves away from zero (here x >= 0). */
  static long roundHalfAway(double x) {
    double f = Math.floor(x);
    return (long) (x - f >= 0.5 ? f + 1 : f);
  }
}
