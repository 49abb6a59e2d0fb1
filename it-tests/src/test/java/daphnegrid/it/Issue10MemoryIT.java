package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's repro: a matrix of 20,000,000 x 10 f64 (1.6 GB, 3.2 GB with its backup) on two workers
 * of 512 MiB heap. It must fail with exit 3 and a message with the figures, before any block is
 * made, leaving both workers healthy: a small client started at the same time finishes with the
 * right output, and the next script on both workers runs correctly.
 */
class Issue10MemoryIT {
  private static final String BIG =
      """
      X = rand(20000000, 10, 0.0, 1.0, 1, 42);
      print(sum(X));
      """;

  /** 100,000 x 10 cells of 1.0: the sums are exact. */
  private static final String SMALL =
      """
      Y = rand(100000, 10, 1.0, 1.0, 1, 7);
      print(sum(Y));
      print(sum(Y * 2.0));
      """;

  /** 2,000,000 x 10 cells of 0.5, on both workers (64 block rows over 271 partitions). */
  private static final String NEXT =
      """
      X = fill(0.5, 2000000, 10);
      print(sum(X));
      print(sum(X + 1.5, 0)[0:2, ]);
      """;

  @TempDir static Path dir;
  private static GridWorkers workers;

  @BeforeAll
  static void start() throws Exception {
    workers =
        GridWorkers.start(
            Files.createDirectories(dir.resolve("workers")),
            2,
            Map.of(),
            Map.of("DAPHNE_WORKER_JVM_ARGS", "-Xmx512m"));
  }

  @AfterAll
  static void stop() {
    if (workers != null) {
      workers.close();
    }
  }

  private static DaphneRun distributed(String name, String text) throws Exception {
    Path script = Files.writeString(dir.resolve(name), text);
    return DaphneRun.run(dir, workers.env(), List.of("--distributed", script.toString()));
  }

  @Test
  void aMatrixTooLargeForTheGridFailsClearlyAndTheWorkersStayHealthy() throws Exception {
    CompletableFuture<DaphneRun> big =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return distributed("big.daph", BIG);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    DaphneRun small = distributed("small.daph", SMALL);
    DaphneRun b = big.get();
    System.out.println("[issue 10] the too large rand failed after " + b.millis() + " ms");

    assertEquals(3, b.exit(), b.stderr());
    assertEquals("", b.stdout());
    assertTrue(
        b.stderr()
            .contains(
                "big.daph:1:5: error: rand: grid: rand 20000000x10 f64 needs 3.2 GB on the grid"
                    + " (1.6 GB + 1 backup), "),
        b.stderr());
    assertTrue(b.stderr().contains(" free on 2 workers: 127.0.0.1:"), b.stderr());
    assertEquals(1, b.stderr().strip().lines().count(), b.stderr());

    assertEquals(0, small.exit(), small.stderr());
    assertEquals("1e+06\n2e+06\n", small.stdout());

    for (WorkerProcess p : workers.processes) {
      assertTrue(p.process.isAlive(), "worker " + p.address + " died: " + p.stderr());
    }
    DaphneRun next = distributed("next.daph", NEXT);
    assertEquals(0, next.exit(), next.stderr());
    assertEquals("1e+07\nDenseMatrix(2x1, double)\n20\n20\n", next.stdout());
    assertEquals(2, workers.memberStats().size());
  }
}
