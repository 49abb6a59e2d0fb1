package daphnegrid.kernels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Contingency tables, recoding, one-hot encoding and binning (spec 7.8, 7.9). */
public final class Preprocess {
  private Preprocess() {}

  /**
   * The contingency table adding weight at [ys[k], xs[k]] for every k; numRows/numCols negative
   * mean "from the data" (max + 1); pairs outside an explicit shape are dropped.
   */
  public static DenseMatrix ctable(
      DenseMatrix ys, DenseMatrix xs, Scalar weight, long numRows, long numCols) {
    if (ys.size() != xs.size()) {
      throw new KernelException(
          "ctable: both inputs must have the same number of cells, got "
              + Shapes.of(ys)
              + " and "
              + Shapes.of(xs));
    }
    int n = ys.size();
    long[] r = new long[n];
    long[] c = new long[n];
    long maxR = -1;
    long maxC = -1;
    for (int k = 0; k < n; k++) {
      r[k] = coordinate(ys, k);
      c[k] = coordinate(xs, k);
      maxR = Math.max(maxR, r[k]);
      maxC = Math.max(maxC, c[k]);
    }
    long rows = numRows < 0 ? maxR + 1 : numRows;
    long cols = numCols < 0 ? maxC + 1 : numCols;
    ValueType t = weight.type();
    DenseMatrix out = DenseMatrix.allocate(t, rows, cols);
    for (int k = 0; k < n; k++) {
      if (r[k] < rows && c[k] < cols) {
        int i = (int) (r[k] * cols + c[k]);
        out.set(i, ElementOps.apply(BinaryOp.ADD, out.get(i), weight));
      }
    }
    return out;
  }

  private static long coordinate(DenseMatrix m, int k) {
    long v = m.type().isFloat() ? Convert.fromDouble(m.getDouble(k), ValueType.SI64) : m.getLong(k);
    if (v < 0) {
      throw new KernelException("ctable: coordinates must not be negative, got " + v);
    }
    return v;
  }

  /**
   * Codes (n x 1 si64) and dictionary (distinct x 1) of a one-column matrix: codes in order of
   * first appearance, or ranks of the sorted distinct values when orderPreserving.
   */
  public static DenseMatrix[] recode(DenseMatrix arg, boolean orderPreserving) {
    if (arg.cols() != 1 && arg.rows() > 0) {
      throw new KernelException(
          "recode: the argument must have exactly one column, got " + Shapes.of(arg));
    }
    int n = arg.size();
    Map<Object, Integer> seen = new HashMap<>();
    List<Integer> firstIdx = new ArrayList<>();
    long[] codes = new long[n];
    for (int i = 0; i < n; i++) {
      Object key = key(arg, i);
      Integer code = seen.get(key);
      if (code == null) {
        code = firstIdx.size();
        seen.put(key, code);
        firstIdx.add(i);
      }
      codes[i] = code;
    }
    int d = firstIdx.size();
    int[] dictOrder = new int[d];
    if (orderPreserving) {
      Integer[] byValue = firstIdx.toArray(new Integer[0]);
      java.util.Arrays.sort(byValue, (x, y) -> Reorg.compareCells(arg, x, y));
      int[] rank = new int[d];
      for (int j = 0; j < d; j++) {
        dictOrder[j] = byValue[j];
        rank[seen.get(key(arg, byValue[j]))] = j;
      }
      for (int i = 0; i < n; i++) {
        codes[i] = rank[(int) codes[i]];
      }
    } else {
      for (int j = 0; j < d; j++) {
        dictOrder[j] = firstIdx.get(j);
      }
    }
    DenseMatrix codeM = DenseMatrix.wrap(ValueType.SI64, n, 1, codes);
    DenseMatrix dict = Indexing.gather(arg.reshape(n, 1), dictOrder, new int[] {0});
    return new DenseMatrix[] {codeM, dict};
  }

  private static Object key(DenseMatrix m, int i) {
    if (m.type().isFloat()) {
      return m.getDouble(i);
    }
    if (m.type() == ValueType.STR) {
      return m.getString(i);
    }
    return m.getLong(i);
  }

