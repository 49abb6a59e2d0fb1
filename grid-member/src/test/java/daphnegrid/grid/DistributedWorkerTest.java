package daphnegrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.instance.impl.OutOfMemoryHandlerHelper;
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
  void aKubernetesJoinWithPeersIsAConfigurationError() throws IOException {
    Path yaml = dir.resolve("k8s.yaml");
    Files.writeString(
        yaml,
        "hazelcast:\n  network:\n    join:\n      kubernetes:\n        enabled: true\n"
            + "        service-dns: daphne-grid.default.svc.cluster.local\n");
    assertEquals(
        1, run(Map.of("DISTRIBUTED_WORKERS", "127.0.0.1:5702"), "127.0.0.1:5701", yaml.toString()));
    assertEquals(
        "DistributedWorker: the worker config enables the Kubernetes join, and peers are given"
            + " (--peers or DISTRIBUTED_WORKERS): use one of them"
            + System.lineSeparator()
            + DistributedWorker.USAGE
            + System.lineSeparator(),
        err.toString());
    assertEquals("", out.toString());
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
  void aBadMetricsPortIsAConfigurationError() {
    assertEquals(1, run(Map.of(), "127.0.0.1:5701", "--metrics-port", "x"));
    assertTrue(
        err.toString()
            .startsWith(
                "DistributedWorker: --metrics-port must be a port number or 'off', got 'x'"),
        err.toString());
    err.getBuffer().setLength(0);
    assertEquals(1, run(Map.of(), "127.0.0.1:5701", "--metrics-port", "5701"));
    assertTrue(err.toString().contains("is the worker's own Hazelcast port"), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(
        1, run(Map.of(), "127.0.0.1:5701", "--peers", "127.0.0.1:5702", "--metrics-port", "5702"));
    assertTrue(
        err.toString().contains("is the Hazelcast port of the worker 127.0.0.1:5702"),
        err.toString());
    err.getBuffer().setLength(0);
    assertEquals(1, run(Map.of(DistributedWorker.METRICS_PORT_ENV, "70000"), "127.0.0.1:5701"));
    assertTrue(
        err.toString().contains("DAPHNE_METRICS_PORT must be a port from 1 to 65535, got 70000"),
        err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void aTakenMetricsPortThatWasAskedForFailsWithExitCode3() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String self = "127.0.0.1:" + TestGrid.freePort();
      Path yaml = clusterYaml();
      int code =
          run(
              Map.of(),
              self,
              yaml.toString(),
              "--metrics-port",
              String.valueOf(taken.getLocalPort()));
      assertEquals(3, code);
      assertTrue(
          err.toString()
              .startsWith(
                  "DistributedWorker: cannot start a worker on "
                      + self
                      + ": metrics port "
                      + taken.getLocalPort()),
          err.toString());
      assertEquals("", out.toString());
    }
  }

  @Test
  void servesMetricsOnTheChosenPort() throws Exception {
    int port = TestGrid.freePort();
    try (Started w = new Started("--metrics-port", String.valueOf(port))) {
      java.net.http.HttpResponse<String> r =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("\ndaphne_grid_programs_total 0"), r.body());
      assertTrue(r.body().contains("\nhazelcast_cluster_members 1"), r.body());
      w.member.shutdown();
      assertEquals(0, w.exit.get(60, TimeUnit.SECONDS));
    }
    // the endpoint is closed with the worker: the port is free again
    new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
  }

  @Test
  void printsTheStartLineAndExitsZeroAfterShutdown() throws Exception {
    try (Started w = startWorker()) {
      assertEquals(
          "Started Distributed Worker on `" + w.self + "`" + System.lineSeparator(),
          out.toString());
      assertEquals(
          "daphne-worker-127.0.0.1-" + w.self.split(":")[1], w.member.instance().getName());
      assertTrue(w.member.instance().getConfig().getClusterName().startsWith("worker-test-"));
      w.member.shutdown();
      assertEquals(0, w.exit.get(60, TimeUnit.SECONDS));
      assertEquals("", err.toString());
    }
  }

  @Test
  void aMemberShutDownFromOutsideEndsTheWorkerWithStatus4() throws Exception {
    try (Started w = startWorker()) {
      // what a member or cluster shutdown request (a client, Management Center) does
      w.member.instance().shutdown();
      assertEquals(DistributedWorker.EXIT_MEMBER_STOPPED, w.exit.get(60, TimeUnit.SECONDS));
      assertOneLineSaying("was shut down from outside the worker", w.self);
    }
  }

  @Test
  void aMemberHazelcastStopsWithoutEventsEndsTheWorkerWithStatus4() throws Exception {
    try (Started w = startWorker()) {
      // Hazelcast's out-of-memory handler does exactly this to each member of the JVM: close its
      // sockets and stop the node directly ("Terminating forcefully"), firing no lifecycle event
      OutOfMemoryHandlerHelper.tryShutdown(
          ((HazelcastInstanceProxy) w.member.instance()).getOriginal());
      assertEquals(DistributedWorker.EXIT_MEMBER_STOPPED, w.exit.get(60, TimeUnit.SECONDS));
      assertOneLineSaying("Hazelcast stopped the member on its own", w.self);
    }
  }

  @Test
  void aFailedMergeTerminatesTheMemberAndEndsTheWorkerWithStatus4() throws Exception {
    try (Started w = startWorker()) {
      // the event Hazelcast's merge task fires when the member cannot merge back after a split
      ((HazelcastInstanceProxy) w.member.instance())
          .getOriginal()
          .getLifecycleService()
          .fireLifecycleEvent(LifecycleState.MERGE_FAILED);
      assertEquals(DistributedWorker.EXIT_MEMBER_STOPPED, w.exit.get(60, TimeUnit.SECONDS));
      assertOneLineSaying("could not merge back after a network split", w.self);
      assertFalse(w.member.instance().getLifecycleService().isRunning());
    }
  }

  private void assertOneLineSaying(String reason, String self) {
    String e = err.toString();
    assertTrue(
        e.startsWith(
            "DistributedWorker: the worker on " + self + " stopped without a stop signal: "),
        e);
    assertTrue(e.contains(reason), e);
    assertEquals(1, e.lines().count(), e);
  }

  /** A worker running in this JVM, its exit status to come; close() kills its member. */
  private final class Started implements AutoCloseable {
    final String self = "127.0.0.1:" + TestGrid.freePort();
    final AtomicReference<GridMember> started = new AtomicReference<>();
    final CompletableFuture<Integer> exit;
    final GridMember member;

    Started(String... extra) throws IOException {
      Path yaml = clusterYaml();
      String[] args = new String[3 + extra.length];
      args[0] = self;
      args[1] = "--config";
      args[2] = yaml.toString();
      System.arraycopy(extra, 0, args, 3, extra.length);
      exit = CompletableFuture.supplyAsync(() -> run(Map.of(), started::set, args));
      try {
        member =
            TestGrid.awaitValue(
                Duration.ofSeconds(60),
                "worker started",
                () -> {
                  if (exit.isDone()) {
                    throw new AssertionError("worker exited with " + exit.join() + ": " + err);
                  }
                  return started.get();
                });
      } catch (RuntimeException | Error e) {
        close();
        throw e;
      }
    }

    @Override
    public void close() {
      GridMember m = started.get();
      if (m != null) {
        m.instance().getLifecycleService().terminate();
      }
    }
  }

  private Started startWorker() throws IOException {
    return new Started();
  }

  private Path clusterYaml() throws IOException {
    return Files.writeString(
        dir.resolve("w.yaml"),
        "hazelcast:\n  cluster-name: worker-test-" + UUID.randomUUID() + "\n");
  }
}
