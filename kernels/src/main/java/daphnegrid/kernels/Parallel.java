package daphnegrid.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * Runs the parts of a kernel on a fork/join pool. Kernels cut their output into parts whose results
 * do not depend on how many parts there are, so the pool size changes speed only.
 */
public final class Parallel {
  private Parallel() {}

  /** The number of parts to cut work into for pool: its parallelism, or 1 without a pool. */
  public static int parts(ForkJoinPool pool) {
    return pool == null ? 1 : Math.max(1, pool.getParallelism());
  }

  /**
   * Runs body.accept(t) for every t below parts, in pool (inline when pool is null or parts is 1),
   * and returns when all have finished; the first failure is rethrown.
   */
  public static void forEach(ForkJoinPool pool, int parts, IntConsumer body) {
    if (pool == null || parts <= 1) {
      for (int t = 0; t < parts; t++) {
        body.accept(t);
      }
      return;
    }
    pool.invoke(
        new RecursiveAction() {
          private static final long serialVersionUID = 1L;

          @Override
          protected void compute() {
            List<RecursiveAction> tasks = new ArrayList<>(parts);
            for (int t = 0; t < parts; t++) {
              int part = t;
              tasks.add(
                  new RecursiveAction() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void compute() {
                      body.accept(part);
                    }
                  });
            }
            ForkJoinTask.invokeAll(tasks);
          }
        });
  }

  /**
   * Boundary t of cutting [0, n) into parts pieces of equal size, rounded down to a multiple of
   * unit (the last boundary is n).
   */
  public static int cut(int n, int parts, int t, int unit) {
    if (t >= parts) {
      return n;
    }
    long b = (long) n * t / parts;
    return (int) (b / unit * unit);
  }

  /**
   * Boundary t of cutting the columns [0, n) of an upper triangle into parts pieces of equal area
   * (column j holds j + 1 cells), rounded down to a multiple of unit.
   */
  public static int cutTriangle(int n, int parts, int t, int unit) {
    if (t >= parts) {
      return n;
    }
    double b = n * Math.sqrt((double) t / parts);
    return (int) ((long) b / unit * unit);
  }
}
