package daphnegrid.kernels.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The frame kernels against plain cell-by-cell references, over awkward shapes. */
class FramesTest {
  /** A seeded frame of rows rows: si64, f64, str, ui8 and f32 columns. */
  static Frame random(int rows, long seed) {
    Random rnd = new Random(seed);
    DenseMatrix i = DenseMatrix.allocate(ValueType.SI64, rows, 1);
    DenseMatrix d = DenseMatrix.allocate(ValueType.F64, rows, 1);
    String[] s = new String[rows];
    DenseMatrix u = DenseMatrix.allocate(ValueType.UI8, rows, 1);
    DenseMatrix f = DenseMatrix.allocate(ValueType.F32, rows, 1);
    String[] pieces = {"a", "b,c", "\"q\"", "line\nbreak", "", "ä", "x y"};
    for (int r = 0; r < rows; r++) {
      i.setLong(r, rnd.nextInt(7) - 3);
      d.setDouble(r, rnd.nextInt(9) * 0.25 - 1);
      s[r] = pieces[rnd.nextInt(pieces.length)] + pieces[rnd.nextInt(pieces.length)];
      u.setLong(r, rnd.nextInt(256));
      f.setDouble(r, rnd.nextInt(5) * 0.5);
    }
    return Frames.of(
        List.of("i", "d", "s", "u", "f"),
        List.of(i, d, DenseMatrix.wrap(ValueType.STR, rows, 1, s), u, f));
  }

