package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grid engine against two real workers when things go wrong or end: an unreachable grid fails
 * fast, members return to their baseline after scripts, a killed client's maps are swept by the
 * members, and a worker leaving gracefully in the middle of a script does not change its output. In
 * order, because the last test stops a worker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GridFaultsIT {
  /** A k-means loop over data generated on the grid. */
  private static final String KMEANS =
      """
      X = rand(300000, 20, 0.0, 1.0, 1.0, 7);
      C = rand(4, 20, 0.0, 1.0, 1.0, 9);
      print(sum(X));
      for (it in 1:$iterations) {
          D = -2.0 * (X @ t(C)) + t(sum(C ^ 2, 0));
          P = D <= aggMin(D, 0);
          P = P / sum(P, 0);
          C = (t(P) @ X) / t(sum(P, 1));
      }
      print(C);
      print(sum(X * X));
      """;

  @TempDir static Path dir;
  private static GridWorkers workers;
  private static Path script;

  @BeforeAll
  static void start() throws Exception {
    workers =
        GridWorkers.start(
            Files.createDirectories(dir.resolve("workers")),
            2,
            Map.of("daphne.orphan-grace", "2s"));
    script = Files.writeString(dir.resolve("kmeans.daph"), KMEANS);
  }

  @AfterAll
  static void stop() {
    if (workers != null) {
      workers.close();
    }
  }

  private static DaphneRun distributed(String... args) throws Exception {
    List<String> a = new java.util.ArrayList<>(List.of("--distributed", "--grid-min-cells=0"));
    a.addAll(List.of(args));
    return DaphneRun.run(dir, workers.env(), a);
  }

  @Test
  @Order(0)
  void unreachableGridFailsFastWithExitThree() throws Exception {
    int port = GridWorkers.freePort();
    DaphneRun r =
        DaphneRun.run(
            dir,
            Map.of("DISTRIBUTED_WORKERS", "127.0.0.1:" + port),
            List.of("--distributed", script.toString(), "iterations=1"));
    assertEquals(3, r.exit(), r.stderr());
    assertEquals("", r.stdout());
    assertTrue(r.stderr().contains("cannot reach any worker"), r.stderr());
    assertTrue(r.millis() < 10_000, "took " + r.millis() + " ms");
  }

  @Test
  @Order(1)
  void membersReturnToTheirBaselineAfterScripts() throws Exception {
    List<long[]> before = workers.memberStats();
    for (int i = 0; i < 3; i++) {
      DaphneRun r = distributed(script.toString(), "iterations=3");
      assertEquals(0, r.exit(), r.stderr());
      assertEquals("", r.stderr());
    }
    Path failing =
        Files.writeString(
            dir.resolve("failing.daph"),
            "X = rand(300000, 20, 0.0, 1.0, 1.0, 7);\n"
                + "print(sum(X));\n"
                + "Y = X @ rand(3, 3, 0.0, 1.0, 1.0, 1);\n");
    DaphneRun f = distributed(failing.toString());
    assertEquals(3, f.exit(), f.stderr());
    assertTrue(f.stderr().contains("#cols of lhs"), f.stderr());
    List<long[]> after = workers.memberStats();
    for (int m = 0; m < after.size(); m++) {
      assertEquals(0, after.get(m)[0], "grid maps left on member " + m);
      assertEquals(0, after.get(m)[1], "cached blocks left on member " + m);
      long grown = after.get(m)[2] - before.get(m)[2];
      assertTrue(grown < 64L << 20, "member " + m + " heap grew by " + grown + " bytes");
    }
  }

  @Test
  @Order(2)
  void membersSweepTheMapsOfAKilledClient() throws Exception {
    Process p = launch("iterations=100000");
    try {
      awaitGridData(p);
      for (ProcessHandle h : p.toHandle().descendants().toList()) {
        h.destroyForcibly();
      }
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      GridWorkers.await(
          "the members to destroy the killed client's maps",
          () -> {
            try {
              return workers.memberStats().stream().allMatch(s -> s[0] == 0);
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          });
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  @Order(3)
  void ctrlCFreesTheScriptsMapsBeforeExiting() throws Exception {
    Process p = launch("iterations=100000");
    try {
      awaitGridData(p);
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "daphne did not stop on SIGINT");
      assertTrue(
          workers.memberStats().stream().allMatch(s -> s[0] == 0), "maps left right after Ctrl-C");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  @Order(4)
  void aWorkerLeavingGracefullyMidScriptChangesNothing() throws Exception {
    DaphneRun local = DaphneRun.run(dir, Map.of(), List.of(script.toString(), "iterations=150"));
    assertEquals(0, local.exit(), local.stderr());
    Process p = launch("iterations=150");
    awaitGridData(p);
    WorkerProcess leaving = workers.processes.get(1);
    assertEquals(0, leaving.terminate(Duration.ofSeconds(120)), "worker exit status");
    assertTrue(p.isAlive(), "the script ended before the worker had left: make it longer");
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "script did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes()));
    assertEquals(local.stdout(), out);
  }

  /** Starts bin/daphne --distributed on the k-means script; stdout and stderr are pipes. */
  private static Process launch(String iterations) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
                ProjectPaths.daphne().toString(),
                "--distributed",
                "--grid-min-cells=0",
                script.toString(),
                iterations)
            .directory(dir.toFile());
    pb.environment().putAll(workers.env());
    return pb.start();
  }

  /** Waits until the script has made its data on the grid (its maps exist on a member). */
  private static void awaitGridData(Process p) {
    GridWorkers.await(
        "the script's maps on the members",
        () -> {
          if (!p.isAlive()) {
            throw new AssertionError("the script ended early with " + p.exitValue());
          }
          try {
            return workers.memberStats().stream().anyMatch(s -> s[0] > 0);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }
}
