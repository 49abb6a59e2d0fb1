package daphnegrid.kernels.sparse;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.Aggregation;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.Parallel;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.RowBlocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Full, row and column aggregation of CSR matrices, with DAPHNE's treatment of implicit zeros:
 * {@code sum} folds the stored values only; {@code aggMin} and {@code aggMax} fold one extra zero
 * when the matrix (row, column) has any implicit cell; {@code mean} is the sum divided by the
 * number of cells (not of non-zeros). A full or row fold uses four running accumulators over the
 * stored values, combined as {@code op(op(a0,a1),op(a2,a3))}, then the rest, then the extra zero,
 * as DAPHNE's AggAll and AggRow do; a column fold goes over the stored values top to bottom, as its
 * AggCol does. var, stddev, idxMin and idxMax, and empty matrices, go through the dense kernels.
 *
 * <p>Full and column folds run per row block ({@link RowBlocks}, a function of the row count only)
 * and combine the blocks' partials in block order, as the dense reductions do: the grid folds each
 * CSR block on its member with the same {@code *Partial} methods and combines them with the same
 * {@code *Combine} methods, so both engines give the same bits. A matrix of one block (up to {@link
 * RowBlocks#MIN_ROWS} rows) folds exactly as DAPHNE does; for more rows the sums may differ from
 * DAPHNE's single fold in the last bits (min and max never do).
 */
public final class CsrAggregation {
  private CsrAggregation() {}

  /**
   * Matrices with fewer stored cells fold on one thread. These folds stream the values once and are
   * bound by memory bandwidth: at 4M stored cells (bench/sparse.py, 1.5 ms for the full sum, 4 ms
   * for the row sums on one thread) splitting them over the two cores of the shared machine we
   * measured on was slower (full sum 2.5-2.7 ms, row sums 5.0-6.6 ms at load 5), so only folds some
   * times larger split.
   */
  static final int PARALLEL_MIN_STORED = 1 << 24;

  /**
   * True if op runs on CSR data here (sum, aggMin, aggMax, mean of a non-empty matrix); other
   * aggregations go through the dense kernels.
   */
  public static boolean native_(AggOp op, int rows, int cols) {
    return (op == AggOp.SUM || op == AggOp.MIN || op == AggOp.MAX || op == AggOp.MEAN)
        && rows > 0
        && cols > 0;
  }

  /** op over all cells, folded per row block and combined in block order. Does not modify x. */
  public static Scalar full(AggOp op, CsrMatrix x) {
    return full(op, x, null);
  }

  /**
   * {@link #full(AggOp, CsrMatrix)} with the blocks' partials made on pool (null: this thread);
   * each partial is its block's own fold and the combination stays in block order, so the result
   * does not depend on the pool.
   */
  public static Scalar full(AggOp op, CsrMatrix x, ForkJoinPool pool) {
    return full(op, x, pool, PARALLEL_MIN_STORED);
  }

  /** {@link #full(AggOp, CsrMatrix, ForkJoinPool)} splitting from minStored stored cells on. */
  static Scalar full(AggOp op, CsrMatrix x, ForkJoinPool pool, int minStored) {
    if (!native_(op, x)) {
      return Aggregation.full(op, CsrConvert.toDense(x));
    }
    int rows = x.rows();
    int blocks = RowBlocks.count(rows);
    Scalar[] partials = new Scalar[blocks];
    int parts = x.nnz() < minStored ? 1 : Math.min(Parallel.parts(pool), blocks);
    Parallel.forEach(
        pool,
        parts,
        t -> {
          for (int b = Parallel.cut(blocks, parts, t, 1);
              b < Parallel.cut(blocks, parts, t + 1, 1);
              b++) {
            partials[b] =
                fullPartial(op, x, (int) RowBlocks.start(rows, b), (int) RowBlocks.end(rows, b));
          }
        });
    return fullCombine(op, x.type(), rows, x.cols(), x.nnz(), Arrays.asList(partials));
  }

  /**
   * The partial of a full aggregation over the stored values of rows [r0, r1) of x (a row block):
   * their fold with four running accumulators (a sum for mean), without the extra zero; null for
   * aggMin and aggMax when the rows store nothing. Requires {@link #native_}.
   */
  public static Scalar fullPartial(AggOp op, CsrMatrix x, int r0, int r1) {
    int[] off = x.rowOffsets();
    if (off[r0] == off[r1] && (op == AggOp.MIN || op == AggOp.MAX)) {
      return null;
    }
    return fold(op, x, off[r0], off[r1], false);
  }

  /**
   * A full aggregation of a rows x cols matrix of type with nnz stored cells from the partials of
   * its row blocks ({@link #fullPartial}), folded in block order, then the extra zero of aggMin and
   * aggMax when a cell is implicit, then mean's division. The local and the grid engine both take
   * this path, so their results are the same bits; with one block (up to {@link RowBlocks#MIN_ROWS}
   * rows) it is exactly DAPHNE's single fold.
   */
  public static Scalar fullCombine(
      AggOp op, ValueType type, long rows, long cols, long nnz, List<Scalar> partials) {
    Scalar agg = null;
    for (Scalar p : partials) {
      agg = foldScalar(op, agg, p);
    }
    long cells = rows * cols;
    ValueType at = op == AggOp.MEAN ? op.resultType(type) : type;
    if (op != AggOp.SUM && op != AggOp.MEAN && nnz < cells) {
      agg = foldScalar(op, agg, Scalar.ofLong(at, 0));
    }
    if (agg == null) {
      agg = Scalar.ofLong(at, 0);
    }
    return op == AggOp.MEAN ? divide(agg, cells) : agg;
  }

  private static boolean native_(AggOp op, CsrMatrix x) {
    return native_(op, x.rows(), x.cols());
  }

  /** op over each row: a rows x 1 dense result. Does not modify x. */
  public static DenseMatrix rows(AggOp op, CsrMatrix x) {
    return rows(op, x, null);
  }

  /**
   * {@link #rows(AggOp, CsrMatrix)} with row ranges computed on pool (null: this thread); every row
   * is its own fold, so the result does not depend on the pool.
   */
  public static DenseMatrix rows(AggOp op, CsrMatrix x, ForkJoinPool pool) {
    return rows(op, x, pool, PARALLEL_MIN_STORED);
  }

  /** {@link #rows(AggOp, CsrMatrix, ForkJoinPool)} splitting from minStored stored cells on. */
  static DenseMatrix rows(AggOp op, CsrMatrix x, ForkJoinPool pool, int minStored) {
    if (!native_(op, x)) {
      return Aggregation.rows(op, CsrConvert.toDense(x));
    }
    int[] off = x.rowOffsets();
    DenseMatrix out = DenseMatrix.allocate(op.resultType(x.type()), x.rows(), 1);
    boolean minMax = op == AggOp.MIN || op == AggOp.MAX;
    if (x.type() == ValueType.F64 && out.type() == ValueType.F64) {
      double[] v = x.f64();
      double[] o = out.f64();
      int cols = x.cols();
      Parallel.forEachStoredPart(
          off,
          x.rows(),
          x.nnz() < minStored ? null : pool,
          (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
              double agg =
                  foldRangeF64(op, v, off[r], off[r + 1], minMax && off[r + 1] - off[r] < cols);
              o[r] = op == AggOp.MEAN ? agg / cols : agg;
            }
          });
      return out;
    }
    for (int r = 0; r < x.rows(); r++) {
      Scalar agg = fold(op, x, off[r], off[r + 1], minMax && x.nnz(r) < x.cols());
      out.set(r, op == AggOp.MEAN ? divide(agg, x.cols()) : agg);
    }
    return out;
  }

  /**
   * op over each column: a 1 x cols dense result, folded per row block (top to bottom within it)
   * and combined in block order. Does not modify x.
   */
  public static DenseMatrix cols(AggOp op, CsrMatrix x) {
    if (!native_(op, x)) {
      return Aggregation.cols(op, CsrConvert.toDense(x));
    }
    int blocks = RowBlocks.count(x.rows());
    List<ColPartial> partials = new ArrayList<>(blocks);
    for (int b = 0; b < blocks; b++) {
      partials.add(
          colsPartial(op, x, (int) RowBlocks.start(x.rows(), b), (int) RowBlocks.end(x.rows(), b)));
    }
    return colsCombine(op, x.type(), x.rows(), x.cols(), partials);
  }

  /**
   * A column aggregation's partial of one row block: per column, the fold of its stored values top
   * to bottom (a sum for mean) in the fold type, 0 where the block stores nothing, and how many
   * values each column stored there (only aggMin and aggMax read them: null will do for the
   * others).
   */
  public record ColPartial(DenseMatrix acc, int[] counts) {}

  /** The {@link ColPartial} of rows [r0, r1) of x. Requires {@link #native_}. */
  public static ColPartial colsPartial(AggOp op, CsrMatrix x, int r0, int r1) {
    int cols = x.cols();
    int[] idx = x.colIdxs();
    int[] off = x.rowOffsets();
    ValueType rt = op.resultType(x.type());
    ValueType at = op == AggOp.MEAN ? rt : x.type();
    boolean minMax = op == AggOp.MIN || op == AggOp.MAX;
    int[] count = new int[cols];
    DenseMatrix out = DenseMatrix.allocate(at, 1, cols);
    if (at == ValueType.F64 && x.type() == ValueType.F64) {
      double[] v = x.f64();
      double[] o = out.f64();
      if (minMax) {
        java.util.Arrays.fill(o, neutral(op));
      }
      for (int k = off[r0]; k < off[r1]; k++) {
        int c = idx[k];
        o[c] = foldF64(op, o[c], v[k]);
        count[c]++;
      }
      for (int c = 0; c < cols; c++) {
        if (count[c] == 0) {
          o[c] = 0.0;
        }
      }
      return new ColPartial(out, count);
    }
    Scalar[] acc = new Scalar[cols];
    for (int c = 0; c < cols; c++) {
      acc[c] = minMax ? null : Scalar.ofLong(at, 0);
    }
    for (int k = off[r0]; k < off[r1]; k++) {
      int c = idx[k];
      acc[c] = foldScalar(op, acc[c], x.value(k).convert(at));
      count[c]++;
    }
    for (int c = 0; c < cols; c++) {
      out.set(c, acc[c] == null ? Scalar.ofLong(at, 0) : acc[c]);
    }
    return new ColPartial(out, count);
  }

  /**
   * A column aggregation of a rows x cols matrix of type from the partials of its row blocks, in
   * block order: per column the blocks' folds (those that stored something, for aggMin and aggMax),
   * then the extra zero of aggMin and aggMax for a column with an implicit cell, then mean's
   * division. Both engines take this path; with one block it is DAPHNE's AggCol exactly.
   */
  public static DenseMatrix colsCombine(
      AggOp op, ValueType type, long rows, int cols, List<ColPartial> partials) {
    ValueType rt = op.resultType(type);
    ValueType at = op == AggOp.MEAN ? rt : type;
    boolean minMax = op == AggOp.MIN || op == AggOp.MAX;
    DenseMatrix out = DenseMatrix.allocate(rt, 1, cols);
    long[] count = new long[cols];
    if (rt == ValueType.F64 && type == ValueType.F64) {
      double[] o = out.f64();
      boolean[] seen = new boolean[cols];
      for (ColPartial p : partials) {
        double[] a = p.acc().f64();
        for (int c = 0; c < cols; c++) {
          int n = p.counts() == null ? 0 : p.counts()[c];
          count[c] += n;
          if (minMax && n == 0) {
            continue;
          }
          o[c] = seen[c] ? foldF64(op, o[c], a[c]) : a[c];
          seen[c] = true;
        }
      }
      for (int c = 0; c < cols; c++) {
        if (minMax && count[c] < rows) {
          o[c] = seen[c] ? foldF64(op, o[c], 0.0) : 0.0;
        } else if (op == AggOp.MEAN) {
          o[c] /= rows;
        }
      }
      return out;
    }
    Scalar[] acc = new Scalar[cols];
    for (ColPartial p : partials) {
      for (int c = 0; c < cols; c++) {
        int n = p.counts() == null ? 0 : p.counts()[c];
        count[c] += n;
        if (minMax && n == 0) {
          continue;
        }
        acc[c] = foldScalar(op, acc[c], p.acc().get(c));
      }
    }
    for (int c = 0; c < cols; c++) {
      Scalar a = acc[c];
      if (minMax && count[c] < rows) {
        a = foldScalar(op, a, Scalar.ofLong(at, 0));
      }
      if (a == null) {
        a = Scalar.ofLong(at, 0);
      }
      out.set(c, op == AggOp.MEAN ? divide(a, rows) : a);
    }
    return out;
  }

  /** op over stored values [from, to), plus one zero if extraZero; MEAN gives the sum. */
  private static Scalar fold(AggOp op, CsrMatrix x, int from, int to, boolean extraZero) {
    ValueType rt = op.resultType(x.type());
    if (x.type() == ValueType.F64) {
      return Scalar.f64(foldRangeF64(op, x.f64(), from, to, extraZero));
    }
    ValueType at = op == AggOp.MEAN ? rt : x.type();
    Scalar[] a = new Scalar[4];
    int n = to - from;
    int end = from + n / 4 * 4;
    for (int i = from; i < end; i += 4) {
      for (int j = 0; j < 4; j++) {
        a[j] = foldScalar(op, a[j], x.value(i + j).convert(at));
      }
    }
    Scalar agg =
        n >= 4 ? foldScalar(op, foldScalar(op, a[0], a[1]), foldScalar(op, a[2], a[3])) : null;
    for (int i = end; i < to; i++) {
      agg = foldScalar(op, agg, x.value(i).convert(at));
    }
    if (extraZero) {
      agg = foldScalar(op, agg, Scalar.ofLong(at, 0));
    }
    if (agg == null) {
      // no values at all: the neutral element (only a sum can get here: min/max add a zero)
      agg = Scalar.ofLong(at, 0);
    }
    return agg;
  }

  /**
   * The f64 fold of v[from, to) as {@link #fold} defines it: four running accumulators over the
   * values (value i to accumulator (i - from) mod 4), combined as op(op(a0,a1),op(a2,a3)) when
   * there were at least four values, then the rest in order, then the extra zero.
   */
  static double foldRangeF64(AggOp op, double[] v, int from, int to, boolean extraZero) {
    double n0 = neutral(op);
    double a0 = n0;
    double a1 = n0;
    double a2 = n0;
    double a3 = n0;
    int n = to - from;
    int end = from + n / 4 * 4;
    for (int i = from; i < end; i += 4) {
      a0 = foldF64(op, a0, v[i]);
      a1 = foldF64(op, a1, v[i + 1]);
      a2 = foldF64(op, a2, v[i + 2]);
      a3 = foldF64(op, a3, v[i + 3]);
    }
    double agg = n >= 4 ? foldF64(op, foldF64(op, a0, a1), foldF64(op, a2, a3)) : n0;
    for (int i = end; i < to; i++) {
      agg = foldF64(op, agg, v[i]);
    }
    if (extraZero) {
      agg = foldF64(op, agg, 0.0);
    }
    return agg;
  }

  static double neutral(AggOp op) {
    return switch (op) {
      case MIN -> Double.POSITIVE_INFINITY;
      case MAX -> Double.NEGATIVE_INFINITY;
      default -> 0.0;
    };
  }

  /** C++'s {@code acc + x}, {@code std::min(acc, x)}, {@code std::max(acc, x)}. */
  static double foldF64(AggOp op, double acc, double x) {
    return switch (op) {
      case MIN -> x < acc ? x : acc;
      case MAX -> acc < x ? x : acc;
      default -> acc + x;
    };
  }

  /** The same fold on scalars of one type; a null accumulator stands for the neutral element. */
  static Scalar foldScalar(AggOp op, Scalar acc, Scalar x) {
    if (acc == null) {
      return x;
    }
    if (x == null) {
      return acc;
    }
    return switch (op) {
      case MIN -> less(x, acc) ? x : acc;
      case MAX -> less(acc, x) ? x : acc;
      default -> ElementOps.apply(BinaryOp.ADD, acc, x);
    };
  }

  private static boolean less(Scalar a, Scalar b) {
    return ElementOps.apply(BinaryOp.LT, a, b).isTrue();
  }

  private static Scalar divide(Scalar sum, long n) {
    if (sum.type() == ValueType.F32) {
      return Scalar.ofDouble(ValueType.F32, (float) sum.doubleValue() / (float) n);
    }
    return Scalar.f64(sum.asDouble() / n);
  }
}
