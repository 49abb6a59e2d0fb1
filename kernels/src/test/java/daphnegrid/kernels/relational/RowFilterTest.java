package daphnegrid.kernels.relational;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.StringColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link RowFilter} against a plain row-by-row reference, on seeded random frames. */
class RowFilterTest {
  private static Frame frame(int n, Random r) {
    long[] a = new long[n];
    double[] b = new double[n];
    float[] c = new float[n];
    byte[] d = new byte[n];
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextInt(21) - 10;
      b[i] = i % 17 == 0 ? Double.NaN : i % 19 == 0 ? -0.0 : (r.nextInt(41) - 20) * 0.5;
      c[i] = (r.nextInt(41) - 20) * 0.25f;
      d[i] = (byte) r.nextInt(256);
      s[i] = i % 5 == 0 ? "" : "k" + r.nextInt(12);
    }
    return Frame.of(
        List.of("a", "b", "c", "d", "s"),
        List.of(
            Column.of(DenseMatrix.wrap(ValueType.SI64, n, 1, a)),
            Column.of(DenseMatrix.wrap(ValueType.F64, n, 1, b)),
            Column.of(DenseMatrix.wrap(ValueType.F32, n, 1, c)),
            Column.of(DenseMatrix.wrap(ValueType.UI8, n, 1, d)),
            StringColumn.of(s, n)));
  }

  /** c[i] op k, one row at a time, by the rules in RowFilter's note. */
  private static boolean reference(Column c, int i, RowFilter.Op op, Object k) {
    int cmp;
    if (k instanceof String ks) {
      cmp = Integer.signum(((StringColumn) c).string(i).compareTo(ks));
    } else if (c.type().isFloat() || k instanceof Double) {
      double x = c.toMatrix().getDouble(i), y = ((Number) k).doubleValue();
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return op == RowFilter.Op.NE;
      }
      cmp = x < y ? -1 : x > y ? 1 : 0;
    } else {
      cmp = Long.compare(c.toMatrix().getLong(i), ((Number) k).longValue());
    }
    return switch (op) {
      case EQ -> cmp == 0;
      case NE -> cmp != 0;
      case LT -> cmp < 0;
      case LE -> cmp <= 0;
      case GT -> cmp > 0;
      case GE -> cmp >= 0;
    };
  }

  private static Object constant(ValueType t, Random r) {
    if (t == ValueType.STR) {
      return r.nextBoolean() ? "" : "k" + r.nextInt(12);
    }
    return r.nextBoolean() ? (Object) (long) (r.nextInt(21) - 10) : (r.nextInt(41) - 20) * 0.5;
  }

  @Test
  void selectsTheRowsEveryTermHoldsFor() {
    Random r = new Random(5);
    for (int round = 0; round < 200; round++) {
      int n = r.nextInt(300);
      Frame f = frame(n, r);
      int terms = r.nextInt(4);
      int[] cols = new int[terms];
      RowFilter.Op[] ops = new RowFilter.Op[terms];
      Object[] ks = new Object[terms];
      for (int t = 0; t < terms; t++) {
        cols[t] = r.nextInt(f.cols());
        ops[t] = RowFilter.Op.values()[r.nextInt(6)];
        ks[t] = constant(f.type(cols[t]), r);
        assertTrue(RowFilter.comparable(f.type(cols[t]), ks[t]));
      }
      RowFilter filter = new RowFilter(cols, ops, ks);
      List<Integer> want = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        boolean pass = true;
        for (int t = 0; t < terms; t++) {
          pass &= reference(f.column(cols[t]), i, ops[t], ks[t]);
        }
        if (pass) {
          want.add(i);
        }
      }
      int[] got = filter.select(f);
      assertArrayEquals(
          want.stream().mapToInt(Integer::intValue).toArray(), got, filter.toString());
      Frame cut = filter.apply(f, new int[] {4, 1});
      assertEquals(List.of("s", "b"), cut.labels());
      assertEquals(got.length, cut.rows());
      for (int i = 0; i < got.length; i++) {
        assertEquals(f.column(4).get(got[i]), cut.column(0).get(i));
      }
    }
  }

  @Test
  void flippedOperatorsAndComparableConstants() {
    assertEquals(RowFilter.Op.GT, RowFilter.Op.LT.flipped());
    assertEquals(RowFilter.Op.LE, RowFilter.Op.GE.flipped());
    assertEquals(RowFilter.Op.NE, RowFilter.Op.NE.flipped());
    assertFalse(RowFilter.comparable(ValueType.STR, 3L));
    assertFalse(RowFilter.comparable(ValueType.F64, "x"));
    assertEquals(0, RowFilter.none().terms());
  }
}
