package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * deploy/slurm/daphne-grid.sbatch on a real Slurm: slurmctld and two slurmd (Debian's slurm-wlm is
 * built with multiple-slurmd) started on this machine by it-tests/src/test/slurm/mini-slurm, on
 * loopback, with their own ports, directories and no authentication. The batch script starts one
 * worker per node through srun and runs bench/kmeans.daph with --distributed; its result must be
 * the local run's. The daemons, their jobs and the workers are stopped at the end, also when a test
 * fails; JUnit deletes the directory. Skipped when Slurm is not installed (.ci/run installs it
 * where apt-get is available).
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.THIRD)
class SlurmGridIT {
  private static final int NODES = 2;
  @TempDir static Path dir;
  private static Path slurmConf;

  /** The two jobs run at the same time (one CPU per node each), each with its own grid. */
  private static Grid kmeans;

  private static Grid cancelled;
  private static String kmeansJob;
  private static String cancelledJob;

  /** A job's workers: their first port and cluster name, and the YAML files that name it. */
  record Grid(String name, int port, String cluster) {
    String workers() {
      return "127.0.0.1:" + port + ",127.0.0.1:" + (port + 1);
    }
  }

  @BeforeAll
  static void startSlurm() throws Exception {
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "srun")) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    if (!missing.isEmpty()) {
      String what =
          "Slurm is not installed (no "
              + String.join(", ", missing)
              + "): the Slurm batch script test is skipped (apt-get install slurm-wlm)";
      System.err.println("WARNING: " + what);
      assumeTrue(false, what);
    }
    int ctld = freePorts(1);
    int slurmd = freePorts(NODES);
    Run start =
        exec(
            Map.of(),
            120,
            miniSlurm().toString(),
            "start",
            dir.resolve("slurm").toString(),
            String.valueOf(NODES),
            String.valueOf(ctld),
            String.valueOf(slurmd));
    assertEquals(0, start.exit(), "mini-slurm start: " + start.out());
    slurmConf = dir.resolve("slurm/slurm.conf");

    kmeans = grid("kmeans");
    List<String> longRun = KmeansReference.args();
    longRun.set(longRun.size() - 1, "iterations=100000");
    cancelled = grid("cancelled");
    kmeansJob = submit(kmeans, KmeansReference.args());
    cancelledJob = submit(cancelled, longRun);
  }

  private static Grid grid(String name) throws IOException {
    int port = freePorts(NODES);
    while (kmeans != null && Math.abs(port - kmeans.port()) < NODES) {
      port = freePorts(NODES);
    }
    Grid g = new Grid(name, port, "it-slurm-" + name + "-" + UUID.randomUUID());
    Files.writeString(
        dir.resolve(name + "-worker.yaml"), "hazelcast:\n  cluster-name: " + g.cluster() + "\n");
    Files.writeString(
        dir.resolve(name + "-client.yaml"),
        "hazelcast-client:\n  cluster-name: " + g.cluster() + "\n");
    return g;
  }

  @AfterAll
  static void stopSlurm() throws Exception {
    if (slurmConf == null) {
      return;
    }
    try {
      exec(Map.of(), 60, miniSlurm().toString(), "stop", dir.resolve("slurm").toString());
    } finally {
      // a backstop for a worker the cancelled jobs left behind
      for (Grid g : new Grid[] {kmeans, cancelled}) {
        if (g != null) {
          ProcessHandle.allProcesses()
              .filter(h -> String.join(" ", WorkerProcess.cmdline(h)).contains(g.workers()))
              .forEach(ProcessHandle::destroyForcibly);
        }
      }
    }
  }

  @Test
  void kmeansOnTwoNodesPrintsTheLocalResult() throws Exception {
    Map<String, String> end = awaitEnd(kmeansJob, 240);
    String out = read(dir.resolve("kmeans.out"));
    String err = read(dir.resolve("kmeans.err"));
    assertEquals("COMPLETED", end.get("JobState"), err);
    assertEquals("0:0", end.get("ExitCode"), err);
    List<String> lines = out.lines().toList();
    assertEquals(3, lines.size(), "checksum and two timings: " + out);
    assertEquals(KmeansReference.localChecksum(), lines.get(0), err);

    assertTrue(err.contains("2 workers: " + kmeans.workers()), err);
    assertTrue(err.contains("cluster '" + kmeans.cluster() + "': 2 members, partitions safe"), err);
    String workers = read(dir.resolve("daphne-grid-job-" + kmeansJob + "/workers.out"));
    int port = kmeans.port();
    assertTrue(workers.contains("0: Started Distributed Worker on `127.0.0.1:" + port), workers);
    assertTrue(
        workers.contains("1: Started Distributed Worker on `127.0.0.1:" + (port + 1)), workers);
    assertNoWorkerOf(kmeans);
  }

  @Test
  void scancelStopsTheWorkersGracefully() throws Exception {
    Path err = dir.resolve("cancelled.err");
    GridWorkers.await(
        "the grid of job " + cancelledJob + " formed",
        () -> read(err).contains("partitions safe") || ended(cancelledJob));
    assertTrue(read(err).contains("2 members, partitions safe"), read(err));

    Run cancel = exec(slurmEnv(), 30, "scancel", cancelledJob);
    assertEquals(0, cancel.exit(), cancel.out());
    Map<String, String> end = awaitEnd(cancelledJob, 120);
    assertEquals("CANCELLED", end.get("JobState"), read(err));
    assertTrue(read(err).contains("was told to stop"), read(err));
    assertNoWorkerOf(cancelled);
    // a worker that left gracefully exits 0: srun reports no task as killed or failed
    String workers = read(dir.resolve("daphne-grid-job-" + cancelledJob + "/workers.out"));
    assertFalse(workers.contains("Killed"), workers);
    assertFalse(workers.contains("exit code"), workers);
  }

  /** sbatch on both nodes, output in NAME.out and NAME.err; returns the job id. */
  private static String submit(Grid grid, List<String> scriptArgs) throws Exception {
    String name = grid.name();
    List<String> cmd = new ArrayList<>();
    cmd.add("sbatch");
    cmd.add("--parsable");
    cmd.add("--nodes=" + NODES);
    cmd.add("--chdir=" + dir);
    cmd.add("--output=" + dir.resolve(name + ".out"));
    cmd.add("--error=" + dir.resolve(name + ".err"));
    cmd.add(ProjectPaths.root().resolve("deploy/slurm/daphne-grid.sbatch").toString());
    cmd.addAll(scriptArgs);
    Map<String, String> env = slurmEnv();
    env.put("DAPHNE_WORKER_PORT", String.valueOf(grid.port()));
    env.put("DAPHNE_WORKER_CONFIG", dir.resolve(name + "-worker.yaml").toString());
    env.put("DAPHNE_CLIENT_CONFIG", dir.resolve(name + "-client.yaml").toString());
    // the job's processes inherit these (sbatch and srun pass the environment on)
    env.put("DAPHNE_WORKER_JVM_ARGS", DrillJvm.QUICK_JIT);
    env.put("DAPHNE_EXTRA_JVM_ARGS", DrillJvm.QUICK_JIT);
    // the job keeps the workers' output and logs in $TMPDIR/daphne-grid-job-<id>
    env.put("TMPDIR", dir.toString());
    Run run = exec(env, 30, cmd.toArray(String[]::new));
    assertEquals(0, run.exit(), "sbatch: " + run.out());
    String job = run.out().strip();
    assertTrue(job.matches("\\d+"), "sbatch --parsable printed " + run.out());
    return job;
  }

  /** Waits until the job has ended and returns its scontrol fields (JobState, ExitCode, ...). */
  private static Map<String, String> awaitEnd(String job, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      Map<String, String> fields = jobFields(job);
      String state = fields.getOrDefault("JobState", "");
      if (!state.isEmpty() && !List.of("PENDING", "RUNNING", "COMPLETING").contains(state)) {
        return fields;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + job + " still " + state + " after " + seconds + " s");
      }
      sleep(250);
    }
  }

  private static boolean ended(String job) {
    String state = jobFields(job).getOrDefault("JobState", "");
    return !state.isEmpty() && !List.of("PENDING", "RUNNING", "COMPLETING").contains(state);
  }

  private static Map<String, String> jobFields(String job) {
    Run show;
    try {
      show = exec(slurmEnv(), 30, "scontrol", "show", "job", job);
    } catch (Exception e) {
      throw new AssertionError("scontrol show job " + job, e);
    }
    Map<String, String> fields = new java.util.HashMap<>();
    Matcher m = Pattern.compile("(\\w+)=(\\S*)").matcher(show.out());
    while (m.find()) {
      fields.putIfAbsent(m.group(1), m.group(2));
    }
    return fields;
  }

  private static void assertNoWorkerOf(Grid grid) {
    GridWorkers.await(
        "the workers on " + grid.workers() + " exited",
        () ->
            ProcessHandle.allProcesses()
                .noneMatch(
                    h -> String.join(" ", WorkerProcess.cmdline(h)).contains(grid.workers())));
    assertFalse(
        ProcessHandle.allProcesses()
            .anyMatch(h -> String.join(" ", WorkerProcess.cmdline(h)).contains(grid.workers())),
        "a process of " + grid.workers() + " is left");
  }

  private static Map<String, String> slurmEnv() {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("SLURM_CONF", slurmConf.toString());
    return env;
  }

  private static Path miniSlurm() {
    return ProjectPaths.root().resolve("it-tests/src/test/slurm/mini-slurm");
  }

  private static boolean onPath(String tool) {
    for (String d : (System.getenv("PATH") + ":/usr/sbin:/sbin").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  /** A free port on loopback followed by count - 1 free ones. */
  private static int freePorts(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = GridWorkers.freePort();
      boolean free = base + count <= 65535;
      for (int i = 1; i < count && free; i++) {
        try (ServerSocket s = new ServerSocket(base + i, 1, InetAddress.getLoopbackAddress())) {
          free = true;
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new AssertionError("no " + count + " consecutive free ports");
  }

  record Run(int exit, String out) {}

  /** Runs a command (stdout and stderr together), with /usr/sbin on the PATH for the daemons. */
  private static Run exec(Map<String, String> env, int seconds, String... cmd)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "cmd", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.redirectOutput(out.toFile());
    pb.environment().remove("DISTRIBUTED_WORKERS");
    pb.environment().put("PATH", System.getenv("PATH") + ":/usr/sbin:/sbin");
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " did not end in " + seconds + " s");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  private static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }
}
