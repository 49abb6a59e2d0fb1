package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.config.GridClient;
import daphnegrid.config.GridConnector;
import daphnegrid.config.GridSettings;
import daphnegrid.config.WorkerAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/bin/start-workers, workers-status and stop-workers against real worker processes. */
class WorkerScriptsIT {
  private static final Path ROOT =
      Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

  @TempDir static Path state;
  private static final List<ProcessHandle> started = new ArrayList<>();

  record Run(int exit, String out, String err) {}

  @AfterAll
  static void stopEverything() throws Exception {
    run("stop-workers");
    for (ProcessHandle h : started) {
      h.descendants().forEach(ProcessHandle::destroyForcibly);
      h.destroyForcibly();
    }
  }

  @Test
  void startStatusStop() throws Exception {
    String cluster = "it-scripts-" + UUID.randomUUID();
    Files.writeString(state.resolve("w.yaml"), "hazelcast:\n  cluster-name: " + cluster + "\n");
    int base = twoFreePorts();
    String list = "127.0.0.1:" + base + ",127.0.0.1:" + (base + 1);

    Run start = run("start-workers", "2", String.valueOf(base));
    rememberWorkers();
    assertEquals(0, start.exit(), start.err());
    assertEquals("export DISTRIBUTED_WORKERS=" + list + "\n", start.out());
    assertTrue(start.err().contains("2 members, partitions safe"), start.err());

    Run again = run("start-workers", "2", String.valueOf(base + 10));
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("workers are already running"), again.err());

    Run status = run("workers-status");
    assertEquals(0, status.exit(), status.out() + status.err());
    assertTrue(status.out().contains("127.0.0.1:" + base + "  up"), status.out());
    assertTrue(status.out().contains("cluster '" + cluster + "': 2 members"), status.out());

    GridSettings settings = GridSettings.defaults().withClusterName(cluster);
    try (GridClient c = GridConnector.connect(settings, WorkerAddresses.parse(list))) {
      assertEquals(2, c.memberCount());
    }

    Run stop = run("stop-workers");
    assertEquals(0, stop.exit(), stop.err());
    assertTrue(stop.err().contains("stopped 2 workers"), stop.err());
    for (ProcessHandle h : started) {
      assertTrue(h.onExit().get(30, TimeUnit.SECONDS) != null && !h.isAlive());
    }
    Run stopAgain = run("stop-workers");
    assertEquals(0, stopAgain.exit());
    assertTrue(stopAgain.err().contains("no workers running"), stopAgain.err());
    assertEquals(1, run("workers-status").exit());
  }

  @Test
  void aBusyPortOrBadArgumentsFailAtOnce() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Run r = run("start-workers", "1", String.valueOf(busy.getLocalPort()));
      assertEquals(1, r.exit());
      assertEquals(
          "start-workers: port "
              + busy.getLocalPort()
              + " on 127.0.0.1 is in use; choose another BASE_PORT\n",
          r.err());
      assertEquals("", r.out());
    }
    Run bad = run("start-workers", "two");
    assertEquals(1, bad.exit());
    assertEquals("start-workers: N must be a number from 1 to 64, not 'two'\n", bad.err());
    assertEquals(1, run("start-workers").exit());
  }

  private static Run run(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("deploy/bin").resolve(script).toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(state, script, ".out");
    Path err = Files.createTempFile(state, script, ".err");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(state.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("DAPHNE_GRID_STATE", state.resolve("workers").toString());
    pb.environment().put("DAPHNE_WORKER_CONFIG", state.resolve("w.yaml").toString());
    pb.environment().remove("DISTRIBUTED_WORKERS");
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(script + " did not finish within 180 s");
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The launchers start-workers left running, for cleanup and the final check. */
  private static void rememberWorkers() throws IOException {
    try (var files = Files.list(state.resolve("workers"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
        Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(Files.readString(f).strip()));
        h.ifPresent(started::add);
      }
    }
  }

  /** A port p with p and p + 1 both free. */
  private static int twoFreePorts() throws IOException {
    for (int i = 0; i < 100; i++) {
      int p;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        p = s.getLocalPort();
      }
      if (p < 65535) {
        try (ServerSocket a = new ServerSocket(p, 1, InetAddress.getLoopbackAddress());
            ServerSocket b = new ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress())) {
          return p;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new AssertionError("no two adjacent free ports");
  }
}
