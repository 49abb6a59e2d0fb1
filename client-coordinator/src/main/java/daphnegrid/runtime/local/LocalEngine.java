package daphnegrid.runtime.local;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.pipeline.BlockExecutor;
import daphnegrid.kernels.pipeline.BlockPartial;
import daphnegrid.kernels.pipeline.BlockProgram;
import daphnegrid.kernels.pipeline.Partials;
import daphnegrid.kernels.pipeline.RowBlocks;
import daphnegrid.kernels.pipeline.RowSource;
import daphnegrid.kernels.pipeline.SlotInfo;
import daphnegrid.runtime.Engine;
import daphnegrid.runtime.MatrixValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs programs in this process: the row space is cut into {@link RowBlocks}, and up to {@code
 * threads} workers take blocks in turn, each with its own executor (and so its own tile buffers).
 * Row outputs are written straight into their result matrices; partials are kept per block and
 * combined in block order, so the thread count never changes a result.
 */
public final class LocalEngine implements Engine {
  private final ComputePool pool;

  public LocalEngine(ComputePool pool) {
    this.pool = pool;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public List<Object> execute(BlockProgram program, Object[] inputs) {
    long n = program.rows();
    List<SlotInfo> slots = SlotInfo.of(program);
    Object[] sources = new Object[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      sources[i] = inputs[i] instanceof MatrixValue m ? RowSource.whole(m.dense()) : inputs[i];
    }
    List<BlockProgram.Output> outs = program.outputs();
    RowSource[] sinks = new RowSource[outs.size()];
    DenseMatrix[] rowResults = new DenseMatrix[outs.size()];
    for (int o = 0; o < outs.size(); o++) {
      if (outs.get(o) instanceof BlockProgram.Rows r) {
        SlotInfo s = slots.get(r.slot());
        rowResults[o] = DenseMatrix.allocate(s.type(), n, s.cols());
        sinks[o] = RowSource.whole(rowResults[o]);
      }
    }
    int blocks = RowBlocks.count(n);
    BlockPartial[] partials = new BlockPartial[blocks];
    int workers = Math.min(pool.threads(), blocks);
    if (workers <= 1) {
      BlockExecutor ex = new BlockExecutor(program);
      for (int b = 0; b < blocks; b++) {
        partials[b] = ex.run(b, RowBlocks.start(n, b), RowBlocks.end(n, b), sources, sinks);
      }
    } else {
      runParallel(program, n, blocks, workers, sources, sinks, partials);
    }
    List<BlockPartial> ordered = List.of(partials);
    List<Object> combined = Partials.combine(program, ordered);
    List<Object> result = new ArrayList<>(outs.size());
    for (int o = 0; o < outs.size(); o++) {
      result.add(rowResults[o] != null ? new MatrixValue(rowResults[o]) : combined.get(o));
    }
    return result;
  }

  private void runParallel(
      BlockProgram program,
      long n,
      int blocks,
      int workers,
      Object[] sources,
      RowSource[] sinks,
      BlockPartial[] partials) {
    AtomicInteger next = new AtomicInteger();
    RuntimeException[] failures = new RuntimeException[blocks];
    List<java.util.concurrent.Future<?>> tasks = new ArrayList<>();
    ForkJoinPool p = pool.pool();
    for (int w = 0; w < workers; w++) {
      tasks.add(
          p.submit(
              () -> {
                BlockExecutor ex = new BlockExecutor(program);
                int b;
                while ((b = next.getAndIncrement()) < blocks) {
                  try {
                    partials[b] =
                        ex.run(b, RowBlocks.start(n, b), RowBlocks.end(n, b), sources, sinks);
                  } catch (RuntimeException e) {
                    failures[b] = e;
                  }
                }
              }));
    }
    for (java.util.concurrent.Future<?> t : tasks) {
      try {
        t.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KernelException("interrupted");
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    for (RuntimeException f : failures) {
      if (f != null) {
        throw f; // the first failing block, whatever the thread timing
      }
    }
  }
}