  /**
   * One-hot encoding by column: info[j] = -1 keeps column j, 0 drops it, k > 0 expands it into k
   * 0/1 columns. String matrices are dictionary-encoded per column first (result si64).
   */
  public static DenseMatrix oneHot(DenseMatrix arg, DenseMatrix info) {
    int rows = arg.rows();
    int cols = arg.cols();
    if (info.rows() != 1 || info.cols() != cols) {
      throw new KernelException(
          "oneHot: info must be a 1x" + cols + " row matrix, got " + Shapes.of(info));
    }
    long[] k = new long[cols];
    boolean any = false;
    int width = 0;
    for (int j = 0; j < cols; j++) {
      k[j] = info.getLong(j);
      if (k[j] < -1) {
        throw new KernelException("oneHot: info entries must be -1, 0 or positive, got " + k[j]);
      }
      any |= k[j] != 0;
      width += k[j] == -1 ? 1 : (int) k[j];
    }
    if (!any) {
      throw new KernelException("oneHot: at least one info entry must be non-zero");
    }
    DenseMatrix src = arg;
    if (arg.type() == ValueType.STR) {
      src = DenseMatrix.allocate(ValueType.SI64, rows, cols);
      for (int j = 0; j < cols; j++) {
        Map<String, Long> dict = new HashMap<>();
        for (int r = 0; r < rows; r++) {
          String s = arg.getString(r * cols + j);
          Long code = dict.get(s);
          if (code == null) {
            code = (long) dict.size();
            dict.put(s, code);
          }
          src.i64()[r * cols + j] = code;
        }
      }
    }
    DenseMatrix out = DenseMatrix.allocate(src.type(), rows, width);
    int at = 0;
    for (int j = 0; j < cols; j++) {
      if (k[j] == -1) {
        for (int r = 0; r < rows; r++) {
          out.set(r * width + at, src.get(r * cols + j));
        }
        at++;
      } else if (k[j] > 0) {
        for (int r = 0; r < rows; r++) {
          double v = src.getDouble(r * cols + j);
          if (v != Math.rint(v) || v < 0 || v >= k[j]) {
            throw new KernelException(
                "oneHot: value "
                    + src.get(r * cols + j).toDisplayString()
                    + " in column "
                    + j
                    + " is not an integer in [0, "
                    + (k[j] - 1)
                    + "]");
          }
          out.setLong(r * width + at + (int) v, 1);
        }
        at += (int) k[j];
      }
    }
    return out;
  }

  /**
   * Equi-width binning into numBins right-closed bins between min and max (given or taken from the
   * data, NaN ignored); NaN stays NaN.
   */
  public static DenseMatrix bin(DenseMatrix arg, long numBins, Scalar min, Scalar max) {
    if (numBins <= 0) {
      throw new KernelException("bin: numBins must be positive, got " + numBins);
    }
    if (arg.type() == ValueType.STR) {
      throw new KernelException("bin: string matrices cannot be binned");
    }
    double lo = min != null ? min.asDouble() : Aggregation.full(AggOp.MIN, arg).asDouble();
    double hi = max != null ? max.asDouble() : Aggregation.full(AggOp.MAX, arg).asDouble();
    if (Double.isNaN(lo) || Double.isNaN(hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
      throw new KernelException("bin: min and max must be finite numbers");
    }
    if (lo > hi) {
      throw new KernelException("bin: min must not be greater than max");
    }
    if (lo == hi && numBins > 1) {
      throw new KernelException("bin: min equals max but more than one bin was requested");
    }
    int n = arg.size();
    DenseMatrix out = DenseMatrix.allocate(arg.type(), arg.rows(), arg.cols());
    double w = (hi - lo) / numBins;
    for (int i = 0; i < n; i++) {
      double v = arg.getDouble(i);
      if (Double.isNaN(v)) {
        out.setDouble(i, v);
        continue;
      }
      long b;
      if (lo == hi || v <= lo) {
        b = 0;
      } else {
        double q = Math.ceil((v - lo) / w) - 1;
        b = q < 0 ? 0 : (q > numBins - 1 ? numBins - 1 : (long) q);
      }
      out.setLong(i, b);
    }
    return out;
  }
}
