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
 * Chains of row-local steps run sub-tile by sub-tile (a few KiB of rows at a time through every
 * step): the same bits as the general path, which runs each instruction over the whole tile, for
 * every output, on edge shapes (1x1, 1xN, Nx1, widths that are no multiple of the vector length,
 * rows wider than a sub-tile).
 */
class SubTilesTest {

  static Stream<Arguments> shapes() {
    int[][] shapes = {
      {1, 1}, {1, 13}, {1, 3000}, {13, 1}, {9, 7}, {70, 130}, {300, 1000}, {2000, 257}, {1025, 3001}
    };
    List<Arguments> out = new ArrayList<>();
    long seed = 7;
    for (int[] s : shapes) {
      for (AggOp op : List.of(AggOp.SUM, AggOp.MAX, AggOp.STDDEV)) {
        out.add(Arguments.of(s[0], s[1], op, seed++));
      }
    }
    return out.stream();
  }

  /**
   * in 0: X f64 split, 1: s f64 scalar, 2: r f64 1 x cols, 3: Y f64 split, 4: F f32 split, 5: g f32
   * scalar; 6 = X * s, 7 = 6 + r, 8 = 7 - Y, 9 = abs 8, 10 = rowAgg op 9, 11 = 9 / 10, 12 = F * g,
   * 13 = 12 + F, 14 = -13.
   */
  private static BlockProgram chain(int rows, int cols, AggOp op) {
    var split = BlockProgram.InputKind.SPLIT;
    var scalar = BlockProgram.InputKind.SCALAR;
    List<BlockProgram.Input> in =
        List.of(
            new BlockProgram.Input(split, ValueType.F64, rows, cols),
            new BlockProgram.Input(scalar, ValueType.F64, 1, 1),
            new BlockProgram.Input(BlockProgram.InputKind.BROADCAST, ValueType.F64, 1, cols),
            new BlockProgram.Input(split, ValueType.F64, rows, cols),
            new BlockProgram.Input(split, ValueType.F32, rows, cols),
            new BlockProgram.Input(scalar, ValueType.F32, 1, 1));
    List<BlockProgram.Instr> body =
        List.of(
            new BlockProgram.Binary(6, BinaryOp.MUL, 0, 1),
            new BlockProgram.Binary(7, BinaryOp.ADD, 6, 2),
            new BlockProgram.Binary(8, BinaryOp.SUB, 7, 3),
            new BlockProgram.Unary(9, UnaryOp.ABS, 8),
            new BlockProgram.RowAgg(10, op, 9),
            new BlockProgram.Binary(11, BinaryOp.DIV, 9, 10),
            new BlockProgram.Binary(12, BinaryOp.MUL, 4, 5),
            new BlockProgram.Binary(13, BinaryOp.ADD, 12, 4),
            new BlockProgram.Unary(14, UnaryOp.MINUS, 13));
    List<BlockProgram.Output> outs =
        List.of(
            new BlockProgram.Rows(11),
            new BlockProgram.Rows(10),
            new BlockProgram.Rows(14),
            new BlockProgram.ColAgg(AggOp.SUM, 7),
            new BlockProgram.FullAgg(AggOp.SUM, 11));
    return new BlockProgram("chain", rows, in, body, outs);
  }

  private static Object[] inputs(int rows, int cols, long seed) {
    Random rnd = new Random(seed);
    return new Object[] {
      RowSource.whole(random(ValueType.F64, rows, cols, rnd)),
      Scalar.f64(rnd.nextDouble() * 4 - 2),
      random(ValueType.F64, 1, cols, rnd),
      RowSource.whole(random(ValueType.F64, rows, cols, rnd)),
      RowSource.whole(random(ValueType.F32, rows, cols, rnd)),
      Scalar.ofDouble(ValueType.F32, rnd.nextDouble())
    };
  }

