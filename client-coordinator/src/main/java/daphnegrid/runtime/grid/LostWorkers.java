package daphnegrid.runtime.grid;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The workers that left the grid while a run was connected to it, so that a grid failure after a
 * loss names the workers instead of its symptom (a block that is missing, a job that failed): with
 * backup count 1 the grid survives one lost worker at a time; when two go at once, the blocks that
 * had both copies on them are gone, and what the user needs to know is which workers went.
 *
 * <p>A worker that comes back at the same address stays on the list: what it held is lost all the
 * same. Membership events arrive on a Hazelcast event thread, a failure on the run's thread; the
 * set is guarded by this object.
 */
final class LostWorkers implements MembershipListener {
  /** How long a failure waits for the event of a member that left just before (events lag). */
  private static final long EVENT_LAG_MILLIS = 1_000;

  private final Set<String> gone = new LinkedHashSet<>();
  private long losses;

  /** Starts watching the cluster of hz. */
  static LostWorkers watch(HazelcastInstance hz) {
    LostWorkers w = new LostWorkers();
    hz.getCluster().addMembershipListener(w);
    return w;
  }

  @Override
  public void memberAdded(MembershipEvent e) {}

  @Override
  public synchronized void memberRemoved(MembershipEvent e) {
    Address a = e.getMember().getAddress();
    gone.add(a.getHost() + ":" + a.getPort());
    losses++;
    notifyAll();
  }

  /** How many times a member left so far (a worker that leaves twice counts twice). */
  synchronized long losses() {
    return losses;
  }

  /**
   * Waits up to the event lag for a loss after the first {@code seen} ones (a failure can arrive
   * before the event of the member that caused it); true if there is one.
   */
  synchronized boolean awaitLossAfter(long seen) {
    long deadline = System.nanoTime() + EVENT_LAG_MILLIS * 1_000_000;
    while (losses <= seen) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** The workers that left so far, in the order they left. */
  synchronized List<String> names() {
    return new ArrayList<>(gone);
  }

  /**
   * e itself, or, when e is a grid failure and workers left during the run, a failure that names
   * them (e stays its cause). After a single loss, which backups cover, the message keeps e's own
   * message too.
   */
  RuntimeException explain(RuntimeException e) {
    if (!(e instanceof GridFailure) && !(e instanceof HazelcastException)) {
      return e;
    }
    long deadline = System.nanoTime() + EVENT_LAG_MILLIS * 1_000_000;
    List<String> names = names();
    while (names.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        break;
      }
      names = names();
    }
    if (names.isEmpty()) {
      return e;
    }
    if (names.size() == 1) {
      // one loss is what backups cover: the failure itself is news, keep its reason
      return GridFailure.withoutReason(
          message(names) + " (the failure: " + e.getMessage() + ")", e);
    }
    return GridFailure.withoutReason(message(names), e);
  }

  static String message(List<String> names) {
    String list =
        names.size() == 1
            ? "worker " + names.get(0)
            : "workers "
                + String.join(", ", names.subList(0, names.size() - 1))
                + " and "
                + names.get(names.size() - 1);
    return "lost "
        + list
        + " during the run: "
        + (names.size() == 1 ? "it" : "they")
        + " left the grid, and blocks that had no copy on another worker are gone";
  }
}
