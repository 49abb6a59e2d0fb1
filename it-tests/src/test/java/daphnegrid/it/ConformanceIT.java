package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Runs the shared DaphneDSL conformance corpus and the project's own golden cases through
 * bin/daphne. Every case of the shared corpus must pass except those listed, with the reason, in
 * known-conformance-failures.txt; every project case must pass.
 */
class ConformanceIT {
  private static final int REQUIRED_PASSES = 160;

  private static Set<String> knownFailures() throws IOException {
    Set<String> out = new TreeSet<>();
    try (InputStream in =
        ConformanceIT.class.getResourceAsStream("/known-conformance-failures.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          out.add(line.split("\\s+")[0]);
        }
      }
    }
    return out;
  }

  private static Path corpus() {
    Path c = ProjectPaths.sharedConformance();
    if (c == null) {
      System.out.println(
          "WARNING: shared conformance corpus not found (set CONFORMANCE_DIR or place it at"
              + " ../shared/conformance): shared-corpus tests are skipped");
    }
    assumeTrue(c != null, "shared conformance corpus not available");
    return c;
  }

  private static void assertOnlyKnownFailures(ConformanceRun run) throws IOException {
    Set<String> unexpected = new TreeSet<>(run.failures());
    unexpected.removeAll(knownFailures());
    assertTrue(unexpected.isEmpty(), "unexpected conformance failures: " + unexpected);
    assertTrue(
        run.passed() >= REQUIRED_PASSES,
        "only " + run.passed() + " cases passed, at least " + REQUIRED_PASSES + " required");
  }

  @Test
  void sharedCorpusWithAllCores() throws Exception {
    assertOnlyKnownFailures(ConformanceRun.execute(corpus(), null, List.of(), List.of()));
  }

  @Test
  void sharedCorpusWithOneThread() throws Exception {
    assertOnlyKnownFailures(
        ConformanceRun.execute(corpus(), null, List.of(), List.of("--num-threads=1")));
  }

  @Test
  void projectCasesAllPass() throws Exception {
    Path runner = corpus();
    ConformanceRun run =
        ConformanceRun.execute(runner, ProjectPaths.ownCases(), List.of(), List.of());
    assertEquals(0, run.failed(), "project golden cases failed: " + run.failures());
    assertTrue(run.passed() > 0, "no project golden cases ran");
  }
}
