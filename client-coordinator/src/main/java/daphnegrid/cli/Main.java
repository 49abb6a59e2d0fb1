package daphnegrid.cli;

import daphnegrid.config.LauncherStderr;
import daphnegrid.kernels.ProcessStart;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Entry point of {@code bin/daphne}: runs the command and exits with its status. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    ProcessStart.mark();
    Writer out =
        new BufferedWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            1 << 16);
    Writer err =
        new BufferedWriter(new OutputStreamWriter(stderr(), StandardCharsets.UTF_8), 1 << 12);
    int code = new Daphne(out, err).run(args);
    LauncherStderr.finish();
    // exit explicitly: grid client threads are not daemons
    Runtime.getRuntime().halt(code);
  }

  /**
   * Where the run's stderr goes: the process's stderr, or — when the launcher found it to be a
   * terminal ({@code DAPHNE_STDERR_TTY=1}) and passed that terminal on as fd 3 — the terminal
   * itself. The launcher's stderr filter is a separate process, so lines through it could reach the
   * terminal after stdout written later; the progress line needs them in order.
   */
  private static OutputStream stderr() {
    if ("1".equals(System.getenv(ProgressLine.TERMINAL_ENV))) {
      try {
        return new FileOutputStream("/proc/self/fd/3");
      } catch (IOException | SecurityException e) {
        // no fd 3 (started another way): the ordinary stderr
      }
    }
    return new FileOutputStream(FileDescriptor.err);
  }
}
