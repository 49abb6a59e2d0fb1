package daphnegrid.kernels.relational;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.StringColumn;

/**
 * Grouped aggregation of one column: out[g] = fn over the values of the rows i with groupOf[i] ==
 * g, folded in row order (so float sums equal a sequential loop). Result types follow DAPHNE: sum,
 * min and max keep the column's type, count is si64, mean/var/stddev are f64. Rows whose group is
 * negative are skipped. A group without rows gets the neutral element: sum 0, count 0, min/max the
 * type's largest/smallest value (floats: +inf/-inf), mean/var/stddev NaN.
 */
public final class Aggregates {
  private Aggregates() {}

  public enum Fn {
    SUM,
    COUNT,
    MIN,
    MAX,
    MEAN,
    VAR,
    STDDEV;

    /** The result's value type for a column of type t (see the class note). */
    public ValueType resultType(ValueType t) {
      return switch (this) {
        case SUM, MIN, MAX -> t;
        case COUNT -> ValueType.SI64;
        case MEAN, VAR, STDDEV -> ValueType.F64;
      };
    }
  }

  /** See the class note. */
  public static Column apply(Fn fn, Column values, int[] groupOf, int groups) {
    if (values.size() != groupOf.length) {
      throw new IllegalArgumentException("one group id per row is needed");
    }
    return apply(fn, values, 0, groupOf, groups);
  }

  /**
   * {@link #apply} over the rows from .. from + groupOf.length of values (groupOf[i] the group of
   * row from + i), read in place: a row block of a column without copying it.
   */
  public static Column apply(Fn fn, Column values, int from, int[] groupOf, int groups) {
    if (from < 0 || from + groupOf.length > values.size()) {
      throw new IllegalArgumentException("the rows lie outside the column");
    }
    if (fn == Fn.COUNT) {
      long[] c = new long[groups];
      for (int g : groupOf) {
        if (g >= 0) c[g]++;
      }
      return Column.of(DenseMatrix.wrap(ValueType.SI64, groups, 1, c));
    }
    ValueType t = values.type();
    if (values instanceof StringColumn s) {
      if (fn != Fn.MIN && fn != Fn.MAX) {
        throw new KernelException(
            "aggregation " + fn.name().toLowerCase() + " is not defined for str values");
      }
      return stringExtreme(s, fn == Fn.MIN, from, groupOf, groups);
    }
    DenseMatrix m = values.toMatrix();
    int n = groupOf.length;
    if (t.isFloat() || fn == Fn.MEAN || fn == Fn.VAR || fn == Fn.STDDEV) {
      if (m.type() == ValueType.F64) {
        return Column.of(floats(fn, t, m.f64(), from, groupOf, groups));
      }
      double[] d = new double[n];
      for (int i = 0; i < n; i++) d[i] = m.getDouble(from + i);
      return Column.of(floats(fn, t, d, 0, groupOf, groups));
    }
    if (m.type().storage() == ValueType.Storage.LONG) {
      return Column.of(integers(fn, t, m.i64(), from, groupOf, groups));
    }
    long[] v = new long[n];
    for (int i = 0; i < n; i++) v[i] = m.getLong(from + i);
    return Column.of(integers(fn, t, v, 0, groupOf, groups));
  }

