package daphnegrid.kernels.relational;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.StringColumn;

/**
 * A conjunction of comparisons of a frame column with a constant ({@code c op k}), the part of a
 * query's WHERE that can be evaluated on each row block where the block lives. The comparisons are
 * those of the SQL engine: a str column with a string, in byte order; a numeric column with a
 * number as f64 when either is a float ({@code Column.get}'s double, so NaN compares false), else
 * as si64.
 *
 * @param columns the column compared by each term (a position in the frame)
 * @param ops each term's operator
 * @param constants each term's constant: a Long, a Double or a String
 */
public record RowFilter(int[] columns, Op[] ops, Object[] constants)
    implements java.io.Serializable {
  /** A comparison operator. */
  public enum Op {
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE;

    /** The operator of {@code k op c} written as {@code c op' k}. */
    public Op flipped() {
      return switch (this) {
        case LT -> GT;
        case LE -> GE;
        case GT -> LT;
        case GE -> LE;
        default -> this;
      };
    }

    boolean test(int c) {
      return switch (this) {
        case EQ -> c == 0;
        case NE -> c != 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
      };
    }

    boolean test(double a, double b) {
      return switch (this) {
        case EQ -> a == b;
        case NE -> a != b;
        case LT -> a < b;
        case LE -> a <= b;
        case GT -> a > b;
        case GE -> a >= b;
      };
    }

    boolean test(long a, long b) {
      return switch (this) {
        case EQ -> a == b;
        case NE -> a != b;
        case LT -> a < b;
        case LE -> a <= b;
        case GT -> a > b;
        case GE -> a >= b;
      };
    }
  }

  public RowFilter {
    if (columns.length != ops.length || ops.length != constants.length) {
      throw new IllegalArgumentException("one column, operator and constant per term");
    }
    for (Object k : constants) {
      if (!(k instanceof Long || k instanceof Double || k instanceof String)) {
        throw new IllegalArgumentException("a constant must be a Long, Double or String: " + k);
      }
    }
  }

  /** No terms: every row passes. */
  public static RowFilter none() {
    return new RowFilter(new int[0], new Op[0], new Object[0]);
  }

  /** True if the term's constant can be compared with a column of type t (else: not a term). */
  public static boolean comparable(ValueType t, Object constant) {
    return (t == ValueType.STR) == (constant instanceof String);
  }

  public int terms() {
    return columns.length;
  }

  /** The positions of f's rows that pass every term, ascending. */
  public int[] select(Frame f) {
    return select(f, 0, f.rows());
  }

  /**
   * The positions (in f) of the rows from (inclusive) to to (exclusive) of f that pass every term,
   * ascending: the rows of one row block without copying its columns.
   */
  public int[] select(Frame f, int from, int to) {
    boolean[] pass = new boolean[to - from];
    java.util.Arrays.fill(pass, true);
    for (int t = 0; t < columns.length; t++) {
      and(pass, f.column(columns[t]), from, ops[t], constants[t]);
    }
    int count = 0;
    for (boolean b : pass) {
      if (b) count++;
    }
    int[] out = new int[count];
    int at = 0;
    for (int i = 0; i < pass.length; i++) {
      if (pass[i]) out[at++] = from + i;
    }
    return out;
  }

  /** pass[i] &= (c[from + i] op k). */
  private static void and(boolean[] pass, Column c, int from, Op op, Object k) {
    int n = pass.length;
    if (c instanceof StringColumn s) {
      StringColumn y = StringColumn.of(new String[] {(String) k}, 1);
      for (int i = 0; i < n; i++) pass[i] &= op.test(s.compareAt(from + i, y, 0));
      return;
    }
    DenseMatrix m = c.toMatrix();
    if (m.type().isFloat() || k instanceof Double) {
      double b = ((Number) k).doubleValue();
      if (m.type() == ValueType.F64) {
        double[] a = m.f64();
        for (int i = 0; i < n; i++) pass[i] &= op.test(a[from + i], b);
      } else {
        for (int i = 0; i < n; i++) pass[i] &= op.test(m.getDouble(from + i), b);
      }
      return;
    }
    long b = ((Number) k).longValue();
    if (m.type().storage() == ValueType.Storage.LONG) {
      long[] a = m.i64();
      for (int i = 0; i < n; i++) pass[i] &= op.test(a[from + i], b);
    } else {
      for (int i = 0; i < n; i++) pass[i] &= op.test(m.getLong(from + i), b);
    }
  }

  /** The rows of f that pass, with only the columns keep (positions, in that order). */
  public Frame apply(Frame f, int[] keep) {
    Frame cut = f.selectColumns(keep);
    if (columns.length == 0) {
      return cut;
    }
    int[] rows = select(f);
    return rows.length == f.rows() ? cut : cut.gatherRows(rows);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int t = 0; t < columns.length; t++) {
      sb.append(t == 0 ? "" : " and ").append('#').append(columns[t]).append(' ').append(ops[t]);
      sb.append(' ').append(constants[t]);
    }
    return sb.toString();
  }
}
