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

  /** Stored cells per part below which a product is not split further. */
  static final int PART_MIN_STORED = 4096;

  /** The rows [r0, r1) one part computes. */
  @FunctionalInterface
  public interface RowRange {
    void run(int r0, int r1);
  }

  /**
   * The number of parts rows [0, m) of a CSR matrix with row offsets off are cut into on pool: its
   * parallelism, but no part with fewer than {@link #PART_MIN_STORED} stored cells on average.
   */
  public static int storedParts(int[] off, int m, ForkJoinPool pool) {
    return Math.min(parts(pool), Math.max(1, off[m] / PART_MIN_STORED));
  }

  /**
   * Runs body on {@link #storedParts} row ranges of [0, m) of a CSR matrix with row offsets off on
   * pool (inline for one part), each with about as many stored cells as the others (cut at the row
   * where the cumulative count reaches each share), so that a matrix whose non-zeros crowd into
   * some rows still keeps every thread busy. Kernels that use it compute each row on its own, so
   * the cut changes speed only.
   */
  public static void forEachStoredPart(int[] off, int m, ForkJoinPool pool, RowRange body) {
    int parts = storedParts(off, m, pool);
    if (parts == 1) {
      body.run(0, m);
      return;
    }
    forEach(
        pool, parts, t -> body.run(cutStored(off, m, parts, t), cutStored(off, m, parts, t + 1)));
  }

  /** Boundary t of cutting the rows [0, m) into parts with about equal stored cells. */
  static int cutStored(int[] off, int m, int parts, int t) {
    if (t >= parts) {
      return m;
    }
    long share = (long) off[m] * t / parts;
    // the first row whose offset reaches the share
    int lo = 0;
    int hi = m;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (off[mid] < share) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
