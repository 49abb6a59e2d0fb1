package daphnegrid.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One run of the conformance runner: its output, counts, and the cases that failed. */
record ConformanceRun(String output, int passed, int failed, Set<String> failures) {
  private static final Pattern SUMMARY =
      Pattern.compile("^conformance: (\\d+) passed, (\\d+) failed$", Pattern.MULTILINE);
  private static final Pattern FAIL = Pattern.compile("^FAIL (\\S+): ", Pattern.MULTILINE);

  /**
   * Runs {@code run [runnerArgs] -- bin/daphne [daphneArgs]} from the corpus at corpus (its runner)
   * over root (null: the corpus's own cases) and echoes the output to stdout.
   */
  static ConformanceRun execute(
      Path corpus, Path root, List<String> runnerArgs, List<String> daphneArgs)
      throws IOException, InterruptedException {
    return execute(corpus, root, runnerArgs, daphneArgs, java.util.Map.of());
  }

  /** As above, with extra environment variables for the runner and bin/daphne. */
  static ConformanceRun execute(
      Path corpus,
      Path root,
      List<String> runnerArgs,
      List<String> daphneArgs,
      java.util.Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("python3");
    cmd.add(corpus.resolve("run").toString());
    cmd.add("--jobs");
    cmd.add("2");
    if (root != null) {
      cmd.add("--root");
      cmd.add(root.toString());
    }
    cmd.addAll(runnerArgs);
    cmd.add("--");
    cmd.add(ProjectPaths.daphne().toString());
    cmd.addAll(daphneArgs);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).directory(ProjectPaths.root().toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    System.out.println("$ " + String.join(" ", cmd));
    System.out.print(out);
    Matcher m = SUMMARY.matcher(out);
    if (!m.find()) {
      throw new AssertionError("the conformance runner printed no summary line:\n" + out);
    }
    Set<String> failures = new TreeSet<>();
    Matcher f = FAIL.matcher(out);
    while (f.find()) {
      failures.add(f.group(1));
    }
    return new ConformanceRun(
        out, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), failures);
  }
}
