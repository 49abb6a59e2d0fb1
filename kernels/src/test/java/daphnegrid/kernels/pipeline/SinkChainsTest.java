package daphnegrid.kernels.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Intermediates of elementwise chains computed in the rows of the output they lead to (the steps
 * then run in place): which slots are placed there, and that every output keeps the bits of the
 * general path, which gives each instruction a tile of its own, on edge shapes (1x1, 1xN, Nx1,
 * widths off the vector length, rows wider than a sub-tile) and with signed zeros in the data.
 */
class SinkChainsTest {
  private static final BlockProgram.InputKind SPLIT = BlockProgram.InputKind.SPLIT;

  /**
   * in 0: X f64 split, 1: Y f64 split, 2: s f64 scalar, 3: r f64 1 x cols, 4: F f32 split, 5: g f32
   * scalar. Chains:
   *
   * <pre>
   *   6 = X * s, 7 = 6 + 1-row r, 8 = abs 7          -> rows 8   (6 and 7 in 8's rows)
   *   9 = X - Y, 10 = Y / 9                          -> rows 10  (9, the right operand, in 10's)
   *   11 = X * s, 12 = Y + s, 13 = 11 * 12           -> rows 13  (only one of 11, 12 in 13's)
   *   14 = X * X, 15 = 14 - s                        -> rows 15, col sums of 14 (14 stays)
   *   16 = Y * s, 17 = 16 + X, 18 = 16 - X           -> rows 17, rows 18 (16 read twice: stays)
   *   19 = rowAgg sum X, 20 = X * s, 21 = 20 / 19    -> rows 21  (20 in 21's, 19 is a column)
   *   22 = Y + s, 23 = 22 * 22                       -> rows 23  (22 read twice by one step)
   *   24 = F * g, 25 = abs 24, 26 = 25 - F          -> rows 26  (f32: 24 and 25 in 26's)
   *   27 = X * s, 28 = X + 27                        -> full sum of 28 (no rows output: stays)
   * </pre>
   */
  static BlockProgram program(int rows, int cols) {
    var scalar = BlockProgram.InputKind.SCALAR;
    List<BlockProgram.Input> in =
        List.of(
            new BlockProgram.Input(SPLIT, ValueType.F64, rows, cols),
            new BlockProgram.Input(SPLIT, ValueType.F64, rows, cols),
            new BlockProgram.Input(scalar, ValueType.F64, 1, 1),
            new BlockProgram.Input(BlockProgram.InputKind.BROADCAST, ValueType.F64, 1, cols),
            new BlockProgram.Input(SPLIT, ValueType.F32, rows, cols),
            new BlockProgram.Input(scalar, ValueType.F32, 1, 1));
    List<BlockProgram.Instr> body =
        List.of(
            new BlockProgram.Binary(6, BinaryOp.MUL, 0, 2),
            new BlockProgram.Binary(7, BinaryOp.ADD, 6, 3),
            new BlockProgram.Unary(8, UnaryOp.ABS, 7),
            new BlockProgram.Binary(9, BinaryOp.SUB, 0, 1),
            new BlockProgram.Binary(10, BinaryOp.DIV, 1, 9),
            new BlockProgram.Binary(11, BinaryOp.MUL, 0, 2),
            new BlockProgram.Binary(12, BinaryOp.ADD, 1, 2),
            new BlockProgram.Binary(13, BinaryOp.MUL, 11, 12),
            new BlockProgram.Binary(14, BinaryOp.MUL, 0, 0),
            new BlockProgram.Binary(15, BinaryOp.SUB, 14, 2),
            new BlockProgram.Binary(16, BinaryOp.MUL, 1, 2),
            new BlockProgram.Binary(17, BinaryOp.ADD, 16, 0),
            new BlockProgram.Binary(18, BinaryOp.SUB, 16, 0),
            new BlockProgram.RowAgg(19, AggOp.SUM, 0),
            new BlockProgram.Binary(20, BinaryOp.MUL, 0, 2),
            new BlockProgram.Binary(21, BinaryOp.DIV, 20, 19),
            new BlockProgram.Binary(22, BinaryOp.ADD, 1, 2),
            new BlockProgram.Binary(23, BinaryOp.MUL, 22, 22),
            new BlockProgram.Binary(24, BinaryOp.MUL, 4, 5),
            new BlockProgram.Unary(25, UnaryOp.ABS, 24),
            new BlockProgram.Binary(26, BinaryOp.SUB, 25, 4),
            new BlockProgram.Binary(27, BinaryOp.MUL, 0, 2),
            new BlockProgram.Binary(28, BinaryOp.ADD, 0, 27));
    List<BlockProgram.Output> outs =
        List.of(
            new BlockProgram.Rows(8),
            new BlockProgram.Rows(10),
            new BlockProgram.Rows(13),
            new BlockProgram.Rows(15),
            new BlockProgram.ColAgg(AggOp.SUM, 14),
            new BlockProgram.Rows(17),
            new BlockProgram.Rows(18),
            new BlockProgram.Rows(21),
            new BlockProgram.Rows(23),
            new BlockProgram.Rows(26),
            new BlockProgram.FullAgg(AggOp.SUM, 28));
    return new BlockProgram("sink chains", rows, in, body, outs);
  }

