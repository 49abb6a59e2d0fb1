package daphnegrid.grid;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import daphnegrid.config.GridSettings;
import daphnegrid.grid.metrics.GridMetricsJmx;
import daphnegrid.grid.metrics.MapCostKeeper;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running grid member: the Hazelcast instance plus the grid's member-side services ({@link
 * OrphanSweeper}, the JMX bean of its grid figures, {@link GridMetricsJmx}). {@code
 * DistributedWorker} runs one per process; an embedded grid or a test can run several in one JVM.
 *
 * <p>How a member ends, as {@link #awaitStop()} tells it: {@link #shutdown()} is a requested stop;
 * anything else is not. Hazelcast ends a member in three ways besides that:
 *
 * <ul>
 *   <li>through its lifecycle service ({@code HazelcastInstance.shutdown()} or {@code terminate()},
 *       e.g. a member or cluster shutdown request from a client or Management Center): the {@code
 *       SHUTTING_DOWN} and {@code SHUTDOWN} events tell the listener;
 *   <li>by stopping the node directly, without any lifecycle event ("Terminating forcefully" in its
 *       log): its out-of-memory handler does this, and so does a member that cannot join or rejoin
 *       its cluster. Only {@code LifecycleService.isRunning()} changes, so {@link #awaitStop()}
 *       looks at it every {@link #WATCH};
 *   <li>a failed merge after a network split ({@code MERGE_FAILED}) leaves the member running as a
 *       cluster of its own, with stale data; {@link #awaitStop()} terminates it then, so that its
 *       process can be restarted and join afresh.
 * </ul>
 */
public final class GridMember implements AutoCloseable {
  /** How often {@link #awaitStop()} checks for a member Hazelcast stopped without events. */
  static final Duration WATCH = Duration.ofMillis(500);

  /** How a member stopped: by {@link #shutdown()} ({@code requested}), or else why. */
  public record Stop(boolean requested, String reason) {}

  private final HazelcastInstance instance;
  private final OrphanSweeper sweeper;
  private final GridMetricsJmx jmx;
  private final MapCostKeeper costs;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean requested;
  // SHUTTING_DOWN was fired: a SHUTDOWN event follows once the member has left
  private volatile boolean shuttingDown;
  private volatile boolean mergeFailed;

  private GridMember(HazelcastInstance instance, GridSettings settings) {
    this.instance = instance;
    // Listeners run on the thread that fires the event, before Hazelcast goes on: shuttingDown is
    // set before the node stops running.
    instance
        .getLifecycleService()
        .addLifecycleListener(
            e -> {
              switch (e.getState()) {
                case SHUTTING_DOWN -> shuttingDown = true;
                case SHUTDOWN -> {
                  closeJmx();
                  stopped.countDown();
                }
                case MERGE_FAILED -> mergeFailed = true;
                default -> {}
              }
            });
    this.jmx = registerJmx(instance);
    this.costs = MapCostKeeper.start(instance);
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
    daphnegrid.grid.tasks.HeapGuard.configure(config, settings.heapHighWaterFraction());
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
   * This is the requested stop of {@link #awaitStop()}.
   */
  public void shutdown() {
    requested = true;
    sweeper.close();
    closeCosts();
    instance.shutdown();
  }

  /**
   * Blocks until the member has stopped and says how: requested (by {@link #shutdown()}, once the
   * graceful leave is complete) or not, with the reason. A member that stops without being asked is
   * reported at once, or within {@link #WATCH} when Hazelcast stopped it without an event; one
   * whose merge after a split failed is terminated here and reported.
   */
  public Stop awaitStop() throws InterruptedException {
    while (!stopped.await(WATCH.toMillis(), TimeUnit.MILLISECONDS)) {
      if (requested) {
        continue; // shutdown() is in progress; SHUTDOWN follows the graceful leave
      }
      if (mergeFailed) {
        sweeper.close();
        closeCosts();
        closeJmx();
        instance.getLifecycleService().terminate();
        return new Stop(false, "its cluster could not merge back after a network split");
      }
      if (!shuttingDown && !instance.getLifecycleService().isRunning()) {
        sweeper.close();
        closeCosts();
        closeJmx();
        return new Stop(
            false,
            "Hazelcast stopped the member on its own, as it does after an OutOfMemoryError or a"
                + " failed join");
      }
    }
    if (requested) {
      return new Stop(true, "shut down on request");
    }
    sweeper.close();
    closeCosts();
    return new Stop(
        false,
        "its Hazelcast instance was shut down from outside the worker (a member or cluster"
            + " shutdown request)");
  }

  @Override
  public void close() {
    shutdown();
  }

  /** The member's JMX bean, or null when JMX refuses it (the member runs on without it). */
  private static GridMetricsJmx registerJmx(HazelcastInstance instance) {
    try {
      return GridMetricsJmx.register(instance);
    } catch (RuntimeException e) {
      instance
          .getLoggingService()
          .getLogger(GridMember.class)
          .warning("no JMX bean for the grid's figures: " + e.getMessage());
      return null;
    }
  }

  private void closeCosts() {
    if (costs != null) {
      costs.close();
    }
  }

  // the SHUTDOWN event may come before the constructor has set jmx (a member stopped at once)
  private void closeJmx() {
    GridMetricsJmx j = jmx;
    if (j != null) {
      j.close();
    }
  }
}
