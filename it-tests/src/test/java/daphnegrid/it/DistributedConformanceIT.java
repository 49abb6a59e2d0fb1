package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared conformance corpus with {@code --distributed} against two real workers on loopback,
 * compared case by case with the local run:
 *
 * <ul>
 *   <li>a mirror of the corpus whose expected stdout and exit code are what the <em>local</em> run
 *       printed is run distributed with every program placed on the grid ({@code
 *       --grid-min-cells=0}) and {@code --strict-stdout}: every case's stdout must equal the local
 *       stdout byte for byte, errors included;
 *   <li>the same with {@code --max-distr-chunk-size=100} (every block moves in pieces) on the areas
 *       that move matrices;
 *   <li>the same with {@code --grid-broadcast-max-cells=0} (every matrix product as a Jet job with
 *       the right side sent member to member) on the areas with products;
 *   <li>the corpus itself with the default placement must pass at least as many cases as locally.
 * </ul>
 */
class DistributedConformanceIT {
  @TempDir static Path dir;
  private static GridWorkers workers;
  private static Path corpus;
  private static Path mirror;
  private static int localPassed;

  @BeforeAll
  static void setUp() throws Exception {
    corpus = ProjectPaths.sharedConformance();
    assumeTrue(corpus != null, "shared conformance corpus not available");
    workers = GridWorkers.start(Files.createDirectories(dir.resolve("workers")), 2, Map.of());
    mirror = localMirror(corpus.resolve("cases"), dir.resolve("mirror"));
    ConformanceRun local = ConformanceRun.execute(corpus, null, List.of(), List.of());
    localPassed = local.passed();
  }

  @AfterAll
  static void stopWorkers() {
    if (workers != null) {
      workers.close();
    }
  }

  /**
   * Copies the corpus to target with each case's .expected and .exitcode replaced by what a local
   * run of that case printed and returned (run in a fresh copy of its area folder, as the runner
   * does).
   */
  static Path localMirror(Path cases, Path target) throws Exception {
    copyTree(cases, target);
    List<Path> scripts;
    try (Stream<Path> s = Files.walk(target, 2)) {
      scripts = s.filter(p -> p.toString().endsWith(".daph")).sorted().toList();
    }
    for (Path script : scripts) {
      Path area = script.getParent();
      String name = script.getFileName().toString().replaceAll("\\.daph$", "");
      Path scratch = Files.createTempDirectory(dir, "case");
      copyTree(cases.resolve(area.getFileName()), scratch);
      List<String> args = new ArrayList<>();
      args.add(name + ".daph");
      Path argFile = area.resolve(name + ".args");
      if (Files.exists(argFile)) {
        for (String line : Files.readAllLines(argFile)) {
          if (!line.isEmpty()) {
            args.add(line);
          }
        }
      }
      DaphneRun r = DaphneRun.run(scratch, Map.of(), args);
      Files.writeString(area.resolve(name + ".expected"), r.stdout());
      Files.writeString(area.resolve(name + ".exitcode"), r.exit() + "\n");
    }
    return target;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Test
  void everyCaseOnTheGridPrintsWhatTheLocalRunPrinted() throws Exception {
    ConformanceRun run =
        ConformanceRun.execute(
            corpus,
            mirror,
            List.of("--distributed", "--strict-stdout"),
            List.of("--grid-min-cells=0"),
            workers.env());
    assertEquals(0, run.failed(), "cases whose grid stdout differs from local: " + run.failures());
    assertTrue(run.passed() >= 168, "only " + run.passed() + " cases ran");
  }

  @Test
  void resultsDoNotDependOnTheChunkSize() throws Exception {
    for (String area : List.of("aggregation/", "elementwise/", "generators/", "matrices/")) {
      ConformanceRun run =
          ConformanceRun.execute(
              corpus,
              mirror,
              List.of("--distributed", "--strict-stdout", "--filter", area),
              List.of("--grid-min-cells=0", "--max-distr-chunk-size=100"),
              workers.env());
      assertEquals(0, run.failed(), area + " with 100-byte chunks: " + run.failures());
    }
  }

  @Test
  void productsThroughTheJetJobPrintWhatTheLocalRunPrinted() throws Exception {
    for (String area : List.of("linalg/", "algorithms/")) {
      ConformanceRun run =
          ConformanceRun.execute(
              corpus,
              mirror,
              List.of("--distributed", "--strict-stdout", "--filter", area),
              List.of("--grid-min-cells=0", "--grid-broadcast-max-cells=0"),
              workers.env());
      assertEquals(0, run.failed(), area + " with every product as a Jet job: " + run.failures());
      assertTrue(run.passed() > 0, "no cases in " + area);
    }
  }

  @Test
  void defaultPlacementPassesAsManyCasesAsLocal() throws Exception {
    ConformanceRun run =
        ConformanceRun.execute(corpus, null, List.of("--distributed"), List.of(), workers.env());
    assertTrue(
        run.passed() >= localPassed,
        "distributed passed " + run.passed() + ", local " + localPassed + ": " + run.failures());
  }
}
