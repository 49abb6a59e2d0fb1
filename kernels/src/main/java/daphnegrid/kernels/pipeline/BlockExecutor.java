package daphnegrid.kernels.pipeline;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.Aggregation;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Elementwise;
import daphnegrid.kernels.MatMul;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link BlockProgram} over one block of rows: the block is streamed through the whole
 * instruction list in tiles of {@link #tileRows} rows, so intermediate values stay in cache; {@link
 * BlockProgram.Rows} outputs are written to their sinks, the other outputs accumulate into this
 * block's partial results.
 *
 * <p>The tile height depends on the program only, and every partial accumulates in row order, so a
 * block's partials are the same whoever runs it. Not thread-safe: use one executor per thread.
 */
public final class BlockExecutor {
  private final BlockProgram program;
  private final List<SlotInfo> slots;
  private final int tileRows;
  private final DenseMatrix[] buffers;

  public BlockExecutor(BlockProgram program) {
    this.program = program;
    this.slots = SlotInfo.of(program);
    this.tileRows = tileRows(slots);
    this.buffers = new DenseMatrix[slots.size()];
    for (int i = 0; i < slots.size(); i++) {
      SlotInfo s = slots.get(i);
      if (s.tile()) {
        buffers[i] = DenseMatrix.allocate(s.type(), tileRows, s.cols());
      }
    }
  }

  /** Rows per tile: a multiple of 8 such that a tile of the widest slot holds about 4096 cells. */
  static int tileRows(List<SlotInfo> slots) {
    long widest = 1;
    for (SlotInfo s : slots) {
      if (s.tile()) {
        widest = Math.max(widest, s.cols());
      }
    }
    long t = Math.max(8, Math.min(1024, 4096 / widest));
    return (int) (t - t % 8);
  }

  public BlockProgram program() {
    return program;
  }

  /**
   * Runs rows [r0, r1) of the row space (one block). inputs holds, per program input, a {@link
   * RowSource} (split), a {@link DenseMatrix} (broadcast) or a {@link Scalar}; rowSinks holds, per
   * output, the rows destination for {@link BlockProgram.Rows} outputs (null otherwise).
   */
  public BlockPartial run(int block, long r0, long r1, Object[] inputs, RowSource[] rowSinks) {
    List<BlockProgram.Output> outs = program.outputs();
    Accumulator[] acc = new Accumulator[outs.size()];
    for (int o = 0; o < outs.size(); o++) {
      acc[o] = Accumulator.create(outs.get(o), slots);
    }
    DenseMatrix[] tile = new DenseMatrix[slots.size()];
    int nIn = program.inputs().size();
    for (int i = 0; i < nIn; i++) {
      if (!slots.get(i).tile()) {
        tile[i] = inputs[i] instanceof Scalar s ? DenseMatrix.ofScalar(s) : (DenseMatrix) inputs[i];
      }
    }
    for (long t0 = r0; t0 < r1; t0 += tileRows) {
      int tr = (int) Math.min(tileRows, r1 - t0);
      for (int i = 0; i < nIn; i++) {
        if (slots.get(i).tile()) {
          RowSource src = (RowSource) inputs[i];
          DenseMatrix view = view(i, tr);
          int cols = view.cols();
          System.arraycopy(
              src.data().data(), (int) ((t0 - src.firstRow()) * cols), view.data(), 0, tr * cols);
          tile[i] = view;
        }
      }
      List<BlockProgram.Instr> instrs = program.instrs();
      for (int k = 0; k < instrs.size(); k++) {
        BlockProgram.Instr ins = instrs.get(k);
        try {
          tile[ins.dest()] = execute(ins, tile, tr);
        } catch (InstructionFailure e) {
          throw e;
        } catch (daphnegrid.kernels.KernelException e) {
          throw new InstructionFailure(k, e.getMessage());
        }
      }
      for (int o = 0; o < outs.size(); o++) {
        BlockProgram.Output out = outs.get(o);
        if (out instanceof BlockProgram.Rows r) {
          DenseMatrix src = tile[r.slot()];
          RowSource sink = rowSinks[o];
          int cols = src.cols();
          System.arraycopy(
              src.data(), 0, sink.data().data(), (int) ((t0 - sink.firstRow()) * cols), tr * cols);
        } else {
          acc[o].add(tile);
        }
      }
    }
    List<DenseMatrix> values = new ArrayList<>(outs.size());
    for (Accumulator a : acc) {
      values.add(a == null ? null : a.finish());
    }
    return new BlockPartial(block, values);
  }

  private DenseMatrix view(int slot, int rows) {
    DenseMatrix b = buffers[slot];
    return rows == tileRows ? b : DenseMatrix.wrap(b.type(), rows, b.cols(), b.data());
  }

  private DenseMatrix execute(BlockProgram.Instr ins, DenseMatrix[] tile, int tr) {
    DenseMatrix out = view(ins.dest(), tr);
    if (ins instanceof BlockProgram.Binary b) {
      DenseMatrix r = tile[b.right()];
      SlotInfo rs = slots.get(b.right());
      if (rs.scalar()) {
        Elementwise.binaryScalarInto(b.op(), tile[b.left()], r.get(0), out);
      } else {
        Elementwise.binaryInto(b.op(), tile[b.left()], r, out);
      }
    } else if (ins instanceof BlockProgram.Unary u) {
      Elementwise.unaryInto(u.op(), tile[u.arg()], out);
    } else if (ins instanceof BlockProgram.Cast c) {
      Casts.castInto(tile[c.arg()], out);
    } else if (ins instanceof BlockProgram.MatMul m) {
      MatMul.multiplyInto(tile[m.arg()], tile[m.matrix()], out);
    } else {
      BlockProgram.RowAgg r = (BlockProgram.RowAgg) ins;
      Aggregation.rowsInto(r.op(), tile[r.arg()], out);
    }
    return out;
  }

  /** Accumulates one non-row output over the tiles of a block. */
  abstract static class Accumulator {
    abstract void add(DenseMatrix[] tile);

    abstract DenseMatrix finish();

    static Accumulator create(BlockProgram.Output out, List<SlotInfo> slots) {
      if (out instanceof BlockProgram.ColAgg c && c.op().isIndex()) {
        return new IndexPartials.Accumulator(c.op(), c.slot(), slots.get(c.slot()));
      }
      if (out instanceof BlockProgram.ColAgg c) {
        return new Partials.ColAccumulator(c.op(), c.slot(), slots.get(c.slot()));
      }
      if (out instanceof BlockProgram.FullAgg f) {
        return new Partials.FullAccumulator(f.op(), f.slot(), slots.get(f.slot()));
      }
      if (out instanceof BlockProgram.TMatMul t) {
        return new Partials.TMatMulAccumulator(
            t.left(), t.right(), slots.get(t.left()), slots.get(t.right()));
      }
      return null;
    }
  }

  /** The aggregation result types, for callers that build result matrices. */
  static ValueType resultType(AggOp op, ValueType t) {
    return op.resultType(t);
  }
}
