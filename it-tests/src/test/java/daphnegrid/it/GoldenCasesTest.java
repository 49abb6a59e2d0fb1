package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hazelcast.client.config.ClientConfig;
import daphnegrid.config.GridSettings;
import daphnegrid.it.golden.CaseCheck;
import daphnegrid.it.golden.CaseRun;
import daphnegrid.it.golden.GoldenCase;
import daphnegrid.it.golden.GoldenCorpus;
import daphnegrid.it.golden.InProcessRunner;
import daphnegrid.it.golden.ScratchFolders;
import daphnegrid.runtime.grid.SharedGrid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden cases, run in this JVM through the {@code daphne} command's entry point: the project's
 * own cases (it-tests/src/test/conformance) and the shared conformance corpus (read in place from
 * ../shared/conformance/cases), each
 *
 * <ul>
 *   <li>locally with one thread and with the default threads, and
 *   <li>with {@code --distributed --grid-min-cells=0} (every program on the grid) on one embedded
 *       grid shared by all cases.
 * </ul>
 *
 * stdout must equal {@code .expected} byte for byte, the exit status {@code .exitcode}, and stderr
 * the pinned {@code .stderr} (empty when none is pinned; every error case has one). The project's
 * cases pin theirs beside the case; the shared corpus's are pinned in
 * it-tests/src/test/shared-diagnostics, since that corpus is not the project's to change.
 *
 * <p>Without the shared corpus its tests are skipped with a warning naming what was skipped, except
 * under CI ({@code CI=true}), where its absence fails the build.
 *
 * <p>{@code -Dgolden.filter=indexing/} runs a subset. {@code -Dgolden.pin=true} writes the stderr
 * of error cases that otherwise pass as their pinned diagnostics (for a new case, or after a
 * deliberate change of a message): review the diff.
 */
class GoldenCasesTest {
  private static final boolean PIN = Boolean.getBoolean("golden.pin");

  /** {@code -Dgolden.filter=area/} runs only the cases whose id contains the text. */
  private static final String FILTER = System.getProperty("golden.filter", "");

  private enum Mode {
    ONE_THREAD("local, 1 thread", List.of("--num-threads=1")),
    ALL_THREADS("local, default threads", List.of()),
    GRID("embedded grid", List.of("--distributed", "--grid-min-cells=0"));

    final String label;
    final List<String> options;

    Mode(String label, List<String> options) {
      this.label = label;
      this.options = options;
    }
  }

  private static Path scratch;
  private static SharedGrid grid;
  private static final Map<String, int[]> TALLY = new TreeMap<>();

  @BeforeAll
  static void setUp() throws IOException {
    scratch = Files.createTempDirectory("daphne-golden");
    grid = SharedGrid.embedded(GridSettings.of(new ClientConfig()));
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (grid != null) {
      grid.close();
    }
    ScratchFolders.deleteTree(scratch);
    TALLY.forEach(
        (k, v) ->
            System.out.println(
                "golden cases in process, " + k + ": " + v[0] + " passed, " + v[1] + " failed"));
  }

  @TestFactory
  Stream<DynamicNode> projectCases() {
    GoldenCorpus own = new GoldenCorpus("own", ProjectPaths.ownCases(), ProjectPaths.ownCases());
    return corpusTests(own);
  }

  @TestFactory
  Stream<DynamicNode> sharedCorpus() {
    Path shared = ProjectPaths.sharedConformance();
    if (shared == null) {
      String what =
          "the shared conformance corpus (../shared/conformance/cases beside the repository, or"
              + " $CONFORMANCE_DIR) is missing: its cases are NOT run locally, with one thread, or"
              + " on the embedded grid";
      System.err.println("WARNING: " + what);
      return Stream.of(
          DynamicTest.dynamicTest(
              "shared corpus",
              () -> {
                if ("true".equals(System.getenv("CI"))) {
                  fail(what + " (CI=true requires it)");
                }
                assumeTrue(false, what);
              }));
    }
    return corpusTests(
        new GoldenCorpus("shared", shared.resolve("cases"), ProjectPaths.sharedDiagnostics()));
  }

  private static Stream<DynamicNode> corpusTests(GoldenCorpus corpus) {
    List<GoldenCase> all = corpus.cases();
    assertTrue(!all.isEmpty(), "no cases in " + corpus.root());
    List<GoldenCase> cases = all.stream().filter(c -> c.id().contains(FILTER)).toList();
    List<DynamicNode> modes = new ArrayList<>();
    for (Mode m : Mode.values()) {
      List<DynamicNode> tests = new ArrayList<>();
      for (GoldenCase c : cases) {
        tests.add(
            DynamicTest.dynamicTest(c.id(), c.file(".daph").toUri(), () -> check(corpus, c, m)));
      }
      modes.add(DynamicContainer.dynamicContainer(corpus.name() + " corpus, " + m.label, tests));
    }
    return modes.stream();
  }

  private static void check(GoldenCorpus corpus, GoldenCase c, Mode m) throws IOException {
    Map<String, String> env = Map.of();
    InProcessRunner runner = new InProcessRunner(env, grid, scratch, Duration.ofSeconds(120));
    CaseRun r = runner.run(c, m.options);
    try {
      List<String> wrong = CaseCheck.mismatches(c, r);
      if (PIN && m == Mode.ALL_THREADS && pin(c, r, wrong)) {
        wrong = CaseCheck.mismatches(c, r);
      }
      int[] t = TALLY.computeIfAbsent(corpus.name() + " corpus, " + m.label, k -> new int[2]);
      t[wrong.isEmpty() ? 0 : 1]++;
      if (!wrong.isEmpty()) {
        fail(c + " (" + m.label + "):\n  " + String.join("\n  ", wrong));
      }
    } finally {
      ScratchFolders.deleteTree(r.workDir());
    }
  }

  /** Pins r's stderr for c when only stderr differs; true if it wrote the file. */
  private static boolean pin(GoldenCase c, CaseRun r, List<String> wrong) throws IOException {
    boolean onlyStderr =
        !wrong.isEmpty()
            && wrong.stream()
                .allMatch(
                    w ->
                        w.startsWith("stderr:")
                            || w.startsWith("the error case has no pinned stderr"));
    if (!onlyStderr || r.stderr().isEmpty()) {
      return false;
    }
    Files.createDirectories(c.stderrFile().getParent());
    Files.writeString(c.stderrFile(), r.stderr(), StandardCharsets.UTF_8);
    return true;
  }
}