  static DenseMatrix random(ValueType t, int rows, int cols, Random rnd) {
    DenseMatrix m = DenseMatrix.allocate(t, rows, cols);
    for (int i = 0; i < m.size(); i++) {
      int kind = rnd.nextInt(20);
      m.setDouble(i, kind == 0 ? 0.0 : kind == 1 ? -0.0 : rnd.nextDouble() * 4 - 2);
    }
    return m;
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void subTilesGiveTheBitsOfWholeTiles(int rows, int cols, AggOp op, long seed) {
    BlockProgram p = chain(rows, cols, op);
    Object[] in = inputs(rows, cols, seed);
    List<DenseMatrix> fastRows = new ArrayList<>();
    List<DenseMatrix> generalRows = new ArrayList<>();
    List<Object> fast = run(p, in, false, fastRows);
    List<Object> general = run(p, in, true, generalRows);
    for (int o = 0; o < fast.size(); o++) {
      String what = "output " + o + " of " + rows + "x" + cols + " " + op;
      if (fastRows.get(o) != null) {
        assertTrue(fastRows.get(o).sameContents(generalRows.get(o)), what);
      } else if (fast.get(o) instanceof DenseMatrix m) {
        assertTrue(m.sameContents((DenseMatrix) general.get(o)), what);
      } else {
        assertEquals(general.get(o), fast.get(o), what);
      }
    }
  }

  @Test
  void chainsOfRowLocalStepsRunInSubTiles() {
    BlockExecutor wide = new BlockExecutor(chain(100, 1000, AggOp.SUM));
    assertEquals(8, wide.tileRows());
    assertEquals(2, wide.subRows());
    assertEquals(1, new BlockExecutor(chain(100, 3001, AggOp.SUM)).subRows());
    BlockExecutor narrow = new BlockExecutor(chain(100, 7, AggOp.SUM));
    assertTrue(narrow.subRows() < narrow.tileRows(), narrow.subRows() + " rows");
  }

  @Test
  void oneStepOrAProductRunsOverWholeTiles() {
    var split = new BlockProgram.Input(BlockProgram.InputKind.SPLIT, ValueType.F64, 100, 1000);
    BlockProgram add =
        new BlockProgram(
            "add",
            100,
            List.of(split, split),
            List.of(new BlockProgram.Binary(2, BinaryOp.ADD, 0, 1)),
            List.of(new BlockProgram.Rows(2)));
    BlockExecutor one = new BlockExecutor(add);
    assertEquals(one.tileRows(), one.subRows());
    BlockProgram product =
        new BlockProgram(
            "product",
            100,
            List.of(
                split,
                new BlockProgram.Input(BlockProgram.InputKind.BROADCAST, ValueType.F64, 1000, 3)),
            List.of(new BlockProgram.MatMul(2, 0, 1), new BlockProgram.Unary(3, UnaryOp.ABS, 2)),
            List.of(new BlockProgram.Rows(3)));
    BlockExecutor p = new BlockExecutor(product);
    assertEquals(p.tileRows(), p.subRows());
  }

  static List<Object> run(BlockProgram p, Object[] in, boolean general, List<DenseMatrix> rowsOut) {
    List<SlotInfo> slots = SlotInfo.of(p);
    RowSource[] sinks = new RowSource[p.outputs().size()];
    for (int o = 0; o < sinks.length; o++) {
      if (p.outputs().get(o) instanceof BlockProgram.Rows r) {
        SlotInfo s = slots.get(r.slot());
        DenseMatrix m = DenseMatrix.allocate(s.type(), p.rows(), s.cols());
        for (int i = 0; i < m.size(); i++) {
          m.setDouble(i, Double.NaN);
        }
        sinks[o] = RowSource.whole(m);
        rowsOut.add(m);
      } else {
        rowsOut.add(null);
      }
    }
    BlockExecutor ex = new BlockExecutor(p, general);
    List<BlockPartial> parts = new ArrayList<>();
    long n = p.rows();
    for (int blk = 0; blk < RowBlocks.count(n); blk++) {
      parts.add(ex.run(blk, RowBlocks.start(n, blk), RowBlocks.end(n, blk), in, sinks));
    }
    return Partials.combine(p, parts);
  }
}
