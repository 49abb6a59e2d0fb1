package daphnegrid.kernels.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandRowsTest {
  private static final Scalar F32_MINUS_ONE = Scalar.ofDouble(ValueType.F32, -1);
  private static final Scalar F32_ONE = Scalar.ofDouble(ValueType.F32, 1);

  @Test
  void blocksEqualTheRowsOfTheWholeMatrix() {
    DenseMatrix whole = Generators.rand(37, 13, Scalar.f64(-2), Scalar.f64(3), 1.0, 77);
    for (int[] range : new int[][] {{0, 37}, {0, 1}, {5, 6}, {10, 20}, {36, 37}, {20, 20}}) {
      RandBlock b =
          Generators.randRows(37, 13, Scalar.f64(-2), Scalar.f64(3), 77, range[0], range[1]);
      assertFalse(b.zeroRedraw());
      assertEquals(range[0] * 13L * 2, b.firstDraw());
      assertEquals((range[1] - range[0]) * 13L * 2, b.draws());
      assertArrayEquals(
          Arrays.copyOfRange(whole.f64(), range[0] * 13, range[1] * 13),
          Arrays.copyOf(b.rows().f64(), b.rows().size()));
    }
  }

  @Test
  void f32BlocksTakeOneDrawPerCell() {
    DenseMatrix whole = Generators.rand(50, 7, F32_MINUS_ONE, F32_ONE, 1.0, 5);
    RandBlock b = Generators.randRows(50, 7, F32_MINUS_ONE, F32_ONE, 5, 30, 50);
    assertEquals(30 * 7, b.firstDraw());
    assertArrayEquals(Arrays.copyOfRange(whole.f32(), 30 * 7, 50 * 7), b.rows().f32());
  }

  /** A block far into the stream (past the jump threshold) against sequential drawing. */
  @Test
  void distantBlocksUseTheJump() {
    long cols = 1000;
    long r0 = Mt19937.JUMP_THRESHOLD / (2 * cols) + 3;
    RandBlock b = Generators.randRows(r0 + 2, cols, Scalar.f64(0), Scalar.f64(1), 9, r0, r0 + 2);
    Mt19937 g = new Mt19937(9);
    for (long i = 0; i < b.firstDraw(); i++) {
      g.nextInt();
    }
    for (int i = 0; i < b.rows().size(); i++) {
      assertEquals(Distributions.uniformF64(g, 0, 1), b.rows().f64()[i], "cell " + i);
    }
  }

  /**
   * Seed 300 draws a float exactly 0.5 at draw 24431, so (-1, 1) gives 0 there and the cell is
   * drawn again: the block holding row 24 shifts every later block by one draw.
   */
  @Test
  void aZeroRedrawShiftsLaterBlocksAndTheProtocolRepairsThem() {
    int rows = 100;
    int cols = 1000;
    DenseMatrix whole = Generators.rand(rows, cols, F32_MINUS_ONE, F32_ONE, 1.0, 300);
    List<RandBlock> blocks = new ArrayList<>();
    for (int r0 = 0; r0 < rows; r0 += 10) {
      blocks.add(Generators.randRows(rows, cols, F32_MINUS_ONE, F32_ONE, 300, r0, r0 + 10));
    }
    assertTrue(blocks.get(2).zeroRedraw());
    assertEquals(10L * cols + 1, blocks.get(2).draws());
    assertFalse(Arrays.equals(slice(whole, 30, 40), blocks.get(3).rows().f32()));

    long expected = 0;
    int regenerated = 0;
    float[] assembled = new float[rows * cols];
    for (RandBlock b : blocks) {
      if (b.firstDraw() != expected) {
        long r0 = b.firstRow();
        b = Generators.randRows(rows, cols, F32_MINUS_ONE, F32_ONE, 300, r0, r0 + 10, expected);
        regenerated++;
      }
      System.arraycopy(b.rows().f32(), 0, assembled, (int) b.firstRow() * cols, 10 * cols);
      expected = b.nextDraw();
    }
    assertEquals(7, regenerated);
    assertArrayEquals(whole.f32(), assembled);
  }

  @Test
  void contractViolations() {
    Scalar zero = Scalar.f64(0);
    Scalar one = Scalar.f64(1);
    assertThrows(
        IllegalArgumentException.class, () -> Generators.randRows(5, 5, zero, one, -1, 0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> Generators.randRows(5, 5, zero, one, 1, 3, 6));
    assertThrows(
        IllegalArgumentException.class, () -> Generators.randRows(5, 5, zero, one, 1, 3, 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> Generators.randRows(5, 5, Scalar.si64(1), Scalar.si64(2), 1, 0, 1));
  }

  /**
   * A walk gives each range what randRows gives it on its own: ranges in stream order (adjacent, a
   * short gap stepped through, a gap of more than 2^25 draws jumped over), a range behind the one
   * before (a new generator), an empty range, f64 and f32, and with a first draw off the nominal
   * one (as after a redrawn zero above).
   */
  @Test
  void aWalkGivesEachRangeWhatItGetsOnItsOwn() {
    long rows = 100_000;
    long cols = 400; // f64: 800 draws a row, so 41,944 rows are 2^25 draws
    long[][] ranges = {
      {0, 3},
      {3, 5},
      {9, 12},
      {60_000, 60_002},
      {60_002, 60_002},
      {60_003, 60_004},
      {7, 9},
      {99_998, 100_000},
      {20, 22}
    };
    long[] shift = {0, 0, 0, 0, 0, 6, 0, 0, 2};
    for (Scalar[] range :
        new Scalar[][] {{Scalar.f64(-1), Scalar.f64(2)}, {F32_MINUS_ONE, F32_ONE}}) {
      int per = Generators.drawsPerCell(range[0].type());
      RandRowWalk walk = Generators.randRowWalk(rows, cols, range[0], range[1], 41);
      for (int i = 0; i < ranges.length; i++) {
        long r0 = ranges[i][0];
        long r1 = ranges[i][1];
        long first = r0 * cols * per + shift[i];
        RandBlock got = walk.next(r0, r1, first);
        RandBlock want = Generators.randRows(rows, cols, range[0], range[1], 41, r0, r1, first);
        String at = range[0].type() + " rows " + r0 + ".." + r1;
        assertEquals(want.firstRow(), got.firstRow(), at);
        assertEquals(want.firstDraw(), got.firstDraw(), at);
        assertEquals(want.draws(), got.draws(), at);
        assertTrue(want.rows().sameContents(got.rows()), at);
      }
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> Generators.randRowWalk(5, 5, Scalar.f64(0), Scalar.f64(1), 1).next(3, 6, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> Generators.randRowWalk(5, 5, Scalar.f64(0), Scalar.f64(1), -1));
  }

  private static float[] slice(DenseMatrix m, int r0, int r1) {
    return Arrays.copyOfRange(m.f32(), r0 * m.cols(), r1 * m.cols());
  }
}
