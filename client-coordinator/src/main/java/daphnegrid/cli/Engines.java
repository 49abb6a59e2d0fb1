package daphnegrid.cli;

import daphnegrid.config.GridException;
import daphnegrid.dsl.ScriptException;
import daphnegrid.plan.Placement;
import daphnegrid.runtime.RunOptions;
import daphnegrid.runtime.grid.GridConnection;
import daphnegrid.runtime.grid.GridEngine;
import daphnegrid.runtime.grid.GridOptions;
import daphnegrid.runtime.local.ComputePool;
import daphnegrid.runtime.local.LocalEngine;
import java.io.Writer;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the engines of a run and their {@link Placement}: the local engine alone, or for {@code
 * --distributed} the local and the grid engine. With {@code DISTRIBUTED_WORKERS} set, the workers
 * are connected to before the script runs — all of them, in one safe cluster — so an unusable grid
 * is reported (exit 3) before any work is done; without it an embedded one-member grid starts in
 * this process when the first grid operation needs it.
 *
 * <p>A grid engine frees its maps on close, and a shutdown hook closes it if the JVM is stopped
 * (Ctrl-C) while a script runs.
 */
final class Engines {
  private Engines() {}

  static Placement create(
      RunOptions options, ComputePool pool, GridOptions grid, Writer explain, Host host) {
    return create(options, pool, grid, explain, host, daphnegrid.runtime.Progress.NONE);
  }

  /** As above, the grid engine reporting its work to progress. */
  static Placement create(
      RunOptions options,
      ComputePool pool,
      GridOptions grid,
      Writer explain,
      Host host,
      daphnegrid.runtime.Progress progress) {
    Map<String, String> env = host.env();
    LocalEngine local = new LocalEngine(pool);
    if (!options.distributed()) {
      return Placement.local(local);
    }
    GridEngine engine;
    try {
      Supplier<GridConnection> connector =
          host.grid() != null ? host.grid()::lease : GridConnection.connector(env, host.workDir());
      engine = new GridEngine(connector, grid, explain, progress);
      if (GridConnection.workersListed(env)) {
        engine.connectNow();
      }
    } catch (GridException e) {
      local.close();
      throw new ScriptException.Runtime(null, e.getMessage());
    }
    engine.closeOnShutdown();
    return Placement.distributed(
        local, engine, grid.placementMinCells(), grid.broadcastMaxCells(), progress);
  }
}
