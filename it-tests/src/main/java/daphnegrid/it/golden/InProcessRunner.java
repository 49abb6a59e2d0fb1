package daphnegrid.it.golden;

import daphnegrid.cli.Daphne;
import daphnegrid.cli.Host;
import daphnegrid.runtime.grid.SharedGrid;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs golden cases through the {@code daphne} command's entry point ({@link Daphne#run}) in this
 * JVM, each in a fresh copy of its area folder as its working directory, the way the conformance
 * runner runs {@code bin/daphne} in a scratch copy. Runs with {@code --distributed} lease a
 * connection of the shared grid, so hundreds of cases share one embedded member or one client.
 */
public final class InProcessRunner {
  /** Stack of the thread a case runs on: deep recursion must report, not kill the test JVM. */
  private static final long STACK_BYTES = 64L << 20;

  private final Map<String, String> env;
  private final SharedGrid grid;
  private final Path scratch;
  private final Duration timeout;

  /**
   * @param env the environment variables the runs see
   * @param grid the grid {@code --distributed} runs share, or null for one per run
   * @param scratch where the runs' working directories are made
   */
  public InProcessRunner(Map<String, String> env, SharedGrid grid, Path scratch, Duration timeout) {
    this.env = env;
    this.grid = grid;
    this.scratch = scratch;
    this.timeout = timeout;
  }

  /** Runs c with the given options before the script (e.g. {@code --num-threads=1}). */
  public CaseRun run(GoldenCase c, List<String> options) {
    Path work;
    try {
      work = Files.createTempDirectory(scratch, "case");
      ScratchFolders.copyTree(c.area(), work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> argv = new ArrayList<>(options);
    argv.addAll(c.options());
    argv.add(c.name() + ".daph");
    argv.addAll(c.args());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int[] code = {CaseRun.TIMED_OUT};
    Host host = new Host(work, env, grid);
    Thread t =
        new Thread(
            null,
            () -> code[0] = new Daphne(out, err, host).run(argv.toArray(new String[0])),
            "golden " + c,
            STACK_BYTES);
    t.start();
    try {
      t.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      t.interrupt();
      return new CaseRun(CaseRun.TIMED_OUT, out.toString(), err.toString(), work);
    }
    return new CaseRun(code[0], out.toString(), relative(err.toString(), work), work);
  }

  /** text with the working directory's prefix removed from the paths it names. */
  private static String relative(String text, Path work) {
    String s = text.replace(work.toAbsolutePath() + "/", "");
    try {
      s = s.replace(work.toRealPath() + "/", "");
    } catch (IOException e) {
      // the folder is gone: nothing more to strip
    }
    return s;
  }
}
