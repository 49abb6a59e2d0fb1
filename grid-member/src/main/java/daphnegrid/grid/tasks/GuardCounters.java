package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A member's counts of what its guards stopped, for monitoring (a metrics endpoint exposes them as
 * counters, e.g. {@code daphne_grid_heap_refusals_total} and {@code
 * daphne_grid_block_seal_failures_total}):
 *
 * <ul>
 *   <li>heap refusals: blocks this member refused to make because its heap would have gone past the
 *       high-water mark ({@link HeapGuard});
 *   <li>seal failures: blocks read on this member whose seal did not match their contents and
 *       identity ({@link daphnegrid.config.serial.BlockSeal}): changed by someone without the grid
 *       secret, or written by a client with another secret.
 * </ul>
 */
public final class GuardCounters {
  private static final String CONTEXT_KEY = "daphnegrid.guardCounters";

  private final AtomicLong heapRefusals = new AtomicLong();
  private final AtomicLong sealFailures = new AtomicLong();

  /** The counters of member hz (kept in its user context, created on first use). */
  public static GuardCounters of(HazelcastInstance hz) {
    return (GuardCounters)
        hz.getUserContext().computeIfAbsent(CONTEXT_KEY, k -> new GuardCounters());
  }

  /** Blocks refused since the member started because of its heap's high-water mark. */
  public long heapRefusals() {
    return heapRefusals.get();
  }

  /** Blocks whose seal check failed on this member since it started. */
  public long sealFailures() {
    return sealFailures.get();
  }

  void heapRefused() {
    heapRefusals.incrementAndGet();
  }

  void sealFailed() {
    sealFailures.incrementAndGet();
  }
}
