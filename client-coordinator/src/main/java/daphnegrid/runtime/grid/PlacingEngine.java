package daphnegrid.runtime.grid;

import daphnegrid.kernels.pipeline.BlockProgram;
import daphnegrid.runtime.Engine;
import daphnegrid.runtime.MatrixSource;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Value;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine of {@code --distributed}: decides per program whether the grid or the local engine
 * runs it. A program goes to the grid when one of its split inputs already lives only there
 * (running it locally would collect the data), or when its split inputs hold at least {@link
 * GridOptions#placementMinCells()} cells; anything smaller stays local, where it takes microseconds
 * instead of a round trip. Generated matrices of at least that many cells are made on the grid.
 * Both engines cut blocks the same way and combine in block order, so placement never changes a
 * result.
 */
public final class PlacingEngine implements Engine {
  private final Engine local;
  private final GridEngine grid;
  private final long minCells;
  private final long broadcastMaxCells;

  /**
   * @param minCells programs with split inputs of at least this many cells run on the grid
   * @param broadcastMaxCells the largest right side of a product broadcast into grid programs
   */
  public PlacingEngine(Engine local, GridEngine grid, long minCells, long broadcastMaxCells) {
    this.local = local;
    this.grid = grid;
    this.minCells = minCells;
    this.broadcastMaxCells = broadcastMaxCells;
  }

  /** True if program should run on the grid. */
  boolean onGrid(BlockProgram program, Object[] inputs) {
    if (program.rows() == 0) {
      return false;
    }
    long cells = 0;
    for (int i = 0; i < inputs.length; i++) {
      if (program.inputs().get(i).kind() == BlockProgram.InputKind.SPLIT) {
        MatrixValue m = (MatrixValue) inputs[i];
        if (!m.isLocal()) {
          return true;
        }
        cells += m.cells();
      }
    }
    return cells >= minCells;
  }

  @Override
  public java.util.List<Object> execute(BlockProgram program, Object[] inputs) {
    return (onGrid(program, inputs) ? grid : local).execute(program, inputs);
  }

  @Override
  public String name() {
    return "grid|local";
  }

  @Override
  public String where(BlockProgram program, Object[] inputs) {
    return onGrid(program, inputs) ? grid.name() : local.name();
  }

  @Override
  public MatrixValue generate(MatrixSource source) {
    long cells = source.rows() * source.cols();
    if (source.rows() == 0
        || source.cols() == 0
        || cells < Math.max(1, minCells)
        || cells > daphnegrid.kernels.DenseMatrix.MAX_CELLS) {
      return null;
    }
    return grid.generate(source);
  }

  @Override
  public MatrixValue transpose(MatrixValue arg, String name) {
    if (arg.rows() > 0
        && arg.cols() > 0
        && (!arg.isLocal() || arg.cells() >= Math.max(1, minCells))) {
      return grid.transpose(arg, name);
    }
    return local.transpose(arg, name);
  }

  /** True if x @ W belongs where x is on the grid: x lives there or is large enough to go there. */
  private boolean belongsOnGrid(MatrixValue x) {
    return x.rows() > 0 && (x.remote() != null || x.cells() >= Math.max(1, minCells));
  }

  @Override
  public long fusedProductMaxCells(MatrixValue x) {
    return belongsOnGrid(x) ? broadcastMaxCells : local.fusedProductMaxCells(x);
  }

  /**
   * x @ y on the grid (a Jet job broadcasting y between members) when the product belongs there as
   * a program would: x lives on the grid or is at least the placement threshold.
   */
  @Override
  public MatrixValue matmul(
      MatrixValue x, MatrixValue y, daphnegrid.kernels.ValueType t, String name) {
    if (y.rows() == 0 || y.cols() == 0 || !belongsOnGrid(x)) {
      return null;
    }
    return grid.matmul(x, y, t, name);
  }

  @Override
  public daphnegrid.kernels.DenseMatrix rows(MatrixValue m, int r0, int r1) {
    return grid.rows(m, r0, r1);
  }

  @Override
  public boolean tracksLiveness() {
    return true;
  }

  @Override
  public void retain(Collection<Value> live) {
    try {
      if (local.tracksLiveness()) {
        local.retain(live);
      }
    } finally {
      grid.retain(live);
    }
  }

  @Override
  public void callStarted() {
    grid.callStarted();
  }

  @Override
  public void callFinished() {
    grid.callFinished();
  }

  @Override
  public Map<String, Double> timing() {
    Map<String, Double> m = new LinkedHashMap<>(local.timing());
    m.putAll(grid.timing());
    return m;
  }

  @Override
  public void close() {
    try {
      local.close();
    } finally {
      grid.close();
    }
  }
}
