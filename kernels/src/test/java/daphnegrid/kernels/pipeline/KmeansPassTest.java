package daphnegrid.kernels.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12: the k-means program the planner forms (distances, row minimum, tie-splitting
 * assignment, t(P) @ X and the counts as outputs) run block by block against a naive reference that
 * spells out the defined order: each distance an fma chain, each tile's t(P) @ X the fma chain over
 * its rows from +0, tiles added in order. Integer points make exact ties; a NaN row makes the
 * skipping kernel decline for its tile.
 */
class KmeansPassTest {
  static BlockProgram program(long n, int m, int k) {
    List<BlockProgram.Input> in =
        List.of(
            new BlockProgram.Input(BlockProgram.InputKind.SPLIT, ValueType.F64, n, m),
            new BlockProgram.Input(BlockProgram.InputKind.BROADCAST, ValueType.F64, m, k),
            new BlockProgram.Input(BlockProgram.InputKind.SCALAR, ValueType.F64, 1, 1),
            new BlockProgram.Input(BlockProgram.InputKind.BROADCAST, ValueType.F64, 1, k));
    List<BlockProgram.Instr> body =
        List.of(
            new BlockProgram.MatMul(4, 0, 1),
            new BlockProgram.Binary(5, BinaryOp.MUL, 4, 2),
            new BlockProgram.Binary(6, BinaryOp.ADD, 5, 3),
            new BlockProgram.RowAgg(7, AggOp.MIN, 6),
            new BlockProgram.Binary(8, BinaryOp.LE, 6, 7),
            new BlockProgram.RowAgg(9, AggOp.SUM, 8),
            new BlockProgram.Binary(10, BinaryOp.DIV, 8, 9));
    List<BlockProgram.Output> out =
        List.of(new BlockProgram.TMatMul(10, 0), new BlockProgram.ColAgg(AggOp.SUM, 10));
    return new BlockProgram("kmeans", n, in, body, out);
  }

  static Stream<Arguments> shapes() {
    // n, m, k, whether row 3 holds a NaN
    return Stream.of(
        Arguments.of(1, 1, 1, false),
        Arguments.of(1, 9, 8, false),
        Arguments.of(9, 1, 3, false),
        Arguments.of(41, 100, 8, false),
        Arguments.of(207, 13, 1, false),
        Arguments.of(1000, 17, 5, false),
        Arguments.of(1000, 100, 8, true),
        Arguments.of(333, 20, 32, false),
        Arguments.of(300, 9, 16, true));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void passMatchesTheNaiveReference(int n, int m, int k, boolean nan) {
    SplittableRandom r = new SplittableRandom(n * 31L + m * 7L + k);
    double[] x = new double[n * m];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(4);
    }
    if (nan && n > 3) {
      x[3 * m + m / 2] = Double.NaN;
    }
    // centroids: some rows of X (exact ties among equal points), some integers
    double[] ct = new double[m * k];
    for (int c = 0; c < k; c++) {
      int row = r.nextInt(n);
      for (int j = 0; j < m; j++) {
        ct[j * k + c] = c % 2 == 0 ? x[row * m + j] : r.nextInt(4);
        if (Double.isNaN(ct[j * k + c])) {
          ct[j * k + c] = 1;
        }
      }
    }
    double[] c2 = new double[k];
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int j = 0; j < m; j++) {
        s += ct[j * k + c] * ct[j * k + c];
      }
      c2[c] = s;
    }
    BlockProgram p = program(n, m, k);
    Object[] inputs = {
      RowSource.whole(DenseMatrix.wrap(ValueType.F64, n, m, x)),
      DenseMatrix.wrap(ValueType.F64, m, k, ct),
      Scalar.f64(-2.0),
      DenseMatrix.wrap(ValueType.F64, 1, k, c2)
    };
    int tile = BlockExecutor.tileRows(SlotInfo.of(p));
    for (long blockRows : new long[] {n, 64, 1000}) {
      BlockExecutor ex = new BlockExecutor(p);
      double[] sums = new double[k * m];
      double[] counts = new double[k];
      double[] want = new double[k * m];
      double[] wantCounts = new double[k];
      for (long b0 = 0; b0 < n; b0 += blockRows) {
        long b1 = Math.min(n, b0 + blockRows);
        BlockPartial part = ex.run(0, b0, b1, inputs, new RowSource[2]);
        double[] ps = part.values().get(0).f64();
        double[] pc = part.values().get(1).f64();
        double[] bs = new double[k * m];
        double[] bc = new double[k];
        reference(x, ct, c2, m, k, b0, b1, tile, bs, bc);
        for (int i = 0; i < k * m; i++) {
          sums[i] += ps[i];
          want[i] += bs[i];
        }
        for (int c = 0; c < k; c++) {
          counts[c] += pc[c];
          wantCounts[c] += bc[c];
        }
      }
      for (int i = 0; i < k * m; i++) {
        assertEquals(
            Double.doubleToLongBits(want[i]), Double.doubleToLongBits(sums[i]), "sum cell " + i);
      }
      for (int c = 0; c < k; c++) {
        // the counts are a column sum, whose lane layout is its own: equal up to rounding
        assertEquals(wantCounts[c], counts[c], 1e-9 * n, "count " + c);
      }
    }
  }

  /** Rows [r0, r1) as the definition orders them, tile by tile; adds into sums and counts. */
  private static void reference(
      double[] x,
      double[] ct,
      double[] c2,
      int m,
      int k,
      long r0,
      long r1,
      int tile,
      double[] sums,
      double[] counts) {
    for (long t0 = r0; t0 < r1; t0 += tile) {
      long t1 = Math.min(r1, t0 + tile);
      double[] tmp = new double[k * m];
      double[] countTile = new double[k];
      for (long r = t0; r < t1; r++) {
        int ro = (int) r * m;
        double[] d = new double[k];
        double min = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double s = 0.0;
          for (int j = 0; j < m; j++) {
            s = Math.fma(x[ro + j], ct[j * k + c], s);
          }
          d[c] = s * -2.0 + c2[c];
          min = Double.isNaN(d[c]) || Double.isNaN(min) ? Double.NaN : Math.min(min, d[c]);
        }
        double ties = 0;
        double[] p = new double[k];
        for (int c = 0; c < k; c++) {
          p[c] = d[c] <= min ? 1 : 0;
          ties += p[c];
        }
        for (int c = 0; c < k; c++) {
          p[c] = p[c] / ties;
          countTile[c] += p[c];
          for (int j = 0; j < m; j++) {
            tmp[c * m + j] = Math.fma(p[c], x[ro + j], tmp[c * m + j]);
          }
        }
      }
      for (int i = 0; i < k * m; i++) {
        sums[i] += tmp[i];
      }
      for (int c = 0; c < k; c++) {
        counts[c] += countTile[c];
      }
    }
  }
}
