package daphnegrid.config;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Connects the coordinator to the workers and checks that the grid is usable before any data is
 * sent — or fails within a bounded time with a message that names the addresses and the cluster
 * name. Never hangs, and never leaves a client running after a failure.
 *
 * <ol>
 *   <li>TCP probe: if no address accepts a TCP connection within {@link #PROBE_WINDOW} (refused,
 *       unknown host, timeout), fail at once: no worker runs there. Hazelcast's own retry loop
 *       would otherwise wait the full connect timeout.
 *   <li>Hazelcast client start, bounded by {@link GridSettings#connectTimeout()} and, per
 *       authentication attempt, {@link GridSettings#heartbeatTimeout()}: fails for a wrong cluster
 *       name or a port that does not speak Hazelcast.
 *   <li>Ready: wait up to {@link GridSettings#readyTimeout()} until the client sees the expected
 *       number of members (joining members first behave like lite members) and a member reports the
 *       cluster safe (no migration, all backups in sync).
 * </ol>
 */
public final class GridConnector {
  /** How long refused TCP connections are retried before giving up (workers still starting). */
  static final Duration PROBE_WINDOW = Duration.ofSeconds(2);

  /** Executor that runs the grid's small administrative tasks on members. */
  public static final String ADMIN_EXECUTOR = "daphne.admin";

  private static final long POLL_MILLIS = 100;
  private static final Object NAME_LOCK = new Object();

  private GridConnector() {}

  /** Connects to {@code workers} with the built-in client config, expecting all of them. */
  public static GridClient connect(GridSettings settings, List<WorkerAddress> workers) {
    return connect(settings, workers, ClientConfigs.create(settings, workers), workers.size());
  }

  /**
   * Connects with {@code config} (made by {@link ClientConfigs}) and waits for at least {@code
   * expectedMembers} members and a safe cluster.
   *
   * @throws GridUnavailableException if any step fails; the client is shut down then
   */
  public static GridClient connect(
      GridSettings settings,
      List<WorkerAddress> workers,
      ClientConfig config,
      int expectedMembers) {
    GridLogging.installDefault();
    probe(settings, workers);
    HazelcastInstance client = start(settings, workers, config);
    boolean ready = false;
    try {
      awaitReady(client, settings, workers, Math.max(1, expectedMembers));
      ready = true;
      return new GridClient(client, settings, workers);
    } finally {
      if (!ready) {
        client.shutdown();
      }
    }
  }

  /**
   * Fails fast unless every address accepts a TCP connection: refused connections (workers still
   * starting) are retried for {@link #PROBE_WINDOW}. The whole list must run (the client would
   * otherwise wait the full ready timeout for the missing members), and the message names the
   * addresses that do not answer.
   */
  static void probe(GridSettings settings, List<WorkerAddress> workers) {
    long deadline = System.nanoTime() + PROBE_WINDOW.toNanos();
    int timeout = (int) Math.min(settings.connectionTimeout().toMillis(), PROBE_WINDOW.toMillis());
    List<WorkerAddress> pending = new ArrayList<>(workers);
    Map<WorkerAddress, String> reasons = new LinkedHashMap<>();
    while (true) {
      reasons.clear();
      boolean retryable = false;
      for (WorkerAddress w : new ArrayList<>(pending)) {
        String reason = null;
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(w.host(), w.port()), timeout);
        } catch (UnknownHostException e) {
          reason = "unknown host";
        } catch (ConnectException e) {
          reason = "connection refused";
          retryable = true;
        } catch (SocketTimeoutException e) {
          reason = "no answer within " + timeout + " ms";
        } catch (IOException | IllegalArgumentException e) {
          reason = e.getMessage();
        }
        if (reason == null) {
          pending.remove(w);
        } else {
          reasons.put(w, reason);
        }
      }
      if (pending.isEmpty()) {
        return;
      }
      if (!retryable || System.nanoTime() + POLL_MILLIS * 1_000_000 > deadline) {
        break;
      }
      waitQuietly(POLL_MILLIS);
    }
    List<String> why = new ArrayList<>();
    reasons.forEach((w, r) -> why.add(w + ": " + r));
    if (pending.size() < workers.size()) {
      throw new GridUnavailableException(
          "cannot reach "
              + (pending.size() == 1 ? "worker " : "workers ")
              + WorkerAddresses.format(pending)
              + " of cluster '"
              + settings.clusterName()
              + "' ("
              + String.join("; ", why)
              + "): every worker listed in "
              + WorkerAddresses.ENV
              + " must be running");
    }
    throw new GridUnavailableException(
        "cannot reach any worker of cluster '"
            + settings.clusterName()
            + "' at "
            + WorkerAddresses.format(workers)
            + " ("
            + String.join("; ", why)
            + "): are the workers started (bin/DistributedWorker IP:PORT) and "
            + WorkerAddresses.ENV
            + " right?");
  }

  private static HazelcastInstance start(
      GridSettings settings, List<WorkerAddress> workers, ClientConfig config) {
    String name;
    synchronized (NAME_LOCK) {
      name = settings.clientName();
      for (int i = 2; HazelcastClient.getHazelcastClientByName(name) != null; i++) {
        name = settings.clientName() + "-" + i;
      }
      config.setInstanceName(name);
      try {
        return HazelcastClient.newHazelcastClient(config);
      } catch (RuntimeException e) {
        HazelcastInstance half = HazelcastClient.getHazelcastClientByName(name);
        if (half != null) {
          half.shutdown();
        }
        Path log = GridLogging.logFile();
        throw new GridUnavailableException(
            "cannot connect to cluster '"
                + settings.clusterName()
                + "' at "
                + WorkerAddresses.format(workers)
                + " within "
                + seconds(config.getConnectionStrategyConfig().getConnectionRetryConfig())
                + ": the workers there did not accept the client (wrong cluster name, or not Daphne"
                + " Grid workers?)"
                + (log == null ? "" : "; details in " + log),
            e);
      }
    }
  }

  private static void awaitReady(
      HazelcastInstance client, GridSettings settings, List<WorkerAddress> workers, int expected) {
    ReentrantLock lock = new ReentrantLock();
    Condition changed = lock.newCondition();
    UUID listener =
        client
            .getCluster()
            .addMembershipListener(
                new MembershipListener() {
                  @Override
                  public void memberAdded(MembershipEvent e) {
                    signal();
                  }

                  @Override
                  public void memberRemoved(MembershipEvent e) {
                    signal();
                  }

                  private void signal() {
                    lock.lock();
                    try {
                      changed.signalAll();
                    } finally {
                      lock.unlock();
                    }
                  }
                });
    try {
      long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
      boolean safe = false;
      Set<Member> members = client.getCluster().getMembers();
      while (true) {
        members = client.getCluster().getMembers();
        if (members.size() >= expected) {
          safe = isClusterSafe(client, members, deadline);
          if (safe) {
            return;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        lock.lock();
        try {
          // woken by a membership change; cluster safety has no event, so look again shortly
          changed.await(
              Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new GridUnavailableException("interrupted while waiting for the grid", e);
        } finally {
          lock.unlock();
        }
      }
      String seen = String.join(",", members.stream().map(m -> m.getAddress().toString()).toList());
      throw new GridUnavailableException(
          members.size() < expected
              ? "cluster '"
                  + settings.clusterName()
                  + "' has "
                  + members.size()
                  + " of the "
                  + expected
                  + " workers of "
                  + WorkerAddresses.ENV
                  + "="
                  + WorkerAddresses.format(workers)
                  + " after "
                  + settings.readyTimeout().toSeconds()
                  + " s (members: "
                  + seen
                  + "): are all workers up, with the same cluster name, and listing each other"
                  + " as peers?"
              : "cluster '"
                  + settings.clusterName()
                  + "' at "
                  + WorkerAddresses.format(workers)
                  + " is still migrating partitions after "
                  + settings.readyTimeout().toSeconds()
                  + " s");
    } finally {
      client.getCluster().removeMembershipListener(listener);
    }
  }

  private static boolean isClusterSafe(
      HazelcastInstance client, Set<Member> members, long deadline) {
    Member oldest = members.iterator().next();
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return false;
    }
    try {
      return client
          .getExecutorService(ADMIN_EXECUTOR)
          .submitToMember(new ClusterSafetyProbe(), oldest)
          .get(left, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GridUnavailableException("interrupted while waiting for the grid", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return false; // e.g. the member left meanwhile; the loop looks again until the deadline
    }
  }

  private static String seconds(com.hazelcast.client.config.ConnectionRetryConfig retry) {
    long ms = retry.getClusterConnectTimeoutMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  private static void waitQuietly(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GridUnavailableException("interrupted while probing the workers", e);
    }
  }
}
