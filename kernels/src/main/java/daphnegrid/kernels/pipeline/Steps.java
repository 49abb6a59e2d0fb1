package daphnegrid.kernels.pipeline;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.Aggregation;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Elementwise;
import daphnegrid.kernels.ElementwiseKernels;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Kernels;
import daphnegrid.kernels.MatMul;
import daphnegrid.kernels.MatMulKernels;
import daphnegrid.kernels.ReductionKernels;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import java.util.List;

/**
 * The instructions of a program compiled once per executor into steps over the current tile. Float
 * instructions (f64 and f32 elementwise ones whose result keeps the operand type; f64 matrix
 * products and row aggregates) call the array kernels on (array, offset) pairs, so they read split
 * inputs in place and write rows outputs straight into their sinks. Every other instruction (casts,
 * f32 products and row aggregates, other value types) takes the general path: the {@link
 * daphnegrid.kernels} facades on tile-sized matrices, copied in and out where a slot lives inside a
 * larger array (a split input read in place, a rows sink). Both paths compute the same cells the
 * same way, so which one runs never changes a result.
 */
final class Steps {
  private Steps() {}

  /** One instruction over the current tile of an executor. */
  abstract static class Step {
    abstract void run(BlockExecutor x);

    /** Called before the first tile of a block: forget anything derived from earlier inputs. */
    void begin() {}
  }

  // the kernels are asked for at each call: the plain ones serve a process's quiet time (Kernels)
  private static ElementwiseKernels ek() {
    return Kernels.impl().elementwise();
  }

  private static ReductionKernels rk() {
    return Kernels.impl().reductions();
  }

  static Step compile(BlockProgram.Instr ins, List<SlotInfo> slots, int tileRows) {
    SlotInfo d = slots.get(ins.dest());
    if (ins instanceof BlockProgram.Binary b) {
      SlotInfo l = slots.get(b.left());
      SlotInfo r = slots.get(b.right());
      if (d.type() == l.type() && (l.type() == ValueType.F64 || l.type() == ValueType.F32)) {
        Shape shape;
        if (r.scalar()) {
          shape = Shape.SCALAR;
        } else if (r.tile()) {
          shape = r.cols() == l.cols() ? Shape.SAME : Shape.COL;
        } else {
          shape = Shape.ROW;
        }
        int cols = (int) l.cols();
        return l.type() == ValueType.F64
            ? new BinaryF64(b.op(), b.left(), b.right(), b.dest(), shape, cols)
            : new BinaryF32(b.op(), b.left(), b.right(), b.dest(), shape, cols);
      }
      return new General(ins);
    }
    if (ins instanceof BlockProgram.Unary u) {
      SlotInfo a = slots.get(u.arg());
      if (a.type() == ValueType.F64 && d.type() == ValueType.F64) {
        return new UnaryF64(u.op(), u.arg(), u.dest(), (int) a.cols());
      }
      if (a.type() == ValueType.F32 && d.type() == ValueType.F32) {
        return new UnaryF32(u.op(), u.arg(), u.dest(), (int) a.cols());
      }
      return new General(ins);
    }
    if (ins instanceof BlockProgram.MatMul m) {
      SlotInfo a = slots.get(m.arg());
      SlotInfo b = slots.get(m.matrix());
      if (a.type() == ValueType.F64) {
        return new MatMulF64(m.arg(), m.matrix(), m.dest(), (int) a.cols(), (int) b.cols());
      }
      return new General(ins);
    }
    if (ins instanceof BlockProgram.RowAgg r) {
      SlotInfo a = slots.get(r.arg());
      if (a.type() == ValueType.F64) {
        return new RowAggF64(r.op(), r.arg(), r.dest(), (int) a.cols(), tileRows);
      }
      return new General(ins);
    }
    return new General(ins);
  }

