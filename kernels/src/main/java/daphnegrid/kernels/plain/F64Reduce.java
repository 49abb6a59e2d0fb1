package daphnegrid.kernels.plain;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.CumOp;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ReductionKernels;

/**
 * Plain f64 reductions in the fixed accumulator layout of {@link ReductionKernels}. The vector
 * kernels call the public helpers here for their combine steps and tails, so the two share one
 * definition of the order. Methods taking {@code acc} use it as scratch of at least {@link #L}
 * cells, so row loops allocate it once.
 */
public final class F64Reduce {
  private F64Reduce() {}

  /** Logical accumulator count. */
  public static final int L = ReductionKernels.F64_LANES;

  static {
    if (L != 16) {
      throw new IllegalStateException("sum() keeps sixteen accumulators, the layout has " + L);
    }
  }

  /**
   * Where the accumulators of a row or column sum start: -0, the identity of IEEE addition ({@code
   * -0.0 + x} is x for every x, +0 included, while {@code +0.0 + -0.0} is +0). Every accumulator
   * then holds exactly the fold of its cells from the first one, and so does the combined result: a
   * row of cells that are all -0 sums to -0, as DAPHNE's AggRow and AggCol, which start from the
   * first cell, give. Full sums start at +0, DAPHNE's AggAll start, and are never -0.
   */
  public static final double LINE_SUM_START = -0.0;

  /** SUM, MIN or MAX of the range as a full aggregate: sums start at +0. */
  public static double aggregate(AggOp op, double[] a, int off, int len, double[] acc) {
    return switch (op) {
      case SUM -> sum(a, off, len, acc, 0.0);
      case MIN -> min(a, off, len, acc);
      case MAX -> max(a, off, len, acc);
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    };
  }

  /**
   * SUM, MIN or MAX of one row as a fold from its first cell gives it (see {@link
   * ReductionKernels#rowAggregate}): the sum from {@link #LINE_SUM_START}, the extremes through
   * {@link #firstZero} when they are a zero; an empty row sums to +0.
   */
  public static double row(AggOp op, double[] a, int off, int len, double[] acc) {
    return switch (op) {
      case SUM -> len == 0 ? 0.0 : sum(a, off, len, acc, LINE_SUM_START);
      case MIN -> firstZero(min(a, off, len, acc), a, off, len);
      case MAX -> firstZero(max(a, off, len, acc), a, off, len);
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    };
  }

  /**
   * The extreme r of a row as a sequential fold from the row's first cell returns it. The value is
   * the same; only a zero can differ, in its sign: the fold keeps the first zero it meets (+0 and
   * -0 compare equal, so no later zero replaces it), while the accumulator layout may keep a later
   * one. So a zero r becomes the row's first zero cell; ranges shorter than L are folded in order
   * already and are returned as they are.
   */
  public static double firstZero(double r, double[] a, int off, int len) {
    if (r != 0 || len < L) {
      return r;
    }
    for (int k = off; k < off + len; k++) {
      if (a[k] == 0) {
        return a[k];
      }
    }
    throw new AssertionError("zero extreme not found in its row");
  }

  // Ranges shorter than L reach no accumulator: the combined start values, then the cells folded
  // in order, which is what the tails compute from the start value directly.

  static double sum(double[] a, int off, int len, double[] acc, double start) {
    if (len < L) {
      return sumTail(start, a, off, len);
    }
    int blocks = len / L;
    // the sixteen accumulators in locals, which the JIT keeps in registers (an array of them was
    // loaded and stored on every block: a quarter slower, compiled)
    double s0 = start,
        s1 = start,
        s2 = start,
        s3 = start,
        s4 = start,
        s5 = start,
        s6 = start,
        s7 = start,
        s8 = start,
        s9 = start,
        s10 = start,
        s11 = start,
        s12 = start,
        s13 = start,
        s14 = start,
        s15 = start;
    for (int b = 0, p = off; b < blocks; b++, p += L) {
      s0 += a[p + 0];
      s1 += a[p + 1];
      s2 += a[p + 2];
      s3 += a[p + 3];
      s4 += a[p + 4];
      s5 += a[p + 5];
      s6 += a[p + 6];
      s7 += a[p + 7];
      s8 += a[p + 8];
      s9 += a[p + 9];
      s10 += a[p + 10];
      s11 += a[p + 11];
      s12 += a[p + 12];
      s13 += a[p + 13];
      s14 += a[p + 14];
      s15 += a[p + 15];
    }
    acc[0] = s0;
    acc[1] = s1;
    acc[2] = s2;
    acc[3] = s3;
    acc[4] = s4;
    acc[5] = s5;
    acc[6] = s6;
    acc[7] = s7;
    acc[8] = s8;
    acc[9] = s9;
    acc[10] = s10;
    acc[11] = s11;
    acc[12] = s12;
    acc[13] = s13;
    acc[14] = s14;
    acc[15] = s15;
    return sumTail(combineSum(acc, L), a, off + blocks * L, len - blocks * L);
  }

  static double min(double[] a, int off, int len, double[] acc) {
    if (len < L) {
      return minTail(Double.POSITIVE_INFINITY, a, off, len);
    }
    java.util.Arrays.fill(acc, 0, L, Double.POSITIVE_INFINITY);
    int blocks = len / L;
    for (int b = 0, p = off; b < blocks; b++, p += L) {
      for (int j = 0; j < L; j++) {
        double x = a[p + j];
        acc[j] = x < acc[j] ? x : acc[j];
      }
    }
    return minTail(combineMin(acc, L), a, off + blocks * L, len - blocks * L);
  }

