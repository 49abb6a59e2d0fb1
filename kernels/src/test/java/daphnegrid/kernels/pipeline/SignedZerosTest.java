package daphnegrid.kernels.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Row, column and full aggregates of matrices of signed zeros (and of zeros mixed with small
 * integers and NaN) through the executor, tile by tile and block by block, on its fast and general
 * paths and with blocks run in either order, against DAPHNE's kernels written out plainly: AggRow
 * and AggCol fold from the first cell of each row or column; AggAll folds four accumulators from
 * the neutral element, so a full sum is never -0 and a full minimum or maximum that is a zero is
 * the one its accumulators keep. The cells are small integers, so every sum is exact in any order
 * and the references are bit-exact.
 */
class SignedZerosTest {

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    int[] rows = {1, 2, 7, 1025, 3000};
    int[] cols = {1, 3, 16, 17, 40};
    for (int r : rows) {
      for (int c : cols) {
        for (int kind = 0; kind < 4; kind++) {
          out.add(Arguments.of(r, c, kind));
        }
      }
    }
    return out.stream();
  }

  /**
   * rows x cols cells of kind 0: all -0; 1: -0 with one +0; 2: +0 and -0 at random; 3: zeros of
   * both signs with some cells -2 .. 2 and a few NaN. No row or column starts with NaN: there
   * DAPHNE's folds from the first cell give NaN while the spec skips NaN, which is not what this
   * test is about.
   */
  static double[] data(int rows, int cols, int kind, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = rows * cols;
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      int u = r.nextInt(24);
      boolean nanAllowed = i >= cols && i % cols != 0;
      a[i] =
          switch (kind) {
            case 0, 1 -> -0.0;
            case 2 -> u < 12 ? 0.0 : -0.0;
            default ->
                u < 10
                    ? -0.0
                    : u < 18 ? 0.0 : u < 23 || !nanAllowed ? (double) (u - 20) : Double.NaN;
          };
    }
    if (kind == 1) {
      a[r.nextInt(n)] = 0.0;
    }
    return a;
  }

  static final AggOp[] OPS = {AggOp.SUM, AggOp.MIN, AggOp.MAX, AggOp.MEAN};

  /** The program: per op, its row aggregate as a rows output, its column and full aggregates. */
  static BlockProgram program(ValueType t, long rows, int cols) {
    List<BlockProgram.Instr> body = new ArrayList<>();
    List<BlockProgram.Output> outs = new ArrayList<>();
    for (AggOp op : OPS) {
      int dest = 1 + body.size();
      body.add(new BlockProgram.RowAgg(dest, op, 0));
      outs.add(new BlockProgram.Rows(dest));
      outs.add(new BlockProgram.ColAgg(op, 0));
      outs.add(new BlockProgram.FullAgg(op, 0));
    }
    List<BlockProgram.Input> in =
        List.of(new BlockProgram.Input(BlockProgram.InputKind.SPLIT, t, rows, cols));
    return new BlockProgram("zeros", rows, in, body, outs);
  }

  static double fold(AggOp op, double acc, double x) {
    return switch (op) {
      case MIN -> x < acc ? x : acc;
      case MAX -> acc < x ? x : acc;
      default -> acc + x;
    };
  }

  /**
   * DAPHNE's AggRow over count cells from start by stride: from the first cell, then mean = sum /
   * count. Minima and maxima skip NaN cells (spec 7.6), so they fold from +inf / -inf instead,
   * which keeps the same first zero.
   */
  static double line(AggOp op, double[] a, int start, int stride, int count) {
    if (op == AggOp.MIN || op == AggOp.MAX) {
      double acc = op == AggOp.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      for (int k = 0; k < count; k++) {
        acc = fold(op, acc, a[start + k * stride]);
      }
      return acc;
    }
    double acc = a[start];
    for (int k = 1; k < count; k++) {
      acc = acc + a[start + k * stride];
    }
    return op == AggOp.MEAN ? acc / count : acc;
  }

  /** DAPHNE's AggAll (aggAllArray): four accumulators from the neutral element, then the tail. */
  static double full(AggOp op, double[] a) {
    AggOp k = op == AggOp.MEAN ? AggOp.SUM : op;
    double neutral =
        k == AggOp.MIN ? Double.POSITIVE_INFINITY : k == AggOp.MAX ? Double.NEGATIVE_INFINITY : 0.0;
    double[] acc = {neutral, neutral, neutral, neutral};
    int n = a.length;
    int main = n / 4 * 4;
    for (int i = 0; i < main; i++) {
      acc[i % 4] = fold(k, acc[i % 4], a[i]);
    }
    double r = fold(k, fold(k, acc[0], acc[1]), fold(k, acc[2], acc[3]));
    for (int i = main; i < n; i++) {
      r = fold(k, r, a[i]);
    }
    return op == AggOp.MEAN ? r / n : r;
  }

  static Object[] run(
      BlockProgram p, Object input, boolean general, boolean backwards, List<DenseMatrix> rowsOut) {
    long n = p.rows();
    List<SlotInfo> slots = SlotInfo.of(p);
    RowSource[] sinks = new RowSource[p.outputs().size()];
    for (int o = 0; o < sinks.length; o++) {
      if (p.outputs().get(o) instanceof BlockProgram.Rows r) {
        DenseMatrix m = DenseMatrix.allocate(slots.get(r.slot()).type(), n, 1);
        sinks[o] = RowSource.whole(m);
        rowsOut.add(m);
      } else {
        rowsOut.add(null);
      }
    }
    BlockExecutor ex = new BlockExecutor(p, general);
    int blocks = RowBlocks.count(n);
    BlockPartial[] parts = new BlockPartial[blocks];
    for (int i = 0; i < blocks; i++) {
      int b = backwards ? blocks - 1 - i : i;
      parts[b] = ex.run(b, RowBlocks.start(n, b), RowBlocks.end(n, b), new Object[] {input}, sinks);
    }
    return Partials.combine(p, List.of(parts)).toArray();
  }

  static DenseMatrix matrix(ValueType t, int rows, int cols, double[] v) {
    DenseMatrix m = DenseMatrix.allocate(t, rows, cols);
    for (int i = 0; i < v.length; i++) {
      m.setDouble(i, v[i]);
    }
    return m;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rowColumnAndFullAggregatesKeepDaphnesZeroSigns(int rows, int cols, int kind) {
    double[] a = data(rows, cols, kind, rows * 1000L + cols * 10L + kind);
    for (ValueType t : new ValueType[] {ValueType.F64, ValueType.F32}) {
      BlockProgram p = program(t, rows, cols);
      RowSource input = RowSource.whole(matrix(t, rows, cols, a));
      for (boolean general : new boolean[] {false, true}) {
        for (boolean backwards : new boolean[] {false, true}) {
          List<DenseMatrix> rowsOut = new ArrayList<>();
          Object[] res = run(p, input, general, backwards, rowsOut);
          String what = t + " " + rows + "x" + cols + " kind " + kind + " general " + general;
          for (int i = 0; i < OPS.length; i++) {
            AggOp op = OPS[i];
            double[] rowRef = new double[rows];
            for (int r = 0; r < rows; r++) {
              rowRef[r] = line(op, a, r * cols, 1, cols);
            }
            double[] colRef = new double[cols];
            for (int c = 0; c < cols; c++) {
              colRef[c] = line(op, a, c, cols, rows);
            }
            assertTrue(
                matrix(t, rows, 1, rowRef).sameContents(rowsOut.get(3 * i)),
                what + " rows " + op + ": " + rowsOut.get(3 * i));
            assertTrue(
                matrix(t, 1, cols, colRef).sameContents((DenseMatrix) res[3 * i + 1]),
                what + " columns " + op + ": " + res[3 * i + 1]);
            double fullRef = full(op, a);
            Scalar expected =
                t == ValueType.F32 ? Scalar.ofDouble(t, fullRef) : Scalar.f64(fullRef);
            Scalar got = (Scalar) res[3 * i + 2];
            if (Double.isNaN(fullRef)) {
              assertTrue(Double.isNaN(got.doubleValue()), what + " full " + op);
            } else {
              assertEquals(expected, got, what + " full " + op);
            }
          }
        }
      }
    }
  }

  /**
   * DAPHNE's full minimum of [5, +0, 5, 5, -0, 5, ...]: accumulator 0 meets -0 (cell 4),
   * accumulator 1 +0 (cell 1), and the combine keeps accumulator 0, so -0 although +0 comes first.
   * The maximum of [-1, ..., -1, -0, +0] is -0 for every N: both zeros in the accumulators (N mod 4
   * = 0: accumulator 2 before 3), -0 in an accumulator and +0 in the last N mod 4 cells, which are
   * only reached when no accumulator holds a zero (N mod 4 = 1), or both in those cells, folded in
   * cell order.
   */
  @ParameterizedTest
  @MethodSource("blockCounts")
  void fullExtremesPickTheZeroDaphnesAccumulatorsKeep(int rows) {
    double[] a = new double[rows];
    Arrays.fill(a, 5.0);
    a[1] = 0.0;
    a[4] = -0.0;
    a[rows - 1] = 0.0;
    BlockProgram p = program(ValueType.F64, rows, 1);
    Object[] res =
        run(p, RowSource.whole(matrix(ValueType.F64, rows, 1, a)), false, false, new ArrayList<>());
    // with fewer than 8 cells, cell 4 is past the accumulators and +0 in accumulator 1 wins
    assertEquals(Scalar.f64(rows >= 8 ? -0.0 : 0.0), res[5], "full minimum");
    assertEquals(Scalar.f64(full(AggOp.MIN, a)), res[5], "full minimum, reference");
    Arrays.fill(a, -1.0);
    a[rows - 2] = -0.0;
    a[rows - 1] = 0.0;
    res =
        run(p, RowSource.whole(matrix(ValueType.F64, rows, 1, a)), false, false, new ArrayList<>());
    assertEquals(Scalar.f64(-0.0), res[8], "full maximum");
    assertEquals(Scalar.f64(full(AggOp.MAX, a)), res[8], "full maximum, reference");
  }

  static Stream<Integer> blockCounts() {
    return Stream.of(6, 7, 8, 9, 2050, 3001, 70002, 70003);
  }
}