  /**
   * Replaces each k-means assignment in steps (compiled from program's instructions) by one {@link
   * NearestAssignF64} step: six consecutive f64 instructions {@code e1 = d * s; e2 = e1 + c; mn =
   * aggMin(e2, 0); ind = e2 <= mn; cnt = sum(ind, 0); p = ind / cnt} (s a scalar, c a 1 x k row)
   * whose intermediates e1, e2, mn, ind and cnt no other instruction and no output reads. The fused
   * step sits where the multiplication was and the five others become {@link Fused}: the kernel
   * computes p's cells bit for bit as the six instructions would, and nothing reads what it does
   * not write.
   */
  static void fuseAssignments(BlockProgram program, List<SlotInfo> slots, Step[] steps) {
    List<BlockProgram.Instr> ins = program.instrs();
    int nIn = program.inputs().size();
    for (int i = 0; i + 6 <= ins.size(); i++) {
      if (!(ins.get(i) instanceof BlockProgram.Binary mul
          && ins.get(i + 1) instanceof BlockProgram.Binary add
          && ins.get(i + 2) instanceof BlockProgram.RowAgg min
          && ins.get(i + 3) instanceof BlockProgram.Binary le
          && ins.get(i + 4) instanceof BlockProgram.RowAgg sum
          && ins.get(i + 5) instanceof BlockProgram.Binary div)) {
        continue;
      }
      SlotInfo d = slots.get(mul.left());
      SlotInfo sc = slots.get(mul.right());
      SlotInfo c = slots.get(add.right());
      int k = (int) d.cols();
      boolean shape =
          mul.op() == BinaryOp.MUL
              && d.tile()
              && sc.scalar()
              && add.op() == BinaryOp.ADD
              && add.left() == mul.dest()
              && !c.tile()
              && !c.scalar()
              && c.cols() == k
              && c.constRows() == 1
              && min.op() == AggOp.MIN
              && min.arg() == add.dest()
              && le.op() == BinaryOp.LE
              && le.left() == add.dest()
              && le.right() == min.dest()
              && sum.op() == AggOp.SUM
              && sum.arg() == le.dest()
              && div.op() == BinaryOp.DIV
              && div.left() == le.dest()
              && div.right() == sum.dest()
              && k > 0;
      if (!shape) {
        continue;
      }
      boolean f64 = true;
      for (int s : new int[] {mul.left(), mul.right(), add.right(), div.dest()}) {
        f64 &= slots.get(s).type() == ValueType.F64;
      }
      for (int j = i; j < i + 6; j++) {
        f64 &= slots.get(nIn + j).type() == ValueType.F64;
      }
      if (!f64 || readElsewhere(program, i, i + 5)) {
        continue;
      }
      steps[i] = new NearestAssignF64(mul.left(), mul.right(), add.right(), div.dest(), k);
      for (int j = i + 1; j < i + 6; j++) {
        steps[j] = Fused.INSTANCE;
      }
      i += 5;
    }
  }

  /**
   * Whether a slot written by instructions [from, to) is read by an instruction other than [from,
   * to + 1) or by an output.
   */
  private static boolean readElsewhere(BlockProgram program, int from, int to) {
    int nIn = program.inputs().size();
    int lo = nIn + from;
    int hi = nIn + to;
    List<BlockProgram.Instr> ins = program.instrs();
    for (int j = 0; j < ins.size(); j++) {
      if (j >= from && j <= to) {
        continue;
      }
      for (int s : operands(ins.get(j))) {
        if (s >= lo && s < hi) {
          return true;
        }
      }
    }
    for (BlockProgram.Output o : program.outputs()) {
      for (int s : outputSlots(o)) {
        if (s >= lo && s < hi) {
          return true;
        }
      }
    }
    return false;
  }

  /** The slots an instruction reads. */
  static int[] operands(BlockProgram.Instr ins) {
    if (ins instanceof BlockProgram.Binary b) {
      return new int[] {b.left(), b.right()};
    }
    if (ins instanceof BlockProgram.Unary u) {
      return new int[] {u.arg()};
    }
    if (ins instanceof BlockProgram.Cast c) {
      return new int[] {c.arg()};
    }
    if (ins instanceof BlockProgram.MatMul m) {
      return new int[] {m.arg(), m.matrix()};
    }
    return new int[] {((BlockProgram.RowAgg) ins).arg()};
  }

