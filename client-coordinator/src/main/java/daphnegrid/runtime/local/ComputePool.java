package daphnegrid.runtime.local;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * The run's local compute resources: its worker threads (--num-threads of them, created on first
 * use so that small scripts never start them) and the {@link BufferPool} large results are written
 * into. The local engine runs blocks on the threads; whole-matrix kernels (a large matrix product)
 * split their work over them.
 */
public final class ComputePool implements AutoCloseable {
  private final int threads;
  private final BufferPool buffers = new BufferPool();
  private ForkJoinPool pool;

  public ComputePool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
  }

  public int threads() {
    return threads;
  }

  /** Where large results go; arrays come back when no value refers to them any more. */
  public BufferPool buffers() {
    return buffers;
  }

  /** The pool, or null with one thread (kernels then run on the calling thread). */
  public synchronized ForkJoinPool pool() {
    if (threads == 1) {
      return null;
    }
    if (pool == null) {
      pool = new ForkJoinPool(threads);
    }
    return pool;
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.shutdown();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      pool = null;
    }
  }
}
