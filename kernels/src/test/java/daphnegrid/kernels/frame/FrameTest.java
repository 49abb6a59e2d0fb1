package daphnegrid.kernels.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameTest {
  private static Frame sample() {
    Column a = Column.of(DenseMatrix.ofLongs(ValueType.SI64, 3, 1, 1, 2, 3));
    Column b = Column.of(DenseMatrix.wrap(ValueType.STR, 3, 1, new String[] {"x", "", "ä,\"q\""}));
    return Frame.of(List.of("a", "col 1"), List.of(a, b));
  }

  @Test
  void headerNamesEveryColumnWithItsPrintedType() {
    assertEquals("Frame(3x2, [a:int64_t, col 1:std::string])", sample().header());
    assertEquals("Frame(4x0, [])", Frame.empty(4).header());
  }

  @Test
  void rejectsRepeatedLabelsAndRaggedColumns() {
    Column a = Column.of(DenseMatrix.ofDoubles(2, 1, 1, 2));
    Column b = Column.of(DenseMatrix.ofDoubles(3, 1, 1, 2, 3));
    assertThrows(IllegalArgumentException.class, () -> Frame.of(List.of("a", "a"), List.of(a, a)));
    assertThrows(IllegalArgumentException.class, () -> Frame.of(List.of("a", "b"), List.of(a, b)));
    assertThrows(IllegalArgumentException.class, () -> Frame.of(List.of("a"), List.of(a, a)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Column.of(DenseMatrix.ofLongs(ValueType.BOOL, 1, 1, 1)));
  }

  @Test
  void slicesAndGathersEveryColumn() {
    Frame f = sample();
    Frame s = f.sliceRows(1, 3);
    assertEquals(2, s.rows());
    assertEquals(3L, s.column(0).get(1).bits());
    assertEquals("ä,\"q\"", ((StringColumn) s.column(1)).string(1));
    Frame g = f.gatherRows(new int[] {2, 0, 2});
    assertArrayEquals(new long[] {3, 1, 3}, g.column(0).toMatrix().i64());
    assertArrayEquals(new String[] {"ä,\"q\"", "x", "ä,\"q\""}, g.column(1).toMatrix().str());
    assertEquals(1, f.indexOf("col 1"));
    assertEquals(-1, f.indexOf("b"));
    assertEquals(List.of("col 1"), f.selectColumns(new int[] {1}).labels());
  }

  @Test
  void stringColumnMatchesStringsOnRandomInput() {
    Random rnd = new Random(7);
    for (int n : new int[] {0, 1, 2, 17, 1000}) {
      String[] values = new String[n];
      for (int i = 0; i < n; i++) {
        values[i] = randomString(rnd);
      }
      StringColumn c = StringColumn.of(values, n);
      assertEquals(n, c.size());
      for (int i = 0; i < n; i++) {
        assertEquals(values[i], c.string(i));
        int j = n == 0 ? 0 : rnd.nextInt(n);
        assertEquals(values[i].equals(values[j]), c.equalsAt(i, c, j));
        if (values[i].equals(values[j])) {
          assertEquals(c.hashAt(i), c.hashAt(j));
        }
        int expected = Integer.signum(values[i].compareTo(values[j]));
        // All test strings are in the BMP below the surrogates, so UTF-16 order = code point order.
        assertEquals(expected, Integer.signum(c.compareAt(i, c, j)));
      }
      assertTrue(c.dataBytes() >= 4L * (n + 1));
    }
  }

  private static String randomString(Random rnd) {
    int len = rnd.nextInt(6);
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < len; k++) {
      sb.append(
          rnd.nextInt(4) == 0 ? (char) (0xA0 + rnd.nextInt(0x500)) : (char) ('a' + rnd.nextInt(3)));
    }
    return sb.toString();
  }
}