  @Test
  void intermediatesOnlyTheNextElementwiseStepReadsGoIntoItsRows() {
    BlockExecutor ex = new BlockExecutor(program(100, 1000));
    int[][] placed = {{6, 8}, {7, 8}, {9, 10}, {20, 21}, {24, 26}, {25, 26}};
    for (int[] p : placed) {
      assertEquals(p[1], ex.inSinkOf(p[0]), "slot " + p[0]);
    }
    for (int s : new int[] {14, 16, 19, 22, 27, 8, 10, 13, 15}) {
      assertEquals(-1, ex.inSinkOf(s), "slot " + s);
    }
    // 11 * 12: one operand at most
    assertTrue((ex.inSinkOf(11) == 13) != (ex.inSinkOf(12) == 13), "one of 11 and 12");
  }

  static Stream<Arguments> shapes() {
    int[][] shapes = {{1, 1}, {1, 13}, {1, 3000}, {13, 1}, {9, 7}, {70, 130}, {300, 1000}};
    List<Arguments> out = new ArrayList<>();
    long seed = 11;
    for (int[] s : shapes) {
      out.add(Arguments.of(s[0], s[1], seed++));
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void chainsInTheirOutputsRowsGiveTheBitsOfTheGeneralPath(int rows, int cols, long seed) {
    BlockProgram p = program(rows, cols);
    Random rnd = new Random(seed);
    Object[] in = {
      RowSource.whole(SubTilesTest.random(ValueType.F64, rows, cols, rnd)),
      RowSource.whole(SubTilesTest.random(ValueType.F64, rows, cols, rnd)),
      Scalar.f64(rnd.nextDouble() * 4 - 2),
      SubTilesTest.random(ValueType.F64, 1, cols, rnd),
      RowSource.whole(SubTilesTest.random(ValueType.F32, rows, cols, rnd)),
      Scalar.ofDouble(ValueType.F32, rnd.nextDouble())
    };
    List<DenseMatrix> fastRows = new ArrayList<>();
    List<DenseMatrix> generalRows = new ArrayList<>();
    List<Object> fast = SubTilesTest.run(p, in, false, fastRows);
    List<Object> general = SubTilesTest.run(p, in, true, generalRows);
    for (int o = 0; o < fast.size(); o++) {
      String what = "output " + o + " of " + rows + "x" + cols;
      if (fastRows.get(o) != null) {
        assertTrue(fastRows.get(o).sameContents(generalRows.get(o)), what);
      } else if (fast.get(o) instanceof DenseMatrix m) {
        assertTrue(m.sameContents((DenseMatrix) general.get(o)), what);
      } else {
        assertEquals(general.get(o), fast.get(o), what);
      }
    }
  }
}
