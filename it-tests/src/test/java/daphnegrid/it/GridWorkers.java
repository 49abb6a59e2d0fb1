package daphnegrid.it;

import daphnegrid.config.GridClient;
import daphnegrid.config.GridConnector;
import daphnegrid.config.GridSettings;
import daphnegrid.config.WorkerAddress;
import daphnegrid.config.WorkerAddresses;
import daphnegrid.grid.tasks.MemberStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Real {@code bin/DistributedWorker} processes on free loopback ports with a random cluster name,
 * the environment that points {@code bin/daphne --distributed} at them, and a client of the test's
 * own to look at what the members hold. {@link #close()} kills every worker, also after a failure.
 */
final class GridWorkers implements AutoCloseable {
  static final Path ROOT =
      Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  private static final Duration START = Duration.ofSeconds(180);

  final List<WorkerProcess> processes = new ArrayList<>();
  final List<WorkerAddress> addresses = new ArrayList<>();

  /** Per worker, the port of its Prometheus endpoint (free ports, as the workers' own). */
  final List<Integer> metricsPorts = new ArrayList<>();

  final GridSettings settings;
  final Path clientYaml;
  final Path dir;
  final Map<String, String> workerEnv;

  private GridWorkers(
      GridSettings settings, Path clientYaml, Path dir, Map<String, String> workerEnv) {
    this.settings = settings;
    this.clientYaml = clientYaml;
    this.dir = dir;
    this.workerEnv = workerEnv;
  }

  /**
   * Starts n workers that know each other; properties are extra {@code daphne.*} entries for the
   * member YAML (e.g. a short orphan grace). Returns once all n formed one safe cluster.
   */
  static GridWorkers start(Path dir, int n, Map<String, String> properties) throws IOException {
    return start(dir, n, properties, Map.of());
  }

  /**
   * Starts n workers as {@link #start(Path, int, Map)} does, with extra environment variables for
   * their processes (e.g. {@code DAPHNE_WORKER_JVM_ARGS}, {@code DAPHNE_GRID_SECRET}; the secret
   * also goes into {@link #env()}).
   */
  static GridWorkers start(
      Path dir, int n, Map<String, String> properties, Map<String, String> workerEnv)
      throws IOException {
    String cluster = "it-" + UUID.randomUUID();
    StringBuilder props = new StringBuilder();
    properties.forEach(
        (k, v) -> props.append("    ").append(k).append(": ").append(v).append('\n'));
    Path memberYaml =
        Files.writeString(
            dir.resolve("hazelcast-worker.yaml"),
            "hazelcast:\n  cluster-name: "
                + cluster
                + "\n"
                + (props.length() == 0 ? "" : "  properties:\n" + props));
    Path clientYaml =
        Files.writeString(
            dir.resolve("hazelcast-client.yaml"),
            "hazelcast-client:\n  cluster-name: " + cluster + "\n");
    GridWorkers w =
        new GridWorkers(
            GridSettings.defaults().withClusterName(cluster), clientYaml, dir, workerEnv);
    try {
      // the ports are only picked here, not held, so the same free port can come back: each
      // worker's Hazelcast and metrics ports are distinct from all the others
      java.util.Set<Integer> taken = new java.util.HashSet<>();
      for (int i = 0; i < n; i++) {
        w.addresses.add(new WorkerAddress("127.0.0.1", freePortNotIn(taken)));
      }
      String peers = WorkerAddresses.format(w.addresses);
      for (WorkerAddress a : w.addresses) {
        int metrics = freePortNotIn(taken);
        w.metricsPorts.add(metrics);
        w.processes.add(
            WorkerProcess.start(
                ROOT,
                dir,
                workerEnv,
                a.toString(),
                memberYaml.toString(),
                "--peers",
                peers,
                "--metrics-port",
                String.valueOf(metrics)));
      }
      for (WorkerProcess p : w.processes) {
        await(
            "start line of " + p.address,
            () -> {
              if (!p.process.isAlive()) {
                throw new AssertionError("worker " + p.address + " exited: " + p.stderr());
              }
              return p.stdout().contains("Started Distributed Worker");
            });
      }
      try (GridClient c = w.client()) {
        // connect waits for all members and a safe cluster
      }
      return w;
    } catch (RuntimeException | Error e) {
      w.close();
      throw e;
    }
  }

  /** A client of the test's own (close it). */
  GridClient client() {
    return GridConnector.connect(settings.withReadyTimeout(Duration.ofSeconds(120)), addresses);
  }

  /** The environment for bin/daphne --distributed against these workers. */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put(WorkerAddresses.ENV, WorkerAddresses.format(addresses));
    env.put("DAPHNE_CLIENT_CONFIG", clientYaml.toString());
    env.put("DAPHNE_GRID_LOG_DIR", dir.resolve("logs").toString());
    if (workerEnv.containsKey("DAPHNE_GRID_SECRET")) {
      env.put("DAPHNE_GRID_SECRET", workerEnv.get("DAPHNE_GRID_SECRET"));
    }
    return env;
  }

  /** Per live member: {grid maps, block cache entries, used heap after a GC}. */
  List<long[]> memberStats() throws Exception {
    List<long[]> out = new ArrayList<>();
    try (GridClient c = client()) {
      Map<com.hazelcast.cluster.Member, Future<long[]>> fs =
          c.instance()
              .getExecutorService("daphne.compute")
              .submitToAllMembers(new MemberStats(true));
      for (Future<long[]> f : fs.values()) {
        out.add(f.get());
      }
    }
    return out;
  }

  @Override
  public void close() {
    for (WorkerProcess p : processes) {
      p.close();
    }
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + START.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what);
      }
    }
  }

  /** A free loopback port not in taken, which it is added to. */
  static int freePortNotIn(java.util.Set<Integer> taken) {
    int p = freePort();
    while (!taken.add(p)) {
      p = freePort();
    }
    return p;
  }

  /**
   * A loopback port free now, outside the kernel's range of ephemeral ports: a port from that range
   * (what binding port 0 gives) can be taken by any outgoing connection before the worker that is
   * to listen on it starts, which made a Slurm job's worker fail with "Address already in use".
   */
  static int freePort() {
    int[] ephemeral = ephemeralRange();
    // below the range when there is room, else above it
    boolean below = ephemeral[0] > 11_000;
    int lo = below ? 10_000 : ephemeral[1] + 1;
    int hi = below ? ephemeral[0] - 10 : 65_500;
    for (int attempt = 0; lo < hi && attempt < 200; attempt++) {
      int p = ThreadLocalRandom.current().nextInt(lo, hi);
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
        return p;
      } catch (IOException e) {
        // taken: try another
      }
    }
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kernel's ephemeral port range (Linux), or the usual 32768-60999 where it is unknown. */
  private static int[] ephemeralRange() {
    try {
      String[] f =
          Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
      return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
    } catch (IOException | RuntimeException e) {
      return new int[] {32768, 60999};
    }
  }
}
