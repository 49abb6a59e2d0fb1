package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.grid.metrics.GridMetrics;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.pipeline.BlockExecutor;
import daphnegrid.kernels.pipeline.BlockPartial;
import daphnegrid.kernels.pipeline.BlockProgram;
import daphnegrid.kernels.pipeline.InstructionFailure;
import daphnegrid.kernels.pipeline.RowBlocks;
import daphnegrid.kernels.pipeline.RowSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * Runs a {@link BlockProgram} on the block rows a member owns: for each row block, its split inputs
 * are read from the blocks stored here (co-located: row block i of every matrix is in partition i),
 * the program runs once over the block with the same executor the local engine uses, its row
 * outputs are stored as row block i of new matrices (so they stay on this member), and the block's
 * partial results go back to the coordinator, which combines all blocks in block order.
 *
 * <p>Operands per program input: a {@link MatrixRef} for a split input (a {@link CsrSplit} for a
 * CSR one, read as CSR row blocks a tile at a time); for a broadcast input the matrix itself, or a
 * {@link MatrixRef} when it was too large for one message; a {@link Scalar}. Writing a block is
 * idempotent (same key, same contents), so the coordinator may run a block row again after a member
 * left.
 */
public final class RunProgram
    implements Callable<ProgramResult>, IdentifiedDataSerializable, HazelcastInstanceAware {
  private BlockProgram program;
  private Object[] operands;
  private MatrixRef[] outputs;
  private int[] blockRows;
  private transient HazelcastInstance hz;

  /** For deserialization. */
  public RunProgram() {}

  /**
   * @param outputs per program output, the matrix that receives a {@link BlockProgram.Rows} output
   *     (null for the others)
   */
  public RunProgram(BlockProgram program, Object[] operands, MatrixRef[] outputs, int[] blockRows) {
    this.program = program;
    this.operands = operands;
    this.outputs = outputs;
    this.blockRows = blockRows;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
  }

  @Override
  public ProgramResult call() throws Exception {
    LocalBlocks blocks = new LocalBlocks(hz);
    CsrBlocks csrBlocks = new CsrBlocks(hz);
    GridMetrics metrics = GridMetrics.of(hz);
    metrics.programRun();
    for (Object o : operands) {
      if (o instanceof DenseMatrix d) {
        metrics.bytesIn(GridMetrics.wireBytes(d));
      }
    }
    long hits0 = BlockCache.of(hz).hits();
    long misses0 = BlockCache.of(hz).misses();
    Object[] constants = new Object[operands.length];
    for (int i = 0; i < operands.length; i++) {
      BlockProgram.InputKind kind = program.inputs().get(i).kind();
      if (kind == BlockProgram.InputKind.BROADCAST && operands[i] instanceof MatrixRef m) {
        constants[i] = blocks.whole(m);
      } else {
        constants[i] = operands[i];
      }
    }
    List<Callable<BlockPartial>> jobs = new ArrayList<>(blockRows.length);
    List<CompletionStage<Void>> writes = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int b : blockRows) {
      jobs.add(() -> runBlock(blocks, csrBlocks, constants, b, writes));
    }
    try {
      List<BlockPartial> partials = MemberCompute.of(hz).runAll(jobs);
      LocalBlocks.await(writes);
      return ProgramResult.done(
          partials, BlockCache.of(hz).hits() - hits0, BlockCache.of(hz).misses() - misses0);
    } catch (InstructionFailure e) {
      return ProgramResult.failed(e.instruction(), e.getMessage());
    } catch (KernelException e) {
      return ProgramResult.failed(-1, e.getMessage());
    }
  }

  private BlockPartial runBlock(
      LocalBlocks blocks,
      CsrBlocks csrBlocks,
      Object[] constants,
      int b,
      List<CompletionStage<Void>> writes) {
    long n = program.rows();
    long r0 = RowBlocks.start(n, b);
    long r1 = RowBlocks.end(n, b);
    Object[] in = new Object[constants.length];
    for (int i = 0; i < in.length; i++) {
      if (constants[i] instanceof CsrSplit c) {
        in[i] = new RowSource(null, csrBlocks.block(c.ref(), b), r0);
      } else if (program.inputs().get(i).kind() == BlockProgram.InputKind.SPLIT) {
        in[i] = new RowSource(blocks.rows((MatrixRef) constants[i], b), r0);
      } else {
        in[i] = constants[i];
      }
    }
    long outBytes = 0;
    for (MatrixRef m : outputs) {
      if (m != null) {
        outBytes += (r1 - r0) * m.cols() * m.type().byteWidth();
      }
    }
    if (outBytes > 0) {
      HeapGuard.of(hz).reserve(outBytes, "the results of block row " + b + " of " + program.name());
    }
    RowSource[] sinks = new RowSource[outputs.length];
    for (int o = 0; o < outputs.length; o++) {
      if (outputs[o] != null) {
        MatrixRef m = outputs[o];
        sinks[o] = new RowSource(DenseMatrix.allocate(m.type(), r1 - r0, m.cols()), r0);
      }
    }
    BlockPartial partial = new BlockExecutor(program).run(b, r0, r1, in, sinks);
    for (int o = 0; o < outputs.length; o++) {
      if (outputs[o] != null) {
        writes.addAll(blocks.store(outputs[o], b, sinks[o].data()));
      }
    }
    return partial;
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.RUN_PROGRAM;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    Wire.writeProgram(out, program);
    for (int i = 0; i < operands.length; i++) {
      Object o = operands[i];
      if (o instanceof MatrixRef m) {
        out.writeByte(0);
        m.write(out);
      } else if (o instanceof DenseMatrix d) {
        out.writeByte(1);
        Wire.writeMatrix(out, d);
      } else if (o instanceof CsrSplit c) {
        out.writeByte(3);
        c.ref().write(out);
      } else {
        out.writeByte(2);
        Wire.writeScalar(out, (Scalar) o);
      }
    }
    out.writeInt(outputs.length);
    for (MatrixRef m : outputs) {
      out.writeBoolean(m != null);
      if (m != null) {
        m.write(out);
      }
    }
    out.writeIntArray(blockRows);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    program = Wire.readProgram(in);
    operands = new Object[program.inputs().size()];
    for (int i = 0; i < operands.length; i++) {
      byte tag = in.readByte();
      operands[i] =
          switch (tag) {
            case 0 -> MatrixRef.read(in);
            case 1 -> Wire.readMatrix(in);
            case 3 -> new CsrSplit(MatrixRef.read(in));
            default -> Wire.readScalar(in);
          };
    }
    outputs = new MatrixRef[in.readInt()];
    for (int o = 0; o < outputs.length; o++) {
      outputs[o] = in.readBoolean() ? MatrixRef.read(in) : null;
    }
    blockRows = in.readIntArray();
  }
}
