package daphnegrid.grid;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import daphnegrid.config.GridSettings;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running grid member: the Hazelcast instance plus the grid's member-side services ({@link
 * OrphanSweeper}). {@code DistributedWorker} runs one per process; an embedded grid or a test can
 * run several in one JVM.
 */
public final class GridMember implements AutoCloseable {
  private final HazelcastInstance instance;
  private final OrphanSweeper sweeper;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private GridMember(HazelcastInstance instance, GridSettings settings) {
    this.instance = instance;
    instance
        .getLifecycleService()
        .addLifecycleListener(
            e -> {
              if (e.getState() == LifecycleState.SHUTDOWN) {
                stopped.countDown();
              }
            });
    if (!instance.getLifecycleService().isRunning()) {
      stopped.countDown();
    }
    this.sweeper =
        new OrphanSweeper(instance, settings.orphanGrace(), settings.orphanGrace()).start();
  }

  /**
   * Starts a member with {@code config} (made by {@code MemberConfigs}); returns once the member
   * accepts connections and has joined whatever cluster its peers formed.
   */
  public static GridMember start(GridSettings settings, Config config) {
    return new GridMember(Hazelcast.newHazelcastInstance(config), settings);
  }

  public HazelcastInstance instance() {
    return instance;
  }

  public OrphanSweeper sweeper() {
    return sweeper;
  }

  /**
   * Leaves the cluster gracefully: waits until the partitions this member owns have been handed
   * over (bounded by {@code hazelcast.graceful.shutdown.max.wait}), so backed-up data survives.
   */
  public void shutdown() {
    sweeper.close();
    instance.shutdown();
  }

  /** Blocks until the member has shut down (by {@link #shutdown()} or otherwise). */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /** Waits up to {@code timeout} for the member to shut down; true if it did. */
  public boolean awaitShutdown(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    shutdown();
  }
}
