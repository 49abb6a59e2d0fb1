package daphnegrid.kernels.simd;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.plain.F32Reduce;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector f32 reductions in the fixed layout of {@link daphnegrid.kernels.ReductionKernels}: the L
 * logical accumulators are held either as two vectors of L/2 lanes ({@link #S2}, 512-bit hardware)
 * or four vectors of L/4 lanes ({@link #S4}, 256-bit hardware). Lane l of vector v is accumulator v
 * * lanes + l, so the first halving steps of the combine tree are vector adds and the last ones run
 * in {@link F32Reduce} on the stored lanes. Hardware with other vector sizes uses the plain loops.
 */
final class F32VectorReduce {
  private F32VectorReduce() {}

  static final int L = F32Reduce.L;
  static final VectorSpecies<Float> S2 =
      VectorSpecies.of(float.class, VectorShape.forBitSize(L / 2 * Float.SIZE));
  static final VectorSpecies<Float> S4 =
      VectorSpecies.of(float.class, VectorShape.forBitSize(L / 4 * Float.SIZE));

  /** Vectors per L-block on this machine: 2, 4, or 0 for the plain loops. */
  static final int MODE = modeFor(FloatVector.SPECIES_PREFERRED.length());

  static int modeFor(int preferredLanes) {
    if (preferredLanes >= L / 2) {
      return 2;
    }
    return preferredLanes == L / 4 ? 4 : 0;
  }

  static float aggregate(int mode, AggOp op, float[] a, int off, int len, float[] acc) {
    if (mode == 0 || len < 2 * L) {
      return F32Reduce.aggregate(op, a, off, len, acc);
    }
    return switch (op) {
      case SUM -> mode == 2 ? sum2(a, off, len, acc, 0f) : sum4(a, off, len, acc, 0f);
      case MIN -> mode == 2 ? min2(a, off, len, acc) : min4(a, off, len, acc);
      case MAX -> mode == 2 ? max2(a, off, len, acc) : max4(a, off, len, acc);
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    };
  }

  /** One row as F32Reduce#row defines it: sums from -0, a zero extreme as the row's first zero. */
  static float row(int mode, AggOp op, float[] a, int off, int len, float[] acc) {
    if (mode == 0 || len < 2 * L) {
      return F32Reduce.row(op, a, off, len, acc);
    }
    return switch (op) {
      case SUM ->
          mode == 2
              ? sum2(a, off, len, acc, F32Reduce.LINE_SUM_START)
              : sum4(a, off, len, acc, F32Reduce.LINE_SUM_START);
      case MIN ->
          firstZero(mode == 2 ? min2(a, off, len, acc) : min4(a, off, len, acc), a, off, len);
      case MAX ->
          firstZero(mode == 2 ? max2(a, off, len, acc) : max4(a, off, len, acc), a, off, len);
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    };
  }

  /** F32Reduce#firstZero with a vector search for the first zero cell. */
  static float firstZero(float r, float[] a, int off, int len) {
    if (r != 0) {
      return r;
    }
    int c = firstEqual(a, off, len, r);
    if (c < 0) {
      throw new AssertionError("zero extreme not found in its row");
    }
    return a[off + c];
  }

  /** The first c in [0, len) with a[off + c] == v (so +0 and -0 both match a zero), or -1. */
  private static int firstEqual(float[] a, int off, int len, float v) {
    VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
    FloatVector b = FloatVector.broadcast(s, v);
    int c = 0;
    for (int end = s.loopBound(len); c < end; c += s.length()) {
      VectorMask<Float> hit = FloatVector.fromArray(s, a, off + c).compare(VectorOperators.EQ, b);
      if (hit.anyTrue()) {
        return c + hit.firstTrue();
      }
    }
    for (; c < len; c++) {
      if (a[off + c] == v) {
        return c;
      }
    }
    return -1;
  }

  static float sumSquaredDeviations(
      int mode, float[] a, int off, int len, float mean, float[] acc) {
    if (mode == 0 || len < 2 * L) {
      return F32Reduce.sumSquaredDeviations(a, off, len, mean, acc);
    }
    return mode == 2 ? ssd2(a, off, len, mean, acc) : ssd4(a, off, len, mean, acc);
  }

  private static float sum2(float[] a, int off, int len, float[] acc, float start) {
    FloatVector a0 = FloatVector.broadcast(S2, start);
    FloatVector a1 = a0;
    int end = off + len / L * L;
    int aheadEnd = Math.min(end, a.length - ReadAhead.F32_CELLS);
    long ahead = 0;
    int p = off;
    for (; p < aheadEnd; p += L) {
      ahead ^= Float.floatToRawIntBits(a[p + ReadAhead.F32_CELLS]);
      a0 = a0.add(FloatVector.fromArray(S2, a, p));
      a1 = a1.add(FloatVector.fromArray(S2, a, p + L / 2));
    }
    for (; p < end; p += L) {
      a0 = a0.add(FloatVector.fromArray(S2, a, p));
      a1 = a1.add(FloatVector.fromArray(S2, a, p + L / 2));
    }
    ReadAhead.keep(ahead);
    a0.add(a1).intoArray(acc, 0);
    return F32Reduce.sumTail(F32Reduce.combineSum(acc, L / 2), a, end, off + len - end);
  }

  private static float sum4(float[] a, int off, int len, float[] acc, float start) {
    FloatVector a0 = FloatVector.broadcast(S4, start);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int end = off + len / L * L;
    int aheadEnd = Math.min(end, a.length - ReadAhead.F32_CELLS);
    long ahead = 0;
    int p = off;
    for (; p < aheadEnd; p += L) {
      ahead ^= Float.floatToRawIntBits(a[p + ReadAhead.F32_CELLS]);
      a0 = a0.add(FloatVector.fromArray(S4, a, p));
      a1 = a1.add(FloatVector.fromArray(S4, a, p + L / 4));
      a2 = a2.add(FloatVector.fromArray(S4, a, p + L / 2));
      a3 = a3.add(FloatVector.fromArray(S4, a, p + 3 * L / 4));
    }
    for (; p < end; p += L) {
      a0 = a0.add(FloatVector.fromArray(S4, a, p));
      a1 = a1.add(FloatVector.fromArray(S4, a, p + L / 4));
      a2 = a2.add(FloatVector.fromArray(S4, a, p + L / 2));
      a3 = a3.add(FloatVector.fromArray(S4, a, p + 3 * L / 4));
    }
    ReadAhead.keep(ahead);
    a0.add(a2).add(a1.add(a3)).intoArray(acc, 0);
    return F32Reduce.sumTail(F32Reduce.combineSum(acc, L / 4), a, end, off + len - end);
  }

  private static float min2(float[] a, int off, int len, float[] acc) {
    FloatVector a0 = FloatVector.broadcast(S2, Float.POSITIVE_INFINITY);
    FloatVector a1 = a0;
    int end = off + len / L * L;
    for (int p = off; p < end; p += L) {
      FloatVector x0 = FloatVector.fromArray(S2, a, p);
      FloatVector x1 = FloatVector.fromArray(S2, a, p + L / 2);
      a0 = a0.blend(x0, x0.lt(a0));
      a1 = a1.blend(x1, x1.lt(a1));
    }
    a0.blend(a1, a1.lt(a0)).intoArray(acc, 0);
    return F32Reduce.minTail(F32Reduce.combineMin(acc, L / 2), a, end, off + len - end);
  }

  private static float min4(float[] a, int off, int len, float[] acc) {
    FloatVector a0 = FloatVector.broadcast(S4, Float.POSITIVE_INFINITY);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int end = off + len / L * L;
    for (int p = off; p < end; p += L) {
      FloatVector x0 = FloatVector.fromArray(S4, a, p);
      FloatVector x1 = FloatVector.fromArray(S4, a, p + L / 4);
      FloatVector x2 = FloatVector.fromArray(S4, a, p + L / 2);
      FloatVector x3 = FloatVector.fromArray(S4, a, p + 3 * L / 4);
      a0 = a0.blend(x0, x0.lt(a0));
      a1 = a1.blend(x1, x1.lt(a1));
      a2 = a2.blend(x2, x2.lt(a2));
      a3 = a3.blend(x3, x3.lt(a3));
    }
    a0 = a0.blend(a2, a2.lt(a0));
    a1 = a1.blend(a3, a3.lt(a1));
    a0.blend(a1, a1.lt(a0)).intoArray(acc, 0);
    return F32Reduce.minTail(F32Reduce.combineMin(acc, L / 4), a, end, off + len - end);
  }

  private static float max2(float[] a, int off, int len, float[] acc) {
    FloatVector a0 = FloatVector.broadcast(S2, Float.NEGATIVE_INFINITY);
    FloatVector a1 = a0;
    int end = off + len / L * L;
    for (int p = off; p < end; p += L) {
      FloatVector x0 = FloatVector.fromArray(S2, a, p);
      FloatVector x1 = FloatVector.fromArray(S2, a, p + L / 2);
      a0 = a0.blend(x0, a0.lt(x0));
      a1 = a1.blend(x1, a1.lt(x1));
    }
    a0.blend(a1, a0.lt(a1)).intoArray(acc, 0);
    return F32Reduce.maxTail(F32Reduce.combineMax(acc, L / 2), a, end, off + len - end);
  }

  private static float max4(float[] a, int off, int len, float[] acc) {
    FloatVector a0 = FloatVector.broadcast(S4, Float.NEGATIVE_INFINITY);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int end = off + len / L * L;
    for (int p = off; p < end; p += L) {
      FloatVector x0 = FloatVector.fromArray(S4, a, p);
      FloatVector x1 = FloatVector.fromArray(S4, a, p + L / 4);
      FloatVector x2 = FloatVector.fromArray(S4, a, p + L / 2);
      FloatVector x3 = FloatVector.fromArray(S4, a, p + 3 * L / 4);
      a0 = a0.blend(x0, a0.lt(x0));
      a1 = a1.blend(x1, a1.lt(x1));
      a2 = a2.blend(x2, a2.lt(x2));
      a3 = a3.blend(x3, a3.lt(x3));
    }
    a0 = a0.blend(a2, a0.lt(a2));
    a1 = a1.blend(a3, a1.lt(a3));
    a0.blend(a1, a0.lt(a1)).intoArray(acc, 0);
    return F32Reduce.maxTail(F32Reduce.combineMax(acc, L / 4), a, end, off + len - end);
  }

  private static float ssd2(float[] a, int off, int len, float mean, float[] acc) {
    FloatVector m = FloatVector.broadcast(S2, mean);
    FloatVector a0 = FloatVector.zero(S2);
    FloatVector a1 = a0;
    int end = off + len / L * L;
    for (int p = off; p < end; p += L) {
      FloatVector d0 = FloatVector.fromArray(S2, a, p).sub(m);
      FloatVector d1 = FloatVector.fromArray(S2, a, p + L / 2).sub(m);
      a0 = a0.add(d0.mul(d0));
      a1 = a1.add(d1.mul(d1));
    }
    a0.add(a1).intoArray(acc, 0);
    return ssdTail(F32Reduce.combineSum(acc, L / 2), a, end, off + len, mean);
  }

  private static float ssd4(float[] a, int off, int len, float mean, float[] acc) {
    FloatVector m = FloatVector.broadcast(S4, mean);
    FloatVector a0 = FloatVector.zero(S4);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int end = off + len / L * L;
    for (int p = off; p < end; p += L) {
      FloatVector d0 = FloatVector.fromArray(S4, a, p).sub(m);
      FloatVector d1 = FloatVector.fromArray(S4, a, p + L / 4).sub(m);
      FloatVector d2 = FloatVector.fromArray(S4, a, p + L / 2).sub(m);
      FloatVector d3 = FloatVector.fromArray(S4, a, p + 3 * L / 4).sub(m);
      a0 = a0.add(d0.mul(d0));
      a1 = a1.add(d1.mul(d1));
      a2 = a2.add(d2.mul(d2));
      a3 = a3.add(d3.mul(d3));
    }
    a0.add(a2).add(a1.add(a3)).intoArray(acc, 0);
    return ssdTail(F32Reduce.combineSum(acc, L / 4), a, end, off + len, mean);
  }

  private static float ssdTail(float r, float[] a, int from, int to, float mean) {
    for (int k = from; k < to; k++) {
      float d = a[k] - mean;
      r = r + d * d;
    }
    return r;
  }

  /** Column index of the first extreme of one row; see ReductionKernels#rowIndex. */
  static int rowIndex(int mode, AggOp op, float[] a, int off, int cols, float[] acc) {
    if (mode == 0 || cols < 2 * L || Float.isNaN(a[off])) {
      return F32Reduce.rowIndex(op, a, off, cols);
    }
    // a[off] is a number, so the sequential scan ends on the first cell equal to the extreme of the
    // non-NaN cells (its value, not its zero sign, is all the search needs).
    float best = aggregate(mode, op == AggOp.IDXMIN ? AggOp.MIN : AggOp.MAX, a, off, cols, acc);
    int c = firstEqual(a, off, cols, best);
    if (c < 0) {
      throw new AssertionError("extreme not found in its row");
    }
    return c;
  }

  /**
   * Folds rows into the accumulator row out in row order, four rows per pass so the accumulators
   * stay in registers: out[c] = op(out[c], a[r][c]) for r = 0 .. rows-1, as {@link
   * daphnegrid.kernels.ElementOps} defines op with the accumulator on the left.
   */
  static void foldRows(AggOp op, float[] a, int ao, int rows, int cols, float[] out, int oo) {
    switch (op) {
      case SUM -> foldSum(a, ao, rows, cols, out, oo);
      case MIN -> foldMin(a, ao, rows, cols, out, oo);
      case MAX -> foldMax(a, ao, rows, cols, out, oo);
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    }
  }

  private static void foldSum(float[] a, int ao, int rows, int cols, float[] out, int oo) {
    VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
    int vl = s.length();
    int cEnd = s.loopBound(cols);
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int p = ao + r * cols;
      for (int c = 0; c < cEnd; c += vl) {
        FloatVector acc = FloatVector.fromArray(s, out, oo + c);
        FloatVector x = FloatVector.fromArray(s, a, p + c);
        acc = acc.add(x);
        x = FloatVector.fromArray(s, a, p + cols + c);
        acc = acc.add(x);
        x = FloatVector.fromArray(s, a, p + 2 * cols + c);
        acc = acc.add(x);
        x = FloatVector.fromArray(s, a, p + 3 * cols + c);
        acc = acc.add(x);
        acc.intoArray(out, oo + c);
      }
    }
    for (; r < rows; r++) {
      int p = ao + r * cols;
      for (int c = 0; c < cEnd; c += vl) {
        FloatVector acc = FloatVector.fromArray(s, out, oo + c);
        FloatVector x = FloatVector.fromArray(s, a, p + c);
        (acc.add(x)).intoArray(out, oo + c);
      }
    }
    for (int c = cEnd; c < cols; c++) {
      float acc = out[oo + c];
      for (r = 0; r < rows; r++) {
        float x = a[ao + r * cols + c];
        acc = acc + x;
      }
      out[oo + c] = acc;
    }
  }

  private static void foldMin(float[] a, int ao, int rows, int cols, float[] out, int oo) {
    VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
    int vl = s.length();
    int cEnd = s.loopBound(cols);
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int p = ao + r * cols;
      for (int c = 0; c < cEnd; c += vl) {
        FloatVector acc = FloatVector.fromArray(s, out, oo + c);
        FloatVector x = FloatVector.fromArray(s, a, p + c);
        acc = acc.blend(x, x.lt(acc));
        x = FloatVector.fromArray(s, a, p + cols + c);
        acc = acc.blend(x, x.lt(acc));
        x = FloatVector.fromArray(s, a, p + 2 * cols + c);
        acc = acc.blend(x, x.lt(acc));
        x = FloatVector.fromArray(s, a, p + 3 * cols + c);
        acc = acc.blend(x, x.lt(acc));
        acc.intoArray(out, oo + c);
      }
    }
    for (; r < rows; r++) {
      int p = ao + r * cols;
      for (int c = 0; c < cEnd; c += vl) {
        FloatVector acc = FloatVector.fromArray(s, out, oo + c);
        FloatVector x = FloatVector.fromArray(s, a, p + c);
        (acc.blend(x, x.lt(acc))).intoArray(out, oo + c);
      }
    }
    for (int c = cEnd; c < cols; c++) {
      float acc = out[oo + c];
      for (r = 0; r < rows; r++) {
        float x = a[ao + r * cols + c];
        acc = x < acc ? x : acc;
      }
      out[oo + c] = acc;
    }
  }

  private static void foldMax(float[] a, int ao, int rows, int cols, float[] out, int oo) {
    VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
    int vl = s.length();
    int cEnd = s.loopBound(cols);
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int p = ao + r * cols;
      for (int c = 0; c < cEnd; c += vl) {
        FloatVector acc = FloatVector.fromArray(s, out, oo + c);
        FloatVector x = FloatVector.fromArray(s, a, p + c);
        acc = acc.blend(x, acc.lt(x));
        x = FloatVector.fromArray(s, a, p + cols + c);
        acc = acc.blend(x, acc.lt(x));
        x = FloatVector.fromArray(s, a, p + 2 * cols + c);
        acc = acc.blend(x, acc.lt(x));
        x = FloatVector.fromArray(s, a, p + 3 * cols + c);
        acc = acc.blend(x, acc.lt(x));
        acc.intoArray(out, oo + c);
      }
    }
    for (; r < rows; r++) {
      int p = ao + r * cols;
      for (int c = 0; c < cEnd; c += vl) {
        FloatVector acc = FloatVector.fromArray(s, out, oo + c);
        FloatVector x = FloatVector.fromArray(s, a, p + c);
        (acc.blend(x, acc.lt(x))).intoArray(out, oo + c);
      }
    }
    for (int c = cEnd; c < cols; c++) {
      float acc = out[oo + c];
      for (r = 0; r < rows; r++) {
        float x = a[ao + r * cols + c];
        acc = acc < x ? x : acc;
      }
      out[oo + c] = acc;
    }
  }

  /** out[c] += (a[c] - means[c])^2 for one row: the column-wise deviation fold. */
  static void foldSquaredDeviations(
      float[] a, int ao, float[] means, int mo, float[] out, int oo, int cols) {
    VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
    int c = 0;
    for (int end = s.loopBound(cols); c < end; c += s.length()) {
      FloatVector d =
          FloatVector.fromArray(s, a, ao + c).sub(FloatVector.fromArray(s, means, mo + c));
      FloatVector.fromArray(s, out, oo + c).add(d.mul(d)).intoArray(out, oo + c);
    }
    for (; c < cols; c++) {
      float d = a[ao + c] - means[mo + c];
      out[oo + c] = out[oo + c] + d * d;
    }
  }

  /** One row of the column-wise index scan: strictly better cells replace (best, idx). */
  static void foldIndex(
      boolean min, float[] a, int ao, long row, float[] best, long[] idx, int oo, int cols) {
    VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
    int c = 0;
    for (int end = s.loopBound(cols); c < end; c += s.length()) {
      FloatVector x = FloatVector.fromArray(s, a, ao + c);
      FloatVector b = FloatVector.fromArray(s, best, oo + c);
      VectorMask<Float> better = min ? x.lt(b) : b.lt(x);
      if (better.anyTrue()) {
        b.blend(x, better).intoArray(best, oo + c);
        long bits = better.toLong();
        while (bits != 0) {
          idx[oo + c + Long.numberOfTrailingZeros(bits)] = row;
          bits &= bits - 1;
        }
      }
    }
    for (; c < cols; c++) {
      float x = a[ao + c];
      float b = best[oo + c];
      if (min ? x < b : b < x) {
        best[oo + c] = x;
        idx[oo + c] = row;
      }
    }
  }
}
