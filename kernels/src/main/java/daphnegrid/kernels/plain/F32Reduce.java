package daphnegrid.kernels.plain;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.CumOp;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ReductionKernels;

/**
 * Plain f32 reductions in the fixed accumulator layout of {@link ReductionKernels}. The vector
 * kernels call the public helpers here for their combine steps and tails, so the two share one
 * definition of the order. Methods taking {@code acc} use it as scratch of at least {@link #L}
 * cells, so row loops allocate it once.
 */
public final class F32Reduce {
  private F32Reduce() {}

  /** Logical accumulator count. */
  public static final int L = ReductionKernels.F32_LANES;

  /** Where row and column sums start: -0 (see {@link F64Reduce#LINE_SUM_START}). */
  public static final float LINE_SUM_START = -0f;

  /** SUM, MIN or MAX of the range as a full aggregate: sums start at +0. */
  public static float aggregate(AggOp op, float[] a, int off, int len, float[] acc) {
    return switch (op) {
      case SUM -> sum(a, off, len, acc, 0f);
      case MIN -> min(a, off, len, acc);
      case MAX -> max(a, off, len, acc);
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    };
  }

  /** One row as a fold from its first cell gives it (see {@link F64Reduce#row}). */
  public static float row(AggOp op, float[] a, int off, int len, float[] acc) {
    return switch (op) {
      case SUM -> len == 0 ? 0f : sum(a, off, len, acc, LINE_SUM_START);
      case MIN -> firstZero(min(a, off, len, acc), a, off, len);
      case MAX -> firstZero(max(a, off, len, acc), a, off, len);
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    };
  }

  /** A zero extreme r of a row becomes the row's first zero cell (see {@link F64Reduce}). */
  public static float firstZero(float r, float[] a, int off, int len) {
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

  static float sum(float[] a, int off, int len, float[] acc, float start) {
    java.util.Arrays.fill(acc, 0, L, start);
    int blocks = len / L;
    for (int b = 0, p = off; b < blocks; b++, p += L) {
      for (int j = 0; j < L; j++) {
        acc[j] = acc[j] + a[p + j];
      }
    }
    return sumTail(combineSum(acc, L), a, off + blocks * L, len - blocks * L);
  }

  static float min(float[] a, int off, int len, float[] acc) {
    java.util.Arrays.fill(acc, 0, L, Float.POSITIVE_INFINITY);
    int blocks = len / L;
    for (int b = 0, p = off; b < blocks; b++, p += L) {
      for (int j = 0; j < L; j++) {
        float x = a[p + j];
        acc[j] = x < acc[j] ? x : acc[j];
      }
    }
    return minTail(combineMin(acc, L), a, off + blocks * L, len - blocks * L);
  }

  static float max(float[] a, int off, int len, float[] acc) {
    java.util.Arrays.fill(acc, 0, L, Float.NEGATIVE_INFINITY);
    int blocks = len / L;
    for (int b = 0, p = off; b < blocks; b++, p += L) {
      for (int j = 0; j < L; j++) {
        float x = a[p + j];
        acc[j] = acc[j] < x ? x : acc[j];
      }
    }
    return maxTail(combineMax(acc, L), a, off + blocks * L, len - blocks * L);
  }

  public static float sumSquaredDeviations(float[] a, int off, int len, float mean, float[] acc) {
    java.util.Arrays.fill(acc, 0, L, 0f);
    int blocks = len / L;
    for (int b = 0, p = off; b < blocks; b++, p += L) {
      for (int j = 0; j < L; j++) {
        float d = a[p + j] - mean;
        acc[j] = acc[j] + d * d;
      }
    }
    float r = combineSum(acc, L);
    for (int k = off + blocks * L; k < off + len; k++) {
      float d = a[k] - mean;
      r = r + d * d;
    }
    return r;
  }

  /** Halving combine of acc[0..n): acc[j] += acc[j + h] for h = n/2 .. 1; returns acc[0]. */
  public static float combineSum(float[] acc, int n) {
    for (int h = n >> 1; h > 0; h >>= 1) {
      for (int j = 0; j < h; j++) {
        acc[j] = acc[j] + acc[j + h];
      }
    }
    return acc[0];
  }

  public static float combineMin(float[] acc, int n) {
    for (int h = n >> 1; h > 0; h >>= 1) {
      for (int j = 0; j < h; j++) {
        acc[j] = acc[j + h] < acc[j] ? acc[j + h] : acc[j];
      }
    }
    return acc[0];
  }

  public static float combineMax(float[] acc, int n) {
    for (int h = n >> 1; h > 0; h >>= 1) {
      for (int j = 0; j < h; j++) {
        acc[j] = acc[j] < acc[j + h] ? acc[j + h] : acc[j];
      }
    }
    return acc[0];
  }

  public static float sumTail(float r, float[] a, int from, int n) {
    for (int k = from; k < from + n; k++) {
      r = r + a[k];
    }
    return r;
  }

  public static float minTail(float r, float[] a, int from, int n) {
    for (int k = from; k < from + n; k++) {
      float x = a[k];
      r = x < r ? x : r;
    }
    return r;
  }

  public static float maxTail(float r, float[] a, int from, int n) {
    for (int k = from; k < from + n; k++) {
      float x = a[k];
      r = r < x ? x : r;
    }
    return r;
  }

  /** The sequential first-best scan of one row (see ReductionKernels#rowIndex). */
  public static int rowIndex(AggOp op, float[] a, int off, int cols) {
    if (cols == 0) {
      throw new KernelException(op.functionName() + " of a row without columns");
    }
    float best = a[off];
    int idx = 0;
    if (op == AggOp.IDXMIN) {
      for (int c = 1; c < cols; c++) {
        float x = a[off + c];
        if (x < best) {
          best = x;
          idx = c;
        }
      }
    } else if (op == AggOp.IDXMAX) {
      for (int c = 1; c < cols; c++) {
        float x = a[off + c];
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
      float[] a,
      int aOff,
      int rows,
      int cols,
      long rowBase,
      float[] best,
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
        float x = a[p + c];
        float b = best[outOff + c];
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

  /** Where a column accumulator starts (see {@link F64Reduce#columnStart}). */
  public static float columnStart(AggOp op) {
    return switch (op) {
      case SUM -> LINE_SUM_START;
      case MIN -> Float.POSITIVE_INFINITY;
      case MAX -> Float.NEGATIVE_INFINITY;
      default -> throw new IllegalArgumentException("not a plain aggregation: " + op);
    };
  }
}
