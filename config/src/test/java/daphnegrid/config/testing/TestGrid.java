package daphnegrid.config.testing;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import daphnegrid.config.GridLogging;
import daphnegrid.config.GridSettings;
import daphnegrid.config.MemberConfigs;
import daphnegrid.config.WorkerAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * An in-process cluster for tests: members on 127.0.0.1, free ports, a random cluster name, the
 * grid's member configuration. Close it (try-with-resources or {@code @AfterAll}) to shut every
 * member down, also after a failure.
 */
public final class TestGrid implements AutoCloseable {
  private final GridSettings settings;
  private final List<WorkerAddress> addresses;
  private final List<HazelcastInstance> members = new ArrayList<>();

  private TestGrid(GridSettings settings, List<WorkerAddress> addresses) {
    this.settings = settings;
    this.addresses = addresses;
  }

  /** Starts {@code n} members with the default settings and waits until they see each other. */
  public static TestGrid start(int n) {
    return start(n, GridSettings.defaults(), Config::new);
  }

  /**
   * Starts {@code n} members (in parallel), each config made from {@code base} by {@link
   * MemberConfigs}, and waits until every member sees all of them.
   */
  public static TestGrid start(int n, GridSettings settings, Supplier<Config> base) {
    GridLogging.install("tests");
    GridSettings s = settings.withClusterName("test-" + UUID.randomUUID());
    List<WorkerAddress> addresses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      addresses.add(new WorkerAddress("127.0.0.1", freePort()));
    }
    TestGrid grid = new TestGrid(s, List.copyOf(addresses));
    try {
      List<CompletableFuture<HazelcastInstance>> starts = new ArrayList<>();
      for (WorkerAddress a : addresses) {
        Config c = MemberConfigs.create(s, a, addresses, base.get());
        starts.add(CompletableFuture.supplyAsync(() -> Hazelcast.newHazelcastInstance(c)));
      }
      for (CompletableFuture<HazelcastInstance> f : starts) {
        grid.members.add(f.join());
      }
      await(
          Duration.ofSeconds(60),
          "all members see " + n,
          () -> grid.members.stream().allMatch(m -> m.getCluster().getMembers().size() == n));
      return grid;
    } catch (RuntimeException | Error e) {
      grid.close();
      throw e;
    }
  }

  public GridSettings settings() {
    return settings;
  }

  public List<WorkerAddress> addresses() {
    return addresses;
  }

  public HazelcastInstance member(int i) {
    return members.get(i);
  }

  public List<HazelcastInstance> members() {
    return members;
  }

  @Override
  public void close() {
    for (HazelcastInstance m : members) {
      try {
        m.getLifecycleService().terminate();
      } catch (RuntimeException ignored) {
        // already down
      }
    }
  }

  /** A TCP port nobody listens on right now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code condition} holds, failing after {@code timeout} with {@code what}. */
  public static void await(Duration timeout, String what, BooleanSupplier condition) {
    awaitValue(timeout, what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }

  /** Waits until {@code probe} returns non-null and returns that, failing after {@code timeout}. */
  public static <T> T awaitValue(Duration timeout, String what, Supplier<T> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T v = probe.get();
      if (v != null) {
        return v;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout.toSeconds() + " s waiting for: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what, e);
      }
    }
  }
}
