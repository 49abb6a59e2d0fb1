package daphnegrid.kernels.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrConvert;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random programs run by the executor's fast paths (split inputs read in place, rows outputs
 * written into their sinks, array kernels with offsets) and by its general path (every tile copied,
 * every instruction through the facades): the same bits, for every output, on awkward shapes around
 * tile and block edges. Sinks start filled with NaN so that a cell the fast path forgets shows up.
 */
class ExecutorPathsTest {

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    int[] rows = {0, 1, 7, 8, 9, 63, 200, 1023, 1024, 1025, 4099, 70001};
    int[] cols = {1, 3, 5, 8, 17, 20, 64, 130};
    long seed = 1;
    for (int r : rows) {
      for (int c : cols) {
        if ((long) r * c > 3_000_000) {
          continue;
        }
        out.add(Arguments.of(r, c, seed++));
      }
    }
    return out.stream();
  }

  /** A random program over one f64 split input of rows x cols, with its input values. */
  private record Built(BlockProgram program, Object[] inputs) {}

  private static Built randomProgram(int rows, int cols, long seed) {
    Random rnd = new Random(seed);
    List<BlockProgram.Input> in = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    in.add(new BlockProgram.Input(BlockProgram.InputKind.SPLIT, ValueType.F64, rows, cols));
    values.add(RowSource.whole(random(ValueType.F64, rows, cols, rnd)));
    in.add(new BlockProgram.Input(BlockProgram.InputKind.SPLIT, ValueType.F64, rows, cols));
    values.add(RowSource.whole(random(ValueType.F64, rows, cols, rnd)));
    in.add(new BlockProgram.Input(BlockProgram.InputKind.SPLIT, ValueType.F32, rows, cols));
    values.add(RowSource.whole(random(ValueType.F32, rows, cols, rnd)));
    in.add(new BlockProgram.Input(BlockProgram.InputKind.BROADCAST, ValueType.F64, 1, cols));
    values.add(random(ValueType.F64, 1, cols, rnd));
    in.add(new BlockProgram.Input(BlockProgram.InputKind.SCALAR, ValueType.F64, 1, 1));
    values.add(Scalar.f64(rnd.nextDouble() * 4 - 2));
    int n = 3 + rnd.nextInt(4);
    in.add(new BlockProgram.Input(BlockProgram.InputKind.BROADCAST, ValueType.F64, cols, n));
    values.add(random(ValueType.F64, cols, n, rnd));
    in.add(new BlockProgram.Input(BlockProgram.InputKind.SCALAR, ValueType.F32, 1, 1));
    values.add(Scalar.ofDouble(ValueType.F32, rnd.nextDouble()));
    in.add(new BlockProgram.Input(BlockProgram.InputKind.SPLIT, ValueType.SI64, rows, cols));
    values.add(RowSource.whole(random(ValueType.SI64, rows, cols, rnd)));
    BlockProgram probe = new BlockProgram("probe", rows, in, List.of(), List.of());
    List<SlotInfo> slots = new ArrayList<>(SlotInfo.of(probe));
    List<BlockProgram.Instr> body = new ArrayList<>();
    BinaryOp[] bops = {
      BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MIN, BinaryOp.LE, BinaryOp.GT
    };
    UnaryOp[] uops = {UnaryOp.MINUS, UnaryOp.ABS, UnaryOp.EXP, UnaryOp.FLOOR, UnaryOp.SIGN};
    AggOp[] rops = {
      AggOp.SUM, AggOp.MIN, AggOp.MAX, AggOp.MEAN, AggOp.VAR, AggOp.STDDEV, AggOp.IDXMIN
    };
    int steps = 4 + rnd.nextInt(8);
    for (int k = 0; k < steps; k++) {
      int dest = slots.size();
      int a = pickTile(slots, rnd, ValueType.F64, cols);
      BlockProgram.Instr ins =
          switch (rnd.nextInt(9)) {
            case 0, 1 -> {
              int b = pickTile(slots, rnd, ValueType.F64, cols);
              yield new BlockProgram.Binary(dest, bops[rnd.nextInt(bops.length)], a, b);
            }
            case 2 -> new BlockProgram.Binary(dest, bops[rnd.nextInt(bops.length)], a, 4);
            case 3 -> new BlockProgram.Binary(dest, bops[rnd.nextInt(bops.length)], a, 3);
            case 4 -> {
              int c = pickTile(slots, rnd, ValueType.F64, 1);
              yield c < 0
                  ? new BlockProgram.Unary(dest, uops[rnd.nextInt(uops.length)], a)
                  : new BlockProgram.Binary(dest, bops[rnd.nextInt(bops.length)], a, c);
            }
            case 5 -> new BlockProgram.Unary(dest, uops[rnd.nextInt(uops.length)], a);
            case 6 -> new BlockProgram.RowAgg(dest, rops[rnd.nextInt(rops.length)], a);
            case 7 -> {
              int f = pickTile(slots, rnd, ValueType.F32, cols);
              yield rnd.nextBoolean()
                  ? new BlockProgram.Binary(dest, bops[rnd.nextInt(bops.length)], f, 6)
                  : new BlockProgram.Cast(dest, ValueType.F64, f);
            }
            default ->
                rnd.nextBoolean()
                    ? new BlockProgram.MatMul(dest, a, 5)
                    : new BlockProgram.Cast(dest, ValueType.F32, a);
          };
      body.add(ins);
      slots.add(SlotInfo.of(new BlockProgram("probe", rows, in, body, List.of())).get(dest));
    }
    body.add(new BlockProgram.Cast(slots.size(), ValueType.F64, 7));
    slots.add(new SlotInfo(ValueType.F64, cols, true, 0));
    List<BlockProgram.Output> outs = new ArrayList<>();
    AggOp[] pops = {AggOp.SUM, AggOp.MIN, AggOp.MAX, AggOp.MEAN, AggOp.VAR, AggOp.STDDEV};
    for (int s = 0; s < slots.size(); s++) {
      SlotInfo si = slots.get(s);
      if (!si.tile() || si.type() == ValueType.SIZE) {
        continue;
      }
      switch (rnd.nextInt(6)) {
        case 0, 1 -> outs.add(new BlockProgram.Rows(s));
        case 2 -> outs.add(new BlockProgram.ColAgg(pops[rnd.nextInt(pops.length)], s));
        case 3 -> outs.add(new BlockProgram.FullAgg(pops[rnd.nextInt(pops.length)], s));
        case 4 -> {
          int o = pickTile(slots, rnd, si.type(), -1);
          if (o >= 0 && si.type() != ValueType.SI64) {
            outs.add(new BlockProgram.TMatMul(s, rnd.nextBoolean() ? s : o));
          }
        }
        default -> {}
      }
    }
    outs.add(new BlockProgram.Rows(slots.size() - 1));
    outs.add(new BlockProgram.Rows(0));
    return new Built(new BlockProgram("random", rows, in, body, outs), values.toArray());
  }

  /** A random tile slot of type t (and cols columns unless cols < 0), or -1 if there is none. */
  private static int pickTile(List<SlotInfo> slots, Random rnd, ValueType t, int cols) {
    List<Integer> ok = new ArrayList<>();
    for (int s = 0; s < slots.size(); s++) {
      SlotInfo si = slots.get(s);
      if (si.tile() && si.type() == t && (cols < 0 || si.cols() == cols)) {
        ok.add(s);
      }
    }
    return ok.isEmpty() ? (cols == 1 ? -1 : 0) : ok.get(rnd.nextInt(ok.size()));
  }

  private static DenseMatrix random(ValueType t, int rows, int cols, Random rnd) {
    DenseMatrix m = DenseMatrix.allocate(t, rows, cols);
    for (int i = 0; i < m.size(); i++) {
      double v = rnd.nextInt(20) == 0 ? 0.0 : rnd.nextDouble() * 4 - 2;
      if (t == ValueType.SI64) {
        m.setLong(i, rnd.nextInt(7) - 3);
      } else {
        m.setDouble(i, v);
      }
    }
    return m;
  }

  private static List<Object> run(Built b, boolean general, List<DenseMatrix> rowsOut) {
    BlockProgram p = b.program();
    List<SlotInfo> slots = SlotInfo.of(p);
    RowSource[] sinks = new RowSource[p.outputs().size()];
    for (int o = 0; o < sinks.length; o++) {
      if (p.outputs().get(o) instanceof BlockProgram.Rows r) {
        SlotInfo s = slots.get(r.slot());
        DenseMatrix m = DenseMatrix.allocate(s.type(), p.rows(), s.cols());
        for (int i = 0; i < m.size(); i++) {
          if (s.type().isFloat()) {
            m.setDouble(i, Double.NaN);
          }
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
      parts.add(ex.run(blk, RowBlocks.start(n, blk), RowBlocks.end(n, blk), b.inputs(), sinks));
    }
    return Partials.combine(p, parts);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void fastAndGeneralPathsGiveTheSameBits(int rows, int cols, long seed) {
    Built b = randomProgram(rows, cols, seed);
    List<DenseMatrix> fastRows = new ArrayList<>();
    List<DenseMatrix> generalRows = new ArrayList<>();
    List<Object> fast = run(b, false, fastRows);
    List<Object> general = run(b, true, generalRows);
    String what = ProgramDump.of(b.program());
    for (int o = 0; o < fast.size(); o++) {
      if (fastRows.get(o) != null) {
        assertTrue(fastRows.get(o).sameContents(generalRows.get(o)), "rows output " + o + what);
      } else if (fast.get(o) instanceof DenseMatrix m) {
        assertTrue(m.sameContents((DenseMatrix) general.get(o)), "output " + o + what);
      } else {
        assertEquals(general.get(o), fast.get(o), "output " + o + what);
      }
    }
  }

  /**
   * The same program with its split inputs mostly zeros, once dense and once CSR: a CSR input is
   * written out a tile at a time (a whole block for t(A) @ B), so every output has the same bits as
   * over the dense form, on the fast and on the general path.
   */
  @ParameterizedTest
  @MethodSource("cases")
  void csrSplitInputsGiveTheBitsOfTheirDenseForms(int rows, int cols, long seed) {
    Built b = randomProgram(rows, cols, seed);
    Random rnd = new Random(~seed);
    Object[] dense = b.inputs().clone();
    Object[] csr = b.inputs().clone();
    for (int i = 0; i < dense.length; i++) {
      if (dense[i] instanceof RowSource src) {
        DenseMatrix m = src.data().copy();
        for (int c = 0; c < m.size(); c++) {
          if (rnd.nextInt(5) != 0) {
            m.setLong(c, 0);
          }
        }
        dense[i] = RowSource.whole(m);
        csr[i] = RowSource.whole(CsrConvert.fromDense(m));
      }
    }
    Built d = new Built(b.program(), dense);
    Built c = new Built(b.program(), csr);
    String what = ProgramDump.of(b.program());
    for (boolean general : new boolean[] {false, true}) {
      List<DenseMatrix> denseRows = new ArrayList<>();
      List<DenseMatrix> csrRows = new ArrayList<>();
      List<Object> want = run(d, general, denseRows);
      List<Object> got = run(c, general, csrRows);
      for (int o = 0; o < want.size(); o++) {
        if (denseRows.get(o) != null) {
          assertTrue(csrRows.get(o).sameContents(denseRows.get(o)), "rows output " + o + what);
        } else if (want.get(o) instanceof DenseMatrix m) {
          assertTrue(m.sameContents((DenseMatrix) got.get(o)), "output " + o + what);
        } else {
          assertEquals(want.get(o), got.get(o), "output " + o + what);
        }
      }
    }
  }

  /** The program as text for failure messages. */
  static final class ProgramDump {
    static String of(BlockProgram p) {
      return " in " + p.instrs() + " -> " + p.outputs();
    }
  }
}
