package daphnegrid.kernels.sparse;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.Aggregation;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;

/**
 * Full, row and column aggregation of CSR matrices, with DAPHNE's treatment of implicit zeros:
 * {@code sum} folds the stored values only; {@code aggMin} and {@code aggMax} fold one extra zero
 * when the matrix (row, column) has any implicit cell; {@code mean} is the sum divided by the
 * number of cells (not of non-zeros). A full or row fold uses four running accumulators over the
 * stored values, combined as {@code op(op(a0,a1),op(a2,a3))}, then the rest, then the extra zero,
 * as DAPHNE's AggAll and AggRow do; a column fold goes over the stored values top to bottom, as its
 * AggCol does. var, stddev, idxMin and idxMax, and empty matrices, go through the dense kernels.
 */
public final class CsrAggregation {
  private CsrAggregation() {}

  private static boolean native_(AggOp op, CsrMatrix x) {
    return (op == AggOp.SUM || op == AggOp.MIN || op == AggOp.MAX || op == AggOp.MEAN)
        && x.rows() > 0
        && x.cols() > 0;
  }

  /** op over all cells. Does not modify x. */
  public static Scalar full(AggOp op, CsrMatrix x) {
    if (!native_(op, x)) {
      return Aggregation.full(op, CsrConvert.toDense(x));
    }
    long cells = (long) x.rows() * x.cols();
    boolean extraZero = op != AggOp.SUM && op != AggOp.MEAN && x.nnz() < cells;
    Scalar agg = fold(op, x, 0, x.nnz(), extraZero);
    return op == AggOp.MEAN ? divide(agg, cells) : agg;
  }

  /** op over each row: a rows x 1 dense result. Does not modify x. */
  public static DenseMatrix rows(AggOp op, CsrMatrix x) {
    if (!native_(op, x)) {
      return Aggregation.rows(op, CsrConvert.toDense(x));
    }
    int[] off = x.rowOffsets();
    DenseMatrix out = DenseMatrix.allocate(op.resultType(x.type()), x.rows(), 1);
    boolean minMax = op == AggOp.MIN || op == AggOp.MAX;
    for (int r = 0; r < x.rows(); r++) {
      Scalar agg = fold(op, x, off[r], off[r + 1], minMax && x.nnz(r) < x.cols());
      out.set(r, op == AggOp.MEAN ? divide(agg, x.cols()) : agg);
    }
    return out;
  }

  /** op over each column: a 1 x cols dense result. Does not modify x. */
  public static DenseMatrix cols(AggOp op, CsrMatrix x) {
    if (!native_(op, x)) {
      return Aggregation.cols(op, CsrConvert.toDense(x));
    }
    int cols = x.cols();
    int[] idx = x.colIdxs();
    int nnz = x.nnz();
    ValueType rt = op.resultType(x.type());
    DenseMatrix out = DenseMatrix.allocate(rt, 1, cols);
    boolean minMax = op == AggOp.MIN || op == AggOp.MAX;
    int[] count = new int[cols];
    if (rt == ValueType.F64 && x.type() == ValueType.F64) {
      double[] v = x.f64();
      double[] o = out.f64();
      if (minMax) {
        java.util.Arrays.fill(o, neutral(op));
      }
      for (int k = 0; k < nnz; k++) {
        int c = idx[k];
        o[c] = foldF64(op, o[c], v[k]);
        count[c]++;
      }
      for (int c = 0; c < cols; c++) {
        if (minMax && count[c] < x.rows()) {
          o[c] = foldF64(op, o[c], 0.0);
        } else if (op == AggOp.MEAN) {
          o[c] /= x.rows();
        }
      }
      return out;
    }
    ValueType at = op == AggOp.MEAN ? rt : x.type();
    Scalar[] acc = new Scalar[cols];
    for (int c = 0; c < cols; c++) {
      acc[c] = minMax ? null : Scalar.ofLong(at, 0);
    }
    for (int k = 0; k < nnz; k++) {
      int c = idx[k];
      acc[c] = foldScalar(op, acc[c], x.value(k).convert(at));
      count[c]++;
    }
    for (int c = 0; c < cols; c++) {
      Scalar a = acc[c];
      if (minMax && count[c] < x.rows()) {
        a = foldScalar(op, a, Scalar.ofLong(at, 0));
      }
      out.set(c, op == AggOp.MEAN ? divide(a, x.rows()) : a);
    }
    return out;
  }

  /** op over stored values [from, to), plus one zero if extraZero; MEAN gives the sum. */
  private static Scalar fold(AggOp op, CsrMatrix x, int from, int to, boolean extraZero) {
    ValueType rt = op.resultType(x.type());
    if (x.type() == ValueType.F64) {
      double[] v = x.f64();
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
      return Scalar.f64(agg);
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
