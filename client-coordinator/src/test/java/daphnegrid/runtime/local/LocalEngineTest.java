package daphnegrid.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.BlockProgram;
import daphnegrid.kernels.pipeline.BlockProgram.InputKind;
import daphnegrid.kernels.sparse.CsrConvert;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Operand;
import daphnegrid.runtime.Output;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local engine gives the same bits for any thread count (blocks are cut by the row count only
 * and partials combine in block order), on row counts around block edges.
 */
class LocalEngineTest {

  /**
   * A k-means-like pass with standardize-like statistics: D = -2 (X @ C) + n2, the row minima of D,
   * P = (D <= min) / rowSums, and the column moments, full sums and t(P) @ X.
   */
  private static BlockProgram program(long rows, int cols, int k) {
    List<BlockProgram.Input> in =
        List.of(
            new BlockProgram.Input(InputKind.SPLIT, ValueType.F64, rows, cols),
            new BlockProgram.Input(InputKind.BROADCAST, ValueType.F64, cols, k),
            new BlockProgram.Input(InputKind.SCALAR, ValueType.F64, 1, 1),
            new BlockProgram.Input(InputKind.BROADCAST, ValueType.F64, 1, k));
    List<BlockProgram.Instr> body =
        List.of(
            new BlockProgram.MatMul(4, 0, 1),
            new BlockProgram.Binary(5, BinaryOp.MUL, 4, 2),
            new BlockProgram.Binary(6, BinaryOp.ADD, 5, 3),
            new BlockProgram.RowAgg(7, AggOp.MIN, 6),
            new BlockProgram.Binary(8, BinaryOp.LE, 6, 7),
            new BlockProgram.RowAgg(9, AggOp.SUM, 8),
            new BlockProgram.Binary(10, BinaryOp.DIV, 8, 9),
            new BlockProgram.Unary(11, UnaryOp.EXP, 0));
    List<BlockProgram.Output> out =
        List.of(
            new BlockProgram.Rows(6),
            new BlockProgram.Rows(10),
            new BlockProgram.TMatMul(10, 0),
            new BlockProgram.ColAgg(AggOp.STDDEV, 0),
            new BlockProgram.ColAgg(AggOp.MEAN, 11),
            new BlockProgram.FullAgg(AggOp.SUM, 11),
            new BlockProgram.FullAgg(AggOp.VAR, 0),
            new BlockProgram.TMatMul(0, 0));
    return new BlockProgram("test", rows, in, body, out);
  }

  private static List<Operand> inputs(int rows, int cols, int k) {
    Random r = new Random(rows * 31L + cols);
    double[] x = new double[rows * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
    }
    double[] c = new double[cols * k];
    for (int i = 0; i < c.length; i++) {
      c[i] = r.nextGaussian();
    }
    double[] n2 = new double[k];
    for (int i = 0; i < k; i++) {
      n2[i] = r.nextDouble();
    }
    return List.of(
        new Operand.Split(new MatrixValue(DenseMatrix.wrap(ValueType.F64, rows, cols, x))),
        new Operand.Broadcast(DenseMatrix.wrap(ValueType.F64, cols, k, c)),
        new Operand.Constant(Scalar.f64(-2.0)),
        new Operand.Broadcast(DenseMatrix.wrap(ValueType.F64, 1, k, n2)));
  }

  private static List<Output> run(int threads, BlockProgram p, List<Operand> in) {
    try (ComputePool pool = new ComputePool(threads)) {
      return new LocalEngine(pool).execute(p, in);
    }
  }

