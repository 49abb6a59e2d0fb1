package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The worker image of deploy/container (built by build-image with podman, FROM scratch) run for
 * real: two worker containers on the host network, bench/kmeans.daph with --distributed against
 * them prints what the local run prints, and `podman stop` makes each leave gracefully (exit 0).
 * Skipped, with the reason, when podman is missing or cannot run a container on this machine; the
 * image and the containers are removed at the end, also when a test fails.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.THIRD)
class ContainerGridIT {
  private static final int WORKERS = 2;
  private static final String IMAGE = "localhost/daphne-grid-worker:it-" + UUID.randomUUID();

  @TempDir static Path dir;
  private static boolean imageBuilt;

  /** podman's global options and run options that work here (see {@link #runnable()}). */
  private static List<String> global = List.of();

  private static List<String> runOptions = List.of();
  private static final List<String> containers = new ArrayList<>();

  @BeforeAll
  static void buildImage() throws Exception {
    if (!onPath("podman")) {
      skip("podman is not installed (apt-get install podman): the container test is skipped");
    }
    long t0 = System.nanoTime();
    Run build =
        exec(600, ProjectPaths.root().resolve("deploy/container/build-image").toString(), IMAGE);
    if (build.exit() != 0 && build.out().contains("build-image: podman build")) {
      // the root file system is made (the project's part); podman itself failed
      skip("podman cannot build an image on this machine: " + build.out().strip());
    }
    assertEquals(0, build.exit(), "build-image: " + build.out());
    imageBuilt = true;
    System.err.printf(
        "ContainerGridIT: image built in %d s%n", (System.nanoTime() - t0) / 1_000_000_000L);
    String reason = runnable();
    if (reason != null) {
      skip("podman cannot run a container on this machine: " + reason);
    }
  }

  @AfterAll
  static void removeAll() throws Exception {
    for (String c : containers) {
      podman(60, "rm", "-f", "-t", "0", c);
    }
    if (imageBuilt) {
      podman(60, "rmi", "-f", IMAGE);
    }
  }

  @Test
  void kmeansOnTwoWorkerContainersPrintsTheLocalResult() throws Exception {
    String cluster = "it-container-" + UUID.randomUUID();
    Files.writeString(dir.resolve("worker.yaml"), "hazelcast:\n  cluster-name: " + cluster + "\n");
    Files.writeString(
        dir.resolve("client.yaml"), "hazelcast-client:\n  cluster-name: " + cluster + "\n");
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < WORKERS; i++) {
      addresses.add("127.0.0.1:" + GridWorkers.freePort());
    }
    String list = String.join(",", addresses);
    for (String address : addresses) {
      String name = "daphne-it-" + UUID.randomUUID();
      List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name));
      args.addAll(runOptions);
      args.addAll(
          List.of(
              "-v",
              dir.resolve("worker.yaml") + ":/etc/daphne-grid/worker.yaml:ro",
              "-e",
              "DAPHNE_WORKER_CONFIG=/etc/daphne-grid/worker.yaml",
              "-e",
              "DAPHNE_WORKER_JVM_ARGS=-Xmx512m " + DrillJvm.QUICK_JIT,
              IMAGE,
              address,
              "--peers",
              list));
      Run run = podman(120, args.toArray(String[]::new));
      assertEquals(0, run.exit(), "podman run: " + run.out());
      containers.add(name);
    }
    for (int i = 0; i < WORKERS; i++) {
      String name = containers.get(i);
      String line = "Started Distributed Worker on `" + addresses.get(i) + "`";
      GridWorkers.await(
          "the start line of container " + name, () -> logs(name).contains(line) || !running(name));
      assertTrue(logs(name).contains(line), logs(name));
    }

    List<String> args = new ArrayList<>(List.of("--distributed"));
    args.addAll(KmeansReference.args());
    DaphneRun grid =
        DaphneRun.run(
            dir,
            Map.of(
                "DISTRIBUTED_WORKERS",
                list,
                "DAPHNE_CLIENT_CONFIG",
                dir.resolve("client.yaml").toString()),
            args);
    assertEquals(0, grid.exit(), grid.stderr());
    assertEquals(3, grid.stdout().lines().count(), grid.stdout());
    assertEquals(KmeansReference.localChecksum(), grid.stdout().lines().findFirst().orElseThrow());

    Run stop = podman(120, "stop", "-t", "60", containers.get(0), containers.get(1));
    assertEquals(0, stop.exit(), stop.out());
    for (String name : containers) {
      Run code = podman(30, "inspect", "--format", "{{.State.ExitCode}}", name);
      assertEquals("0", code.out().strip(), "a graceful leave exits 0: " + logs(name));
    }
  }

  /**
   * Finds the podman options under which the image runs here, or returns why none does. Inside
   * another container (as on the project's machines) podman's default rlimits can exceed the hard
   * limits it may set, and crun refuses cgroup v1/v2 hybrid hosts; runc and explicit rlimits work.
   */
  private static String runnable() throws Exception {
    List<String> limits =
        List.of(
            "--ulimit",
            "nofile=" + shell("ulimit -Hn") + ":" + shell("ulimit -Hn"),
            "--ulimit",
            "nproc=" + nprocLimit() + ":" + nprocLimit());
    List<List<List<String>>> tries =
        List.of(
            List.of(List.of(), List.of()),
            List.of(List.of(), limits),
            List.of(List.of("--runtime", "runc"), limits));
    StringBuilder why = new StringBuilder();
    for (List<List<String>> t : tries) {
      List<String> cmd = new ArrayList<>(t.get(0));
      cmd.addAll(List.of("run", "--rm"));
      cmd.addAll(t.get(1));
      cmd.addAll(List.of("--network=host", "--entrypoint", "/bin/bash", IMAGE, "-c", "echo up"));
      Run run = podman(120, cmd.toArray(String[]::new));
      if (run.exit() == 0 && run.out().contains("up")) {
        global = t.get(0);
        runOptions = new ArrayList<>(t.get(1));
        runOptions.add("--network=host");
        return null;
      }
      why.append(String.join(" ", cmd)).append(": ").append(run.out().strip()).append("; ");
    }
    return why.toString();
  }

  /** The hard process limit, at most kernel.pid_max (runc cannot set more inside a container). */
  private static long nprocLimit() throws Exception {
    String hard = shell("ulimit -Hu");
    long limit = "unlimited".equals(hard) ? Long.MAX_VALUE : Long.parseLong(hard);
    Path pidMax = Path.of("/proc/sys/kernel/pid_max");
    if (Files.isReadable(pidMax)) {
      limit = Math.min(limit, Long.parseLong(Files.readString(pidMax).strip()));
    }
    return limit;
  }

  private static String shell(String command) throws Exception {
    return exec(30, "bash", "-c", command).out().strip();
  }

  private static String logs(String name) {
    try {
      return podman(30, "logs", name).out();
    } catch (Exception e) {
      return "";
    }
  }

  private static boolean running(String name) {
    try {
      return podman(30, "inspect", "--format", "{{.State.Running}}", name).out().contains("true");
    } catch (Exception e) {
      return false;
    }
  }

  private static void skip(String what) {
    System.err.println("WARNING: " + what);
    assumeTrue(false, what);
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv("PATH").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  record Run(int exit, String out) {}

  private static Run podman(int seconds, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("podman");
    cmd.addAll(global);
    cmd.addAll(List.of(args));
    return exec(seconds, cmd.toArray(String[]::new));
  }

  /** Runs a command with stdout and stderr together. */
  private static Run exec(int seconds, String... cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "cmd", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " did not end in " + seconds + " s");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }
}
