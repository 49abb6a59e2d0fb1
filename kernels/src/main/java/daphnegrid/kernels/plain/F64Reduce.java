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

  public static double aggregate(AggOp op, double[] a, int off, int len, double[] acc) {
    return switch (op) {
      case SUM -> sum(a, off, len, acc);
      case MIN -> min(a, off, len, acc);
      case MAX -> max(a, off, len, acc);
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    };
  }

  // Ranges shorter than L reach no accumulator: the combined neutral elements, then the cells
  // folded in order, which is what the tails compute from the neutral element directly.

  static double sum(double[] a, int off, int len, double[] acc) {
    if (len < L) {
      return sumTail(0.0, a, off, len);
    }
    java.util.Arrays.fill(acc, 0, L, 0.0);
    int blocks = len / L;
    for (int b = 0, p = off; b < blocks; b++, p += L) {
      for (int j = 0; j < L; j++) {
        acc[j] = acc[j] + a[p + j];
      }
    }
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

  public static double neutral(AggOp op) {
    return switch (op) {
      case SUM -> 0.0;
      case MIN -> Double.POSITIVE_INFINITY;
      case MAX -> Double.NEGATIVE_INFINITY;
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    };
  }
}