  /** The slots an output reads. */
  static int[] outputSlots(BlockProgram.Output o) {
    if (o instanceof BlockProgram.Rows r) {
      return new int[] {r.slot()};
    }
    if (o instanceof BlockProgram.ColAgg c) {
      return new int[] {c.slot()};
    }
    if (o instanceof BlockProgram.FullAgg f) {
      return new int[] {f.slot()};
    }
    BlockProgram.TMatMul t = (BlockProgram.TMatMul) o;
    return new int[] {t.left(), t.right()};
  }

  /**
   * The k-means assignment of {@link #fuseAssignments}: p = ((d * s + c) <= its row minimum) / the
   * row's ties, by {@link MatMulKernels#nearestAssign}.
   */
  static final class NearestAssignF64 extends Step {
    private final int d;
    private final int s;
    private final int c;
    private final int p;
    private final int k;

    NearestAssignF64(int d, int s, int c, int p, int k) {
      this.d = d;
      this.s = s;
      this.c = c;
      this.p = p;
      this.k = k;
    }

    @Override
    void run(BlockExecutor x) {
      Kernels.impl()
          .matmul()
          .nearestAssign(
              (double[]) x.arr[d],
              x.off[d],
              x.rows,
              k,
              x.scalarF64[s],
              (double[]) x.arr[c],
              0,
              (double[]) x.arr[p],
              x.off[p]);
    }
  }

  /** An instruction whose work a fused step before it does. */
  static final class Fused extends Step {
    static final Fused INSTANCE = new Fused();

    @Override
    void run(BlockExecutor x) {}
  }

  /**
   * Whether every step computes each row of its output from the same row of its tile operands only
   * (elementwise steps and f64 row aggregates, not products or the general path), so that running
   * the steps over parts of a tile gives the same cells as over the whole tile.
   */
  static boolean rowLocal(Step[] steps) {
    for (Step st : steps) {
      if (!(elementwise(st)
          || st instanceof RowAggF64
          || st instanceof NearestAssignF64
          || st instanceof Fused)) {
        return false;
      }
    }
    return true;
  }

  /** Steps that compute each cell of their result from the cells at the same index only. */
  static boolean elementwise(Step st) {
    return st instanceof BinaryF64
        || st instanceof BinaryF32
        || st instanceof UnaryF64
        || st instanceof UnaryF32;
  }

  /** How the right operand of a binary instruction meets the left one. */
  enum Shape {
    SAME,
    ROW,
    COL,
    SCALAR
  }

  /**
   * f64 rows narrower than this broadcast a row or column vector through a tile-shaped copy (the
   * row repeated, or each column value repeated along its row) and one elementwise pass over the
   * whole tile, instead of the row- or column-vector kernel, which works one short row at a time.
   * f32 binary steps always call the row- and column-vector kernels.
   */
  static final int NARROW_COLS = 64;

  static final class BinaryF64 extends Step {
    private final BinaryOp op;
    private final int l;
    private final int r;
    private final int d;
    private final Shape shape;
    private final int cols;
    private final boolean narrow;
    private double[] wide;
    private Object wideOf;

    BinaryF64(BinaryOp op, int l, int r, int d, Shape shape, int cols) {
      this.op = op;
      this.l = l;
      this.r = r;
      this.d = d;
      this.shape = shape;
      this.cols = cols;
      this.narrow = cols < NARROW_COLS && (shape == Shape.ROW || shape == Shape.COL);
    }

    @Override
    void run(BlockExecutor x) {
      double[] a = (double[]) x.arr[l];
      double[] out = (double[]) x.arr[d];
      int ao = x.off[l];
      int oo = x.off[d];
      int rows = x.rows;
      if (narrow) {
        ek().binary(op, a, ao, widen(x), 0, out, oo, rows * cols);
        return;
      }
      switch (shape) {
        case SAME -> ek().binary(op, a, ao, (double[]) x.arr[r], x.off[r], out, oo, rows * cols);
        case SCALAR -> ek().binaryScalar(op, a, ao, x.scalarF64[r], out, oo, rows * cols);
        case ROW -> ek().binaryRowVector(op, a, ao, (double[]) x.arr[r], 0, out, oo, rows, cols);
        case COL ->
            ek().binaryColVector(op, a, ao, (double[]) x.arr[r], x.off[r], out, oo, rows, cols);
      }
    }

