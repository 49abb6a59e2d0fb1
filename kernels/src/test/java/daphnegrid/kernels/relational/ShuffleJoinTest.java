package daphnegrid.kernels.relational;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.StringColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ShuffleJoin} against the local engine's join ({@link Relational#innerJoin} of the filtered
 * frames, gathered as {@link BlockJoin#joined}): the same columns, values and row order for si64,
 * f64, str, mixed (si64 = f64) and two-column keys, duplicate keys on both sides, empty sides, and
 * 1 to 7 partitions; and a nested-loop check of the order.
 */
class ShuffleJoinTest {
  /** k si64 in 0..keys-1, x f64 (k / 2, with -0.0 for 0), s str, v f64 payload. */
  private static Frame frame(int n, int keys, Random r) {
    long[] k = new long[n];
    double[] x = new double[n];
    String[] s = new String[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      k[i] = r.nextInt(keys);
      x[i] = k[i] == 0 ? (r.nextBoolean() ? -0.0 : 0.0) : k[i] / 2.0;
      s[i] = "key" + k[i] % 13;
      v[i] = r.nextGaussian();
    }
    return Frame.of(
        List.of("k", "x", "s", "v"),
        List.of(
            Column.of(DenseMatrix.wrap(ValueType.SI64, n, 1, k)),
            Column.of(DenseMatrix.wrap(ValueType.F64, n, 1, x)),
            StringColumn.of(s, n),
            Column.of(DenseMatrix.wrap(ValueType.F64, n, 1, v))));
  }

  private static final RowFilter V_ABOVE =
      new RowFilter(new int[] {3}, new RowFilter.Op[] {RowFilter.Op.GT}, new Object[] {-1.0});

  /** The local engine's join of the filtered frames. */
  private static Frame reference(
      Frame l,
      RowFilter lf,
      int[] lKeep,
      int[] lKeys,
      Frame r,
      RowFilter rf,
      int[] rKeep,
      int[] rKeys) {
    Frame a = lf.apply(l, lKeep), b = rf.apply(r, rKeep);
    List<Column> ak = new ArrayList<>(), bk = new ArrayList<>();
    for (int j : lKeys) ak.add(a.column(j));
    for (int j : rKeys) bk.add(b.column(j));
    return BlockJoin.joined(a, b, Relational.innerJoin(ak, bk, null));
  }

  private static void assertSameFrame(Frame want, Frame got) {
    assertEquals(want.rows(), got.rows(), "rows");
    assertEquals(want.cols(), got.cols(), "columns");
    for (int j = 0; j < want.cols(); j++) {
      assertEquals(want.type(j), got.type(j), "type of column " + j);
      for (int i = 0; i < want.rows(); i++) {
        assertEquals(want.column(j).get(i), got.column(j).get(i), "cell " + i + "," + j);
      }
    }
  }

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    int[][] sizes = {{0, 0}, {0, 50}, {50, 0}, {1, 1}, {300, 40}, {2500, 3100}, {5000, 1200}};
    for (int[] s : sizes) {
      for (int parts : new int[] {1, 3, 7}) {
        out.add(Arguments.of(s[0], s[1], parts));
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void equalsTheLocalJoinForEveryKeyType(int ln, int rn, int parts) {
    Random r = new Random(31L * ln + rn + parts);
    Frame l = frame(ln, 40, r), rt = frame(rn, 50, r);
    int[][][] keySets = {
      {{0}, {0}}, // si64 = si64
      {{1}, {1}}, // f64 = f64 (-0 = 0)
      {{2}, {2}}, // str = str
      {{0}, {1}}, // si64 = f64
      {{0, 2}, {0, 2}} // two columns
    };
    int[] keep = {0, 1, 2, 3};
    for (int[][] ks : keySets) {
      for (RowFilter lf : new RowFilter[] {RowFilter.none(), V_ABOVE}) {
        Frame want = reference(l, lf, keep, ks[0], rt, RowFilter.none(), keep, ks[1]);
        Frame got = ShuffleJoin.run(l, lf, keep, ks[0], rt, RowFilter.none(), keep, ks[1], parts);
        assertSameFrame(want, got);
      }
    }
  }

  @Test
  void orderIsLeftMajorWithRightRowsInOrder() {
    Random r = new Random(7);
    Frame l = frame(4000, 25, r), rt = frame(3000, 25, r);
    int[] keep = {0, 3};
    Frame got =
        ShuffleJoin.run(l, V_ABOVE, keep, new int[] {0}, rt, V_ABOVE, keep, new int[] {0}, 5);
    long[] lk = l.column(0).toMatrix().i64(), rk = rt.column(0).toMatrix().i64();
    double[] lv = l.column(3).toMatrix().f64(), rv = rt.column(3).toMatrix().f64();
    List<double[]> want = new ArrayList<>();
    for (int i = 0; i < lk.length; i++) {
      for (int j = 0; j < rk.length; j++) {
        if (lv[i] > -1.0 && rv[j] > -1.0 && lk[i] == rk[j]) {
          want.add(new double[] {lk[i], lv[i], rk[j], rv[j]});
        }
      }
    }
    assertEquals(want.size(), got.rows());
    for (int i = 0; i < want.size(); i++) {
      double[] row = {
        got.column(0).toMatrix().i64()[i],
        got.column(1).toMatrix().f64()[i],
        got.column(2).toMatrix().i64()[i],
        got.column(3).toMatrix().f64()[i]
      };
      assertArrayEquals(want.get(i), row, "row " + i);
    }
  }

  @Test
  void splitCarriesRowNumbersAndLeavesEmptyPartitionsOut() {
    Random r = new Random(3);
    Frame f = frame(200, 3, r);
    Frame[] parts =
        ShuffleJoin.split(
            f, 1000, V_ABOVE, new int[] {0}, new int[] {0}, List.of(ValueType.SI64), 8);
    int total = 0;
    int[] passing = V_ABOVE.select(f);
    java.util.Set<Long> seen = new java.util.TreeSet<>();
    int nonEmpty = 0;
    for (Frame p : parts) {
      if (p == null) {
        continue;
      }
      nonEmpty++;
      long[] rows = p.column(0).toMatrix().i64();
      long[] k = p.column(1).toMatrix().i64();
      for (int i = 0; i < rows.length; i++) {
        if (i > 0) {
          assertEquals(true, rows[i] > rows[i - 1], "ascending row numbers");
        }
        assertEquals(f.column(0).toMatrix().i64()[(int) rows[i] - 1000], k[i]);
        seen.add(rows[i]);
      }
      total += rows.length;
    }
    assertEquals(passing.length, total);
    assertEquals(passing.length, seen.size());
    // three distinct keys: at most three partitions hold rows
    assertEquals(true, nonEmpty <= 3, nonEmpty + " partitions hold rows");
    Frame[] none =
        ShuffleJoin.split(
            f.sliceRows(0, 0),
            0,
            V_ABOVE,
            new int[] {0},
            new int[] {0},
            List.of(ValueType.SI64),
            4);
    for (Frame p : none) assertNull(p);
  }
}