  private static DenseMatrix floats(
      Fn fn, ValueType t, double[] v, int off, int[] groupOf, int groups) {
    double[] acc = new double[groups];
    boolean f32 = t == ValueType.F32 && (fn == Fn.SUM || fn == Fn.MIN || fn == Fn.MAX);
    switch (fn) {
      case SUM -> {
        if (f32) {
          for (int i = 0; i < groupOf.length; i++) {
            int g = groupOf[i];
            if (g >= 0) acc[g] = (float) (acc[g] + v[off + i]);
          }
        } else {
          for (int i = 0; i < groupOf.length; i++) {
            int g = groupOf[i];
            if (g >= 0) acc[g] += v[off + i];
          }
        }
      }
      case MIN, MAX -> {
        boolean min = fn == Fn.MIN;
        java.util.Arrays.fill(acc, min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        for (int i = 0; i < groupOf.length; i++) {
          int g = groupOf[i];
          // NaN never replaces the accumulator (DAPHNE's std::min/max with it on the left).
          if (g >= 0 && (min ? v[off + i] < acc[g] : v[off + i] > acc[g])) acc[g] = v[off + i];
        }
      }
      case MEAN, VAR, STDDEV -> {
        long[] count = new long[groups];
        for (int i = 0; i < groupOf.length; i++) {
          int g = groupOf[i];
          if (g >= 0) {
            acc[g] += v[off + i];
            count[g]++;
          }
        }
        for (int g = 0; g < groups; g++) acc[g] /= count[g];
        if (fn != Fn.MEAN) {
          double[] sq = new double[groups];
          for (int i = 0; i < groupOf.length; i++) {
            int g = groupOf[i];
            if (g >= 0) {
              double d = v[off + i] - acc[g];
              sq[g] += d * d;
            }
          }
          for (int g = 0; g < groups; g++) {
            double var = sq[g] / count[g];
            acc[g] = fn == Fn.VAR ? var : Math.sqrt(var);
          }
        }
      }
      case COUNT -> throw new IllegalStateException();
    }
    if (f32) {
      float[] out = new float[groups];
      for (int g = 0; g < groups; g++) out[g] = (float) acc[g];
      return DenseMatrix.wrap(ValueType.F32, groups, 1, out);
    }
    return DenseMatrix.wrap(ValueType.F64, groups, 1, acc);
  }

  private static DenseMatrix integers(
      Fn fn, ValueType t, long[] v, int off, int[] groupOf, int groups) {
    long[] acc = new long[groups];
    boolean unsigned = t.isUnsigned();
    switch (fn) {
      case SUM -> {
        for (int i = 0; i < groupOf.length; i++) {
          int g = groupOf[i];
          if (g >= 0) acc[g] += v[off + i];
        }
      }
      case MIN, MAX -> {
        boolean min = fn == Fn.MIN;
        java.util.Arrays.fill(acc, min ? maxOf(t) : minOf(t));
        for (int i = 0; i < groupOf.length; i++) {
          int g = groupOf[i];
          if (g >= 0) {
            int c =
                unsigned
                    ? Long.compareUnsigned(v[off + i], acc[g])
                    : Long.compare(v[off + i], acc[g]);
            if (min ? c < 0 : c > 0) acc[g] = v[off + i];
          }
        }
      }
      default -> throw new IllegalStateException();
    }
    DenseMatrix out = DenseMatrix.allocate(t, groups, 1);
    if (t.storage() == ValueType.Storage.LONG) {
      System.arraycopy(acc, 0, out.i64(), 0, groups);
    } else {
      for (int g = 0; g < groups; g++) out.setLong(g, acc[g]);
    }
    return out;
  }

  private static long maxOf(ValueType t) {
    return switch (t) {
      case SI8 -> Byte.MAX_VALUE;
      case UI8 -> 0xFF;
      case SI32 -> Integer.MAX_VALUE;
      case UI32 -> 0xFFFFFFFFL;
      case UI64, SIZE -> -1L;
      default -> Long.MAX_VALUE;
    };
  }

  private static long minOf(ValueType t) {
    return switch (t) {
      case SI8 -> Byte.MIN_VALUE;
      case SI32 -> Integer.MIN_VALUE;
      case UI8, UI32, UI64, SIZE -> 0;
      default -> Long.MIN_VALUE;
    };
  }

  private static Column stringExtreme(
      StringColumn s, boolean min, int from, int[] groupOf, int groups) {
    int[] best = new int[groups];
    java.util.Arrays.fill(best, -1);
    for (int i = 0; i < groupOf.length; i++) {
      int g = groupOf[i];
      if (g >= 0) {
        int b = best[g];
        if (b < 0) {
          best[g] = from + i;
        } else {
          int c = s.compareAt(from + i, s, b);
          if (min ? c < 0 : c > 0) best[g] = from + i;
        }
      }
    }
    for (int b : best) {
      if (b < 0) {
        throw new KernelException("min/max of an empty group of str values is undefined");
      }
    }
    return s.gather(best);
  }
}
