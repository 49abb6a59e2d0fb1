package daphnegrid.kernels.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.RowBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CSR kernels that split their work over threads (row and full aggregations, split here
 * whatever their size, and X op s) on matrices large enough to be split, with values that round: on
 * no pool and on pools of 2 and 3 threads against references written out from the documented orders
 * (a row's fold with four running accumulators, combined as op(op(a0,a1),op(a2,a3)), then the rest,
 * then the extra zero; a full fold per row block, combined in block order; each value of X op s on
 * its own), bit for bit.
 */
class CsrParallelKernelsTest {
  private static final ForkJoinPool TWO = new ForkJoinPool(2);
  private static final ForkJoinPool THREE = new ForkJoinPool(3);
  private static final ForkJoinPool[] POOLS = {null, TWO, THREE};

  @AfterAll
  static void shutdown() {
    TWO.shutdown();
    THREE.shutdown();
  }

  /** rows, cols, density: one block of rows, several blocks, crowded rows, rows of 1-3 cells. */
  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(1000, 400, 0.3),
        Arguments.of(30_000, 211, 0.02),
        Arguments.of(9_000, 50_000, 0.0003),
        Arguments.of(5_000, 2, 1.0),
        Arguments.of(70_001, 3, 0.5));
  }

  @ParameterizedTest(name = "{0}x{1} density {2}")
  @MethodSource("shapes")
  void rowAggregationsFoldEachRowInTheDefinedOrder(int rows, int cols, double p) {
    CsrMatrix x = random(rows, cols, p, rows + cols);
    for (AggOp op : new AggOp[] {AggOp.SUM, AggOp.MEAN, AggOp.MIN, AggOp.MAX}) {
      assertBits(
          CsrAggregation.rows(op, x, null, 0).f64(), CsrAggregation.rows(op, x).f64(), "default");
      double[] want = new double[rows];
      for (int r = 0; r < rows; r++) {
        int[] off = x.rowOffsets();
        boolean implicit = off[r + 1] - off[r] < cols;
        double v = fourAccumulators(op, x.f64(), off[r], off[r + 1]);
        if ((op == AggOp.MIN || op == AggOp.MAX) && implicit) {
          v = fold(op, v, 0.0);
        }
        want[r] = op == AggOp.MEAN ? v / cols : v;
      }
      for (ForkJoinPool pool : POOLS) {
        DenseMatrix got = CsrAggregation.rows(op, x, pool, 0);
        assertEquals(ValueType.F64, got.type());
        assertBits(want, got.f64(), op + " rows, pool " + pool);
      }
    }
  }

  @ParameterizedTest(name = "{0}x{1} density {2}")
  @MethodSource("shapes")
  void fullAggregationsCombineTheBlocksInBlockOrder(int rows, int cols, double p) {
    CsrMatrix x = random(rows, cols, p, 3L * rows + cols);
    for (AggOp op : new AggOp[] {AggOp.SUM, AggOp.MEAN, AggOp.MIN, AggOp.MAX}) {
      Double agg = null;
      int[] off = x.rowOffsets();
      for (int b = 0; b < RowBlocks.count(rows); b++) {
        int from = off[(int) RowBlocks.start(rows, b)];
        int to = off[(int) RowBlocks.end(rows, b)];
        if (from == to && (op == AggOp.MIN || op == AggOp.MAX)) {
          continue;
        }
        double part = fourAccumulators(op, x.f64(), from, to);
        agg = agg == null ? part : fold(op, agg, part);
      }
      double want = agg == null ? 0.0 : agg;
      if ((op == AggOp.MIN || op == AggOp.MAX) && x.nnz() < (long) rows * cols) {
        want = agg == null ? 0.0 : fold(op, want, 0.0);
      }
      if (op == AggOp.MEAN) {
        want /= (long) rows * cols;
      }
      for (ForkJoinPool pool : POOLS) {
        Scalar got = CsrAggregation.full(op, x, pool, 0);
        assertEquals(
            Double.doubleToRawLongBits(want),
            Double.doubleToRawLongBits(got.doubleValue()),
            op + " full, pool " + pool + ": " + want + " vs " + got);
      }
    }
  }

  @ParameterizedTest(name = "{0}x{1} density {2}")
  @MethodSource("shapes")
  void scalarOperationsComputeEachValueAndShareThePattern(int rows, int cols, double p) {
    CsrMatrix x = random(rows, cols, p, 5L * rows + cols);
    CsrMatrix x32 = CsrConvert.cast(x, ValueType.F32);
    for (BinaryOp op : new BinaryOp[] {BinaryOp.MUL, BinaryOp.DIV, BinaryOp.GT}) {
      Scalar s = Scalar.f64(op == BinaryOp.GT ? 0.25 : 0.3);
      for (CsrMatrix in : new CsrMatrix[] {x, x32}) {
        Scalar sc = s.convert(in.type());
        if (!CsrElementwise.keepsZeros(op, in.type(), sc)) {
          continue;
        }
        for (ForkJoinPool pool : POOLS) {
          CsrMatrix got = CsrElementwise.binaryScalar(op, in, sc, pool);
          String what = op + " " + in.type() + ", pool " + pool;
          assertSame(in.rowOffsets(), got.rowOffsets(), what);
          assertSame(in.colIdxs(), got.colIdxs(), what);
          assertEquals(in.nnz(), got.nnz(), what);
          for (int k = 0; k < in.nnz(); k++) {
            Scalar want = ElementOps.apply(op, in.value(k), sc);
            assertEquals(want, got.value(k), what + " value " + k);
          }
          // into a reused array: every value overwritten
          DenseMatrix reused = DenseMatrix.allocate(got.type(), 1, in.nnz());
          for (int k = 0; k < in.nnz(); k++) {
            reused.setDouble(k, 99.0);
          }
          CsrMatrix into = CsrElementwise.binaryScalar(op, in, sc, reused, pool);
          assertSame(reused.data(), into.valueArray(), what);
          assertTrue(got.sameContents(into), what + " into a reused array");
        }
      }
    }
  }

  private static double fourAccumulators(AggOp op, double[] v, int from, int to) {
    double n0 = op == AggOp.MIN ? Double.POSITIVE_INFINITY : op == AggOp.MAX ? -1.0 / 0.0 : 0.0;
    double[] a = {n0, n0, n0, n0};
    int n = to - from;
    int end = from + n / 4 * 4;
    for (int i = from; i < end; i++) {
      a[(i - from) % 4] = fold(op, a[(i - from) % 4], v[i]);
    }
    double agg = n >= 4 ? fold(op, fold(op, a[0], a[1]), fold(op, a[2], a[3])) : n0;
    for (int i = end; i < to; i++) {
      agg = fold(op, agg, v[i]);
    }
    return agg;
  }

  /** C++'s acc + x, std::min(acc, x), std::max(acc, x). */
  private static double fold(AggOp op, double acc, double x) {
    return switch (op) {
      case MIN -> x < acc ? x : acc;
      case MAX -> acc < x ? x : acc;
      default -> acc + x;
    };
  }

  /** About density p stored cells, every seventh row empty, values with rounding, some negative. */
  private static CsrMatrix random(int rows, int cols, double p, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] off = new int[rows + 1];
    List<int[]> rowsIdx = new ArrayList<>();
    int total = 0;
    for (int i = 0; i < rows; i++) {
      int[] picked;
      if (i % 7 == 6) {
        picked = new int[0];
      } else if (p >= 1.0) {
        picked = java.util.stream.IntStream.range(0, cols).toArray();
      } else {
        picked =
            r.ints((long) Math.max(0, Math.round(cols * p * 2 * r.nextDouble())), 0, cols)
                .distinct()
                .sorted()
                .toArray();
      }
      rowsIdx.add(picked);
      total += picked.length;
      off[i + 1] = total;
    }
    int[] idx = new int[total];
    double[] val = new double[total];
    int k = 0;
    for (int[] picked : rowsIdx) {
      for (int c : picked) {
        idx[k] = c;
        val[k++] = (r.nextDouble() - 0.4) * 1e3 * r.nextDouble();
      }
    }
    assertTrue(k == total);
    return CsrMatrix.wrap(ValueType.F64, rows, cols, off, idx, val);
  }

  private static void assertBits(double[] want, double[] got, String what) {
    assertEquals(want.length, got.length, what);
    for (int i = 0; i < want.length; i++) {
      if (Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(got[i])) {
        assertEquals(want[i], got[i], what + " cell " + i);
        assertEquals(
            Double.doubleToRawLongBits(want[i]),
            Double.doubleToRawLongBits(got[i]),
            what + " cell " + i + " (sign of zero)");
      }
    }
  }
}
