package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The progress line of {@code bin/daphne --distributed}: drawn in place on a terminal (the run
 * under {@code script}, which gives it a pseudo-terminal), never when stderr is a file; --explain
 * lines still start on lines of their own. The embedded grid is used (no workers), and the drawing
 * delay is 0 so that every piece of grid work is drawn however fast it is.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.SECOND)
class ProgressLineIT {
  private static final String SCRIPT =
      String.join(
          "\n",
          "X = rand(5000, 4, 0.0, 1.0, 1.0, 7);",
          "print(sum(X * 2 + 1) > 0);",
          "print(sum(t(X)) > 0);",
          "");
  private static final Pattern DRAWN =
      Pattern.compile("\\r\\[progress\\] work\\.daph:(\\d+)  (\\d+)/(\\d+) blocks  ([^\\r\\n]*)");

  @TempDir Path dir;

  @Test
  void drawnOnATerminalOnlyAndExplainLinesStayWhole() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "no script(1): skipped");
    Path script = Files.writeString(dir.resolve("work.daph"), SCRIPT);
    List<String> args =
        List.of("--distributed", "--grid-min-cells=0", "--explain", script.toString());
    Map<String, String> env = Map.of("DAPHNE_PROGRESS_DELAY_MS", "0");

    DaphneRun plain = DaphneRun.run(dir, env, args);
    assertEquals(0, plain.exit(), plain.stderr());
    assertEquals("1\n1\n", plain.stdout());
    assertFalse(plain.stderr().contains("[progress]"), plain.stderr());
    assertFalse(plain.stderr().contains("\r"), plain.stderr());

    String tty = underScript(env, args).replace("\r\n", "\n");
    Matcher m = DRAWN.matcher(tty);
    int drawings = 0;
    boolean program = false;
    boolean job = false;
    while (m.find()) {
      drawings++;
      program |= m.group(4).startsWith("program ") && m.group(1).equals("2");
      job |= m.group(4).startsWith("Jet job '") && m.group(1).equals("3");
      assertTrue(Integer.parseInt(m.group(2)) <= Integer.parseInt(m.group(3)), m.group());
    }
    assertTrue(drawings > 0, "no progress drawn:\n" + tty);
    assertTrue(program, "no program of line 2 drawn:\n" + tty);
    assertTrue(job, "no Jet job of line 3 drawn:\n" + tty);
    // every explain line starts a line: at the start, after a newline, or after the erasing \r
    for (int at = tty.indexOf("[explain]"); at >= 0; at = tty.indexOf("[explain]", at + 1)) {
      char before = at == 0 ? '\n' : tty.charAt(at - 1);
      assertTrue(before == '\n' || before == '\r', "explain line inside another:\n" + tty);
    }
    // what is left once the drawings are erased: the same lines as the plain run
    String erased = tty.replaceAll("\\r\\[progress\\][^\\r\\n]*", "").replaceAll("\\r *\\r", "");
    // (explain lines name per-run maps and jobs: compared by count)
    assertEquals(
        plain.stderr().lines().filter(l -> l.startsWith("[explain]")).count(),
        erased.lines().filter(l -> l.startsWith("[explain]")).count(),
        erased);
    assertEquals(
        plain.stdout().lines().toList(),
        erased.lines().filter(l -> !l.isBlank() && !l.startsWith("[explain]")).toList(),
        erased);
  }

  /** bin/daphne args under script(1): stdout and stderr on one pseudo-terminal, as typed. */
  private String underScript(Map<String, String> env, List<String> args)
      throws IOException, InterruptedException {
    StringBuilder cmd = new StringBuilder(ProjectPaths.daphne().toString());
    for (String a : args) {
      cmd.append(" '").append(a.replace("'", "'\\''")).append("'");
    }
    Path out = dir.resolve("typescript.out");
    ProcessBuilder pb =
        new ProcessBuilder("script", "-q", "-e", "-c", cmd.toString(), "/dev/null")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    pb.environment().remove("DISTRIBUTED_WORKERS");
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("bin/daphne under script did not end");
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    return text;
  }
}