  /**
   * Row, column and full sums, means, minima and maxima of X (f64) and of X as f32, whose cells are
   * +0 and -0 in runs (so whole rows, columns and blocks can be -0) with a few ones.
   */
  private static BlockProgram zerosProgram(long rows, int cols) {
    List<BlockProgram.Instr> body = new java.util.ArrayList<>();
    List<BlockProgram.Output> out = new java.util.ArrayList<>();
    body.add(new BlockProgram.Cast(1, ValueType.F32, 0));
    for (int x : new int[] {0, 1}) {
      for (AggOp op : new AggOp[] {AggOp.SUM, AggOp.MIN, AggOp.MAX, AggOp.MEAN}) {
        int dest = 1 + body.size();
        body.add(new BlockProgram.RowAgg(dest, op, x));
        out.add(new BlockProgram.Rows(dest));
        out.add(new BlockProgram.ColAgg(op, x));
        out.add(new BlockProgram.FullAgg(op, x));
      }
    }
    return new BlockProgram(
        "zeros",
        rows,
        List.of(new BlockProgram.Input(InputKind.SPLIT, ValueType.F64, rows, cols)),
        body,
        out);
  }

  /**
   * The pass over a CSR X (mostly zeros) reads X a tile at a time: the bits of the pass over its
   * dense form, on one and several threads, and X's dense form is never made.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 1025, 70001})
  void aCsrSplitInputGivesTheBitsOfItsDenseFormWithoutMakingIt(int rows) {
    int cols = 13;
    int k = 5;
    List<Operand> dense = inputs(rows, cols, k);
    DenseMatrix x = ((Operand.Split) dense.get(0)).matrix().dense().copy();
    Random r = new Random(rows);
    for (int i = 0; i < x.size(); i++) {
      if (r.nextInt(10) != 0) {
        x.setDouble(i, 0.0);
      }
    }
    MatrixValue csr = new MatrixValue(CsrConvert.fromDense(x), -1);
    List<Operand> sparse = new java.util.ArrayList<>(dense);
    sparse.set(0, new Operand.Split(csr));
    dense = new java.util.ArrayList<>(dense);
    dense.set(0, new Operand.Split(new MatrixValue(x)));
    BlockProgram p = program(rows, cols, k);
    List<Output> want = run(1, p, dense);
    for (int threads : new int[] {1, 3}) {
      List<Output> got = run(threads, p, sparse);
      for (int o = 0; o < want.size(); o++) {
        assertTrue(want.get(o).cells().sameContents(got.get(o).cells()), "output " + o);
      }
    }
    assertTrue(csr.isCsr());
    assertFalse(csr.hasDenseForm(), "the pass made X's dense form");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1025, 70001})
  void zeroSignsAreTheSameBitsForEveryThreadCount(int rows) {
    int cols = 40;
    Random r = new Random(rows);
    double[] x = new double[rows * cols];
    double v = -0.0;
    for (int i = 0; i < x.length; i++) {
      int u = r.nextInt(1000);
      if (u < 3) {
        v = u == 0 ? 0.0 : -0.0; // runs of one zero, mostly -0
      }
      x[i] = u == 999 ? 1.0 : v;
    }
    BlockProgram p = zerosProgram(rows, cols);
    List<Operand> in =
        List.of(new Operand.Split(new MatrixValue(DenseMatrix.wrap(ValueType.F64, rows, cols, x))));
    List<Output> one = run(1, p, in);
    for (int threads : new int[] {2, 3, 8}) {
      List<Output> other = run(threads, p, in);
      for (int o = 0; o < one.size(); o++) {
        assertTrue(one.get(o).cells().sameContents(other.get(o).cells()), "output " + o);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1023, 1024, 1025, 65537, 70001, 200003})
  void resultsAreTheSameBitsForEveryThreadCount(int rows) {
    int cols = rows > 100000 ? 20 : 13;
    int k = 5;
    BlockProgram p = program(rows, cols, k);
    List<Operand> in = inputs(rows, cols, k);
    List<Output> one = run(1, p, in);
    for (int threads : new int[] {2, 3, 8}) {
      List<Output> other = run(threads, p, in);
      for (int o = 0; o < one.size(); o++) {
        Output a = one.get(o);
        Output b = other.get(o);
        assertEquals(a.getClass(), b.getClass(), "output " + o);
        assertTrue(a.cells().sameContents(b.cells()), "output " + o);
      }
    }
  }
}
