package daphnegrid.kernels.simd;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.plain.F64Reduce;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector f64 reductions in the fixed layout of {@link daphnegrid.kernels.ReductionKernels}: the L
 * logical accumulators are held either as two vectors of L/2 lanes ({@link #S2}, 512-bit hardware)
 * or four vectors of L/4 lanes ({@link #S4}, 256-bit hardware). Lane l of vector v is accumulator v
 * * lanes + l, so the first halving steps of the combine tree are vector adds and the last ones run
 * in {@link F64Reduce} on the stored lanes. Hardware with other vector sizes uses the plain loops.
 */
final class F64VectorReduce {
  private F64VectorReduce() {}

  static final int L = F64Reduce.L;
  static final VectorSpecies<Double> S2 =
      VectorSpecies.of(double.class, VectorShape.forBitSize(L / 2 * Double.SIZE));
  static final VectorSpecies<Double> S4 =
      VectorSpecies.of(double.class, VectorShape.forBitSize(L / 4 * Double.SIZE));

  /** Vectors per L-block on this machine: 2, 4, or 0 for the plain loops. */
  static final int MODE = modeFor(DoubleVector.SPECIES_PREFERRED.length());

  static int modeFor(int preferredLanes) {
    if (preferredLanes >= L / 2) {
      return 2;
    }
    return preferredLanes == L / 4 ? 4 : 0;
  }

  static double aggregate(int mode, AggOp op, double[] a, int off, int len, double[] acc) {
    if (mode == 0 || len < 2 * L) {
      return F64Reduce.aggregate(op, a, off, len, acc);
    }
    return switch (op) {
      case SUM -> mode == 2 ? sum2(a, off, len, acc, 0.0) : sum4(a, off, len, acc, 0.0);
      case MIN -> mode == 2 ? min2(a, off, len, acc) : min4(a, off, len, acc);
      case MAX -> mode == 2 ? max2(a, off, len, acc) : max4(a, off, len, acc);
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    };
  }

  /** One row as F64Reduce#row defines it: sums from -0, a zero extreme as the row's first zero. */
  static double row(int mode, AggOp op, double[] a, int off, int len, double[] acc) {
    if (mode == 0 || len < 2 * L) {
      return F64Reduce.row(op, a, off, len, acc);
    }
    return switch (op) {
      case SUM ->
          mode == 2
              ? sum2(a, off, len, acc, F64Reduce.LINE_SUM_START)
              : sum4(a, off, len, acc, F64Reduce.LINE_SUM_START);
      case MIN ->
          firstZero(mode == 2 ? min2(a, off, len, acc) : min4(a, off, len, acc), a, off, len);
      case MAX ->
          firstZero(mode == 2 ? max2(a, off, len, acc) : max4(a, off, len, acc), a, off, len);
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    };
  }

  /** F64Reduce#firstZero with a vector search for the first zero cell. */
  static double firstZero(double r, double[] a, int off, int len) {
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
  private static int firstEqual(double[] a, int off, int len, double v) {
    VectorSpecies<Double> s = DoubleVector.SPECIES_PREFERRED;
    DoubleVector b = DoubleVector.broadcast(s, v);
    int c = 0;
    for (int end = s.loopBound(len); c < end; c += s.length()) {
      VectorMask<Double> hit = DoubleVector.fromArray(s, a, off + c).compare(VectorOperators.EQ, b);
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

  static double sumSquaredDeviations(
      int mode, double[] a, int off, int len, double mean, double[] acc) {
    if (mode == 0 || len < 2 * L) {
      return F64Reduce.sumSquaredDeviations(a, off, len, mean, acc);
    }
    return mode == 2 ? ssd2(a, off, len, mean, acc) : ssd4(a, off, len, mean, acc);
  }

  private static double sum2(double[] a, int off, int len, double[] acc, double start) {
    DoubleVector a0 = DoubleVector.broadcast(S2, start);
    DoubleVector a1 = a0;
    int end = off + len / L * L;
    int aheadEnd = Math.min(end, a.length - ReadAhead.F64_CELLS);
    long ahead = 0;
    int p = off;
    for (; p < aheadEnd; p += L) {
      ahead ^= Double.doubleToRawLongBits(a[p + ReadAhead.F64_CELLS]);
      a0 = a0.add(DoubleVector.fromArray(S2, a, p));
      a1 = a1.add(DoubleVector.fromArray(S2, a, p + L / 2));
    }
    for (; p < end; p += L) {
      a0 = a0.add(DoubleVector.fromArray(S2, a, p));
      a1 = a1.add(DoubleVector.fromArray(S2, a, p + L / 2));
    }
    ReadAhead.keep(ahead);
    a0.add(a1).intoArray(acc, 0);
    return F64Reduce.sumTail(F64Reduce.combineSum(acc, L / 2), a, end, off + len - end);
  }

  private static double sum4(double[] a, int off, int len, double[] acc, double start) {
    DoubleVector a0 = DoubleVector.broadcast(S4, start);
    DoubleVector a1 = a0;
    DoubleVector a2 = a0;
    DoubleVector a3 = a0;
    int end = off + len / L * L;
    int aheadEnd = Math.min(end, a.length - ReadAhead.F64_CELLS);
    long ahead = 0;
    int p = off;
    for (; p < aheadEnd; p += L) {
      ahead ^= Double.doubleToRawLongBits(a[p + ReadAhead.F64_CELLS]);
      a0 = a0.add(DoubleVector.fromArray(S4, a, p));
      a1 = a1.add(DoubleVector.fromArray(S4, a, p + L / 4));
      a2 = a2.add(DoubleVector.fromArray(S4, a, p + L / 2));
      a3 = a3.add(DoubleVector.fromArray(S4, a, p + 3 * L / 4));
    }
    for (; p < end; p += L) {
      a0 = a0.add(DoubleVector.fromArray(S4, a, p));
      a1 = a1.add(DoubleVector.fromArray(S4, a, p + L / 4));
      a2 = a2.add(DoubleVector.fromArray(S4, a, p + L / 2));
      a3 = a3.add(DoubleVector.fromArray(S4, a, p + 3 * L / 4));
    }
    ReadAhead.keep(ahead);
    a0.add(a2).add(a1.add(a3)).intoArray(acc, 0);
    return F64Reduce.sumTail(F64Reduce.combineSum(acc, L / 4), a, end, off + len - end);
  }

  private static double min2(double[] a, int off, int len, double[] acc) {
    DoubleVector a0 = DoubleVector.broadcast(S2, Double.POSITIVE_INFINITY);
    DoubleVector a1 = a0;
    int end = off + len / L * L;
    for (int p = off; p < end; p += L) {
      DoubleVector x0 = DoubleVector.fromArray(S2, a, p);
      DoubleVector x1 = DoubleVector.fromArray(S2, a, p + L / 2);
      a0 = a0.blend(x0, x0.lt(a0));
      a1 = a1.blend(x1, x1.lt(a1));
    }
    a0.blend(a1, a1.lt(a0)).intoArray(acc, 0);
    return F64Reduce.minTail(F64Reduce.combineMin(acc, L / 2), a, end, off + len - end);
  }

  private static double min4(double[] a, int off, int len, double[] acc) {
    DoubleVector a0 = DoubleVector.broadcast(S4, Double.POSITIVE_INFINITY);
    DoubleVector a1 = a0;
    DoubleVector a2 = a0;
    DoubleVector a3 = a0;
    int end = off + len / L * L;
    for (int p = off; p < end; p += L) {
      DoubleVector x0 = DoubleVector.fromArray(S4, a, p);
      DoubleVector x1 = DoubleVector.fromArray(S4, a, p + L / 4);
      DoubleVector x2 = DoubleVector.fromArray(S4, a, p + L / 2);
      DoubleVector x3 = DoubleVector.fromArray(S4, a, p + 3 * L / 4);
      a0 = a0.blend(x0, x0.lt(a0));
      a1 = a1.blend(x1, x1.lt(a1));
      a2 = a2.blend(x2, x2.lt(a2));
      a3 = a3.blend(x3, x3.lt(a3));
    }
    a0 = a0.blend(a2, a2.lt(a0));
    a1 = a1.blend(a3, a3.lt(a1));
    a0.blend(a1, a1.lt(a0)).intoArray(acc, 0);
    return F64Reduce.minTail(F64Reduce.combineMin(acc, L / 4), a, end, off + len - end);
  }

  private static double max2(double[] a, int off, int len, double[] acc) {
    DoubleVector a0 = DoubleVector.broadcast(S2, Double.NEGATIVE_INFINITY);
    DoubleVector a1 = a0;
    int end = off + len / L * L;
    for (int p = off; p < end; p += L) {
      DoubleVector x0 = DoubleVector.fromArray(S2, a, p);
      DoubleVector x1 = DoubleVector.fromArray(S2, a, p + L / 2);
      a0 = a0.blend(x0, a0.lt(x0));
      a1 = a1.blend(x1, a1.lt(x1));
    }
    a0.blend(a1, a0.lt(a1)).intoArray(acc, 0);
    return F64Reduce.maxTail(F64Reduce.combineMax(acc, L / 2), a, end, off + len - end);
  }

  private static double max4(double[] a, int off, int len, double[] acc) {
    DoubleVector a0 = DoubleVector.broadcast(S4, Double.NEGATIVE_INFINITY);
    DoubleVector a1 = a0;
    DoubleVector a2 = a0;
    DoubleVector a3 = a0;
    int end = off + len / L * L;
    for (int p = off; p < end; p += L) {
      DoubleVector x0 = DoubleVector.fromArray(S4, a, p);
      DoubleVector x1 = DoubleVector.fromArray(S4, a, p + L / 4);
      DoubleVector x2 = DoubleVector.fromArray(S4, a, p + L / 2);
      DoubleVector x3 = DoubleVector.fromArray(S4, a, p + 3 * L / 4);
      a0 = a0.blend(x0, a0.lt(x0));
      a1 = a1.blend(x1, a1.lt(x1));
      a2 = a2.blend(x2, a2.lt(x2));
      a3 = a3.blend(x3, a3.lt(x3));
    }
    a0 = a0.blend(a2, a0.lt(a2));
    a1 = a1.blend(a3, a1.lt(a3));
    a0.blend(a1, a0.lt(a1)).intoArray(acc, 0);
    return F64Reduce.maxTail(F64Reduce.combineMax(acc, L / 4), a, end, off + len - end);
  }

  private static double ssd2(double[] a, int off, int len, double mean, double[] acc) {
    DoubleVector m = DoubleVector.broadcast(S2, mean);
    DoubleVector a0 = DoubleVector.zero(S2);
    DoubleVector a1 = a0;
    int end = off + len / L * L;
    for (int p = off; p < end; p += L) {
      DoubleVector d0 = DoubleVector.fromArray(S2, a, p).sub(m);
      DoubleVector d1 = DoubleVector.fromArray(S2, a, p + L / 2).sub(m);
      a0 = a0.add(d0.mul(d0));
      a1 = a1.add(d1.mul(d1));
    }
    a0.add(a1).intoArray(acc, 0);
    return ssdTail(F64Reduce.combineSum(acc, L / 2), a, end, off + len, mean);
  }

  private static double ssd4(double[] a, int off, int len, double mean, double[] acc) {
    DoubleVector m = DoubleVector.broadcast(S4, mean);
    DoubleVector a0 = DoubleVector.zero(S4);
    DoubleVector a1 = a0;
    DoubleVector a2 = a0;
    DoubleVector a3 = a0;
    int end = off + len / L * L;
    for (int p = off; p < end; p += L) {
      DoubleVector d0 = DoubleVector.fromArray(S4, a, p).sub(m);
      DoubleVector d1 = DoubleVector.fromArray(S4, a, p + L / 4).sub(m);
      DoubleVector d2 = DoubleVector.fromArray(S4, a, p + L / 2).sub(m);
      DoubleVector d3 = DoubleVector.fromArray(S4, a, p + 3 * L / 4).sub(m);
      a0 = a0.add(d0.mul(d0));
      a1 = a1.add(d1.mul(d1));
      a2 = a2.add(d2.mul(d2));
      a3 = a3.add(d3.mul(d3));
    }
    a0.add(a2).add(a1.add(a3)).intoArray(acc, 0);
    return ssdTail(F64Reduce.combineSum(acc, L / 4), a, end, off + len, mean);
  }

  private static double ssdTail(double r, double[] a, int from, int to, double mean) {
    for (int k = from; k < to; k++) {
      double d = a[k] - mean;
      r = r + d * d;
    }
    return r;
  }

  /** Column index of the first extreme of one row; see ReductionKernels#rowIndex. */
  static int rowIndex(int mode, AggOp op, double[] a, int off, int cols, double[] acc) {
    if (mode == 0 || cols < 2 * L || Double.isNaN(a[off])) {
      return F64Reduce.rowIndex(op, a, off, cols);
    }
    // a[off] is a number, so the sequential scan ends on the first cell equal to the extreme of the
    // non-NaN cells (its value, not its zero sign, is all the search needs).
    double best = aggregate(mode, op == AggOp.IDXMIN ? AggOp.MIN : AggOp.MAX, a, off, cols, acc);
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
  static void foldRows(AggOp op, double[] a, int ao, int rows, int cols, double[] out, int oo) {
    switch (op) {
      case SUM -> foldSum(a, ao, rows, cols, out, oo);
      case MIN -> foldMin(a, ao, rows, cols, out, oo);
      case MAX -> foldMax(a, ao, rows, cols, out, oo);
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    }
  }

  private static void foldSum(double[] a, int ao, int rows, int cols, double[] out, int oo) {
    VectorSpecies<Double> s = DoubleVector.SPECIES_PREFERRED;
    int vl = s.length();
    int cEnd = s.loopBound(cols);
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int p = ao + r * cols;
      for (int c = 0; c < cEnd; c += vl) {
        DoubleVector acc = DoubleVector.fromArray(s, out, oo + c);
        DoubleVector x = DoubleVector.fromArray(s, a, p + c);
        acc = acc.add(x);
        x = DoubleVector.fromArray(s, a, p + cols + c);
        acc = acc.add(x);
        x = DoubleVector.fromArray(s, a, p + 2 * cols + c);
        acc = acc.add(x);
        x = DoubleVector.fromArray(s, a, p + 3 * cols + c);
        acc = acc.add(x);
        acc.intoArray(out, oo + c);
      }
    }
    for (; r < rows; r++) {
      int p = ao + r * cols;
      for (int c = 0; c < cEnd; c += vl) {
        DoubleVector acc = DoubleVector.fromArray(s, out, oo + c);
        DoubleVector x = DoubleVector.fromArray(s, a, p + c);
        (acc.add(x)).intoArray(out, oo + c);
      }
    }
    for (int c = cEnd; c < cols; c++) {
      double acc = out[oo + c];
      for (r = 0; r < rows; r++) {
        double x = a[ao + r * cols + c];
        acc = acc + x;
      }
      out[oo + c] = acc;
    }
  }

  private static void foldMin(double[] a, int ao, int rows, int cols, double[] out, int oo) {
    VectorSpecies<Double> s = DoubleVector.SPECIES_PREFERRED;
    int vl = s.length();
    int cEnd = s.loopBound(cols);
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int p = ao + r * cols;
      for (int c = 0; c < cEnd; c += vl) {
        DoubleVector acc = DoubleVector.fromArray(s, out, oo + c);
        DoubleVector x = DoubleVector.fromArray(s, a, p + c);
        acc = acc.blend(x, x.lt(acc));
        x = DoubleVector.fromArray(s, a, p + cols + c);
        acc = acc.blend(x, x.lt(acc));
        x = DoubleVector.fromArray(s, a, p + 2 * cols + c);
        acc = acc.blend(x, x.lt(acc));
        x = DoubleVector.fromArray(s, a, p + 3 * cols + c);
        acc = acc.blend(x, x.lt(acc));
        acc.intoArray(out, oo + c);
      }
    }
    for (; r < rows; r++) {
      int p = ao + r * cols;
      for (int c = 0; c < cEnd; c += vl) {
        DoubleVector acc = DoubleVector.fromArray(s, out, oo + c);
        DoubleVector x = DoubleVector.fromArray(s, a, p + c);
        (acc.blend(x, x.lt(acc))).intoArray(out, oo + c);
      }
    }
    for (int c = cEnd; c < cols; c++) {
      double acc = out[oo + c];
      for (r = 0; r < rows; r++) {
        double x = a[ao + r * cols + c];
        acc = x < acc ? x : acc;
      }
      out[oo + c] = acc;
    }
  }

  private static void foldMax(double[] a, int ao, int rows, int cols, double[] out, int oo) {
    VectorSpecies<Double> s = DoubleVector.SPECIES_PREFERRED;
    int vl = s.length();
    int cEnd = s.loopBound(cols);
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      int p = ao + r * cols;
      for (int c = 0; c < cEnd; c += vl) {
        DoubleVector acc = DoubleVector.fromArray(s, out, oo + c);
        DoubleVector x = DoubleVector.fromArray(s, a, p + c);
        acc = acc.blend(x, acc.lt(x));
        x = DoubleVector.fromArray(s, a, p + cols + c);
        acc = acc.blend(x, acc.lt(x));
        x = DoubleVector.fromArray(s, a, p + 2 * cols + c);
        acc = acc.blend(x, acc.lt(x));
        x = DoubleVector.fromArray(s, a, p + 3 * cols + c);
        acc = acc.blend(x, acc.lt(x));
        acc.intoArray(out, oo + c);
      }
    }
    for (; r < rows; r++) {
      int p = ao + r * cols;
      for (int c = 0; c < cEnd; c += vl) {
        DoubleVector acc = DoubleVector.fromArray(s, out, oo + c);
        DoubleVector x = DoubleVector.fromArray(s, a, p + c);
        (acc.blend(x, acc.lt(x))).intoArray(out, oo + c);
      }
    }
    for (int c = cEnd; c < cols; c++) {
      double acc = out[oo + c];
      for (r = 0; r < rows; r++) {
        double x = a[ao + r * cols + c];
        acc = acc < x ? x : acc;
      }
      out[oo + c] = acc;
    }
  }

  /** out[c] += (a[c] - means[c])^2 for one row: the column-wise deviation fold. */
  static void foldSquaredDeviations(
      double[] a, int ao, double[] means, int mo, double[] out, int oo, int cols) {
    VectorSpecies<Double> s = DoubleVector.SPECIES_PREFERRED;
    int c = 0;
    for (int end = s.loopBound(cols); c < end; c += s.length()) {
      DoubleVector d =
          DoubleVector.fromArray(s, a, ao + c).sub(DoubleVector.fromArray(s, means, mo + c));
      DoubleVector.fromArray(s, out, oo + c).add(d.mul(d)).intoArray(out, oo + c);
    }
    for (; c < cols; c++) {
      double d = a[ao + c] - means[mo + c];
      out[oo + c] = out[oo + c] + d * d;
    }
  }

  /** One row of the column-wise index scan: strictly better cells replace (best, idx). */
  static void foldIndex(
      boolean min, double[] a, int ao, long row, double[] best, long[] idx, int oo, int cols) {
    VectorSpecies<Double> s = DoubleVector.SPECIES_PREFERRED;
    int c = 0;
    for (int end = s.loopBound(cols); c < end; c += s.length()) {
      DoubleVector x = DoubleVector.fromArray(s, a, ao + c);
      DoubleVector b = DoubleVector.fromArray(s, best, oo + c);
      VectorMask<Double> better = min ? x.lt(b) : b.lt(x);
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
      double x = a[ao + c];
      double b = best[oo + c];
      if (min ? x < b : b < x) {
        best[oo + c] = x;
        idx[oo + c] = row;
      }
    }
  }
}
