package daphnegrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.config.testing.TestGrid;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DistributedWorkerTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    return run(env, m -> {}, args);
  }

  private int run(
      Map<String, String> env, java.util.function.Consumer<GridMember> onStart, String... args) {
    CommandLine cl = DistributedWorker.commandLine(new DistributedWorker(env, dir, onStart));
    cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void noArgumentsPrintsDaphnesUsage() {
    assertEquals(1, run(Map.of()));
    assertEquals("", out.toString());
    assertTrue(
        err.toString().endsWith(DistributedWorker.USAGE + System.lineSeparator()), err.toString());
  }

  @Test
  void tooManyArgumentsPrintsDaphnesUsage() {
    assertEquals(1, run(Map.of(), "127.0.0.1:5701", "a.yaml", "b.yaml"));
    assertTrue(err.toString().contains(DistributedWorker.USAGE));
  }

  @Test
  void aMalformedAddressIsNamed() {
    assertEquals(1, run(Map.of(), "127.0.0.1"));
    assertEquals(
        "DistributedWorker: worker address '127.0.0.1' is malformed: no port (expected host:port,"
            + " e.g. 127.0.0.1:5701)"
            + System.lineSeparator()
            + DistributedWorker.USAGE
            + System.lineSeparator(),
        err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void badPeersAndMissingFilesAreConfigurationErrors() {
    assertEquals(1, run(Map.of(), "127.0.0.1:5701", "--peers", "a:1,b"));
    assertTrue(err.toString().startsWith("DistributedWorker: --peers entry 2 'b' is malformed"));
    err.getBuffer().setLength(0);
    assertEquals(1, run(Map.of("DISTRIBUTED_WORKERS", "x:y"), "127.0.0.1:5701"));
    assertTrue(err.toString().startsWith("DistributedWorker: DISTRIBUTED_WORKERS entry 1 'x:y'"));
    err.getBuffer().setLength(0);
    assertEquals(1, run(Map.of(), "127.0.0.1:5701", "missing.yaml"));
    assertTrue(
        err.toString().startsWith("DistributedWorker: config file " + dir.resolve("missing.yaml")),
        err.toString());
    err.getBuffer().setLength(0);
    assertEquals(1, run(Map.of(), "127.0.0.1:5701", "a.yaml", "--config", "b.yaml"));
    assertTrue(err.toString().contains("give the config file once"));
  }

  @Test
  void aTakenPortFailsToStartWithExitCode3() throws IOException {
    Path yaml = clusterYaml();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String self = "127.0.0.1:" + taken.getLocalPort();
      assertEquals(3, run(Map.of(), self, yaml.toString()));
      assertTrue(
          err.toString().startsWith("DistributedWorker: cannot start a worker on " + self + ": "),
          err.toString());
      assertEquals("", out.toString());
    }
  }

  @Test
  void printsTheStartLineAndExitsZeroAfterShutdown() throws Exception {
    Path yaml = clusterYaml();
    String self = "127.0.0.1:" + TestGrid.freePort();
    AtomicReference<GridMember> started = new AtomicReference<>();
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> run(Map.of(), started::set, self, "--config", yaml.toString()));
    try {
      GridMember member =
          TestGrid.awaitValue(Duration.ofSeconds(60), "worker started", started::get);
      assertEquals(
          "Started Distributed Worker on `" + self + "`" + System.lineSeparator(), out.toString());
      assertEquals("daphne-worker-127.0.0.1-" + self.split(":")[1], member.instance().getName());
      assertTrue(member.instance().getConfig().getClusterName().startsWith("worker-test-"));
      member.shutdown();
      assertEquals(0, exit.get(60, TimeUnit.SECONDS));
      assertEquals("", err.toString());
    } finally {
      GridMember m = started.get();
      if (m != null) {
        m.instance().getLifecycleService().terminate();
      }
    }
  }

  private Path clusterYaml() throws IOException {
    return Files.writeString(
        dir.resolve("w.yaml"),
        "hazelcast:\n  cluster-name: worker-test-" + UUID.randomUUID() + "\n");
  }
}
