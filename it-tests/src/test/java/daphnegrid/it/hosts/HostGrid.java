package daphnegrid.it.hosts;

import daphnegrid.it.DrillJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Daphne grid across {@link NetnsHosts}: host 0 runs the client ({@code bin/daphne}, {@code
 * GridStatus}), hosts 1..n one {@code bin/DistributedWorker} each on {@code <host address>:5701},
 * with a random cluster name. The test drives faults through it: kill, pause, restart a worker, add
 * a host with a new worker. {@link #close()} ends every process and removes the hosts.
 */
final class HostGrid implements AutoCloseable {
  static final int PORT = 5701;
  static final Path ROOT =
      Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  static final Duration START = Duration.ofSeconds(180);

  final NetnsHosts hosts;
  final Path dir;
  final Path memberYaml;
  final Path clientYaml;
  private final Map<Integer, Process> workers = new TreeMap<>();
  private final Map<Integer, Integer> starts = new TreeMap<>();

  /** How long the first workers took from launch to their start lines (all started together). */
  long startMillis;

  private HostGrid(NetnsHosts hosts, Path dir, Path memberYaml, Path clientYaml) {
    this.hosts = hosts;
    this.dir = dir;
    this.memberYaml = memberYaml;
    this.clientYaml = clientYaml;
  }

  /**
   * Makes 1 + n hosts, starts a worker on hosts 1..n and returns once they form one safe cluster.
   * properties are extra {@code daphne.*} entries for the member YAML.
   */
  static HostGrid start(Path dir, int n, Map<String, String> properties) throws IOException {
    String cluster = "hosts-" + UUID.randomUUID();
    StringBuilder props = new StringBuilder();
    properties.forEach(
        (k, v) -> props.append("    ").append(k).append(": ").append(v).append('\n'));
    Path member =
        Files.writeString(
            dir.resolve("hazelcast-worker.yaml"),
            "hazelcast:\n  cluster-name: "
                + cluster
                + "\n"
                + (props.length() == 0 ? "" : "  properties:\n" + props));
    // a client may start while a worker the drill killed is still starting again: it waits for
    // the worker's port (connect-timeout) and for the cluster to take it in (ready-timeout)
    Path client =
        Files.writeString(
            dir.resolve("hazelcast-client.yaml"),
            "hazelcast-client:\n  cluster-name: "
                + cluster
                + "\n  properties:\n    daphne.ready-timeout: 120s\n"
                + "    daphne.connect-timeout: 60s\n");
    NetnsHosts hosts = NetnsHosts.create(1 + n);
    HostGrid g = new HostGrid(hosts, dir, member, client);
    try {
      long t0 = System.nanoTime();
      for (int h = 1; h <= n; h++) {
        g.startWorker(h);
      }
      for (int h = 1; h <= n; h++) {
        g.awaitStarted(h);
      }
      g.startMillis = (System.nanoTime() - t0) / 1_000_000;
      g.awaitCluster(n);
      return g;
    } catch (RuntimeException | Error e) {
      g.close();
      throw e;
    }
  }

  /** host:5701 of worker host h. */
  String address(int h) {
    return hosts.address(h) + ":" + PORT;
  }

  /** The addresses of every worker host, running or not (the client's DISTRIBUTED_WORKERS). */
  String workerList() {
    return workers.keySet().stream().map(this::address).collect(Collectors.joining(","));
  }

  List<Integer> workerHosts() {
    return List.copyOf(workers.keySet());
  }

  /** Starts the worker of host h (again), telling it about every worker host. */
  synchronized void startWorker(int h) {
    workers.put(h, null);
    starts.merge(h, 1, Integer::sum);
    ProcessBuilder pb =
        new ProcessBuilder(
                hosts.command(
                    h,
                    List.of(
                        ROOT.resolve("bin/DistributedWorker").toString(),
                        address(h),
                        memberYaml.toString(),
                        "--peers",
                        workerList())))
            .directory(dir.toFile())
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(dir.resolve("w" + h + ".out").toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("w" + h + ".err").toFile()))
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("DAPHNE_GRID_LOG_DIR", dir.resolve("logs").toString());
    pb.environment().remove("DISTRIBUTED_WORKERS");
    pb.environment().put("DAPHNE_WORKER_JVM_ARGS", DrillJvm.QUICK_JIT);
    try {
      workers.put(h, pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the start line of host h's worker's latest start. */
  void awaitStarted(int h) {
    Process p = workers.get(h);
    long expected = starts.getOrDefault(h, 0);
    await(
        "start line of " + address(h),
        () -> {
          if (!p.isAlive()) {
            throw new AssertionError("worker " + address(h) + " exited: " + read("w" + h + ".err"));
          }
          return countStarts(h) >= expected;
        });
  }

  private long countStarts(int h) {
    return read("w" + h + ".out").lines().filter(l -> l.startsWith("Started Distributed")).count();
  }

  /** Waits until the workers form one cluster of at least n members with all partitions safe. */
  void awaitCluster(int n) {
    Run r = status("--expect", Integer.toString(n), "--wait", "120");
    if (r.exit() != 0) {
      throw new AssertionError(
          "no safe cluster of " + n + ": " + r.stdout() + r.stderr() + membersSeenByWorkers());
    }
  }

  /** What each worker's log last listed as the members, for a failure message. */
  String membersSeenByWorkers() {
    StringBuilder b = new StringBuilder();
    for (int h : workers.keySet()) {
      List<String> seen = lastMemberList(h);
      b.append('\n')
          .append(address(h))
          .append(seen.isEmpty() ? " logged no member list" : " last listed " + seen);
    }
    return b.toString();
  }

  /** GridStatus run on the client host against the worker hosts. */
  Run status(String... args) {
    return statusOf(workerList(), args);
  }

  /** GridStatus run on the client host against the given workers. */
  Run statusOf(String workers, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "bash",
                "-c",
                "daphne_prog=GridStatus; source \"$0\"; daphne_run_java daphnegrid.grid.GridStatus"
                    + " \"$@\"",
                ROOT.resolve("deploy/bin/java-env.sh").toString(),
                "--workers",
                workers,
                "--member-config",
                memberYaml.toString()));
    cmd.addAll(List.of(args));
    try {
      return Run.finish(launch(cmd, "status"), Duration.ofMinutes(3));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts bin/daphne on the client host with these arguments against the workers. */
  Launched daphne(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/daphne").toString()));
    cmd.addAll(args);
    return launch(cmd, "daphne");
  }

  private Launched launch(List<String> cmd, String tag) throws IOException {
    Path out = Files.createTempFile(dir, tag, ".out");
    Path err = Files.createTempFile(dir, tag, ".err");
    ProcessBuilder pb =
        new ProcessBuilder(hosts.command(0, cmd))
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("DISTRIBUTED_WORKERS", workerList());
    pb.environment().put("DAPHNE_CLIENT_CONFIG", clientYaml.toString());
    pb.environment().put("DAPHNE_EXTRA_JVM_ARGS", DrillJvm.QUICK_JIT);
    pb.environment().put("DAPHNE_GRID_LOG_DIR", dir.resolve("logs").toString());
    return new Launched(pb.start(), out, err, System.nanoTime());
  }

  /** kill -9 of host h's worker. */
  void kill(int h) {
    Process p = workers.get(h);
    p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean alive(int h) {
    return workers.get(h).isAlive();
  }

  /**
   * Waits until every other running worker's log shows a member list without host h's worker (after
   * a kill). A worker started again at the same address while the others still list its previous
   * run could join and then be split off on its own (seen under heavy load); a supervisor waits too
   * (systemd RestartSec). The logs say it as soon as the members know it, without a client JVM per
   * look.
   */
  void awaitGone(int h) {
    String gone = address(h);
    await(
        gone + " to leave every other worker's member list",
        () ->
            workers.keySet().stream()
                .filter(o -> o != h && alive(o))
                .allMatch(
                    o -> {
                      List<String> seen = lastMemberList(o);
                      return !seen.isEmpty() && !seen.contains(gone);
                    }),
        250);
  }

  /**
   * The addresses (host:port) of the last member list host h's worker logged (Hazelcast logs one
   * per change: {@code Members {size:n, ver:v} [}, one {@code Member [ip]:port - uuid} line each,
   * {@code ]}); empty before its first.
   */
  List<String> lastMemberList(int h) {
    List<String> lines = logLines(h);
    int last = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("Members {size:")) {
        last = i;
      }
    }
    List<String> members = new ArrayList<>();
    for (int i = last + 1; last >= 0 && i < lines.size(); i++) {
      Matcher m = MEMBER_LINE.matcher(lines.get(i));
      if (!m.find()) {
        break;
      }
      members.add(m.group(1) + ":" + m.group(2));
    }
    return members;
  }

  private static final Pattern MEMBER_LINE = Pattern.compile("^\\s*Member \\[([^\\]]+)\\]:(\\d+) ");

  private List<String> logLines(int h) {
    return read("logs/worker-" + hosts.address(h).replace(':', '_') + "-" + PORT + ".log")
        .lines()
        .toList();
  }

  /**
   * Stops host h's worker for good (kill -9, until {@link #startWorker} starts it again): once the
   * others dropped it, clients no longer list it.
   */
  void retire(int h) {
    kill(h);
    awaitGone(h);
    workers.remove(h);
  }

  /** Sends a signal (STOP, CONT, ...) to host h's worker. */
  void signal(int h, String signal) {
    NetnsHosts.Result.check("kill", "-" + signal, Long.toString(workers.get(h).pid()));
  }

  /** Adds a host with a worker that joins the running cluster; returns its host number. */
  int addWorkerHost() {
    int h = hosts.addHost();
    startWorker(h);
    return h;
  }

  /** Deletes dir too when closed. */
  HostGrid deletingDirOnClose() {
    deleteDir = true;
    return this;
  }

  private boolean deleteDir;

  @Override
  public void close() {
    for (Process p : workers.values()) {
      if (p != null) {
        p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
    hosts.close();
    if (deleteDir) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary folder is no reason to fail the run
      }
    }
  }

  String read(String file) {
    try {
      Path f = dir.resolve(file);
      return Files.exists(f) ? Files.readString(f) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void await(String what, BooleanSupplier condition) {
    await(what, condition, 50);
  }

  /** Checks condition every pauseMillis until it holds; fails after {@link #START}. */
  static void await(String what, BooleanSupplier condition, long pauseMillis) {
    long deadline = System.nanoTime() + START.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      pause(pauseMillis);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /** A process on the client host, its output in files. */
  record Launched(Process process, Path outFile, Path errFile, long startNanos) {
    String stdout() {
      try {
        return Files.readString(outFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Waits until the process printed at least n lines (fails if it ended before); returns {@link
     * System#nanoTime()} then.
     */
    long awaitLines(int n) {
      await(
          n + " lines of output",
          () -> {
            if (stdout().lines().count() >= n) {
              return true;
            }
            if (!process.isAlive()) {
              throw new AssertionError("ended early with " + process.exitValue() + ": " + err());
            }
            return false;
          });
      return System.nanoTime();
    }

    String err() {
      try {
        return Files.readString(errFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A finished process on the client host. */
  record Run(int exit, String stdout, String stderr, long millis, long endNanos) {
    /** Waits for l to end, at most limit (then kills it and fails: a hang). */
    static Run finish(Launched l, Duration limit) {
      try {
        if (!l.process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          l.process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
          l.process.destroyForcibly();
          throw new AssertionError(
              "still running after " + limit.toSeconds() + " s (a hang): " + l.err());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
      long end = System.nanoTime();
      return new Run(
          l.process.exitValue(), l.stdout(), l.err(), (end - l.startNanos) / 1_000_000, end);
    }
  }
}