  static double max(double[] a, int off, int len, double[] acc) {
    if (len < L) {
      return maxTail(Double.NEGATIVE_INFINITY, a, off, len);
    }
    java.util.Arrays.fill(acc, 0, L, Double.NEGATIVE_INFINITY);
    int blocks = len / L;
    for (int b = 0, p = off; b < blocks; b++, p += L) {
      for (int j = 0; j < L; j++) {
        double x = a[p + j];
        acc[j] = acc[j] < x ? x : acc[j];
      }
    }
    return maxTail(combineMax(acc, L), a, off + blocks * L, len - blocks * L);
  }

  public static double sumSquaredDeviations(
      double[] a, int off, int len, double mean, double[] acc) {
    java.util.Arrays.fill(acc, 0, L, 0.0);
    int blocks = len / L;
    for (int b = 0, p = off; b < blocks; b++, p += L) {
      for (int j = 0; j < L; j++) {
        double d = a[p + j] - mean;
        acc[j] = acc[j] + d * d;
      }
    }
    double r = combineSum(acc, L);
    for (int k = off + blocks * L; k < off + len; k++) {
      double d = a[k] - mean;
      r = r + d * d;
    }
    return r;
  }

  /** Halving combine of acc[0..n): acc[j] += acc[j + h] for h = n/2 .. 1; returns acc[0]. */
  public static double combineSum(double[] acc, int n) {
    for (int h = n >> 1; h > 0; h >>= 1) {
      for (int j = 0; j < h; j++) {
        acc[j] = acc[j] + acc[j + h];
      }
    }
    return acc[0];
  }

  public static double combineMin(double[] acc, int n) {
    for (int h = n >> 1; h > 0; h >>= 1) {
      for (int j = 0; j < h; j++) {
        acc[j] = acc[j + h] < acc[j] ? acc[j + h] : acc[j];
      }
    }
    return acc[0];
  }

  public static double combineMax(double[] acc, int n) {
    for (int h = n >> 1; h > 0; h >>= 1) {
      for (int j = 0; j < h; j++) {
        acc[j] = acc[j] < acc[j + h] ? acc[j + h] : acc[j];
      }
    }
    return acc[0];
  }

  public static double sumTail(double r, double[] a, int from, int n) {
    for (int k = from; k < from + n; k++) {
      r = r + a[k];
    }
    return r;
  }

  public static double minTail(double r, double[] a, int from, int n) {
    for (int k = from; k < from + n; k++) {
      double x = a[k];
      r = x < r ? x : r;
    }
    return r;
  }

  public static double maxTail(double r, double[] a, int from, int n) {
    for (int k = from; k < from + n; k++) {
      double x = a[k];
      r = r < x ? x : r;
    }
    return r;
  }

  /** The sequential first-best scan of one row (see ReductionKernels#rowIndex). */
  public static int rowIndex(AggOp op, double[] a, int off, int cols) {
    if (cols == 0) {
      throw new KernelException(op.functionName() + " of a row without columns");
    }
    double best = a[off];
    int idx = 0;
    if (op == AggOp.IDXMIN) {
      for (int c = 1; c < cols; c++) {
        double x = a[off + c];
        if (x < best) {
          best = x;
          idx = c;
        }
      }
    } else if (op == AggOp.IDXMAX) {
      for (int c = 1; c < cols; c++) {
        double x = a[off + c];
        if (best < x) {
          best = x;
          idx = c;
        }
      }
    } else {
      throw new IllegalArgumentException("not an index aggregation: " + op);
    }
    return idx;
  }

  public static void columnIndex(
      AggOp op,
      double[] a,
      int aOff,
      int rows,
      int cols,
      long rowBase,
      double[] best,
      long[] idx,
      int outOff,
      boolean init) {
    if (!op.isIndex()) {
      throw new IllegalArgumentException("not an index aggregation: " + op);
    }
    int r0 = 0;
    if (init) {
      if (rows == 0) {
        throw new KernelException(op.functionName() + " of a column without rows");
      }
      System.arraycopy(a, aOff, best, outOff, cols);
      java.util.Arrays.fill(idx, outOff, outOff + cols, rowBase);
      r0 = 1;
    }
    boolean min = op == AggOp.IDXMIN;
    for (int r = r0; r < rows; r++) {
      int p = aOff + r * cols;
      for (int c = 0; c < cols; c++) {
        double x = a[p + c];
        double b = best[outOff + c];
        if (min ? x < b : b < x) {
          best[outOff + c] = x;
          idx[outOff + c] = rowBase + r;
        }
      }
    }
  }

  /** The elementwise op that folds one more row into a column accumulator. */
  public static BinaryOp foldOp(AggOp op) {
    return switch (op) {
      case SUM -> BinaryOp.ADD;
      case MIN -> BinaryOp.MIN;
      case MAX -> BinaryOp.MAX;
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    };
  }

  public static BinaryOp foldOp(CumOp op) {
    return switch (op) {
      case SUM -> BinaryOp.ADD;
      case PROD -> BinaryOp.MUL;
      case MIN -> BinaryOp.MIN;
      case MAX -> BinaryOp.MAX;
    };
  }

  /**
   * Where a column accumulator starts: {@link #LINE_SUM_START} for sums, so each column sums as a
   * fold from its first cell; +inf and -inf for min and max, which the first non-NaN cell replaces.
   */
  public static double columnStart(AggOp op) {
    return switch (op) {
      case SUM -> LINE_SUM_START;
      case MIN -> Double.POSITIVE_INFINITY;
      case MAX -> Double.NEGATIVE_INFINITY;
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    };
  }
}
