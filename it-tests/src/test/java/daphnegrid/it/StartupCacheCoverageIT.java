package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typical scripts run with every class of the project and its libraries from bin/daphne's start-up
 * cache (deploy/bin/make-startup-cache), and with no class defined at run time. A class the cache
 * lacks costs the opening of every jar before its own on the class path and the class's
 * verification; a method-handle class spun at run time (a record's generated equals, a string
 * concatenation the training never linked) several milliseconds: a loop that merged types once spun
 * seven of them. JDK classes from the runtime image are not counted: which of them a run needs
 * depends on the environment (the locale's charset, for one). Checked with the JVM's class loading
 * log on the JDKs that have a cache for this build; elsewhere (JDK 17) the test is skipped.
 */
class StartupCacheCoverageIT {
  @TempDir Path dir;

  /**
   * Lines of the class loading log whose class came neither from the start-up cache nor from the
   * JDK's runtime image: from a jar, or defined at run time.
   */
  private static List<String> notFromTheCache(String stdout) {
    List<String> missing = new ArrayList<>();
    int fromCache = 0;
    for (String line : stdout.split("\n")) {
      if (!line.contains("[class,load]")) {
        continue;
      }
      if (line.contains("source: shared objects file")) {
        fromCache++;
      } else if (!line.contains("source: jrt:/")) {
        missing.add(line);
      }
    }
    assumeTrue(fromCache > 0, "no start-up cache for this JDK: skipped");
    return missing;
  }

  private void assertAllFromTheCache(String name, String text, String expected, String... args)
      throws Exception {
    Files.writeString(dir.resolve(name), text);
    List<String> cmd = new ArrayList<>();
    cmd.add(name);
    cmd.addAll(List.of(args));
    DaphneRun run =
        DaphneRun.run(dir, Map.of("DAPHNE_EXTRA_JVM_ARGS", "-Xlog:class+load=info:stdout"), cmd);
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("", run.stderr());
    List<String> missing = notFromTheCache(run.stdout());
    assertTrue(missing.isEmpty(), name + " loaded classes outside the cache:\n" + missing);
    StringBuilder printed = new StringBuilder();
    for (String line : run.stdout().split("\n")) {
      if (!line.contains("[class,load]")) {
        printed.append(line).append('\n');
      }
    }
    assertEquals(expected, printed.toString());
  }

  @Test
  void aMatrixScriptWithLoopsFunctionsAndArgumentsLoadsOnlyCachedClasses() throws Exception {
    String script =
        """
        def center(m: matrix<f64>) -> matrix<f64> { return m - mean(m, 1); }
        X = rand($n, 5, 0.0, 1.0, 1.0, 7);
        C = rand(3, 5, 0.0, 1.0, 1.0, 9);
        for (it in 1:3) {
            D = -2.0 * (X @ t(C)) + t(sum(C ^ 2, 0));
            P = D <= aggMin(D, 0);
            P = P / sum(P, 0);
            C = (t(P) @ X) / t(sum(P, 1));
        }
        Y = center(X);
        s = 0.0;
        i = 0;
        while (i < 3) { s = s + sum(abs(Y)) + sum(sqrt(X)); i = i + 1; }
        if (s > 0.0) { print(nrow(C)); } else { print(s); }
        print($name);
        """;
    assertAllFromTheCache("typical.daph", script, "3\nx\n", "n=100", "name=\"x\"");
  }

  @Test
  void aFrameAndSqlScriptLoadsOnlyCachedClasses() throws Exception {
    String script =
        """
        F = createFrame([1, 2, 3], [4.5, 5.5, 6.5], "a", "b");
        registerView("f", F);
        R = sql("SELECT f.a, f.b FROM f WHERE f.a > 1;");
        print(R);
        """;
    assertAllFromTheCache(
        "frames.daph", script, "Frame(2x2, [f.a:int64_t, f.b:double])\n2 5.5\n3 6.5\n");
  }
}
