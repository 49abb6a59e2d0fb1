package daphnegrid.kernels.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A program (y = sqrt(x * x + 1), with the row sums of y, its column sums, its full sum and t(x) @
 * y) run block by block against plain loops, on awkward row counts. Partial outputs of blocks run
 * in any grouping combine to the same bits.
 */
class BlockExecutorTest {
  private static BlockProgram program(long rows, int cols) {
    List<BlockProgram.Input> in =
        List.of(
            new BlockProgram.Input(BlockProgram.InputKind.SPLIT, ValueType.F64, rows, cols),
            new BlockProgram.Input(BlockProgram.InputKind.SCALAR, ValueType.F64, 1, 1));
    List<BlockProgram.Instr> body =
        List.of(
            new BlockProgram.Binary(2, BinaryOp.MUL, 0, 0),
            new BlockProgram.Binary(3, BinaryOp.ADD, 2, 1),
            new BlockProgram.Unary(4, UnaryOp.SQRT, 3),
            new BlockProgram.RowAgg(5, AggOp.SUM, 4));
    List<BlockProgram.Output> out =
        List.of(
            new BlockProgram.Rows(4),
            new BlockProgram.Rows(5),
            new BlockProgram.ColAgg(AggOp.SUM, 4),
            new BlockProgram.FullAgg(AggOp.MAX, 4),
            new BlockProgram.TMatMul(0, 4));
    return new BlockProgram("test", rows, in, body, out);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 1023, 1024, 1025, 3000})
  void programMatchesPlainLoops(int rows) {
    int cols = 5;
    double[] x = new double[rows * cols];
    Random r = new Random(rows);
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() * 2 - 1;
    }
    BlockProgram p = program(rows, cols);
    DenseMatrix y = DenseMatrix.allocate(ValueType.F64, rows, cols);
    DenseMatrix rs = DenseMatrix.allocate(ValueType.F64, rows, 1);
    Object[] inputs = {
      RowSource.whole(DenseMatrix.wrap(ValueType.F64, rows, cols, x)), Scalar.f64(1)
    };
    RowSource[] sinks = {RowSource.whole(y), RowSource.whole(rs), null, null, null};
    BlockExecutor ex = new BlockExecutor(p);
    List<BlockPartial> parts = new ArrayList<>();
    for (int b = 0; b < RowBlocks.count(rows); b++) {
      parts.add(ex.run(b, RowBlocks.start(rows, b), RowBlocks.end(rows, b), inputs, sinks));
    }
    List<Object> res = Partials.combine(p, parts);
    double[] colSums = new double[cols];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < rows; i++) {
      for (int c = 0; c < cols; c++) {
        double v = Math.sqrt(x[i * cols + c] * x[i * cols + c] + 1);
        assertEquals(v, y.f64()[i * cols + c]);
        colSums[c] += v;
        max = Math.max(max, v);
      }
    }
    assertEquals(Scalar.f64(max), res.get(3));
    DenseMatrix cs = (DenseMatrix) res.get(2);
    for (int c = 0; c < cols; c++) {
      assertEquals(colSums[c], cs.f64()[c], 1e-9 * Math.max(1, rows));
    }
    DenseMatrix g = (DenseMatrix) res.get(4);
    assertEquals(cols, g.rows());
    assertEquals(cols, g.cols());
  }

  /** t(X) @ X and t(X) @ Y of split inputs, one product per block, against plain loops. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 9, 1023, 1025, 5000, 70001})
  void productsOfSplitInputsMatchPlainLoops(int rows) {
    int cx = 7;
    int cy = 3;
    Random r = new Random(rows + 5);
    double[] x = new double[rows * cx];
    double[] y = new double[rows * cy];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() - 0.5;
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = r.nextDouble() - 0.5;
    }
    List<BlockProgram.Input> in =
        List.of(
            new BlockProgram.Input(BlockProgram.InputKind.SPLIT, ValueType.F64, rows, cx),
            new BlockProgram.Input(BlockProgram.InputKind.SPLIT, ValueType.F64, rows, cy));
    BlockProgram p =
        new BlockProgram(
            "products",
            rows,
            in,
            List.of(),
            List.of(new BlockProgram.TMatMul(0, 0), new BlockProgram.TMatMul(0, 1)));
    Object[] inputs = {
      RowSource.whole(DenseMatrix.wrap(ValueType.F64, rows, cx, x)),
      RowSource.whole(DenseMatrix.wrap(ValueType.F64, rows, cy, y))
    };
    BlockExecutor ex = new BlockExecutor(p);
    List<BlockPartial> parts = new ArrayList<>();
    for (int b = 0; b < RowBlocks.count(rows); b++) {
      parts.add(
          ex.run(b, RowBlocks.start(rows, b), RowBlocks.end(rows, b), inputs, new RowSource[2]));
    }
    List<Object> res = Partials.combine(p, parts);
    double[] xx = ((DenseMatrix) res.get(0)).f64();
    double[] xy = ((DenseMatrix) res.get(1)).f64();
    for (int i = 0; i < cx; i++) {
      for (int j = 0; j < cx; j++) {
        double s = 0;
        for (int k = 0; k < rows; k++) {
          s += x[k * cx + i] * x[k * cx + j];
        }
        assertEquals(s, xx[i * cx + j], 1e-12 * Math.max(1, rows));
        assertEquals(xx[i * cx + j], xx[j * cx + i], 0.0, "exactly symmetric");
      }
      for (int j = 0; j < cy; j++) {
        double s = 0;
        for (int k = 0; k < rows; k++) {
          s += x[k * cx + i] * y[k * cy + j];
        }
        assertEquals(s, xy[i * cy + j], 1e-12 * Math.max(1, rows));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {5000, 70001})
  void blockPartialsCombineInBlockOrderWhoeverComputedThem(int rows) {
    int cols = 3;
    double[] x = new double[rows * cols];
    Random r = new Random(7);
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian() * 1e3;
    }
    BlockProgram p = program(rows, cols);
    Object[] inputs = {
      RowSource.whole(DenseMatrix.wrap(ValueType.F64, rows, cols, x)), Scalar.f64(1)
    };
    RowSource[] sinks = {
      RowSource.whole(DenseMatrix.allocate(ValueType.F64, rows, cols)),
      RowSource.whole(DenseMatrix.allocate(ValueType.F64, rows, 1)),
      null,
      null,
      null
    };
    int blocks = RowBlocks.count(rows);
    List<BlockPartial> forward = new ArrayList<>();
    BlockExecutor ex = new BlockExecutor(p);
    for (int b = 0; b < blocks; b++) {
      forward.add(ex.run(b, RowBlocks.start(rows, b), RowBlocks.end(rows, b), inputs, sinks));
    }
    // the same blocks computed in reverse by another executor (as another thread or member would)
    BlockPartial[] backward = new BlockPartial[blocks];
    BlockExecutor other = new BlockExecutor(p);
    for (int b = blocks - 1; b >= 0; b--) {
      backward[b] = other.run(b, RowBlocks.start(rows, b), RowBlocks.end(rows, b), inputs, sinks);
    }
    List<Object> a = Partials.combine(p, forward);
    List<Object> b = Partials.combine(p, List.of(backward));
    assertArrayEquals(((DenseMatrix) a.get(2)).f64(), ((DenseMatrix) b.get(2)).f64());
    assertEquals(a.get(3), b.get(3));
    assertArrayEquals(((DenseMatrix) a.get(4)).f64(), ((DenseMatrix) b.get(4)).f64());
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 100000, 1 << 20, 1_000_000_007})
  void blocksDependOnTheRowCountOnly(int rows) {
    int size = RowBlocks.rowsPerBlock(rows);
    assertEquals(Integer.bitCount(size), 1);
    assertEquals(rows, RowBlocks.end(rows, RowBlocks.count(rows) - 1));
  }

  @ParameterizedTest
  @ValueSource(ints = {1})
  void failuresNameTheInstruction(int unused) {
    BlockProgram p = program(3, 1);
    Object[] inputs = {RowSource.whole(DenseMatrix.ofDoubles(3, 1, 1, 2, 3)), Scalar.f64(-100)};
    RowSource[] sinks = {
      RowSource.whole(DenseMatrix.allocate(ValueType.F64, 3, 1)),
      RowSource.whole(DenseMatrix.allocate(ValueType.F64, 3, 1)),
      null,
      null,
      null
    };
    InstructionFailure f =
        assertThrows(
            InstructionFailure.class, () -> new BlockExecutor(p).run(0, 0, 3, inputs, sinks));
    assertEquals(2, f.instruction());
  }
}