    @Override
    void begin() {
      wideOf = null;
    }

    /** The right operand as a tile of the left's shape (a row: made once per block). */
    private double[] widen(BlockExecutor x) {
      int rows = x.rows;
      double[] src = (double[]) x.arr[r];
      if (wide == null) {
        wide = new double[x.tileRows() * cols];
      }
      if (shape == Shape.ROW) {
        if (wideOf != src) {
          for (int i = 0; i < x.tileRows(); i++) {
            System.arraycopy(src, 0, wide, i * cols, cols);
          }
          wideOf = src;
        }
      } else {
        int so = x.off[r];
        for (int i = 0; i < rows; i++) {
          java.util.Arrays.fill(wide, i * cols, (i + 1) * cols, src[so + i]);
        }
      }
      return wide;
    }
  }

  static final class BinaryF32 extends Step {
    private final BinaryOp op;
    private final int l;
    private final int r;
    private final int d;
    private final Shape shape;
    private final int cols;

    BinaryF32(BinaryOp op, int l, int r, int d, Shape shape, int cols) {
      this.op = op;
      this.l = l;
      this.r = r;
      this.d = d;
      this.shape = shape;
      this.cols = cols;
    }

    @Override
    void run(BlockExecutor x) {
      float[] a = (float[]) x.arr[l];
      float[] out = (float[]) x.arr[d];
      int ao = x.off[l];
      int oo = x.off[d];
      int rows = x.rows;
      switch (shape) {
        case SAME -> ek().binary(op, a, ao, (float[]) x.arr[r], x.off[r], out, oo, rows * cols);
        case SCALAR -> ek().binaryScalar(op, a, ao, x.scalarF32[r], out, oo, rows * cols);
        case ROW -> ek().binaryRowVector(op, a, ao, (float[]) x.arr[r], 0, out, oo, rows, cols);
        case COL ->
            ek().binaryColVector(op, a, ao, (float[]) x.arr[r], x.off[r], out, oo, rows, cols);
      }
    }
  }

  static final class UnaryF64 extends Step {
    private final UnaryOp op;
    private final int a;
    private final int d;
    private final int cols;

    UnaryF64(UnaryOp op, int a, int d, int cols) {
      this.op = op;
      this.a = a;
      this.d = d;
      this.cols = cols;
    }

    @Override
    void run(BlockExecutor x) {
      ek().unary(op, (double[]) x.arr[a], x.off[a], (double[]) x.arr[d], x.off[d], x.rows * cols);
    }
  }

  static final class UnaryF32 extends Step {
    private final UnaryOp op;
    private final int a;
    private final int d;
    private final int cols;

    UnaryF32(UnaryOp op, int a, int d, int cols) {
      this.op = op;
      this.a = a;
      this.d = d;
      this.cols = cols;
    }

    @Override
    void run(BlockExecutor x) {
      ek().unary(op, (float[]) x.arr[a], x.off[a], (float[]) x.arr[d], x.off[d], x.rows * cols);
    }
  }

  /** tile @ constant: one product per tile, on the calling thread. */
  static final class MatMulF64 extends Step {
    private final int a;
    private final int b;
    private final int d;
    private final int k;
    private final int n;

    MatMulF64(int a, int b, int d, int k, int n) {
      this.a = a;
      this.b = b;
      this.d = d;
      this.k = k;
      this.n = n;
    }

    @Override
    void run(BlockExecutor x) {
      Kernels.implFor((long) x.rows * k * n)
          .matmul()
          .gemm(
              (double[]) x.arr[a],
              x.off[a],
              (double[]) x.arr[b],
              0,
              (double[]) x.arr[d],
              x.off[d],
              x.rows,
              k,
              n,
              null);
    }
  }

  /**
   * Row aggregates of an f64 tile, computed as {@link Aggregation#rows} computes them: sums, minima
   * and maxima in the fixed lane layout, means as sums / cols, var and stddev from the sum of
   * squared deviations from that mean, indexes into a size tile.
   */
  static final class RowAggF64 extends Step {
    private final AggOp op;
    private final int a;
    private final int d;
    private final int cols;
    private final double[] means;

