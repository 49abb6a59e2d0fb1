package daphnegrid.plan;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.pipeline.BlockProgram;
import daphnegrid.kernels.pipeline.RowBlocks;
import daphnegrid.runtime.Engine;
import daphnegrid.runtime.MatrixSource;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Operand;
import daphnegrid.runtime.Reachable;
import daphnegrid.runtime.SparseEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which engine runs each piece of work: the one place that decides, once per program, product,
 * generator or transpose, and whose decision both {@code --explain} and the execution use.
 *
 * <p>Without a grid everything runs locally. With {@code --distributed}, work goes to the grid when
 * an operand it splits by rows already lives only there (running it locally would collect the
 * data), or when those operands hold at least {@code minCells} cells; anything smaller stays local,
 * where it takes microseconds instead of a round trip. Both engines cut blocks the same way and
 * combine in block order, so placement never changes a result.
 */
public final class Placement implements AutoCloseable {
  /**
   * A matrix product is fused into a pass (its right operand broadcast to every tile) when the
   * right operand has at most this many cells, i.e. stays in the L2 cache; larger products run as
   * one blocked, multi-threaded matrix multiply.
   */
  public static final long FUSED_MATMUL_MAX_CELLS = 1 << 15;

  /** An engine the placement can choose. */
  public enum Site {
    LOCAL,
    GRID
  }

  /**
   * How x @ y runs: fused into a pass over x's rows with y broadcast ({@code fusable}, if the
   * planner defers it), otherwise as one product on {@code site}.
   */
  public record Product(boolean fusable, Site site) {}

  private final Engine local;
  private final Engine grid;
  private final long minCells;
  private final long broadcastMaxCells;
  private final daphnegrid.runtime.Progress progress;

  private Placement(
      Engine local,
      Engine grid,
      long minCells,
      long broadcastMaxCells,
      daphnegrid.runtime.Progress progress) {
    this.local = local;
    this.grid = grid;
    this.minCells = minCells;
    this.broadcastMaxCells = broadcastMaxCells;
    this.progress = progress;
  }

  /** Everything on the local engine. */
  public static Placement local(Engine local) {
    return new Placement(
        local, null, Long.MAX_VALUE, FUSED_MATMUL_MAX_CELLS, daphnegrid.runtime.Progress.NONE);
  }

  /**
   * Local and grid engine.
   *
   * @param minCells work whose split operands hold at least this many cells runs on the grid
   * @param broadcastMaxCells the largest right side of a product broadcast into grid programs
   */
  public static Placement distributed(
      Engine local, Engine grid, long minCells, long broadcastMaxCells) {
    return distributed(local, grid, minCells, broadcastMaxCells, daphnegrid.runtime.Progress.NONE);
  }

  /** Local and grid engine, with where the run reports its progress (statements, grid work). */
  public static Placement distributed(
      Engine local,
      Engine grid,
      long minCells,
      long broadcastMaxCells,
      daphnegrid.runtime.Progress progress) {
    return new Placement(local, grid, minCells, broadcastMaxCells, progress);
  }

  /** Where the run reports its progress. */
  public daphnegrid.runtime.Progress progress() {
    return progress;
  }

  /** The engine of a site. */
  public Engine engine(Site site) {
    return site == Site.GRID ? grid : local;
  }

  /** Where program runs over inputs. */
  public Site program(BlockProgram program, List<Operand> inputs) {
    if (grid == null || program.rows() == 0) {
      return Site.LOCAL;
    }
    long cells = 0;
    for (Operand in : inputs) {
      if (in instanceof Operand.Split s) {
        if (!s.matrix().isLocal()) {
          return Site.GRID;
        }
        cells += s.matrix().cells();
      }
    }
    return cells >= minCells ? Site.GRID : Site.LOCAL;
  }

  /**
   * Where a generated matrix is made: on the grid when it is large enough and can be made block by
   * block there (a dense integer rand or a dense rand of sparsity below 1 cannot: their draws
   * depend on every cell before; a sparse rand whose result is CSR goes to {@link #csrStore}
   * instead, and is then made on the members by replaying its stream).
   */
  public Site generate(MatrixSource source) {
    if (grid == null || source.rows() == 0 || source.cols() == 0) {
      return Site.LOCAL;
    }
    if (source instanceof MatrixSource.Rand r && !r.blockwise()) {
      return Site.LOCAL;
    }
    long cells = source.rows() * source.cols();
    return cells >= Math.max(1, minCells) && cells <= DenseMatrix.MAX_CELLS
        ? Site.GRID
        : Site.LOCAL;
  }

  /**
   * The largest t(arg) made on the coordinator whatever the placement: a matrix of at most one row
   * block either way round and this many cells (256 KiB of doubles) moves in one message, in less
   * time than a Jet job takes to start.
   */
  public static final long LOCAL_TRANSPOSE_MAX_CELLS = 1 << 15;

  /**
   * Where t(arg) is made: where arg lives, or on the grid when it is large enough; a matrix small
   * enough for {@link #LOCAL_TRANSPOSE_MAX_CELLS} always on the coordinator.
   */
  public Site transpose(MatrixValue arg) {
    if (grid == null || arg.rows() == 0 || arg.cols() == 0 || oneSmallBlock(arg)) {
      return Site.LOCAL;
    }
    return !arg.isLocal() || arg.cells() >= Math.max(1, minCells) ? Site.GRID : Site.LOCAL;
  }

