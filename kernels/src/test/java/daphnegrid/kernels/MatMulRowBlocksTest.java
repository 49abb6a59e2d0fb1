package daphnegrid.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import daphnegrid.kernels.pipeline.RowBlocks;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grid multiplies X @ Y one row block of X at a time (on the member holding it), the local
 * engine in one multi-threaded call: the products of the {@link RowBlocks} row blocks, stacked,
 * must be the whole product bit for bit — also for a last block of fewer rows than a register tile
 * (another kernel path) and for every storage type.
 */
class MatMulRowBlocksTest {
  static final ForkJoinPool TWO = new ForkJoinPool(2);

  @AfterAll
  static void shutdown() {
    TWO.shutdown();
  }

  static Stream<Arguments> cases() {
    int[] rows = {3000, 1025, 2050, 1031};
    int[][] kn = {{40, 33}, {1, 500}, {300, 1}, {7, 9}, {257, 70}};
    String[] types = {"F64", "F32", "SI64", "UI8"};
    Stream.Builder<Arguments> b = Stream.builder();
    for (int m : rows) {
      for (int[] s : kn) {
        for (String t : types) {
          b.add(Arguments.of(m, s[0], s[1], ValueType.valueOf(t)));
        }
      }
    }
    return b.build();
  }

  private static DenseMatrix random(ValueType t, long seed, int rows, int cols) {
    double[] v = TestData.doubles(seed, rows * cols);
    DenseMatrix d = DenseMatrix.ofDoubles(rows, cols, v);
    if (!t.isFloat()) {
      for (int i = 0; i < v.length; i++) {
        d.setDouble(i, Math.floor(v[i] * 10));
      }
    }
    return Casts.cast(d, t);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rowBlockProductsStackToTheWholeProduct(int m, int k, int n, ValueType t) {
    DenseMatrix a = random(t, 11, m, k);
    DenseMatrix b = random(t, 12, k, n);
    DenseMatrix whole = DenseMatrix.allocate(t, m, n);
    MatMul.multiplyInto(a, b, whole, TWO);
    DenseMatrix stacked = DenseMatrix.allocate(t, m, n);
    int blocks = RowBlocks.count(m);
    assertEquals(m > RowBlocks.MIN_ROWS ? 2 : 1, Math.min(blocks, 2), "the rows are split");
    for (int i = 0; i < blocks; i++) {
      int r0 = (int) RowBlocks.start(m, i);
      int r1 = (int) RowBlocks.end(m, i);
      DenseMatrix rows = DenseMatrix.allocate(t, r1 - r0, k);
      System.arraycopy(a.data(), r0 * k, rows.data(), 0, (r1 - r0) * k);
      DenseMatrix part = MatMul.multiply(rows, b);
      System.arraycopy(part.data(), 0, stacked.data(), r0 * n, part.size());
    }
    for (int i = 0; i < whole.size(); i++) {
      if (t.isFloat()) {
        assertEquals(
            Double.doubleToRawLongBits(whole.getDouble(i)),
            Double.doubleToRawLongBits(stacked.getDouble(i)),
            "cell " + i);
      } else {
        assertEquals(whole.getLong(i), stacked.getLong(i), "cell " + i);
      }
    }
  }
}
