package daphnegrid.runtime.local;

import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Indexing;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.MatMul;
import daphnegrid.kernels.Transpose;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.BlockExecutor;
import daphnegrid.kernels.pipeline.BlockPartial;
import daphnegrid.kernels.pipeline.BlockProgram;
import daphnegrid.kernels.pipeline.Partials;
import daphnegrid.kernels.pipeline.RowBlocks;
import daphnegrid.kernels.pipeline.RowSource;
import daphnegrid.kernels.pipeline.SlotInfo;
import daphnegrid.runtime.Engine;
import daphnegrid.runtime.MatrixSource;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Operand;
import daphnegrid.runtime.Output;
import daphnegrid.runtime.Reachable;
import java.util.ArrayList;
import java.util.List;
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

  @Override
  public ForkJoinPool computeThreads() {
    return pool.pool();
  }

  @Override
  public DenseMatrix resultMatrix(ValueType t, long rows, long cols) {
    return pool.buffers().matrix(t, rows, cols);
  }

  public LocalEngine(ComputePool pool) {
    this.pool = pool;
  }

  @Override
  public ForkJoinPool pool() {
    return pool.pool();
  }

  @Override
  public String name() {
    return "local";
  }

  /**
   * The rows a pass reads of m: a CSR m as it is, unless its dense form exists already (the pass
   * then writes out a tile at a time, never the whole dense form) or it has more cells than a dense
   * matrix can (a pass would compute over every cell: the dense form's error says so).
   */
  private static RowSource rowsOf(MatrixValue m) {
    if (m.isCsr() && !m.hasDenseForm() && m.cells() <= DenseMatrix.MAX_CELLS) {
      return RowSource.whole(m.csr());
    }
    return RowSource.whole(m.dense());
  }

  @Override
  public List<Output> execute(BlockProgram program, List<Operand> inputs) {
    long n = program.rows();
    List<SlotInfo> slots = SlotInfo.of(program);
    Object[] sources = new Object[inputs.size()];
    for (int i = 0; i < sources.length; i++) {
      Operand in = inputs.get(i);
      if (in instanceof Operand.Split s) {
        sources[i] = rowsOf(s.matrix());
      } else if (in instanceof Operand.Broadcast b) {
        sources[i] = b.matrix();
      } else {
        sources[i] = ((Operand.Constant) in).value();
      }
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
    List<Output> result = new ArrayList<>(outs.size());
    for (int o = 0; o < outs.size(); o++) {
      result.add(
          rowResults[o] != null
              ? new Output.Rows(new MatrixValue(rowResults[o]))
              : Output.ofCombined(combined.get(o)));
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

  /** Makes source here. */
  @Override
  public MatrixValue generate(MatrixSource source) {
    return new MatrixValue(source.local(pool.pool()));
  }

  /**
   * x @ y as one blocked, multi-threaded product on the pool; a floating-point result goes into a
   * reused array.
   */
  @Override
  public MatrixValue matmul(MatrixValue x, MatrixValue y, ValueType t, String name) {
    DenseMatrix a = Casts.cast(x.dense(), t);
    DenseMatrix b = Casts.cast(y.dense(), t);
    DenseMatrix out =
        t.isFloat()
            ? pool.buffers().matrix(t, x.rows(), y.cols())
            : DenseMatrix.allocate(t, x.rows(), y.cols());
    MatMul.multiplyInto(a, b, out, pool.pool());
    return new MatrixValue(out);
  }

  @Override
  public DenseMatrix rows(MatrixValue m, int r0, int r1) {
    return Indexing.slice(m.dense(), new Indexing.Range(r0, r1), new Indexing.Range(0, m.cols()));
  }

  /** Liveness is only worth tracking while arrays are lent out. */
  @Override
  public boolean tracksLiveness() {
    return pool.buffers().hasLent();
  }

  /** Returns to the pool every lent array the script can no longer reach. */
  @Override
  public void retain(Reachable reachable) {
    pool.buffers().reclaim(reachable.arrays());
  }
}
