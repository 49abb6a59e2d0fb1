package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/daphne} as a user starts it: a script, a script with arguments and a bad command line,
 * and the shared conformance runner once over its whole corpus through the launcher, whose closing
 * line {@code conformance: N passed, N failed} this test prints.
 */
class LauncherSmokeIT {
  private static final Pattern SUMMARY =
      Pattern.compile("^conformance: (\\d+) passed, (\\d+) failed$", Pattern.MULTILINE);

  @TempDir Path dir;

  @Test
  void aScriptWithArgumentsPrintsItsOutputAndNothingElse() throws Exception {
    Path script =
        Files.writeString(dir.resolve("args.daph"), "x = $n * 2;\nprint(x);\nprint(\"done\");\n");
    DaphneRun run = DaphneRun.run(dir, Map.of(), List.of("args.daph", "n=21"));
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("42\ndone\n", run.stdout());
    assertEquals("", run.stderr());
    assertTrue(Files.exists(script));
  }

  @Test
  void extraJvmOptionsThatChooseAGcReplaceTheLaunchersChoice() throws Exception {
    Files.writeString(dir.resolve("gc.daph"), "print(sum(seq(1, 4)));\n");
    // the launcher's own -XX:+UseParallelGC beside this one made the JVM refuse to start
    DaphneRun run =
        DaphneRun.run(
            dir, Map.of("DAPHNE_EXTRA_JVM_ARGS", "-Xmx256m -XX:+UseSerialGC"), List.of("gc.daph"));
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("10\n", run.stdout());
    assertEquals("", run.stderr());
  }

  @Test
  void theVersionNamesTheVectorKernels() throws Exception {
    // on JDK 25 the launcher starts the JVM without --add-modules jdk.incubator.vector and the
    // kernels define the module at run time (daphnegrid.kernels.VectorModule); either way the
    // vector kernels must be the ones chosen
    DaphneRun run = DaphneRun.run(dir, Map.of(), List.of("--version"));
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("", run.stderr());
    assertTrue(
        Pattern.compile("\\nDaphne Grid .*, kernels simd-\\d+-gated\\)\\n$")
            .matcher(run.stdout())
            .find(),
        run.stdout());
  }

  @Test
  void aBadOptionIsAUsageErrorWithExitOne() throws Exception {
    DaphneRun run = DaphneRun.run(dir, Map.of(), List.of("--no-such-option", "x.daph"));
    assertEquals(1, run.exit());
    assertEquals("", run.stdout());
    assertTrue(run.stderr().contains("--no-such-option"), run.stderr());
  }

  @Test
  void theSharedConformanceRunnerPassesEveryCaseThroughTheLauncher() throws Exception {
    Path corpus = ProjectPaths.sharedConformance();
    if (corpus == null) {
      String what = "the shared conformance corpus is missing: the launcher run over it is skipped";
      System.err.println("WARNING: " + what);
      if ("true".equals(System.getenv("CI"))) {
        fail(what + " (CI=true requires it)");
      }
      assumeTrue(false, what);
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                "python3",
                corpus.resolve("run").toString(),
                "--jobs",
                "2",
                "--",
                ProjectPaths.daphne().toString())
            .directory(ProjectPaths.root().toFile())
            .redirectErrorStream(true);
    pb.environment().remove("DISTRIBUTED_WORKERS");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    System.out.print(out);
    Matcher m = SUMMARY.matcher(out);
    assertTrue(m.find(), "the conformance runner printed no closing line:\n" + out);
    assertEquals("0", m.group(2), out);
    assertEquals(0, code, out);
  }
}
