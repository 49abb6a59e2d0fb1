package daphnegrid.runtime.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.impl.MemberImpl;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LostWorkersTest {
  private static MembershipEvent removed(String host, int port) throws Exception {
    MemberImpl m = new MemberImpl.Builder(new Address(host, port)).build();
    // an event needs a source; nothing here calls it
    Cluster cluster =
        (Cluster)
            Proxy.newProxyInstance(
                Cluster.class.getClassLoader(),
                new Class<?>[] {Cluster.class},
                (proxy, method, args) -> {
                  throw new UnsupportedOperationException(method.getName());
                });
    return new MembershipEvent(cluster, m, MembershipEvent.MEMBER_REMOVED, Set.of());
  }

  @Test
  void namesOneLostWorker() {
    assertEquals(
        "lost worker 10.0.0.1:5701 during the run: it left the grid, and blocks that had no copy"
            + " on another worker are gone",
        LostWorkers.message(List.of("10.0.0.1:5701")));
  }

  @Test
  void namesEveryLostWorkerInTheOrderTheyLeft() throws Exception {
    LostWorkers w = new LostWorkers();
    w.memberRemoved(removed("10.0.0.2", 5701));
    w.memberRemoved(removed("10.0.0.1", 5702));
    w.memberRemoved(removed("10.0.0.2", 5701));
    assertEquals(List.of("10.0.0.2:5701", "10.0.0.1:5702"), w.names());
    GridFailure missing = new GridFailure("moving blocks", new IllegalStateException("missing"));
    RuntimeException e = w.explain(missing);
    assertEquals(
        "grid: lost workers 10.0.0.2:5701 and 10.0.0.1:5702 during the run: they left the grid,"
            + " and blocks that had no copy on another worker are gone",
        e.getMessage());
    assertSame(missing, e.getCause());
  }

  @Test
  void aSingleLossKeepsTheFailuresOwnReason() throws Exception {
    LostWorkers w = new LostWorkers();
    w.memberRemoved(removed("10.0.0.3", 5701));
    GridFailure failed = new GridFailure("running a program", new IllegalStateException("timeout"));
    RuntimeException e = w.explain(failed);
    assertEquals(
        "grid: lost worker 10.0.0.3:5701 during the run: it left the grid, and blocks that had no"
            + " copy on another worker are gone (the failure: grid: running a program:"
            + " IllegalStateException (timeout))",
        e.getMessage());
    assertSame(failed, e.getCause());
  }

  @Test
  void leavesOtherFailuresAlone() throws Exception {
    LostWorkers w = new LostWorkers();
    w.memberRemoved(removed("10.0.0.2", 5701));
    IllegalArgumentException bug = new IllegalArgumentException("bug");
    assertSame(bug, w.explain(bug));
  }

  @Test
  void aGridFailureWithoutLostWorkersKeepsItsMessage() {
    LostWorkers w = new LostWorkers();
    GridFailure f = new GridFailure("running a program", null);
    assertSame(f, w.explain(f));
  }

  @Test
  void countsEveryLossAndWakesAWaiterForANewOne() throws Exception {
    LostWorkers w = new LostWorkers();
    assertEquals(0, w.losses());
    assertFalse(w.awaitLossAfter(0), "no loss within the event lag");
    w.memberRemoved(removed("10.0.0.2", 5701));
    w.memberRemoved(removed("10.0.0.2", 5701));
    assertEquals(2, w.losses(), "a worker that leaves twice counts twice");
    assertTrue(w.awaitLossAfter(1));
    Thread later =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
                w.memberRemoved(removed("10.0.0.3", 5701));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    later.start();
    assertTrue(w.awaitLossAfter(2), "the loss that arrives while waiting");
    later.join();
    assertEquals(3, w.losses());
  }
}
