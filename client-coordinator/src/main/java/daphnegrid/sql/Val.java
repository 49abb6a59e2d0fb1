package daphnegrid.sql;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.StringColumn;

/** A value while a query is evaluated: a column, a constant (Long, Double, String) or a mask. */
sealed interface Val {
  record Col(Column c) implements Val {}

  record Const(Object v) implements Val {}

  record Mask(boolean[] m) implements Val {}

  default boolean isString() {
    return this instanceof Col c
        ? c.c().type() == ValueType.STR
        : this instanceof Const k && k.v() instanceof String;
  }

  default boolean isFloat() {
    return this instanceof Col c
        ? c.c().type().isFloat()
        : this instanceof Const k && k.v() instanceof Double;
  }

  /** The value as a column of n rows (constants repeated). */
  default Column column(int n) {
    if (this instanceof Col c) {
      return c.c();
    }
    if (this instanceof Const k) {
      Object v = k.v();
      if (v instanceof String s) {
        StringColumn.Builder b = new StringColumn.Builder(n);
        for (int i = 0; i < n; i++) b.add(s);
        return b.build();
      }
      if (v instanceof Double d) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, d);
        return Column.of(DenseMatrix.wrap(ValueType.F64, n, 1, a));
      }
      long[] a = new long[n];
      java.util.Arrays.fill(a, (Long) v);
      return Column.of(DenseMatrix.wrap(ValueType.SI64, n, 1, a));
    }
    throw new IllegalStateException("a condition is not a column");
  }
}
