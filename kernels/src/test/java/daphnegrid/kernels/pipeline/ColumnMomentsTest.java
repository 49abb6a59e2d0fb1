package daphnegrid.kernels.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.plain.F64Reduce;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Column variance and standard deviation of one block: the executor's per-tile merge (ratios
 * divided once per tile for all columns) against a naive reference that merges every column on its
 * own with {@link Partials#chan}, tile by tile. The same bits for count, mean and M2.
 */
class ColumnMomentsTest {

  static Stream<Arguments> shapes() {
    int[] rows = {1, 2, 7, 8, 9, 63, 1000, 1024};
    int[] cols = {1, 3, 8, 13, 64, 1000};
    return Arrays.stream(rows)
        .boxed()
        .flatMap(r -> Arrays.stream(cols).mapToObj(c -> Arguments.of(r, c, (long) r * 1009 + c)));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void mergeMatchesPerColumnChan(int rows, int cols, long seed) {
    Random rnd = new Random(seed);
    DenseMatrix x = DenseMatrix.allocate(ValueType.F64, rows, cols);
    double[] a = x.f64();
    for (int i = 0; i < a.length; i++) {
      int kind = rnd.nextInt(10);
      a[i] = kind == 0 ? -0.0 : kind == 1 ? 0.0 : rnd.nextGaussian() * 1e3;
    }
    for (AggOp op : List.of(AggOp.VAR, AggOp.STDDEV)) {
      double[] got = blockMoments(op, x);
      double[] want = reference(x, tileRows(cols));
      assertArrayEquals(bits(want), bits(got), op + " moments of " + rows + "x" + cols);
    }
  }

  /** Hand-computed: one column 1, 2, 3, 4 has mean 2.5 and M2 5 whatever the tiling. */
  @Test
  void knownAnswer() {
    DenseMatrix x = DenseMatrix.allocate(ValueType.F64, 4, 1);
    System.arraycopy(new double[] {1, 2, 3, 4}, 0, x.f64(), 0, 4);
    double[] got = blockMoments(AggOp.VAR, x);
    assertEquals(4.0, got[0]);
    assertEquals(2.5, got[1]);
    assertEquals(5.0, got[2]);
  }

  private static int tileRows(int cols) {
    BlockProgram p = program(AggOp.VAR, 1, cols);
    return BlockExecutor.tileRows(SlotInfo.of(p));
  }

  private static BlockProgram program(AggOp op, long rows, long cols) {
    return new BlockProgram(
        "moments",
        rows,
        List.of(new BlockProgram.Input(BlockProgram.InputKind.SPLIT, ValueType.F64, rows, cols)),
        List.of(),
        List.of(new BlockProgram.ColAgg(op, 0)));
  }

  /** The block partial: count, mean and M2 rows of 3 x cols. */
  private static double[] blockMoments(AggOp op, DenseMatrix x) {
    BlockProgram p = program(op, x.rows(), x.cols());
    BlockPartial part =
        new BlockExecutor(p)
            .run(0, 0, x.rows(), new Object[] {RowSource.whole(x)}, new RowSource[1]);
    return part.values().get(0).f64();
  }

  /** Tile means and squared deviations in row order, merged column by column with chan. */
  private static double[] reference(DenseMatrix x, int tileRows) {
    int rows = (int) x.rows();
    int cols = (int) x.cols();
    double[] a = x.f64();
    double[] mean = new double[cols];
    double[] m2 = new double[cols];
    long count = 0;
    for (int t0 = 0; t0 < rows; t0 += tileRows) {
      int tr = Math.min(tileRows, rows - t0);
      for (int c = 0; c < cols; c++) {
        double s = F64Reduce.columnStart(AggOp.SUM);
        for (int r = t0; r < t0 + tr; r++) {
          s = s + a[r * cols + c];
        }
        double tm = s / tr;
        double q = 0.0;
        for (int r = t0; r < t0 + tr; r++) {
          double d = a[r * cols + c] - tm;
          q = q + d * d;
        }
        double[] merged = Partials.chan(count, mean[c], m2[c], tr, tm, q);
        mean[c] = merged[0];
        m2[c] = merged[1];
      }
      count += tr;
    }
    double[] out = new double[3 * cols];
    for (int c = 0; c < cols; c++) {
      out[c] = count;
      out[cols + c] = mean[c];
      out[2 * cols + c] = m2[c];
    }
    return out;
  }

  private static long[] bits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return b;
  }
}
