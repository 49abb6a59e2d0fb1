package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.map.IMap;
import daphnegrid.config.GridClient;
import daphnegrid.config.GridConnector;
import daphnegrid.config.GridSettings;
import daphnegrid.config.WorkerAddresses;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.kernels.DenseMatrix;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/bin/start-workers, workers-status and stop-workers against real worker processes. Each
 * test stops what it started, also when it fails.
 */
class WorkerScriptsIT {
  private static final Path ROOT =
      Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

  @TempDir static Path state;
  private final List<ProcessHandle> started = new ArrayList<>();

  record Run(int exit, String out, String err) {}

  @AfterEach
  void stopEverything() throws Exception {
    try {
      run("stop-workers");
    } finally {
      for (ProcessHandle h : started) {
        h.descendants().forEach(ProcessHandle::destroyForcibly);
        h.destroyForcibly();
      }
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

    Map<String, Long> pids = pidFiles();
    assertEquals(2, pids.size(), pids.toString());
    for (long pid : pids.values()) {
      List<String> cmd = WorkerProcess.cmdline(ProcessHandle.of(pid).orElseThrow());
      assertTrue(cmd.get(0).endsWith("/bin/java"), "pid file names the JVM: " + cmd);
      assertTrue(cmd.contains("daphnegrid.grid.DistributedWorker"), cmd.toString());
    }

    int blocks = 40;
    GridSettings settings = GridSettings.defaults().withClusterName(cluster);
    try (GridClient c = GridConnector.connect(settings, WorkerAddresses.parse(list))) {
      assertEquals(2, c.memberCount());
      IMap<BlockKey, DenseBlock> map = c.instance().getMap(c.blocksMap(1));
      Map<BlockKey, DenseBlock> batch = new HashMap<>();
      for (int r = 0; r < blocks; r++) {
        batch.put(new BlockKey(1, r, 0), new DenseBlock(r, DenseMatrix.ofDoubles(1, 2, r, r)));
      }
      map.putAll(batch);

      Run status = run("workers-status");
      assertEquals(0, status.exit(), status.out() + status.err());
      List<String> lines = status.out().lines().toList();
      assertEquals(4, lines.size(), status.out());
      long primaries = 0;
      long backups = 0;
      for (int i = 0; i < 2; i++) {
        int port = base + i;
        Matcher m =
            Pattern.compile(
                    "127\\.0\\.0\\.1:"
                        + port
                        + "  up    pid "
                        + pids.get(String.valueOf(port))
                        + "  heap (\\d+) MiB used, (\\d+) MiB free  blocks (\\d+) \\(\\+(\\d+)"
                        + " backups\\)  backup count 1  cluster '"
                        + Pattern.quote(cluster)
                        + "'")
                .matcher(lines.get(i));
        assertTrue(m.matches(), lines.get(i));
        assertTrue(Long.parseLong(m.group(1)) > 0, lines.get(i));
        assertTrue(Long.parseLong(m.group(2)) > 0, lines.get(i));
        primaries += Long.parseLong(m.group(3));
        backups += Long.parseLong(m.group(4));
      }
      assertEquals(blocks, primaries, status.out());
      assertEquals(blocks, backups, "one backup of each block: " + status.out());
      assertEquals("cluster '" + cluster + "': 2 members, partitions safe", lines.get(2));
      assertEquals("DISTRIBUTED_WORKERS=" + list, lines.get(3));
      map.destroy();
    }

    Run stop = run("stop-workers");
    assertEquals(0, stop.exit(), stop.err());
    assertTrue(stop.err().contains("stopped 2 workers"), stop.err());
    for (ProcessHandle h : started) {
      assertFalse(WorkerProcess.running(h), "worker " + h.pid() + " still runs");
    }
    Run stopAgain = run("stop-workers");
    assertEquals(0, stopAgain.exit());
    assertTrue(stopAgain.err().contains("no workers running"), stopAgain.err());
    assertEquals(1, run("workers-status").exit());
  }

  @Test
  void aWorkerKilledWithSignal9IsDownAndStopWorkersStopsTheOther() throws Exception {
    String cluster = "it-scripts-" + UUID.randomUUID();
    Files.writeString(state.resolve("w.yaml"), "hazelcast:\n  cluster-name: " + cluster + "\n");
    int base = twoFreePorts();
    Run start = run("start-workers", "2", String.valueOf(base));
    rememberWorkers();
    assertEquals(0, start.exit(), start.err());

    Map<String, Long> pids = pidFiles();
    ProcessHandle killed = ProcessHandle.of(pids.get(String.valueOf(base))).orElseThrow();
    ProcessHandle other = ProcessHandle.of(pids.get(String.valueOf(base + 1))).orElseThrow();
    List<ProcessHandle> killedFamily = new ArrayList<>(killed.descendants().toList());
    killedFamily.add(killed);
    assertEquals(
        WorkerProcess.familySize(killed),
        killedFamily.size(),
        "the JVM and its stderr filter, if any: " + killedFamily);
    killed.destroyForcibly(); // SIGKILL
    GridWorkers.await(
        "the killed worker's JVM and stderr filter are gone",
        () -> killedFamily.stream().noneMatch(WorkerProcess::running));

    Run status = run("workers-status");
    assertEquals(1, status.exit(), status.out() + status.err());
    assertTrue(status.out().startsWith("127.0.0.1:" + base + "  down  (output: "), status.out());
    assertTrue(
        status
            .out()
            .contains("\n127.0.0.1:" + (base + 1) + "  up    pid " + other.pid() + "  heap "),
        status.out());
    assertTrue(
        status.out().contains("\ncluster '" + cluster + "': 1 member, partitions safe\n"),
        status.out());

    List<ProcessHandle> otherFamily = new ArrayList<>(other.descendants().toList());
    otherFamily.add(other);
    Run stop = run("stop-workers");
    assertEquals(0, stop.exit(), stop.err());
    assertTrue(stop.err().contains("stopped 1 workers"), stop.err());
    GridWorkers.await(
        "the other worker's JVM and stderr filter are gone",
        () -> otherFamily.stream().noneMatch(WorkerProcess::running));
    assertEquals(Map.of(), pidFiles());
    assertTrue(run("stop-workers").err().contains("no workers running"));
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

  /** The workers start-workers left running, for cleanup and the final check. */
  private void rememberWorkers() throws IOException {
    for (long pid : pidFiles().values()) {
      ProcessHandle.of(pid).ifPresent(started::add);
    }
  }

  /** Port to pid, from the pid files of the state directory. */
  private static Map<String, Long> pidFiles() throws IOException {
    Map<String, Long> pids = new TreeMap<>();
    Path dir = state.resolve("workers");
    if (!Files.isDirectory(dir)) {
      return pids;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
        String name = f.getFileName().toString();
        pids.put(
            name.substring(0, name.length() - ".pid".length()),
            Long.parseLong(Files.readString(f).strip()));
      }
    }
    return pids;
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