    /** Narrow rows (see {@link #rowFold}) are folded through a transposed copy of the tile. */
    private final double[] transposed;

    RowAggF64(AggOp op, int a, int d, int cols, int tileRows) {
      this.op = op;
      this.a = a;
      this.d = d;
      this.cols = cols;
      this.means = op == AggOp.VAR || op == AggOp.STDDEV ? new double[tileRows] : null;
      boolean folds = op == AggOp.SUM || op == AggOp.MIN || op == AggOp.MAX || op == AggOp.MEAN;
      this.transposed =
          folds && cols > 1 && cols < ReductionKernels.F64_LANES
              ? new double[tileRows * cols]
              : null;
    }

    /**
     * op over each row into out: rows shorter than the accumulator layout reach no accumulator, so
     * their aggregate is a plain fold in column order from the start value (-0 for sums, +inf /
     * -inf for min / max), which is what a column aggregate of the transposed tile computes, one
     * vector of rows at a time; longer rows go row by row.
     */
    private void rowFold(AggOp k, double[] in, int io, int rows, double[] out, int oo) {
      if (transposed == null) {
        rk().rowAggregate(k, in, io, rows, cols, out, oo);
        return;
      }
      daphnegrid.kernels.Transpose.transpose(in, io, rows, cols, transposed, 0);
      rk().columnAggregate(k, transposed, 0, cols, rows, out, oo, false);
    }

    @Override
    void run(BlockExecutor x) {
      double[] in = (double[]) x.arr[a];
      int io = x.off[a];
      int rows = x.rows;
      int oo = x.off[d];
      switch (op) {
        case SUM, MIN, MAX -> rowFold(op, in, io, rows, (double[]) x.arr[d], oo);
        case IDXMIN, IDXMAX -> {
          if (cols == 0) {
            throw new KernelException(op.functionName() + " of a matrix without columns");
          }
          rk().rowIndex(op, in, io, rows, cols, (long[]) x.arr[d], oo);
        }
        default -> {
          double[] o = (double[]) x.arr[d];
          rowFold(AggOp.SUM, in, io, rows, o, oo);
          for (int r = 0; r < rows; r++) {
            o[oo + r] /= cols;
          }
          if (op == AggOp.MEAN) {
            return;
          }
          System.arraycopy(o, oo, means, 0, rows);
          rk().rowSumSquaredDeviations(in, io, rows, cols, means, 0, o, oo);
          for (int r = 0; r < rows; r++) {
            double var = o[oo + r] / cols;
            o[oo + r] = op == AggOp.VAR ? var : Math.sqrt(var);
          }
        }
      }
    }
  }

  /** Any instruction, through the facades on tile-sized matrices. */
  static final class General extends Step {
    private final BlockProgram.Instr ins;

    General(BlockProgram.Instr ins) {
      this.ins = ins;
    }

    @Override
    void run(BlockExecutor x) {
      int dest = ins.dest();
      DenseMatrix out = x.target(dest);
      if (ins instanceof BlockProgram.Binary b) {
        DenseMatrix l = x.view(b.left());
        if (x.slot(b.right()).scalar()) {
          Elementwise.binaryScalarInto(b.op(), l, x.view(b.right()).get(0), out);
        } else {
          Elementwise.binaryInto(b.op(), l, x.view(b.right()), out);
        }
      } else if (ins instanceof BlockProgram.Unary u) {
        Elementwise.unaryInto(u.op(), x.view(u.arg()), out);
      } else if (ins instanceof BlockProgram.Cast c) {
        Casts.castInto(x.view(c.arg()), out);
      } else if (ins instanceof BlockProgram.MatMul m) {
        MatMul.multiplyInto(x.view(m.arg()), x.view(m.matrix()), out);
      } else {
        BlockProgram.RowAgg r = (BlockProgram.RowAgg) ins;
        Aggregation.rowsInto(r.op(), x.view(r.arg()), out);
      }
      x.commit(dest, out);
    }
  }
}
