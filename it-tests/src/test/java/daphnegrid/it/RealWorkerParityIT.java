package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.it.golden.GoldenCase;
import daphnegrid.it.golden.GoldenCorpus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden corpora with {@code --distributed} against two real worker processes on loopback: the
 * cases run through one long-lived client JVM ({@link daphnegrid.it.golden.BatchDriver}) sharing
 * one client of the workers, and each must print exactly its expected stdout and pinned stderr and
 * exit as expected, which the in-process tier has checked the local runs against. So every case's
 * grid output equals its local output byte for byte, errors included:
 *
 * <ul>
 *   <li>every case with every program placed on the grid ({@code --grid-min-cells=0});
 *   <li>the areas that move matrices with {@code --max-distr-chunk-size=100} (every block moves in
 *       pieces);
 *   <li>the areas with products with {@code --grid-broadcast-max-cells=0} (every product as a Jet
 *       job with the right side sent member to member);
 *   <li>every case with the default placement.
 * </ul>
 *
 * The shared corpus is included when it is there (see {@link GoldenCasesTest} for its absence).
 */
class RealWorkerParityIT {
  private static final List<String> ON_GRID = List.of("--distributed", "--grid-min-cells=0");

  @TempDir static Path dir;
  private static GridWorkers workers;

  @BeforeAll
  static void startWorkers() throws Exception {
    workers = GridWorkers.start(Files.createDirectories(dir.resolve("workers")), 2, Map.of());
  }

  @AfterAll
  static void stopWorkers() {
    if (workers != null) {
      workers.close();
    }
  }

  private static List<GoldenCorpus> corpora() {
    List<GoldenCorpus> out = new ArrayList<>();
    Path shared = ProjectPaths.sharedConformance();
    if (shared != null) {
      out.add(
          new GoldenCorpus("shared", shared.resolve("cases"), ProjectPaths.sharedDiagnostics()));
    } else {
      System.err.println(
          "WARNING: the shared conformance corpus is missing: its cases are NOT run against real"
              + " workers");
    }
    out.add(new GoldenCorpus("own", ProjectPaths.ownCases(), ProjectPaths.ownCases()));
    return out;
  }

  private record Planned(GoldenCase c, List<String> options) {}

  @Test
  void everyCaseOnRealWorkersPrintsWhatTheLocalRunPrints() throws Exception {
    List<Planned> plan = new ArrayList<>();
    for (GoldenCorpus corpus : corpora()) {
      for (GoldenCase c : corpus.cases()) {
        plan.add(new Planned(c, ON_GRID));
        String area = c.id().substring(0, c.id().indexOf('/') + 1);
        if (List.of("aggregation/", "elementwise/", "generators/", "matrices/", "sparse/")
            .contains(area)) {
          plan.add(new Planned(c, with(ON_GRID, "--max-distr-chunk-size=100")));
        }
        if (List.of("linalg/", "algorithms/").contains(area)) {
          plan.add(new Planned(c, with(ON_GRID, "--grid-broadcast-max-cells=0")));
        }
        plan.add(new Planned(c, List.of("--distributed")));
      }
    }
    List<String> results = drive(plan);
    List<String> failed = results.stream().filter(r -> r.startsWith("FAIL ")).toList();
    long passed = results.stream().filter(r -> r.startsWith("PASS ")).count();
    System.out.println(
        "golden cases on two real workers: " + passed + " passed, " + failed.size() + " failed");
    failed.forEach(f -> System.out.println("  " + f.replace("\\n", "\n    ")));
    assertEquals(List.of(), failed, "cases whose grid run differs from the local run");
    assertEquals(plan.size(), passed, "the driver did not report every case");
    assertTrue(passed > 500, "only " + passed + " runs");
  }

  private static List<String> with(List<String> base, String option) {
    List<String> out = new ArrayList<>(base);
    out.add(option);
    return out;
  }

  /** Runs the plan through one driver JVM; its result lines, in order. */
  private static List<String> drive(List<Planned> plan) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-") || a.startsWith("-Xss")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("daphnegrid.it.golden.BatchDriver");
    Path err = dir.resolve("driver.stderr");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
    pb.environment().putAll(workers.env());
    Process p = pb.start();
    Thread feeder =
        new Thread(
            () -> {
              try (Writer w =
                  new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                for (Planned x : plan) {
                  w.write(
                      x.c().area()
                          + "\t"
                          + x.c().name()
                          + "\t"
                          + x.c().stderrFile()
                          + "\t"
                          + String.join("\t", x.options())
                          + "\n");
                }
              } catch (IOException e) {
                // the driver died; its missing lines fail the test
              }
            });
    feeder.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null && !line.equals("END")) {
        lines.add(line);
      }
    } finally {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (lines.size() < plan.size()) {
      System.out.println("driver stderr:\n" + Files.readString(err));
    }
    return lines;
  }
}
