package daphnegrid.kernels.relational;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;

/**
 * Grouped aggregation of a matrix, column by column: out[g, j] = fn over arg[i, j] for the rows i
 * with groupOf[i] == g (see {@link Aggregates} for types, order and empty groups).
 */
public final class GroupedAggregation {
  private GroupedAggregation() {}

  /**
   * A groups x ncol(arg) matrix of value type out (the caller's rule for fn and arg's type). Does
   * not modify arg.
   */
  public static DenseMatrix apply(
      Aggregates.Fn fn, DenseMatrix arg, int[] groupOf, int groups, ValueType out) {
    int n = arg.rows(), m = arg.cols();
    if (groupOf.length != n) {
      throw new IllegalArgumentException("one group id per row is needed");
    }
    DenseMatrix res = DenseMatrix.allocate(out, groups, m);
    DenseMatrix col = DenseMatrix.allocate(arg.type(), n, 1);
    for (int j = 0; j < m; j++) {
      if (m == 1) {
        col = arg;
      } else {
        Object src = arg.data(), dst = col.data();
        for (int i = 0; i < n; i++) {
          System.arraycopy(src, i * m + j, dst, i, 1);
        }
      }
      DenseMatrix agg = Aggregates.apply(fn, Column.of(col), groupOf, groups).toMatrix();
      for (int g = 0; g < groups; g++) {
        if (out.isFloat()) {
          res.setDouble(g * m + j, agg.getDouble(g));
        } else {
          res.setLong(g * m + j, agg.getLong(g));
        }
      }
    }
    return res;
  }
}