  private static void assertSameFrame(Frame expected, Frame actual) {
    assertEquals(expected.header(), actual.header());
    for (int j = 0; j < expected.cols(); j++) {
      for (int r = 0; r < expected.rows(); r++) {
        assertEquals(expected.column(j).get(r), actual.column(j).get(r), "cell " + r + "," + j);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 13, 207})
  void matrixToFrameAndBackKeepsEveryCell(int rows) {
    for (int cols : new int[] {0, 1, 3}) {
      DenseMatrix m = DenseMatrix.allocate(ValueType.SI32, rows, cols);
      for (int k = 0; k < m.size(); k++) {
        m.setLong(k, k * 7L - 50);
      }
      Frame f = Frames.fromMatrix(m);
      assertEquals(rows, f.rows());
      assertEquals(cols, f.cols());
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          assertEquals(m.get(r, c), f.column(c).get(r));
          assertEquals("col_" + c, f.label(c));
        }
      }
      if (cols > 0) {
        assertTrue(Frames.toMatrix(f, ValueType.SI32).sameContents(m));
        DenseMatrix asF64 = Frames.toMatrix(f, ValueType.F64);
        for (int k = 0; k < m.size(); k++) {
          assertEquals((double) m.getLong(k), asF64.getDouble(k));
        }
      }
    }
  }

  @Test
  void toMatrixConvertsMixedColumnsCellByCell() {
    Frame f = random(13, 1);
    DenseMatrix m = Frames.toMatrix(f.selectColumns(new int[] {0, 1, 3, 4}), ValueType.F64);
    for (int r = 0; r < 13; r++) {
      assertEquals(f.column(0).get(r).asDouble(), m.getDouble(r * 4));
      assertEquals(f.column(1).get(r).asDouble(), m.getDouble(r * 4 + 1));
      assertEquals(f.column(3).get(r).asDouble(), m.getDouble(r * 4 + 2));
      assertEquals(f.column(4).get(r).asDouble(), m.getDouble(r * 4 + 3));
    }
    assertThrows(KernelException.class, () -> Frames.toMatrix(f, null));
    assertThrows(
        KernelException.class, () -> Frames.fromMatrix(DenseMatrix.allocate(ValueType.BOOL, 2, 1)));
  }

  @Test
  void cbindAndRbindMatchAPlainConcatenation() {
    Frame f = random(13, 2);
    Frame left = f.selectColumns(new int[] {0, 2});
    Frame right = f.selectColumns(new int[] {1, 3, 4});
    Frame joined = Frames.cbind(left, right);
    assertEquals(List.of("i", "s", "d", "u", "f"), joined.labels());
    assertSameFrame(f.selectColumns(new int[] {0, 2, 1, 3, 4}), joined);
    Frame stacked = Frames.rbind(f.sliceRows(0, 5), f.sliceRows(5, 13));
    assertSameFrame(f, stacked);
    assertSameFrame(f, Frames.rbind(f, f.sliceRows(0, 0)));
    assertThrows(KernelException.class, () -> Frames.cbind(left, left));
    assertThrows(KernelException.class, () -> Frames.cbind(left, f.sliceRows(0, 3)));
    assertThrows(KernelException.class, () -> Frames.rbind(left, right));
    assertThrows(
        KernelException.class, () -> Frames.rbind(left, Frames.relabel(left, List.of("i", "t"))));
  }

  @Test
  void orderIsAStableLexicographicSort() {
    Frame f = random(207, 3);
    int[] keys = {2, 0};
    boolean[] asc = {true, false};
    int[] perm = Frames.order(f, keys, asc);
    // reference: insertion sort, which is stable
    List<Integer> ref = new ArrayList<>();
    StringColumn s = (StringColumn) f.column(2);
    for (int r = 0; r < f.rows(); r++) {
      int at = ref.size();
      while (at > 0) {
        int p = ref.get(at - 1);
        int c = s.compareAt(p, s, r);
        if (c == 0) {
          c = -Long.compare(f.column(0).get(p).asLong(), f.column(0).get(r).asLong());
        }
        if (c <= 0) {
          break;
        }
        at--;
      }
      ref.add(at, r);
    }
    assertArrayEquals(ref.stream().mapToInt(Integer::intValue).toArray(), perm);
    assertThrows(KernelException.class, () -> Frames.order(f, new int[] {5}, new boolean[] {true}));
  }

  @Test
  void frameOpScalarWorksInEachColumnsType() {
    Frame f = random(13, 4).selectColumns(new int[] {0, 1, 3, 4});
    for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.MUL, BinaryOp.GT, BinaryOp.MIN}) {
      Scalar s = Scalar.f64(2.5);
      Frame out = Frames.binaryScalar(op, f, s);
      assertEquals(f.header(), out.header());
      for (int j = 0; j < f.cols(); j++) {
        ValueType t = f.type(j);
        for (int r = 0; r < f.rows(); r++) {
          Scalar expected = ElementOps.apply(op, f.column(j).get(r), s.convert(t)).convert(t);
          assertEquals(expected, out.column(j).get(r), op + " column " + j + " row " + r);
        }
      }
    }
    assertThrows(
        KernelException.class,
        () -> Frames.binaryScalar(BinaryOp.ADD, random(2, 5), Scalar.si64(1)));
  }

  @Test
  void selectingAColumnTwiceRenamesTheRepeat() {
    Frame f = random(3, 6);
    Frame g = Frames.selectColumns(f, new int[] {1, 1, 0});
    assertEquals(List.of("d", "col_1", "i"), g.labels());
    assertEquals(3, Frames.selectColumns(f, new int[0]).rows());
    assertEquals(1, Frames.column(f, "d"));
    assertThrows(KernelException.class, () -> Frames.column(f, "zz"));
  }

  @Test
  void labelPrefixReplacesTheFirstQualifier() {
    Frame f = Frames.relabel(random(2, 7).selectColumns(new int[] {0, 1}), List.of("a", "b.c.d"));
    assertEquals(List.of("p.a", "p.c.d"), Frames.withLabelPrefix(f, "p").labels());
    assertThrows(KernelException.class, () -> Frames.relabel(f, List.of("x")));
    assertThrows(KernelException.class, () -> Frames.relabel(f, List.of("x", "x")));
  }

  /** A frame of n rows of si32, f64 and str, from seed. */
  private static Frame mixed(int n, long seed) {
    Random r = new Random(seed);
    int[] a = new int[n];
    double[] b = new double[n];
    String[] c = new String[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextInt();
      b[i] = r.nextDouble();
      c[i] = i % 3 == 0 ? "" : "v" + r.nextInt(100);
    }
    return Frame.of(
        List.of("a", "b", "c"),
        List.of(
            Column.of(DenseMatrix.wrap(ValueType.SI32, n, 1, a)),
            Column.of(DenseMatrix.wrap(ValueType.F64, n, 1, b)),
            StringColumn.of(c, n)));
  }

  @Test
  void concatRowsEqualsRowBindingOneBlockAfterTheOther() {
    int[] sizes = {0, 1, 1024, 3, 0, 777};
    List<Frame> parts = new ArrayList<>();
    for (int k = 0; k < sizes.length; k++) {
      parts.add(mixed(sizes[k], k));
    }
    Frame reference = parts.get(0);
    for (int k = 1; k < parts.size(); k++) {
      reference = Frames.rbind(reference, parts.get(k));
    }
    Frame got = Frames.concatRows(parts);
    assertEquals(reference.header(), got.header());
    for (int j = 0; j < got.cols(); j++) {
      assertTrue(reference.column(j).toMatrix().sameContents(got.column(j).toMatrix()), "col " + j);
    }
    assertEquals(5, Frames.concatRows(List.of(Frame.empty(2), Frame.empty(3))).rows());
    assertThrows(IllegalArgumentException.class, () -> Frames.concatRows(List.of()));
  }
}
