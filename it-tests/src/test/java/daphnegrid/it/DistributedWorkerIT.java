package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.protocol.codec.MCShutdownMemberCodec;
import com.hazelcast.client.impl.spi.impl.ClientInvocation;
import com.hazelcast.cluster.Member;
import com.hazelcast.map.IMap;
import daphnegrid.config.GridClient;
import daphnegrid.config.GridConnector;
import daphnegrid.config.GridSettings;
import daphnegrid.config.GridUnavailableException;
import daphnegrid.config.WorkerAddress;
import daphnegrid.config.WorkerAddresses;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.kernels.DenseMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code bin/DistributedWorker} processes on free loopback ports with a random cluster
 * name, driven through the grid's own client code. The tests run in order: start, the processes,
 * cluster, clients, then one worker leaves by SIGTERM, then the other; then single workers of their
 * own whose member stops without a signal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedWorkerIT {
  private static final Duration START = Duration.ofSeconds(120);

  @TempDir static Path dir;

  private static final Path ROOT =
      Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
  private static GridSettings settings;
  private static List<WorkerAddress> workers;
  private static WorkerProcess w1;
  private static WorkerProcess w2;

  @BeforeAll
  static void startWorkers() throws IOException {
    assertTrue(
        Files.isRegularFile(ROOT.resolve("deploy/target/lib/grid-member.jar")),
        "build deploy first (mvn package)");
    String cluster = "it-" + UUID.randomUUID();
    settings = GridSettings.defaults().withClusterName(cluster);
    Path yaml =
        Files.writeString(
            dir.resolve("hazelcast-worker.yaml"), "hazelcast:\n  cluster-name: " + cluster + "\n");
    int p1 = GridWorkers.freePort();
    int p2 = GridWorkers.freePort();
    while (p2 == p1) {
      p2 = GridWorkers.freePort();
    }
    workers = List.of(new WorkerAddress("127.0.0.1", p1), new WorkerAddress("127.0.0.1", p2));
    String peers = WorkerAddresses.format(workers);
    long t0 = System.nanoTime();
    w1 =
        WorkerProcess.start(
            ROOT, dir, workers.get(0).toString(), yaml.toString(), "--peers", peers);
    w2 =
        WorkerProcess.start(
            ROOT, dir, workers.get(1).toString(), "--config", yaml.toString(), "--peers", peers);
    awaitStartLine(w1);
    long started1 = System.nanoTime();
    awaitStartLine(w2);
    long started2 = System.nanoTime();
    System.out.printf(
        "[timing] worker start lines after %d ms and %d ms%n",
        (started1 - t0) / 1_000_000, (started2 - t0) / 1_000_000);
  }

  @AfterAll
  static void killLeftovers() {
    for (WorkerProcess w : new WorkerProcess[] {w1, w2}) {
      if (w != null) {
        w.close();
      }
    }
  }

  @Test
  @Order(1)
  void eachWorkerPrintsExactlyDaphnesStartLine() {
    for (WorkerProcess w : List.of(w1, w2)) {
      assertEquals("Started Distributed Worker on `" + w.address + "`\n", w.stdout());
      assertEquals("", w.stderr());
      assertTrue(w.process.isAlive());
    }
  }

  @Test
  @Order(2)
  void eachWorkerProcessIsItsJvmWithTheStderrFilterIfAnyAsItsOnlyChild() {
    for (WorkerProcess w : List.of(w1, w2)) {
      List<String> cmd = w.cmdline();
      assertFalse(cmd.isEmpty(), "no command line for " + w.process.pid());
      assertTrue(cmd.get(0).endsWith("/bin/java"), cmd.toString());
      assertTrue(cmd.contains("daphnegrid.grid.DistributedWorker"), cmd.toString());
      assertEquals(w.address, cmd.get(cmd.indexOf("daphnegrid.grid.DistributedWorker") + 1));
      assertTrue(cmd.contains("-XX:+ExitOnOutOfMemoryError"), cmd.toString());
      List<ProcessHandle> children = w.process.toHandle().children().toList();
      if (!cmd.contains("jdk.incubator.vector")) {
        // JDK 25: the kernels define the Vector API's module at run time, the JVM prints no
        // incubator warning and the launcher sets up no filter
        assertTrue(cmd.contains("java.base/jdk.internal.module=ALL-UNNAMED"), cmd.toString());
        assertEquals(List.of(), children);
        continue;
      }
      assertEquals(1, children.size(), "children: " + children);
      List<String> filter = WorkerProcess.cmdline(children.get(0));
      // bash reading lines until the JVM's incubator warning, then cat passing bytes through
      String filterName = Path.of(filter.get(0)).getFileName().toString();
      assertTrue(List.of("cat", "bash").contains(filterName), filter.toString());
    }
  }

  @Test
  @Order(3)
  void theWorkersFormOneCluster() {
    long t0 = System.nanoTime();
    try (GridClient client = GridConnector.connect(settings, workers)) {
      System.out.printf(
          "[timing] client connected, 2 members, safe after %d ms%n",
          (System.nanoTime() - t0) / 1_000_000);
      assertEquals(2, client.memberCount());
    }
  }

  @Test
  @Order(4)
  void aClientWithAWrongAddressFailsFastAndSaysWhy() {
    List<WorkerAddress> wrong = List.of(new WorkerAddress("127.0.0.1", GridWorkers.freePort()));
    long t0 = System.nanoTime();
    GridUnavailableException e =
        assertThrows(GridUnavailableException.class, () -> GridConnector.connect(settings, wrong));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("[timing] wrong address reported after %d ms%n", ms);
    assertTrue(ms < 10_000, "took " + ms + " ms");
    assertTrue(e.getMessage().contains(wrong.get(0).toString()), e.getMessage());
    assertTrue(e.getMessage().contains("'" + settings.clusterName() + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
  }

  @Test
  @Order(5)
  void sigtermToOneWorkerKeepsEveryEntryOfABackedUpMap() throws InterruptedException {
    int entries = 400;
    try (GridClient client = GridConnector.connect(settings, workers)) {
      IMap<BlockKey, DenseBlock> map = client.instance().getMap(client.blocksMap(1));
      Map<BlockKey, DenseBlock> batch = new HashMap<>();
      for (int r = 0; r < entries; r++) {
        batch.put(
            new BlockKey(1, r, 0),
            new DenseBlock(r * 10L, DenseMatrix.ofDoubles(1, 3, r, -r, r * 0.5)));
      }
      map.putAll(batch);
      assertEquals(entries, map.size());

      List<ProcessHandle> family = w2.family();
      long t0 = System.nanoTime();
      assertEquals(0, w2.terminate(Duration.ofSeconds(120)), "exit status after SIGTERM");
      System.out.printf(
          "[timing] graceful leave after SIGTERM took %d ms%n",
          (System.nanoTime() - t0) / 1_000_000);
      await(
          "the stopped worker and its stderr filter have exited",
          () -> family.stream().noneMatch(WorkerProcess::running));
      assertEquals("", w2.stderr());
      await("the client sees one member", () -> client.memberCount() == 1);

      assertEquals(entries, map.size(), "no entry lost");
      for (int r = 0; r < entries; r++) {
        DenseBlock b = map.get(new BlockKey(1, r, 0));
        assertNotNull(b, "block row " + r);
        assertTrue(b.sameContents(batch.get(new BlockKey(1, r, 0))), "block row " + r);
      }
      map.destroy();
    }
  }

  @Test
  @Order(6)
  void stoppedWorkersLeaveNoProcessBehind() throws InterruptedException {
    List<ProcessHandle> family = w1.family();
    assertEquals(
        WorkerProcess.familySize(w1.process.toHandle()),
        family.size(),
        "the JVM and its stderr filter, if any: " + family);
    assertEquals(0, w1.terminate(Duration.ofSeconds(60)));
    await(
        "no process of either worker is left",
        () -> family.stream().noneMatch(WorkerProcess::running));
    assertFalse(w2.process.isAlive());
    assertEquals("", w1.stderr());
  }

  @Test
  @Order(7)
  void aWorkerWhoseMemberIsShutDownFromOutsideExitsWithStatus4() throws Exception {
    String cluster = "it-alone-" + UUID.randomUUID();
    Path yaml =
        Files.writeString(
            dir.resolve("alone.yaml"), "hazelcast:\n  cluster-name: " + cluster + "\n");
    WorkerAddress a = new WorkerAddress("127.0.0.1", GridWorkers.freePort());
    try (WorkerProcess w = WorkerProcess.start(ROOT, dir, a.toString(), yaml.toString())) {
      awaitStartLine(w);
      List<ProcessHandle> family = w.family();
      long t0;
      try (GridClient client =
          GridConnector.connect(GridSettings.defaults().withClusterName(cluster), List.of(a))) {
        Member member = client.instance().getCluster().getMembers().iterator().next();
        // the request Management Center's "shut down member" sends: the member shuts its own
        // instance down, which the worker did not ask for
        new ClientInvocation(
                ((HazelcastClientProxy) client.instance()).client,
                MCShutdownMemberCodec.encodeRequest(),
                null,
                member.getUuid())
            .invoke();
        t0 = System.nanoTime();
        assertTrue(w.process.waitFor(120, TimeUnit.SECONDS), "the worker is still running");
      }
      System.out.printf(
          "[timing] worker exited %d ms after its member was asked to shut down%n",
          (System.nanoTime() - t0) / 1_000_000);
      await(
          "the worker's stderr filter has exited",
          () -> family.stream().noneMatch(WorkerProcess::running));
      assertEquals(4, w.process.exitValue(), w.stderr());
      String err = w.stderr();
      assertTrue(
          err.startsWith(
              "DistributedWorker: the worker on "
                  + a
                  + " stopped without a stop signal: its Hazelcast instance was shut down from"
                  + " outside the worker"),
          err);
      assertEquals(1, err.lines().count(), err);
    }
  }

  @Test
  @Order(8)
  void aWorkerOutOfHeapExitsWithStatus3AndTheJvmsMessage() throws Exception {
    String cluster = "it-oom-" + UUID.randomUUID();
    Path yaml =
        Files.writeString(dir.resolve("oom.yaml"), "hazelcast:\n  cluster-name: " + cluster + "\n");
    WorkerAddress a = new WorkerAddress("127.0.0.1", GridWorkers.freePort());
    try (WorkerProcess w =
        WorkerProcess.start(
            ROOT,
            dir,
            Map.of("DAPHNE_WORKER_JVM_ARGS", "-Xmx128m"),
            a.toString(),
            yaml.toString())) {
      awaitStartLine(w);
      List<ProcessHandle> family = w.family();
      try (GridClient client =
          GridConnector.connect(GridSettings.defaults().withClusterName(cluster), List.of(a))) {
        IMap<BlockKey, DenseBlock> map = client.instance().getMap(client.blocksMap(1));
        DenseBlock eightMiB =
            new DenseBlock(0, DenseMatrix.ofDoubles(1024, 1024, new double[1 << 20]));
        // 8 MiB blocks into a 128 MiB heap; the JVM exits within a few of them
        for (int r = 0; r < 64 && WorkerProcess.running(w.process.toHandle()); r++) {
          try {
            map.set(new BlockKey(1, r, 0), eightMiB);
          } catch (RuntimeException gone) {
            break;
          }
        }
        assertTrue(w.process.waitFor(120, TimeUnit.SECONDS), "the worker is still running");
      }
      await(
          "the worker's stderr filter has exited",
          () -> family.stream().noneMatch(WorkerProcess::running));
      assertEquals(3, w.process.exitValue(), w.stderr());
      assertEquals("Terminating due to java.lang.OutOfMemoryError: Java heap space\n", w.stderr());
      assertEquals("Started Distributed Worker on `" + a + "`\n", w.stdout());
    }
  }

  private static void awaitStartLine(WorkerProcess w) {
    await(
        "start line of " + w.address + " (stderr: " + w.stderr() + ")",
        () -> {
          if (!w.process.isAlive()) {
            throw new AssertionError(
                "worker "
                    + w.address
                    + " exited with "
                    + w.process.exitValue()
                    + ": "
                    + w.stderr());
          }
          return w.stdout().contains("Started Distributed Worker");
        });
  }

  private static void await(String what, BooleanSupplier condition) {
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
}
