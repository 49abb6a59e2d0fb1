package daphnegrid.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * The options of one run, fixed before it starts: script arguments (name to the raw text given on
 * the command line), the local engine's thread count, the execution switches, and the directory
 * relative file names of the script are resolved against.
 *
 * @param scriptArgs script arguments as given ({@code name=value}), values not yet interpreted
 * @param threads threads of the local engine (at least 1)
 * @param distributed run distributable work on the grid
 * @param explain print the plan to stderr
 * @param workDir the run's working directory; the empty path means the process's own, and then file
 *     names stay exactly as the script wrote them (also in messages)
 * @param sparse whether and when matrices are held in CSR form ({@code --select-matrix-repr})
 */
public record RunOptions(
    Map<String, String> scriptArgs,
    int threads,
    boolean distributed,
    boolean explain,
    Path workDir,
    SparseSelection sparse) {
  public RunOptions {
    scriptArgs = Map.copyOf(scriptArgs);
    java.util.Objects.requireNonNull(sparse);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /** Options of a run with every matrix dense. */
  public RunOptions(
      Map<String, String> scriptArgs,
      int threads,
      boolean distributed,
      boolean explain,
      Path workDir) {
    this(scriptArgs, threads, distributed, explain, workDir, SparseSelection.OFF);
  }

  /** Options of a run in the process's working directory. */
  public RunOptions(
      Map<String, String> scriptArgs, int threads, boolean distributed, boolean explain) {
    this(scriptArgs, threads, distributed, explain, Path.of(""));
  }

  public static RunOptions defaults() {
    return new RunOptions(Map.of(), Runtime.getRuntime().availableProcessors(), false, false);
  }

  /** A file name of the script, resolved against the run's working directory. */
  public String file(String name) {
    return workDir.resolve(name).toString();
  }
}
