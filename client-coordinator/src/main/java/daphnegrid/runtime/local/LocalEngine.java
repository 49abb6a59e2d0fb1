package daphnegrid.runtime.local;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Transpose;
import daphnegrid.kernels.pipeline.BlockExecutor;
import daphnegrid.kernels.pipeline.BlockPartial;
import daphnegrid.kernels.pipeline.BlockProgram;
import daphnegrid.kernels.pipeline.Partials;
import daphnegrid.kernels.pipeline.RowBlocks;
import daphnegrid.kernels.pipeline.RowSource;
import daphnegrid.kernels.pipeline.SlotInfo;
import daphnegrid.runtime.Engine;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs programs in this process: the row space is cut into {@link RowBlocks}, and up to {@code
 * threads} workers — the calling thread and pool threads — take blocks in turn, each with its own
 * executor (and so its own tile buffers). Row outputs are written straight into their result
 * matrices, whose arrays come from the {@link BufferPool}; partials are kept per block and combined
 * in block order, so the thread count never changes a result.
 *
 * <p>The engine tracks liveness while it has arrays lent out: between statements the interpreter
 * passes the values that may still be read ({@link #retain}), and the arrays none of them reaches
 * return to the pool for the next result of the same size.
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
        rowResults[o] = pool.buffers().matrix(s.type(), n, s.cols());
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
    List<Object> combined = Partials.combine(program, List.of(partials));
    List<Object> result = new ArrayList<>(outs.size());
    for (int o = 0; o < outs.size(); o++) {
      result.add(rowResults[o] != null ? new MatrixValue(rowResults[o]) : combined.get(o));
    }
    return result;
  }

  /**
   * Workers take the next block until none is left: workers - 1 of them on the pool, one on the
   * calling thread (which would otherwise only wait). A failing block is recorded and the others
   * still run, so the error reported is the first failing block's whatever the timing.
   */
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
    Runnable worker =
        () -> {
          BlockExecutor ex = new BlockExecutor(program);
          int b;
          while ((b = next.getAndIncrement()) < blocks) {
            try {
              partials[b] = ex.run(b, RowBlocks.start(n, b), RowBlocks.end(n, b), sources, sinks);
            } catch (RuntimeException e) {
              failures[b] = e;
            }
          }
        };
    ForkJoinPool p = pool.pool();
    List<Future<?>> tasks = new ArrayList<>(workers - 1);
    for (int w = 1; w < workers; w++) {
      tasks.add(p.submit(worker));
    }
    worker.run();
    for (Future<?> t : tasks) {
      try {
        t.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KernelException("interrupted");
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    for (RuntimeException f : failures) {
      if (f != null) {
        throw f; // the first failing block, whatever the thread timing
      }
    }
  }

  /** t(arg) into a reused array, on the pool's threads. */
  @Override
  public MatrixValue transpose(MatrixValue arg, String name) {
    DenseMatrix m = arg.dense();
    DenseMatrix out = pool.buffers().matrix(m.type(), m.cols(), m.rows());
    return new MatrixValue(Transpose.transpose(m, out, pool.pool()));
  }

  /** Liveness is only worth tracking while arrays are lent out. */
  @Override
  public boolean tracksLiveness() {
    return pool.buffers().hasLent();
  }

  /**
   * Returns to the pool every lent array that no value in live reaches: through its cells, or as
   * (an operand of an operand of ...) a pending computation.
   */
  @Override
  public void retain(Collection<Value> live) {
    Set<Object> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<MatrixValue> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<MatrixValue> todo = new ArrayDeque<>();
    for (Value v : live) {
      if (v instanceof MatrixValue m && seen.add(m)) {
        todo.add(m);
      }
    }
    while (!todo.isEmpty()) {
      MatrixValue m = todo.poll();
      if (m.isLocal()) {
        reachable.add(m.dense().data());
      } else if (m.isPending()) {
        for (MatrixValue o : m.pending().operands()) {
          if (seen.add(o)) {
            todo.add(o);
          }
        }
      }
    }
    pool.buffers().reclaim(reachable);
  }
}
