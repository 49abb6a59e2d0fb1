package daphnegrid.kernels.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * rand in parts on several threads: every part jumps to its place in the stream, and the matrix is
 * the sequential one bit for bit, whatever the number of parts, also when a part started at the
 * wrong draw and is filled again.
 */
class RandPartsTest {
  private static final ForkJoinPool POOL = new ForkJoinPool(3);

  @AfterAll
  static void shutDown() {
    POOL.shutdownNow();
  }

  private static final RandGenerator.FirstDraw NOMINAL = (c0, per) -> (long) c0 * per;

  @Test
  void partsGiveTheSequentialMatrixForF64AndF32AtEveryPartCount() {
    Scalar[][] ranges = {
      {Scalar.f64(0), Scalar.f64(1)},
      {Scalar.f64(-2.5), Scalar.f64(3)},
      {Scalar.ofDouble(ValueType.F32, -1), Scalar.ofDouble(ValueType.F32, 1)}
    };
    long[][] shapes = {{1, 1}, {1, 7}, {7, 1}, {37, 13}, {1000, 3}, {333, 129}};
    for (Scalar[] r : ranges) {
      for (long[] sh : shapes) {
        DenseMatrix seq = Generators.rand(sh[0], sh[1], r[0], r[1], 1.0, 42);
        for (int parts : new int[] {1, 2, 3, 5, 8}) {
          DenseMatrix par =
              RandGenerator.randParts(sh[0], sh[1], r[0], r[1], 42, POOL, parts, NOMINAL);
          assertSame(seq, par, sh[0] + "x" + sh[1] + " in " + parts + " parts");
        }
      }
    }
  }

  @Test
  void aPartThatStartedAtTheWrongDrawIsFilledAgainFromWhereTheOnesBeforeEnded() {
    DenseMatrix seq = Generators.rand(200, 31, Scalar.f64(-1), Scalar.f64(1), 1.0, 9);
    // parts 1 and 3 of 4 start two draws late, as if a zero had been redrawn before them
    RandGenerator.FirstDraw shifted = (c0, per) -> (long) c0 * per + (c0 > 0 ? 2 : 0);
    DenseMatrix par =
        RandGenerator.randParts(200, 31, Scalar.f64(-1), Scalar.f64(1), 9, POOL, 4, shifted);
    assertSame(seq, par, "shifted parts refilled");
  }

  @Test
  void smallOrSparseOrIntegerRandStaysSequentialWithAPool() {
    Scalar lo = Scalar.si64(1);
    Scalar hi = Scalar.si64(9);
    assertSame(
        Generators.rand(50, 40, lo, hi, 1.0, 3),
        Generators.rand(50, 40, lo, hi, 1.0, 3, POOL),
        "si64");
    assertSame(
        Generators.rand(50, 40, Scalar.f64(0), Scalar.f64(1), 0.7, 3),
        Generators.rand(50, 40, Scalar.f64(0), Scalar.f64(1), 0.7, 3, POOL),
        "sparsity 0.7");
  }

  private static void assertSame(DenseMatrix expected, DenseMatrix actual, String what) {
    assertEquals(expected.type(), actual.type(), what);
    assertEquals(expected.rows(), actual.rows(), what);
    assertEquals(expected.cols(), actual.cols(), what);
    long[] e = new long[expected.size()];
    long[] a = new long[actual.size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = bits(expected, i);
      a[i] = bits(actual, i);
    }
    assertArrayEquals(e, a, what);
  }

  /** Cell i's bits: the raw bits of a float, the value of an integer. */
  private static long bits(DenseMatrix m, int i) {
    return switch (m.type()) {
      case F64 -> Double.doubleToRawLongBits(m.getDouble(i));
      case F32 -> Float.floatToRawIntBits((float) m.getDouble(i));
      default -> m.getLong(i);
    };
  }
}