  private static boolean oneSmallBlock(MatrixValue arg) {
    return arg.cells() <= LOCAL_TRANSPOSE_MAX_CELLS
        && arg.rows() <= RowBlocks.MIN_ROWS
        && arg.cols() <= RowBlocks.MIN_ROWS;
  }

  /**
   * How x @ y runs. A product belongs where x is or will be: on the grid when x lives there, will
   * be computed there (a pending x over grid data), or is large enough to go there. There the right
   * side is broadcast into the pass over x's blocks up to {@code broadcastMaxCells} (it travels to
   * the members instead of x to the coordinator), locally up to what stays in the cache; a larger
   * right side makes one product where x belongs.
   */
  public Product product(MatrixValue x, MatrixValue y) {
    boolean onGrid = grid != null && x.rows() > 0 && onGrid(x);
    long max = onGrid ? broadcastMaxCells : FUSED_MATMUL_MAX_CELLS;
    boolean fusable = y.cells() <= max;
    boolean gridProduct = !fusable && onGrid && y.rows() > 0 && y.cols() > 0;
    return new Product(fusable, gridProduct ? Site.GRID : Site.LOCAL);
  }

  /** True if x's cells are, or will be, on the grid. */
  private boolean onGrid(MatrixValue x) {
    if (x.cells() >= Math.max(1, minCells) || x.remote() != null) {
      return true;
    }
    return x.isPending() && dependsOnGrid(x, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static boolean dependsOnGrid(MatrixValue v, Set<MatrixValue> seen) {
    if (!seen.add(v)) {
      return false;
    }
    if (!v.isPending()) {
      return v.remote() != null && !v.isLocal();
    }
    for (MatrixValue o : v.pending().operands()) {
      if (dependsOnGrid(o, seen)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The engine that keeps a CSR matrix just made here (generated, read, a literal) with nnz stored
   * cells instead of this process: the grid when those are at least {@code minCells} (and at least
   * one), as for a dense matrix's cells; null to keep it here.
   */
  public SparseEngine csrStore(long rows, long nnz) {
    if (grid == null || grid.sparse() == null || rows == 0) {
      return null;
    }
    return nnz >= Math.max(1, minCells) ? grid.sparse() : null;
  }

  /**
   * The engine that runs an operation on CSR operands next to their blocks: the grid when one of
   * them has its blocks there; null to run it here.
   */
  public SparseEngine csrWork(MatrixValue... operands) {
    if (grid == null || grid.sparse() == null) {
      return null;
    }
    for (MatrixValue m : operands) {
      if (m.isCsr() && grid.sparse().holds(m)) {
        return grid.sparse();
      }
    }
    return null;
  }

  /**
   * Where a frame made by a generator-like built-in ({@code readFrame}, {@code createFrame}) is
   * kept: on the grid when it holds at least {@code minCells} cells (rows times columns), as a
   * generated matrix.
   */
  public Site frame(long rows, long cols) {
    if (grid == null || rows == 0 || cols == 0) {
      return Site.LOCAL;
    }
    return rows * cols >= Math.max(1, minCells) ? Site.GRID : Site.LOCAL;
  }

  /**
   * Where a scan of frame f runs: on the grid when only the grid holds its rows (once fetched, a
   * frame is scanned here).
   */
  public Site scan(daphnegrid.runtime.FrameValue f) {
    return grid != null && !f.isLocal() && f.remote() != null ? Site.GRID : Site.LOCAL;
  }

  /** Where rows of a computed m are read from: the engine holding its cells. */
  public Site rows(MatrixValue m) {
    return grid != null && !m.isLocal() ? Site.GRID : Site.LOCAL;
  }

  /** Every engine, the local one first. */
  public List<Engine> engines() {
    List<Engine> out = new ArrayList<>();
    out.add(local);
    if (grid != null) {
      out.add(grid);
    }
    return out;
  }

  /** True if some engine wants to know what stays reachable between statements. */
  public boolean tracksLiveness() {
    for (Engine e : engines()) {
      if (e.tracksLiveness()) {
        return true;
      }
    }
    return false;
  }

  /** Tells every engine that tracks liveness what is still reachable. */
  public void retain(Reachable reachable) {
    RuntimeException first = null;
    for (Engine e : engines()) {
      try {
        if (e.tracksLiveness()) {
          e.retain(reachable);
        }
      } catch (RuntimeException ex) {
        first = first == null ? ex : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  public void callStarted() {
    engines().forEach(Engine::callStarted);
  }

  public void callFinished() {
    engines().forEach(Engine::callFinished);
  }

  /** Nanoseconds all engines spent on transfers so far. */
  public long transferNanos() {
    long n = 0;
    for (Engine e : engines()) {
      n += e.transferNanos();
    }
    return n;
  }

  /** Nanoseconds all engines spent connecting so far. */
  public long connectNanos() {
    long n = 0;
    for (Engine e : engines()) {
      n += e.connectNanos();
    }
    return n;
  }

  /** The engines' --timing figures. */
  public Map<String, Double> timing() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Engine e : engines()) {
      m.putAll(e.timing());
    }
    return m;
  }

  /** Closes every engine (the grid engine frees its maps). */
  @Override
  public void close() {
    try {
      local.close();
    } finally {
      if (grid != null) {
        grid.close();
      }
    }
  }
}
