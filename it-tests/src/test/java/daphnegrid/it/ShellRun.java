package daphnegrid.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A short shell process run to its end: its exit status and its output (stderr merged), trimmed.
 */
record ShellRun(int exit, String out) {
  /** Starts pb with stderr merged into stdout and waits up to a minute for it to end. */
  static ShellRun of(ProcessBuilder pb) throws IOException, InterruptedException {
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the shell did not finish: " + pb.command());
    }
    return new ShellRun(p.exitValue(), out);
  }
}
