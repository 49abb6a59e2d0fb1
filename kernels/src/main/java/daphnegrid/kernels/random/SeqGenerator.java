package daphnegrid.kernels.random;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;

/** The {@code seq} algorithm of spec 9.4; see {@link Generators#seq}. */
final class SeqGenerator {
  private SeqGenerator() {}

  /** Floats end within this distance past {@code to} without dropping the last element. */
  private static final double OVERSHOOT_TOLERANCE = 1e-13;

  static DenseMatrix seq(Scalar from, Scalar to, Scalar inc) {
    ValueType t = ValueType.mostGeneral(from.type(), ValueType.mostGeneral(to.type(), inc.type()));
    if (t == ValueType.F64) {
      return f64(
          from.convert(t).doubleValue(), to.convert(t).doubleValue(), inc.convert(t).doubleValue());
    }
    if (t == ValueType.F32) {
      return f32(
          (float) from.convert(t).doubleValue(),
          (float) to.convert(t).doubleValue(),
          (float) inc.convert(t).doubleValue());
    }
    if (!t.isInteger()) {
      throw new KernelException("seq: value type " + t.dslName() + " is not supported");
    }
    return integer(t, from.convert(t).bits(), to.convert(t).bits(), inc.convert(t).bits());
  }

  private static DenseMatrix f64(double from, double to, double inc) {
    checkFloat(Double.isNaN(from) || Double.isNaN(to) || Double.isNaN(inc), inc == 0);
    if ((from < to && inc < 0) || (from > to && inc > 0)) {
      return DenseMatrix.allocate(ValueType.F64, 0, 1);
    }
    double count = Math.ceil(Math.abs(to - from) / Math.abs(inc)) + 1;
    double[] v = new double[length(count)];
    double acc = from;
    for (int k = 0; k < v.length; k++) {
      v[k] = acc;
      acc += inc;
    }
    double last = v[v.length - 1];
    boolean overshoot =
        (to > from && last - to > OVERSHOOT_TOLERANCE)
            || (to < from && to - last > OVERSHOOT_TOLERANCE);
    return DenseMatrix.wrap(ValueType.F64, v.length - (overshoot ? 1 : 0), 1, v);
  }

  private static DenseMatrix f32(float from, float to, float inc) {
    checkFloat(Float.isNaN(from) || Float.isNaN(to) || Float.isNaN(inc), inc == 0);
    if ((from < to && inc < 0) || (from > to && inc > 0)) {
      return DenseMatrix.allocate(ValueType.F32, 0, 1);
    }
    float count = (float) Math.ceil(Math.abs(to - from) / Math.abs(inc)) + 1;
    float[] v = new float[length(count)];
    float acc = from;
    for (int k = 0; k < v.length; k++) {
      v[k] = acc;
      acc += inc;
    }
    float last = v[v.length - 1];
    boolean overshoot =
        (to > from && last - to > OVERSHOOT_TOLERANCE)
            || (to < from && to - last > OVERSHOOT_TOLERANCE);
    return DenseMatrix.wrap(ValueType.F32, v.length - (overshoot ? 1 : 0), 1, v);
  }

  private static DenseMatrix integer(ValueType t, long from, long to, long inc) {
    if (inc == 0) {
      throw new KernelException("seq: inc should not be zero");
    }
    boolean unsigned = t.isUnsigned();
    int cmp = unsigned ? Long.compareUnsigned(from, to) : Long.compare(from, to);
    boolean negative = !unsigned && inc < 0;
    if ((cmp < 0 && negative) || (cmp > 0 && !negative)) {
      return DenseMatrix.allocate(t, 0, 1);
    }
    long distance = cmp <= 0 ? to - from : from - to; // |to - from|, exact as unsigned
    long step = negative ? -inc : inc;
    long count = Long.divideUnsigned(distance, step) + 1;
    if (count <= 0 || count > DenseMatrix.MAX_CELLS) {
      throw new KernelException("seq: " + Long.toUnsignedString(count) + " elements are too many");
    }
    DenseMatrix out = DenseMatrix.allocate(t, count, 1);
    long acc = from;
    for (int k = 0; k < (int) count; k++) {
      out.setLong(k, acc);
      acc += inc;
    }
    return out;
  }

