package daphnegrid.runtime.grid;

import daphnegrid.cli.Daphne;
import daphnegrid.cli.Host;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a script in process as {@code bin/daphne} would, with the test class's embedded grid as the
 * grid a {@code --distributed} run uses (the grid tests' one way to run the CLI).
 */
final class InProcessRuns {
  private InProcessRuns() {}

  /** A finished run: its exit code, stdout and stderr. */
  record Run(int code, String out, String err) {}

  /**
   * Runs argv (options, then the script) with stdout and stderr into out and err; the exit code.
   */
  static int run(SharedGrid grid, StringWriter out, StringWriter err, List<String> argv) {
    return new Daphne(out, err, new Host(Path.of(""), System.getenv(), grid))
        .run(argv.toArray(String[]::new));
  }

  /** Runs argv (options, then the script). */
  static Run run(SharedGrid grid, List<String> argv) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run(grid, out, err, argv);
    return new Run(code, out.toString(), err.toString());
  }

  /** The command line of script with options before it. */
  static List<String> argv(Path script, String... options) {
    List<String> argv = new ArrayList<>(List.of(options));
    argv.add(script.toString());
    return argv;
  }
}
