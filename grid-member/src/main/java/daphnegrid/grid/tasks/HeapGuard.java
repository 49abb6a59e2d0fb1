package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import daphnegrid.kernels.KernelException;

/**
 * A member's last defence against running out of heap: before a task makes a block (generating,
 * computing a program's row outputs, a product), it asks here whether the heap can take it. The
 * coordinator admits work only when the grid has room ({@code GridMemory} in the client), but
 * several clients share the members and each admits on its own figures; this check sees them all.
 *
 * <p>The block is refused when used heap plus its bytes would pass the high-water mark ({@code
 * daphne.heap-high-water} percent of the maximum heap). Used heap counts garbage too, so before
 * refusing the guard has the heap collected (at most one collection per {@link #GC_INTERVAL_NANOS})
 * and looks again. A refusal throws a {@link KernelException} naming the member and the figures;
 * the task reports it as its failure, the coordinator fails the run with exit 3, and the member
 * keeps working. Refusals are counted in {@link GuardCounters}.
 */
public final class HeapGuard {
  private static final String CONTEXT_KEY = "daphnegrid.heapGuard";

  /** Default high-water mark, as a fraction of the maximum heap. */
  public static final double DEFAULT_HIGH_WATER = 0.85;

  private static final long GC_INTERVAL_NANOS = 200_000_000L;

  private final double highWater;
  private final String member;
  private final GuardCounters counters;
  private final Runnable refusalMetric;
  private long lastGc = System.nanoTime() - GC_INTERVAL_NANOS;

  private HeapGuard(
      double highWater, String member, GuardCounters counters, Runnable refusalMetric) {
    this.highWater = highWater;
    this.member = member;
    this.counters = counters;
    this.refusalMetric = refusalMetric;
  }

  /**
   * Sets the high-water mark of a member before it starts: config's user context is the member's.
   */
  public static void configure(com.hazelcast.config.Config config, double highWater) {
    config.getUserContext().put(CONTEXT_KEY + ".highWater", highWater);
  }

  /** The guard of member hz. */
  public static HeapGuard of(HazelcastInstance hz) {
    Object guard = hz.getUserContext().get(CONTEXT_KEY);
    if (guard != null) {
      return (HeapGuard) guard;
    }
    Object hw = hz.getUserContext().get(CONTEXT_KEY + ".highWater");
    var a = hz.getCluster().getLocalMember().getAddress();
    HeapGuard fresh =
        new HeapGuard(
            hw instanceof Double d ? d : DEFAULT_HIGH_WATER,
            a.getHost() + ":" + a.getPort(),
            GuardCounters.of(hz),
            () -> daphnegrid.grid.metrics.GridMetrics.admissionRefused(hz));
    Object raced = hz.getUserContext().putIfAbsent(CONTEXT_KEY, fresh);
    return raced == null ? fresh : (HeapGuard) raced;
  }

  /** The high-water mark as a fraction of the maximum heap. */
  public double highWater() {
    return highWater;
  }

  /**
   * Returns if the heap can take bytes more, else throws.
   *
   * @param what names the block in the message
   * @throws KernelException if the heap would pass the high-water mark even after a collection
   */
  public void reserve(long bytes, String what) {
    Runtime rt = Runtime.getRuntime();
    long limit = (long) (rt.maxMemory() * highWater);
    if (used(rt) + bytes <= limit) {
      return;
    }
    collect();
    long used = used(rt);
    if (used + bytes <= limit) {
      return;
    }
    counters.heapRefused();
    refusalMetric.run();
    throw new KernelException(
        "grid: worker "
            + member
            + " refuses to make "
            + what
            + " ("
            + GridBytes.format(bytes)
            + "): its heap would reach "
            + GridBytes.format(used + bytes)
            + " of "
            + GridBytes.format(rt.maxMemory())
            + ", past its high-water mark of "
            + Math.round(highWater * 100)
            + "% (too little memory on the grid for this script, or other clients use it)");
  }

  private static long used(Runtime rt) {
    return rt.totalMemory() - rt.freeMemory();
  }

  private synchronized void collect() {
    long now = System.nanoTime();
    if (now - lastGc >= GC_INTERVAL_NANOS) {
      System.gc();
      lastGc = System.nanoTime();
    }
  }
}
