package daphnegrid.runtime;

import java.util.Map;

/**
 * The options of one run, fixed before it starts: script arguments (name to the raw text given on
 * the command line), the local engine's thread count, and the execution switches.
 *
 * @param scriptArgs script arguments as given ({@code name=value}), values not yet interpreted
 * @param threads threads of the local engine (at least 1)
 * @param distributed run distributable work on the grid
 * @param explain print the plan to stderr
 */
public record RunOptions(
    Map<String, String> scriptArgs, int threads, boolean distributed, boolean explain) {
  public RunOptions {
    scriptArgs = Map.copyOf(scriptArgs);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  public static RunOptions defaults() {
    return new RunOptions(Map.of(), Runtime.getRuntime().availableProcessors(), false, false);
  }
}
