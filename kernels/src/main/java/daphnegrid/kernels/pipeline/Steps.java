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

  private static final ElementwiseKernels EK = Kernels.impl().elementwise();
  private static final ReductionKernels RK = Kernels.impl().reductions();
  private static final MatMulKernels MK = Kernels.impl().matmul();

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
   * Whether every step computes each row of its output from the same row of its tile operands only
   * (elementwise steps and f64 row aggregates, not products or the general path), so that running
   * the steps over parts of a tile gives the same cells as over the whole tile.
   */
  static boolean rowLocal(Step[] steps) {
    for (Step st : steps) {
      if (!(st instanceof BinaryF64
          || st instanceof BinaryF32
          || st instanceof UnaryF64
          || st instanceof UnaryF32
          || st instanceof RowAggF64)) {
        return false;
      }
    }
    return true;
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
        EK.binary(op, a, ao, widen(x), 0, out, oo, rows * cols);
        return;
      }
      switch (shape) {
        case SAME -> EK.binary(op, a, ao, (double[]) x.arr[r], x.off[r], out, oo, rows * cols);
        case SCALAR -> EK.binaryScalar(op, a, ao, x.scalarF64[r], out, oo, rows * cols);
        case ROW -> EK.binaryRowVector(op, a, ao, (double[]) x.arr[r], 0, out, oo, rows, cols);
        case COL ->
            EK.binaryColVector(op, a, ao, (double[]) x.arr[r], x.off[r], out, oo, rows, cols);
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
        case SAME -> EK.binary(op, a, ao, (float[]) x.arr[r], x.off[r], out, oo, rows * cols);
        case SCALAR -> EK.binaryScalar(op, a, ao, x.scalarF32[r], out, oo, rows * cols);
        case ROW -> EK.binaryRowVector(op, a, ao, (float[]) x.arr[r], 0, out, oo, rows, cols);
        case COL ->
            EK.binaryColVector(op, a, ao, (float[]) x.arr[r], x.off[r], out, oo, rows, cols);
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
      EK.unary(op, (double[]) x.arr[a], x.off[a], (double[]) x.arr[d], x.off[d], x.rows * cols);
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
      EK.unary(op, (float[]) x.arr[a], x.off[a], (float[]) x.arr[d], x.off[d], x.rows * cols);
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
      MK.gemm(
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
        RK.rowAggregate(k, in, io, rows, cols, out, oo);
        return;
      }
      daphnegrid.kernels.Transpose.transpose(in, io, rows, cols, transposed, 0);
      RK.columnAggregate(k, transposed, 0, cols, rows, out, oo, false);
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
          RK.rowIndex(op, in, io, rows, cols, (long[]) x.arr[d], oo);
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
          RK.rowSumSquaredDeviations(in, io, rows, cols, means, 0, o, oo);
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
