package daphnegrid.cli;

import daphnegrid.runtime.grid.SharedGrid;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run of {@code daphne} takes from the process around it: the working directory relative
 * file names resolve against, the environment variables it reads ({@code DISTRIBUTED_WORKERS},
 * {@code DAPHNE_LAUNCH_US}, the grid's configuration), and optionally a grid shared with other runs
 * of the same process. {@code bin/daphne} uses {@link #process()}; tests and embedders run many
 * scripts in one JVM with a host of their own.
 *
 * @param workDir the run's working directory (the empty path: the process's own)
 * @param env the environment variables the run sees
 * @param grid the grid {@code --distributed} runs lease a connection from, or null to connect (or
 *     start an embedded grid) per run
 */
public record Host(Path workDir, Map<String, String> env, SharedGrid grid) {
  public Host {
    env = Map.copyOf(env);
  }

  /** The process's working directory and environment, a grid connection per run. */
  public static Host process() {
    return new Host(Path.of(""), System.getenv(), null);
  }
}