  /**
   * The number of elements seq(from, to, inc) has, computed the way {@link #seq} does (floats
   * replay the accumulation to decide whether the last element overshoots), without allocating
   * them.
   */
  static long count(Scalar from, Scalar to, Scalar inc) {
    ValueType t = type(from, to, inc);
    if (t == ValueType.F64 || t == ValueType.F32) {
      boolean f32 = t == ValueType.F32;
      double f = from.convert(t).doubleValue();
      double e = to.convert(t).doubleValue();
      double i = inc.convert(t).doubleValue();
      checkFloat(Double.isNaN(f) || Double.isNaN(e) || Double.isNaN(i), i == 0);
      if ((f < e && i < 0) || (f > e && i > 0)) {
        return 0;
      }
      double count =
          f32
              ? (float) Math.ceil(Math.abs((float) e - (float) f) / Math.abs((float) i)) + 1
              : Math.ceil(Math.abs(e - f) / Math.abs(i)) + 1;
      long n = length(count);
      double last = valueAt(f, i, f32, n - 1);
      boolean overshoot =
          (e > f && last - e > OVERSHOOT_TOLERANCE) || (e < f && e - last > OVERSHOOT_TOLERANCE);
      return n - (overshoot ? 1 : 0);
    }
    return seq(from, to, inc).rows();
  }

  /** The most general value type of seq's three arguments. */
  static ValueType type(Scalar from, Scalar to, Scalar inc) {
    return ValueType.mostGeneral(from.type(), ValueType.mostGeneral(to.type(), inc.type()));
  }

  /** Element k of a float sequence: the accumulation from + inc + inc + ... replayed k times. */
  private static double valueAt(double from, double inc, boolean f32, long k) {
    if (f32) {
      float acc = (float) from;
      for (long j = 0; j < k; j++) {
        acc += (float) inc;
      }
      return acc;
    }
    double acc = from;
    for (long j = 0; j < k; j++) {
      acc += inc;
    }
    return acc;
  }

  /**
   * Elements [r0, r1) of a sequence of type t starting at from with step inc (both already of type
   * t), as an (r1 - r0) x 1 matrix with exactly the values {@link #seq} computes.
   */
  static DenseMatrix rows(Scalar from, Scalar inc, ValueType t, long r0, long r1) {
    DenseMatrix out = DenseMatrix.allocate(t, r1 - r0, 1);
    int n = out.rows();
    if (t == ValueType.F64) {
      double acc = valueAt(from.doubleValue(), inc.doubleValue(), false, r0);
      double step = inc.doubleValue();
      for (int k = 0; k < n; k++) {
        out.f64()[k] = acc;
        acc += step;
      }
    } else if (t == ValueType.F32) {
      float acc = (float) valueAt(from.doubleValue(), inc.doubleValue(), true, r0);
      float step = (float) inc.doubleValue();
      for (int k = 0; k < n; k++) {
        out.f32()[k] = acc;
        acc += step;
      }
    } else {
      long acc = from.bits() + r0 * inc.bits();
      for (int k = 0; k < n; k++) {
        out.setLong(k, acc);
        acc += inc.bits();
      }
    }
    return out;
  }

  private static void checkFloat(boolean nan, boolean zeroInc) {
    if (nan) {
      throw new KernelException("seq: from, to and inc must not be NaN");
    }
    if (zeroInc) {
      throw new KernelException("seq: inc should not be zero");
    }
  }

  private static int length(double count) {
    if (!(count <= DenseMatrix.MAX_CELLS)) {
      throw new KernelException("seq: " + count + " elements are too many");
    }
    return (int) count;
  }
}
