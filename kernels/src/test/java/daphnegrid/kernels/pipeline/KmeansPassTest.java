package daphnegrid.kernels.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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

  /** The program with extra outputs: out is added to the k-means outputs (t(P) @ X, sum(P, 1)). */
  static BlockProgram withOutputs(long n, int m, int k, List<BlockProgram.Output> more) {
    BlockProgram p = program(n, m, k);
    List<BlockProgram.Output> out = new ArrayList<>(p.outputs());
    out.addAll(more);
    return new BlockProgram(p.name(), n, p.inputs(), p.instrs(), out);
  }

  /**
   * The fused assignment step against the general path (every instruction through the facades,
   * every tile copied), bit for bit in every output and in P's rows (NaN as NaN: which NaN a
   * product chain propagates when both operands are NaN depends on the compiled code): on points
   * with exact ties, NaN and infinite cells, -0.0 and tiny values, with P written out (a rows
   * output of the fused step's slot) and with an intermediate written out (then the six
   * instructions run unfused).
   */
  @Test
  void fusedAssignmentGivesTheGeneralPathsBits() {
    int n = 1000;
    int m = 13;
    for (int k : new int[] {1, 3, 8, 9, 16}) {
      SplittableRandom r = new SplittableRandom(k);
      double[] x = new double[n * m];
      for (int i = 0; i < x.length; i++) {
        x[i] =
            switch (i % 97) {
              case 5 -> Double.NaN;
              case 17 -> Double.POSITIVE_INFINITY;
              case 31 -> -0.0;
              case 43 -> 1e-310;
              default -> r.nextInt(3);
            };
      }
      double[] ct = new double[m * k];
      for (int i = 0; i < ct.length; i++) {
        ct[i] = i % 11 == 3 ? -0.0 : r.nextInt(3);
      }
      double[] c2 = new double[k];
      for (int c = 0; c < k; c++) {
        c2[c] = c % 4 == 1 ? -0.0 : r.nextInt(30);
      }
      Object[] inputs = {
        RowSource.whole(DenseMatrix.wrap(ValueType.F64, n, m, x)),
        DenseMatrix.wrap(ValueType.F64, m, k, ct),
        Scalar.f64(-2.0),
        DenseMatrix.wrap(ValueType.F64, 1, k, c2)
      };
      List<List<BlockProgram.Output>> extras =
          List.of(
              List.of(new BlockProgram.Rows(10)),
              List.of(),
              List.of(new BlockProgram.Rows(6), new BlockProgram.Rows(10)),
              List.of(new BlockProgram.ColAgg(AggOp.SUM, 9)));
      for (int e = 0; e < extras.size(); e++) {
        BlockProgram p = withOutputs(n, m, k, extras.get(e));
        BlockExecutor fast = new BlockExecutor(p);
        assertEquals(
            e != 2 && e != 3,
            fast.runsStep(Steps.NearestAssignF64.class),
            "fused unless an intermediate is read, case " + e);
        BlockExecutor general = new BlockExecutor(p, true);
        int outs = p.outputs().size();
        for (long b0 = 0; b0 < n; b0 += 300) {
          long b1 = Math.min(n, b0 + 300);
          RowSource[] sinkA = sinks(p, b0, b1);
          RowSource[] sinkB = sinks(p, b0, b1);
          BlockPartial a = fast.run(0, b0, b1, inputs, sinkA);
          BlockPartial b = general.run(0, b0, b1, inputs, sinkB);
          for (int o = 0; o < outs; o++) {
            double[] want = sinkB[o] != null ? sinkB[o].data().f64() : b.values().get(o).f64();
            double[] got = sinkA[o] != null ? sinkA[o].data().f64() : a.values().get(o).f64();
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
              assertEquals(
                  Double.doubleToLongBits(want[i]),
                  Double.doubleToLongBits(got[i]),
                  "k " + k + ", case " + e + ", output " + o + ", cell " + i);
            }
          }
        }
      }
    }
  }

  /** A program whose assignment reads a shift of more than one row is left to the general steps. */
  @Test
  void onlyARowShiftIsFused() {
    int m = 4;
    int k = 3;
    BlockProgram p = program(10, m, k);
    List<BlockProgram.Input> in = new ArrayList<>(p.inputs());
    in.set(3, new BlockProgram.Input(BlockProgram.InputKind.SPLIT, ValueType.F64, 10, k));
    BlockProgram tileShift = new BlockProgram("kmeans", 10, in, p.instrs(), p.outputs());
    assertFalse(new BlockExecutor(tileShift).runsStep(Steps.NearestAssignF64.class));
    assertTrue(new BlockExecutor(p).runsStep(Steps.NearestAssignF64.class));
  }

  private static RowSource[] sinks(BlockProgram p, long b0, long b1) {
    List<SlotInfo> slots = SlotInfo.of(p);
    RowSource[] s = new RowSource[p.outputs().size()];
    for (int o = 0; o < s.length; o++) {
      if (p.outputs().get(o) instanceof BlockProgram.Rows r) {
        int cols = (int) slots.get(r.slot()).cols();
        s[o] = new RowSource(DenseMatrix.allocate(ValueType.F64, b1 - b0, cols), b0);
      }
    }
    return s;
  }
}
