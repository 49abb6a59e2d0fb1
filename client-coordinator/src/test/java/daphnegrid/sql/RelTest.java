package daphnegrid.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.relational.Relational;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Rel's gathers: columns gathered on first read, positions composed through filters and joins. */
class RelTest {
  private static final Random RND = new Random(11);

  private static int[] positions(int n, int bound) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = RND.nextInt(bound);
    return p;
  }

  /** The column's cells as text, for comparing columns of any type. */
  private static String cells(Column c) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < c.size(); i++) sb.append(c.get(i)).append('|');
    return sb.toString();
  }

  @Test
  void gathersOfGathersEqualOneGatherThroughTheComposedPositions() {
    int n = 1000;
    long[] a = new long[n];
    double[] b = new double[n];
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      a[i] = RND.nextLong();
      b[i] = RND.nextGaussian();
      s[i] = "v" + RND.nextInt(50);
    }
    Frame f = SqlTest.frame("a", SqlTest.longs(a), "b", SqlTest.doubles(b), "s", SqlTest.strs(s));
    Rel r = Rel.of("t", f);
    int[] p1 = positions(700, n), p2 = positions(900, 700), p3 = positions(50, 900);
    Rel g = r.gather(p1).gather(p2).gather(p3);
    assertEquals(50, g.rows());
    for (int j = 0; j < 3; j++) {
      Column direct = f.column(j).gather(p1).gather(p2).gather(p3);
      assertEquals(cells(direct), cells(g.columns().get(j)), "column " + j);
      assertSame(g.columns().get(j), g.columns().get(j), "gathered once");
    }
    // an empty selection and an empty relation
    assertEquals(0, r.gather(new int[0]).columns().get(2).size());
    Rel none = new Rel(List.of(), List.of(), List.of(), 4);
    assertEquals(3, none.gather(new int[] {0, 1, 3}).rows());
  }

  @Test
  void aJoinPairsTheGatheredColumnsOfBothSides() {
    Frame l =
        SqlTest.frame("k", SqlTest.longs(3, 1, 2, 1), "x", SqlTest.doubles(0.5, 1.5, 2.5, 3.5));
    Frame r = SqlTest.frame("k", SqlTest.longs(1, 3), "y", SqlTest.strs("one", "three"));
    // filter the left side first (rows 1, 2, 3), as a pushed-down WHERE does
    Rel lf = Rel.of("l", l).gather(new int[] {1, 2, 3});
    Relational.Pairs p =
        Relational.innerJoin(
            List.of(lf.columns().get(0)), List.of(Rel.of("r", r).columns().get(0)), null);
    Rel j = Rel.join(lf, Rel.of("r", r), p);
    assertEquals(4, j.width());
    assertEquals(List.of("l", "l", "r", "r"), j.tables());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < j.rows(); i++) {
      sb.append(j.columns().get(1).get(i))
          .append(' ')
          .append(j.columns().get(3).get(i))
          .append(';');
    }
    // left rows 1 and 3 hold key 1, which matches right row 0
    assertEquals(2, j.rows());
    assertEquals(
        cells(SqlTest.doubles(1.5, 3.5)) + cells(SqlTest.strs("one", "one")),
        cells(j.columns().get(1)) + cells(j.columns().get(3)),
        sb.toString());
  }
}
