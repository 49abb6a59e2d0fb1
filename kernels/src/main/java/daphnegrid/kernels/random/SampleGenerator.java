package daphnegrid.kernels.random;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.format.NumberFormat;
import java.util.HashSet;
import java.util.Set;

/** The {@code sample} algorithm of spec 9.3; see {@link Generators#sample}. */
final class SampleGenerator {
  private SampleGenerator() {}

  static DenseMatrix sample(Scalar range, long size, boolean withReplacement, long seed) {
    ValueType t = range.type();
    if (!t.isFloat() && !t.isInteger()) {
      throw new KernelException("sample: value type " + t.dslName() + " is not supported");
    }
    if (size <= 0) {
      throw new KernelException("sample: size must be > 0, got " + size);
    }
    boolean positive =
        t.isFloat()
            ? range.doubleValue() > 0
            : (t.isUnsigned() ? range.bits() != 0 : range.bits() > 0);
    if (!positive) {
      throw new KernelException("sample: range must be > 0, got " + NumberFormat.scalar(range));
    }
    if (t.isInteger() && !withReplacement && Long.compareUnsigned(range.bits(), size) < 0) {
      throw new KernelException(
          "sample: without replacement, range ("
              + NumberFormat.scalar(range)
              + ") must not be smaller than size ("
              + size
              + ")");
    }
    DenseMatrix out = DenseMatrix.allocate(t, size, 1);
    Mt19937 g = new Mt19937(Generators.resolveSeed(seed));
    int n = out.size();
    if (t.isInteger()) {
      integers(out, n, range.bits(), withReplacement, g);
    } else if (t == ValueType.F64) {
      double hi = Math.nextDown(range.doubleValue()); // nextafter(range, 0)
      requireEnoughFloats(withReplacement, size, Double.doubleToLongBits(hi) + 1);
      Set<Long> seen = new HashSet<>();
      double[] a = out.f64();
      for (int k = 0; k < n; k++) {
        double v;
        do {
          v = Distributions.uniformF64(g, 0, hi);
        } while (!withReplacement && !seen.add(Double.doubleToLongBits(v)));
        a[k] = v;
      }
    } else {
      float hi = Math.nextDown((float) range.doubleValue());
      requireEnoughFloats(withReplacement, size, Float.floatToIntBits(hi) + 1L);
      Set<Float> seen = new HashSet<>();
      float[] a = out.f32();
      for (int k = 0; k < n; k++) {
        float v;
        do {
          v = Distributions.uniformF32(g, 0, hi);
        } while (!withReplacement && !seen.add(v));
        a[k] = v;
      }
    }
    return out;
  }

  /** Distinct draws from [0, hi] cannot outnumber the floats there (would never terminate). */
  private static void requireEnoughFloats(boolean withReplacement, long size, long floatsBelow) {
    if (!withReplacement && size > floatsBelow) {
      throw new KernelException(
          "sample: without replacement, size ("
              + size
              + ") exceeds the "
              + floatsBelow
              + " floating-point values below range");
    }
  }

  private static void integers(
      DenseMatrix out, int n, long range, boolean withReplacement, Mt19937 g) {
    long hi = range - 1;
    if (withReplacement) {
      for (int k = 0; k < n; k++) {
        out.setLong(k, Distributions.uniformUnsigned(g, hi));
      }
      return;
    }
    // selection sampling over 0..range-1 (each draw over the whole range, as DAPHNE does) ...
    long[] res = new long[n];
    int picked = 0;
    for (long v = 0; Long.compareUnsigned(v, range) < 0 && picked < n; v++) {
      long x = Distributions.uniformUnsigned(g, hi);
      if (Long.remainderUnsigned(x, range - v) < n - picked) {
        res[picked++] = v;
      }
    }
    // ... which picks in increasing order, hence the shuffle
    Distributions.shuffle(res, n, g);
    for (int k = 0; k < n; k++) {
      out.setLong(k, res[k]);
    }
  }
}
