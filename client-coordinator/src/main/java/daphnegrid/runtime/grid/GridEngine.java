package daphnegrid.runtime.grid;

import com.hazelcast.core.HazelcastInstance;
import daphnegrid.config.GridJobs;
import daphnegrid.grid.jet.MatMulJob;
import daphnegrid.grid.jet.ShuffleJoinJob;
import daphnegrid.grid.jet.TransposeJob;
import daphnegrid.grid.tasks.AggregateFrameBlocks;
import daphnegrid.grid.tasks.CsrSplit;
import daphnegrid.grid.tasks.FrameRef;
import daphnegrid.grid.tasks.FrameScanResult;
import daphnegrid.grid.tasks.GenerateBlocks;
import daphnegrid.grid.tasks.GenerateResult;
import daphnegrid.grid.tasks.JoinFrameBlocks;
import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.grid.tasks.PartSink;
import daphnegrid.grid.tasks.ProgramResult;
import daphnegrid.grid.tasks.ReadFrameBlocks;
import daphnegrid.grid.tasks.RunProgram;
import daphnegrid.grid.tasks.ScanFrameBlocks;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Indexing;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.BlockPartial;
import daphnegrid.kernels.pipeline.BlockProgram;
import daphnegrid.kernels.pipeline.InstructionFailure;
import daphnegrid.kernels.pipeline.Partials;
import daphnegrid.kernels.pipeline.RowBlocks;
import daphnegrid.kernels.pipeline.SlotInfo;
import daphnegrid.runtime.Engine;
import daphnegrid.runtime.FrameValue;
import daphnegrid.runtime.MatrixSource;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Operand;
import daphnegrid.runtime.Output;
import daphnegrid.runtime.Reachable;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs programs on the grid. A tour of one {@link #execute}:
 *
 * <ol>
 *   <li>split inputs that are not on the grid yet are scattered once (the local value remembers the
 *       copy: {@link MatrixValue#attachRemote}); broadcast operands travel inside the task, or as a
 *       small distributed matrix when larger than one message;
 *   <li>the block rows are grouped by the member that owns their partition, and each member gets
 *       one {@link RunProgram} for its block rows: it reads its co-located input blocks, runs the
 *       program block by block, writes row outputs as new co-located blocks and returns the
 *       partials of the reductions;
 *   <li>the partials are combined here in block order ({@link Partials#combine}), so every result
 *       is bit for bit the local engine's; row outputs stay on the grid as handles, collected only
 *       when something needs their cells ({@link #fetch}).
 * </ol>
 *
 * Block rows whose member left mid-run are sent again to their new owners ({@link OwnerDispatch};
 * writes are idempotent). The run's matrices and their lifetime are {@link GridHandles}': maps of
 * matrices the script can no longer reach are destroyed between statements ({@link #retain}),
 * everything else at {@link #close}.
 *
 * <p>Threading: the interpreter's thread only; members work in parallel.
 */
public final class GridEngine implements Engine, MatrixValue.Remote, FrameValue.Remote {
  private final Supplier<GridConnection> connector;
  final GridOptions options;
  private final Writer explain;
  final GridStats stats = new GridStats();
  final GridHandles handles = new GridHandles(this::connection);
  final OwnerDispatch dispatch = new OwnerDispatch(this::hz);
  final GridMemory memory = new GridMemory(this::hz);
  private final GridSparse sparse = new GridSparse(this);
  private GridConnection conn;
  private LostWorkers lost;
  private BlockTransfer transfer;
  private FrameTransfer frames;
  private boolean closed;

  /** Set when the engine starts closing: no new grid work starts after it. */
  private volatile boolean closing;

  /** Grid work running now (on the script's thread). */
  private final java.util.concurrent.atomic.AtomicInteger busy =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * @param connector makes the connection on first use (an embedded grid starts only if needed)
   * @param explain where --explain lines go, or null
   */
  public GridEngine(Supplier<GridConnection> connector, GridOptions options, Writer explain) {
    this(connector, options, explain, daphnegrid.runtime.Progress.NONE);
  }

  /**
   * @param progress hears of each program, generator and Jet job and of its blocks done
   */
  public GridEngine(
      Supplier<GridConnection> connector,
      GridOptions options,
      Writer explain,
      daphnegrid.runtime.Progress progress) {
    this.connector = connector;
    this.options = options;
    this.explain = explain;
    this.progress = progress;
  }

  private final daphnegrid.runtime.Progress progress;

  @Override
  public String name() {
    return "grid";
  }

  private Thread shutdownHook;

  /**
   * Closes this engine (freeing its maps) if the JVM is stopped while it runs, e.g. by Ctrl-C; a
   * normal {@link #close} removes the hook again.
   */
  public void closeOnShutdown() {
    shutdownHook = new Thread(this::close, "daphne-grid-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Connects now (workers: fail fast before the script runs). */
  public GridEngine connectNow() {
    connection();
    return this;
  }

  private synchronized GridConnection connection() {
    if (closed) {
      throw new GridFailure("the grid engine is closed", null);
    }
    if (conn == null) {
      long t0 = System.nanoTime();
      try {
        conn = connector.get();
      } finally {
        stats.connectNanos.addAndGet(System.nanoTime() - t0);
      }
      lost = LostWorkers.watch(conn.hz());
      transfer = new BlockTransfer(conn.hz(), options.maxChunkBytes(), stats);
      frames = new FrameTransfer(conn.hz(), transfer, stats, options.maxChunkBytes());
    }
    return conn;
  }

  /** The run's part of its Jet jobs' names: the owner id's start and the run's scope. */
  private String jobOwner() {
    GridConnection c = connection();
    return c.owner().toString().substring(0, 8) + (c.scope().isEmpty() ? "" : " " + c.scope());
  }

  /** The moves of whole matrices between this process and the grid (connecting first). */
  BlockTransfer transfer() {
    connection();
    return transfer;
  }

  @Override
  public daphnegrid.runtime.SparseEngine sparse() {
    return sparse;
  }

  HazelcastInstance hz() {
    return connection().hz();
  }

  // ---- programs ------------------------------------------------------------------------------

  @Override
  public List<Output> execute(BlockProgram program, List<Operand> inputs) {
    return work(() -> executeNow(program, inputs));
  }

  private List<Output> executeNow(BlockProgram program, List<Operand> inputs) {
    long t0 = System.nanoTime();
    List<GridMatrix> temporaries = new ArrayList<>();
    try {
      return run(program, inputs, temporaries);
    } finally {
      for (GridMatrix g : temporaries) {
        free(g);
      }
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  private List<Output> run(
      BlockProgram program, List<Operand> inputs, List<GridMatrix> temporaries) {
    Object[] operands = new Object[inputs.size()];
    for (int i = 0; i < operands.length; i++) {
      Operand in = inputs.get(i);
      if (in instanceof Operand.Split s) {
        operands[i] = splitOperand(s.matrix());
      } else if (in instanceof Operand.Broadcast b) {
        DenseMatrix d = b.matrix();
        long bytes = BlockTransfer.HEADER + (long) d.size() * d.type().byteWidth();
        if (bytes > options.maxChunkBytes()) {
          GridMatrix g = scatter(d, null);
          temporaries.add(g);
          operands[i] = g.ref;
        } else {
          operands[i] = d;
          stats.bytesSent.addAndGet(bytes);
        }
      } else {
        operands[i] = ((Operand.Constant) in).value();
      }
    }
    List<SlotInfo> slots = SlotInfo.of(program);
    List<BlockProgram.Output> outs = program.outputs();
    MatrixRef[] outRefs = new MatrixRef[outs.size()];
    GridMatrix[] outHandles = new GridMatrix[outs.size()];
    for (int o = 0; o < outs.size(); o++) {
      if (outs.get(o) instanceof BlockProgram.Rows r) {
        SlotInfo s = slots.get(r.slot());
        outHandles[o] = newMatrix((int) program.rows(), (int) s.cols(), s.type(), null, true);
        outRefs[o] = outHandles[o].ref;
      }
    }
    int blocks = RowBlocks.count(program.rows());
    List<ProgramResult> results;
    progress.started("program " + program.name(), blocks);
    try {
      for (GridMatrix g : outHandles) {
        if (g != null) {
          memory.admit(g.ref, true, 0, "program " + program.name());
        }
      }
      results =
          dispatch.onOwners(
              blocks,
              (rows, unused) -> new RunProgram(program, operands, outRefs, rows),
              "program " + program.name(),
              progress::blocksDone);
    } catch (RuntimeException e) {
      for (GridMatrix g : outHandles) {
        if (g != null) {
          free(g);
        }
      }
      throw e;
    } finally {
      progress.finished();
    }
    BlockPartial[] partials = new BlockPartial[blocks];
    ProgramResult failed = null;
    for (ProgramResult r : results) {
      stats.cacheHits.addAndGet(r.cacheHits());
      stats.cacheMisses.addAndGet(r.cacheMisses());
      if (r.failure() != null && failed == null) {
        failed = r;
      }
      for (BlockPartial p : r.partials()) {
        partials[p.block()] = p;
        for (DenseMatrix m : p.values()) {
          if (m != null) {
            stats.bytesReceived.addAndGet(
                BlockTransfer.HEADER + (long) m.size() * m.type().byteWidth());
          }
        }
      }
    }
    if (failed != null) {
      for (GridMatrix g : outHandles) {
        if (g != null) {
          free(g);
        }
      }
      if (failed.failedInstruction() >= 0) {
        throw new InstructionFailure(failed.failedInstruction(), failed.failure());
      }
      throw new KernelException(failed.failure());
    }
    stats.programs.incrementAndGet();
    List<Object> combined = Partials.combine(program, List.of(partials));
    List<Output> out = new ArrayList<>(outs.size());
    for (int o = 0; o < outs.size(); o++) {
      if (outHandles[o] != null) {
        MatrixRef m = outHandles[o].ref;
        out.add(
            new Output.Rows(new MatrixValue(m.rows(), m.cols(), m.type(), outHandles[o], this)));
      } else {
        out.add(Output.ofCombined(combined.get(o)));
      }
    }
    return out;
  }

  // ---- generated matrices --------------------------------------------------------------------

  /**
   * Makes src on the members, each block on its owner. Dense integer rand and dense rand of a
   * sparsity below 1 cannot be made block by block ({@link daphnegrid.plan.Placement#generate}
   * keeps them local); a CSR rand is made on the members by {@link GridSparse#rand}.
   *
   * @throws IllegalArgumentException for such a rand
   */
  @Override
  public MatrixValue generate(MatrixSource src) {
    return work(() -> generateNow(src));
  }

  private MatrixValue generateNow(MatrixSource src) {
    if (src instanceof MatrixSource.Rand r && !r.blockwise()) {
      throw new IllegalArgumentException("not made block by block: " + src.describe());
    }
    long t0 = System.nanoTime();
    try {
      // blocks that can be made again need no backups (GridMaps.generated)
      boolean regenerable = Regeneration.possible(src);
      GridMatrix g =
          regenerable
              ? handles.createGenerated((int) src.rows(), (int) src.cols(), src.type())
              : newMatrix((int) src.rows(), (int) src.cols(), src.type(), null);
      MatrixRef ref = g.ref;
      progress.started(src.describe(), ref.rowBlocks());
      try {
        memory.admit(ref, regenerable, 0, src.describe());
        List<GenerateResult> results =
            dispatch.onOwners(
                ref.rowBlocks(),
                (rows, attempt) -> generator(src, ref, rows),
                src.describe(),
                progress::blocksDone);
        for (GenerateResult res : results) {
          if (res.failure() != null) {
            throw new KernelException(res.failure());
          }
        }
        long[] first = new long[0];
        if (src instanceof MatrixSource.Rand r) {
          first = checkRandStream(r, ref, results);
        }
        if (regenerable) {
          g.regeneration(new Regeneration(src, first, false));
        }
      } catch (RuntimeException e) {
        free(g);
        throw e;
      } finally {
        progress.finished();
      }
      explain("grid " + src.describe() + " generated on the members");
      return new MatrixValue(ref.rows(), ref.cols(), ref.type(), g, this);
    } finally {
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  static GenerateBlocks generator(MatrixSource src, MatrixRef ref, int[] rows) {
    if (src instanceof MatrixSource.Rand r) {
      return GenerateBlocks.rand(ref, rows, r.min(), r.max(), r.seed(), null);
    }
    if (src instanceof MatrixSource.Fill f) {
      return GenerateBlocks.fill(ref, rows, f.value());
    }
    if (src instanceof MatrixSource.Seq s) {
      return GenerateBlocks.seq(ref, rows, s.from(), s.inc());
    }
    MatrixSource.ReadCsv c = (MatrixSource.ReadCsv) src;
    return GenerateBlocks.csv(ref, rows, Path.of(c.file()).toAbsolutePath().toString());
  }

  /**
   * Walks the rand blocks in row order: a block whose first draw is not where the rows above it
   * ended (a value above came out as exactly 0 and was drawn again) is made again at the right
   * offset — the contract of {@link daphnegrid.kernels.random.Generators#randRows}. Returns each
   * block row's first draw.
   */
  private long[] checkRandStream(MatrixSource.Rand r, MatrixRef ref, List<GenerateResult> results) {
    long[] first = new long[ref.rowBlocks()];
    long[] draws = new long[ref.rowBlocks()];
    for (GenerateResult res : results) {
      for (int i = 0; i < res.blockRows().length; i++) {
        first[res.blockRows()[i]] = res.firstDraws()[i];
        draws[res.blockRows()[i]] = res.draws()[i];
      }
    }
    long expected = 0;
    for (int b = 0; b < first.length; b++) {
      if (first[b] != expected) {
        long at = expected;
        int block = b;
        List<GenerateResult> again =
            dispatch.onOwners(
                1,
                (rows, attempt) ->
                    GenerateBlocks.rand(
                        ref, new int[] {block}, r.min(), r.max(), r.seed(), new long[] {at}),
                "rand block " + b);
        draws[b] = again.get(0).draws()[0];
        first[b] = at;
      }
      expected = first[b] + draws[b];
    }
    return first;
  }

  // ---- transpose -----------------------------------------------------------------------------

  /**
   * t(arg) as a Jet job ({@link TransposeJob}): every output block gathers the pieces of the input
   * row blocks it overlaps, so each cell crosses between members at most once and nothing comes to
   * the coordinator. The job is named after the script position (Management Center lists it).
   */
  @Override
  public MatrixValue transpose(MatrixValue arg, String name) {
    return work(() -> transposeNow(arg, name));
  }

  private MatrixValue transposeNow(MatrixValue arg, String name) {
    long t0 = System.nanoTime();
    try {
      GridMatrix in = onGrid(arg);
      GridMatrix out = newMatrix(arg.cols(), arg.rows(), arg.type(), null, true);
      String jobName = name + " transpose (" + jobOwner() + ")";
      // before the job: --explain shows what runs while it runs
      explain("grid transpose " + describe(in.ref) + " as Jet job '" + jobName + "'");
      int blocks = out.ref.rowBlocks() * out.ref.colBlocks();
      progress.started("Jet job '" + jobName + "'", blocks);
      try {
        memory.admit(out.ref, true, 0, "t() at " + name);
        runJob(
            jobName,
            n -> GridJobs.runNamed(hz().getJet(), TransposeJob.pipeline(in.ref, out.ref), n));
        progress.blocksDone(blocks);
      } catch (RuntimeException e) {
        free(out);
        throw GridFailure.of("transposing " + in.ref, e);
      } finally {
        progress.finished();
      }
      stats.programs.incrementAndGet();
      return new MatrixValue(out.ref.rows(), out.ref.cols(), out.ref.type(), out, this);
    } finally {
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  /** How often a Jet job is submitted before a member loss during it fails the run. */
  private static final int JOB_ATTEMPTS = 3;

  /**
   * Runs a Jet job under name, and again under a new name when it failed because a member left (a
   * killed member that coordinated the job takes it along: the others then do not know it). The
   * jobs write every output block whole, so running one again only rewrites blocks with the same
   * values; inputs lost with the member make the next attempt fail for good.
   */
  private static void runJob(String name, java.util.function.Consumer<String> submit) {
    for (int attempt = 1; ; attempt++) {
      try {
        submit.accept(attempt == 1 ? name : name + " attempt " + attempt);
        return;
      } catch (RuntimeException e) {
        if (attempt >= JOB_ATTEMPTS || !OwnerDispatch.memberGone(e)) {
          throw e;
        }
      }
    }
  }

  // ---- products with a large right side -----------------------------------------------------

  /**
   * x @ y in type t as a Jet job ({@link MatMulJob}) for a y too large to travel inside each
   * program's task: every member receives y's blocks once from the members holding them, assembles
   * y once and multiplies its own row blocks of x, writing output block i into the partition of x's
   * block i (the row layout a program output of x's row count has). y is scattered first if it is
   * not on the grid yet; nothing of x or the result comes to the coordinator. Each output block is
   * one product of x's block rows with all of y, whose cells are the same fma chains as the local
   * engine's single product, so the result is bit for bit the local one.
   */
  @Override
  public MatrixValue matmul(MatrixValue x, MatrixValue y, ValueType t, String name) {
    return work(() -> matmulNow(x, y, t, name));
  }

  private MatrixValue matmulNow(MatrixValue x, MatrixValue y, ValueType t, String name) {
    long t0 = System.nanoTime();
    try {
      GridMatrix gx = onGrid(x);
      GridMatrix gy = onGrid(y);
      GridMatrix out = newMatrix(x.rows(), y.cols(), t, null, true);
      String jobName = name + " matmul (" + jobOwner() + ")";
      explain(
          "grid matmul "
              + describe(gx.ref)
              + " @ "
              + describe(gy.ref)
              + " as Jet job '"
              + jobName
              + "'");
      int blocks = out.ref.rowBlocks() * out.ref.colBlocks();
      progress.started("Jet job '" + jobName + "'", blocks);
      try {
        // each member assembles y once: its received blocks and the whole, at most
        memory.admit(out.ref, true, 2 * gy.ref.cellBytes(), "the product at " + name);
        runJob(
            jobName,
            n -> GridJobs.runNamed(hz().getJet(), MatMulJob.dag(gx.ref, gy.ref, t, out.ref), n));
        progress.blocksDone(blocks);
        int stored =
            GridRetry.call(
                () -> hz().getMap(out.ref.map()).size(), "counting the product's blocks", stats);
        if (stored != blocks) {
          throw new GridFailure(
              "the product job stored " + stored + " of " + blocks + " blocks of " + out.ref, null);
        }
      } catch (RuntimeException e) {
        free(out);
        throw GridFailure.of("multiplying " + gx.ref + " by " + gy.ref, e);
      } finally {
        progress.finished();
      }
      stats.programs.incrementAndGet();
      return new MatrixValue(out.ref.rows(), out.ref.cols(), out.ref.type(), out, this);
    } finally {
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  // ---- data in and out -----------------------------------------------------------------------

  /**
   * The operand of a split program input m: a CSR matrix whose blocks are on the grid is read there
   * as CSR row blocks, a tile at a time ({@link CsrSplit}), so no dense form of it is made — unless
   * that form is there already or m has more cells than a dense matrix can (a pass computes over
   * every cell: the dense form's error says so); otherwise m's dense grid copy.
   */
  private Object splitOperand(MatrixValue m) {
    if (handles.holds(m.remote())) {
      GridMatrix g = (GridMatrix) m.remote();
      boolean twin = g.denseTwin != null && !g.denseTwin.freed();
      if (g.csr && !twin && m.cells() <= DenseMatrix.MAX_CELLS) {
        return new CsrSplit(g.ref);
      }
    }
    return onGrid(m).ref;
  }

  /** The grid copy of m, scattering it first if it has none. */
  private GridMatrix onGrid(MatrixValue m) {
    if (handles.holds(m.remote())) {
      GridMatrix g = (GridMatrix) m.remote();
      return g.csr ? sparse.denseTwin(g) : g;
    }
    DenseMatrix d = m.dense();
    GridMatrix g = scatter(d, m);
    m.attachRemote(g, this);
    return g;
  }

  /**
   * Rows [r0, r1) of m: of a grid matrix collected from the blocks that hold them only, of any
   * other matrix cut from its cells.
   */
  @Override
  public DenseMatrix rows(MatrixValue m, int r0, int r1) {
    return work(() -> rowsNow(m, r0, r1));
  }

  private DenseMatrix rowsNow(MatrixValue m, int r0, int r1) {
    if (!handles.holds(m.remote())) {
      return Indexing.slice(m.dense(), new Indexing.Range(r0, r1), new Indexing.Range(0, m.cols()));
    }
    GridMatrix g = (GridMatrix) m.remote();
    if (g.csr) {
      g = sparse.denseTwin(g);
    }
    long t0 = System.nanoTime();
    try {
      explain("grid collect rows " + r0 + ".." + r1 + " of " + describe(g.ref));
      return transfer.collect(g.ref, r0, r1);
    } finally {
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  private GridMatrix scatter(DenseMatrix d, MatrixValue copyOf) {
    GridMatrix g = newMatrix(d.rows(), d.cols(), d.type(), copyOf);
    long t0 = System.nanoTime();
    try {
      memory.admit(
          g.ref, false, 0, "sending a " + d.rows() + "x" + d.cols() + " matrix to the grid");
      transfer.scatter(d, g.ref);
    } catch (RuntimeException e) {
      free(g);
      throw e;
    } finally {
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
    explain("grid scatter " + describe(g.ref));
    return g;
  }

  @Override
  public DenseMatrix fetch(Object handle) {
    return work(() -> fetchNow(handle));
  }

  /** The CSR matrix whose row blocks handle names, collected from the members. */
  @Override
  public daphnegrid.kernels.sparse.CsrMatrix fetchCsr(Object handle) {
    return work(
        () -> {
          long t0 = System.nanoTime();
          try {
            return sparse.collect((GridMatrix) handle);
          } finally {
            stats.nanos.addAndGet(System.nanoTime() - t0);
          }
        });
  }

  private DenseMatrix fetchNow(Object handle) {
    GridMatrix g = (GridMatrix) handle;
    if (g.freed()) {
      throw new IllegalStateException(g + " was freed while still in use");
    }
    if (g.csr) {
      return daphnegrid.kernels.sparse.CsrConvert.toDense(sparse.collect(g));
    }
    long t0 = System.nanoTime();
    try {
      explain("grid collect " + describe(g.ref));
      return transfer.collect(g.ref);
    } finally {
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  private GridMatrix newMatrix(
      int rows, int cols, ValueType type, MatrixValue copyOf, boolean temporary) {
    return handles.create(rows, cols, type, copyOf, temporary);
  }

  private GridMatrix newMatrix(int rows, int cols, ValueType type, MatrixValue copyOf) {
    return handles.create(rows, cols, type, copyOf, false);
  }

  void free(GridObject g) {
    handles.free(g);
  }

  // ---- frames --------------------------------------------------------------------------------

  /**
   * Stores f as row blocks on the members ({@link FrameTransfer#scatter}) and returns a value that
   * holds only the handle: the columns come back when a kernel here needs them ({@link
   * #fetchFrame}).
   */
  @Override
  public FrameValue storeFrame(daphnegrid.kernels.frame.Frame f) {
    return work(() -> storeFrameNow(f));
  }

  private FrameValue storeFrameNow(daphnegrid.kernels.frame.Frame f) {
    long t0 = System.nanoTime();
    GridFrame g = handles.createFrame(f.rows(), f.labels(), FrameValue.typesOf(f), null);
    try {
      memory.admit(
          FrameTransfer.blockBytes(f, g.ref),
          false,
          0,
          "sending a " + f.rows() + "x" + f.cols() + " frame to the grid");
      frames.scatter(f, g.ref);
    } catch (RuntimeException e) {
      free(g);
      throw e;
    } finally {
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
    explain("grid scatter " + describe(g.ref));
    return new FrameValue(g.ref.rows(), g.ref.labels(), g.ref.types(), g, this);
  }

  /**
   * readFrame on the members: each reads the row blocks it owns from the file at the same absolute
   * path ({@link ReadFrameBlocks}), as readMatrix does. A failing block row comes back with its
   * message; the lowest one is reported, which is the first error the coordinator's reader meets.
   */
  @Override
  public FrameValue readFrame(
      String file, int rows, List<String> labels, List<ValueType> types, boolean parallel) {
    return work(() -> readFrameNow(file, rows, labels, types));
  }

  private FrameValue readFrameNow(
      String file, int rows, List<String> labels, List<ValueType> types) {
    long t0 = System.nanoTime();
    String path = Path.of(file).toAbsolutePath().toString();
    GridFrame g = handles.createFrame(rows, labels, types, null);
    FrameRef ref = g.ref;
    String what = "readFrame " + file + " " + rows + "x" + types.size();
    progress.started(what, ref.rowBlocks());
    daphnegrid.kernels.io.FrameCsvReader.LineIndex index = null;
    try {
      memory.admit(readFrameBytes(ref, path), false, 0, what);
      index = lineIndex(ref, path, what);
      daphnegrid.kernels.io.FrameCsvReader.LineIndex ix = index;
      List<GenerateResult> results =
          dispatch.onOwners(
              ref.rowBlocks(),
              (blocks, attempt) -> new ReadFrameBlocks(ref, blocks, path).withIndex(ix),
              what,
              progress::blocksDone);
      GenerateResult first = null;
      for (GenerateResult r : results) {
        if (r.failure() != null && (first == null || firstRow(r) < firstRow(first))) {
          first = r;
        }
      }
      if (first != null) {
        throw new KernelException(first.failure());
      }
    } catch (RuntimeException e) {
      free(g);
      throw e;
    } finally {
      progress.finished();
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
    explain(
        "grid readFrame "
            + file
            + " "
            + describe(ref)
            + " read on the members"
            + (index != null ? ", each from the line index offset before its blocks" : ""));
    return new FrameValue(rows, labels, types, g, this);
  }

  /**
   * For a file of several row blocks without str columns — where every line break ends a record,
   * since a '"' opens a quoted field only in a str field — a line index: the file cut into as many
   * equal byte ranges as ref has row blocks, each range's line breaks counted by the owner of the
   * block of its number (whose records are about there), summed here. With it each member reads
   * only from the range before its blocks on instead of scanning the file from its start. null (the
   * scan from the start) for a file with a str column, of one block, not readable here or when a
   * member cannot count (readFrame then reports the file's error).
   */
  private daphnegrid.kernels.io.FrameCsvReader.LineIndex lineIndex(
      FrameRef ref, String path, String what) {
    int ranges = ref.rowBlocks();
    if (ranges < 2 || ref.types().contains(ValueType.STR)) {
      return null;
    }
    long size;
    try {
      size = java.nio.file.Files.size(Path.of(path));
    } catch (IOException e) {
      return null;
    }
    List<GenerateResult> counted =
        dispatch.onOwners(
            ranges,
            (blocks, attempt) ->
                new daphnegrid.grid.tasks.CountLineBreaks(path, size, ranges, blocks),
            "counting the lines of " + what,
            n -> {});
    long[] count = new long[ranges];
    for (GenerateResult r : counted) {
      if (r.failure() != null) {
        return null;
      }
      for (int i = 0; i < r.blockRows().length; i++) count[r.blockRows()[i]] = r.firstDraws()[i];
    }
    long[] offsets = new long[ranges];
    long[] lines = new long[ranges];
    for (int i = 1; i < ranges; i++) {
      offsets[i] = daphnegrid.grid.tasks.CountLineBreaks.rangeStart(size, ranges, i);
      lines[i] = lines[i - 1] + count[i - 1];
    }
    return new daphnegrid.kernels.io.FrameCsvReader.LineIndex(offsets, lines);
  }

  /**
   * The scan on the members ({@link ScanFrameBlocks}): each filters its row blocks and cuts them to
   * keep; the parts come back and are put together in block order, the frame's row order.
   */
  @Override
  public daphnegrid.kernels.frame.Frame scanFrame(
      FrameValue f, int[] keep, daphnegrid.kernels.relational.RowFilter filter) {
    if (!handles.holds(f.remote())) {
      return filter.apply(f.frame(), keep);
    }
    return work(() -> scanFrameNow((GridFrame) f.remote(), keep, filter));
  }

  private daphnegrid.kernels.frame.Frame scanFrameNow(
      GridFrame g, int[] keep, daphnegrid.kernels.relational.RowFilter filter) {
    long t0 = System.nanoTime();
    FrameRef ref = g.ref;
    String what = "scan of " + describe(ref);
    explain(
        "grid scan "
            + describe(ref)
            + " on the members: "
            + keep.length
            + (keep.length == 1 ? " column" : " columns")
            + (filter.terms() == 0 ? "" : ", where " + filter));
    progress.started(what, ref.rowBlocks());
    try {
      return withPartSink(
          sink ->
              daphnegrid.kernels.frame.Frames.concatRows(
                  partsInBlockOrder(
                      dispatch.onOwners(
                          ref.rowBlocks(),
                          (blocks, attempt) ->
                              new ScanFrameBlocks(ref, blocks, keep, filter).sendingTo(sink),
                          what,
                          progress::blocksDone),
                      ref.rowBlocks(),
                      sink,
                      f -> new GridFailure(f, null))));
    } finally {
      progress.finished();
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  /**
   * GROUP BY on the members ({@link AggregateFrameBlocks}): each makes the partials of its row
   * blocks; they are combined here in block order, so the result is the local one's bits.
   */
  @Override
  public daphnegrid.kernels.relational.PartialAggregates.Result aggregateFrame(
      FrameValue f,
      daphnegrid.kernels.relational.RowFilter filter,
      int[] keys,
      List<daphnegrid.kernels.relational.PartialAggregates.Agg> aggs) {
    if (!handles.holds(f.remote())) {
      return daphnegrid.kernels.relational.PartialAggregates.run(
          f.frame(), filter, keys, aggs, null);
    }
    return work(() -> aggregateFrameNow((GridFrame) f.remote(), filter, keys, aggs));
  }

  private daphnegrid.kernels.relational.PartialAggregates.Result aggregateFrameNow(
      GridFrame g,
      daphnegrid.kernels.relational.RowFilter filter,
      int[] keys,
      List<daphnegrid.kernels.relational.PartialAggregates.Agg> aggs) {
    long t0 = System.nanoTime();
    FrameRef ref = g.ref;
    String what = "grouped aggregation of " + describe(ref);
    explain(
        "grid group "
            + describe(ref)
            + " on the members: by "
            + byColumns(keys)
            + ", "
            + aggs.size()
            + (aggs.size() == 1 ? " aggregate" : " aggregates")
            + (filter.terms() == 0 ? "" : ", where " + filter));
    progress.started(what, ref.rowBlocks());
    try {
      List<daphnegrid.kernels.frame.Frame> parts =
          withPartSink(
              sink ->
                  partsInBlockOrder(
                      dispatch.onOwners(
                          ref.rowBlocks(),
                          (blocks, attempt) ->
                              new AggregateFrameBlocks(ref, blocks, filter, keys, aggs)
                                  .sendingTo(sink),
                          what,
                          progress::blocksDone),
                      ref.rowBlocks(),
                      sink,
                      KernelException::new));
      return daphnegrid.kernels.relational.PartialAggregates.combine(
          parts, ref.types(), aggs, keys.length);
    } finally {
      progress.finished();
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  /** "nothing", "#2" or "#2 and #0": the grouping columns as --explain shows them. */
  static String byColumns(int[] keys) {
    if (keys.length == 0) {
      return "nothing";
    }
    StringBuilder sb = new StringBuilder();
    for (int k : keys) sb.append(sb.length() == 0 ? "#" : " and #").append(k);
    return sb.toString();
  }

  /**
   * The join on the members ({@link JoinFrameBlocks}): other travels inside each member's task;
   * each joins its filtered row blocks with it ({@link daphnegrid.kernels.relational.BlockJoin});
   * the parts are put together in block order, and with f on the right in left-major order.
   */
  @Override
  public daphnegrid.kernels.frame.Frame joinFrame(
      FrameValue f,
      int[] keep,
      daphnegrid.kernels.relational.RowFilter filter,
      int[] keys,
      daphnegrid.kernels.frame.Frame other,
      int[] otherKeys,
      boolean left) {
    if (!handles.holds(f.remote())) {
      return Engine.super.joinFrame(f, keep, filter, keys, other, otherKeys, left);
    }
    List<daphnegrid.kernels.frame.Frame> parts =
        work(
            () ->
                joinOnMembers(
                    (GridFrame) f.remote(),
                    keep,
                    filter,
                    keys,
                    other,
                    otherKeys,
                    left,
                    null,
                    null));
    return left
        ? daphnegrid.kernels.frame.Frames.concatRows(parts)
        : daphnegrid.kernels.relational.BlockJoin.inLeftOrder(parts, other);
  }

  /**
   * GROUP BY after the join, on the members ({@link JoinFrameBlocks} with groupKeys): each joins
   * and aggregates its row blocks; the partials are combined here in block order, so the result is
   * the local one's bits.
   */
  @Override
  public daphnegrid.kernels.relational.PartialAggregates.Result joinAggregateFrame(
      FrameValue f,
      int[] keep,
      daphnegrid.kernels.relational.RowFilter filter,
      int[] keys,
      daphnegrid.kernels.frame.Frame other,
      int[] otherKeys,
      boolean left,
      int[] groupKeys,
      List<daphnegrid.kernels.relational.PartialAggregates.Agg> aggs) {
    if (!handles.holds(f.remote())) {
      return Engine.super.joinAggregateFrame(
          f, keep, filter, keys, other, otherKeys, left, groupKeys, aggs);
    }
    GridFrame g = (GridFrame) f.remote();
    List<daphnegrid.kernels.frame.Frame> parts =
        work(() -> joinOnMembers(g, keep, filter, keys, other, otherKeys, left, groupKeys, aggs));
    return daphnegrid.kernels.relational.PartialAggregates.combine(
        parts,
        daphnegrid.kernels.relational.BlockJoin.types(g.ref.types(), keep, other, left),
        aggs,
        groupKeys.length);
  }

  private List<daphnegrid.kernels.frame.Frame> joinOnMembers(
      GridFrame g,
      int[] keep,
      daphnegrid.kernels.relational.RowFilter filter,
      int[] keys,
      daphnegrid.kernels.frame.Frame other,
      int[] otherKeys,
      boolean left,
      int[] groupKeys,
      List<daphnegrid.kernels.relational.PartialAggregates.Agg> aggs) {
    long t0 = System.nanoTime();
    FrameRef ref = g.ref;
    String what = "join of " + describe(ref);
    explain(
        "grid join "
            + describe(ref)
            + (left ? "" : " (the right table)")
            + " on the members with a broadcast "
            + other.rows()
            + "x"
            + other.cols()
            + " frame: "
            + keep.length
            + (keep.length == 1 ? " column" : " columns")
            + (filter.terms() == 0 ? "" : ", where " + filter)
            + (groupKeys == null
                ? ""
                : "; grouped by "
                    + byColumns(groupKeys)
                    + ", "
                    + aggs.size()
                    + (aggs.size() == 1 ? " aggregate" : " aggregates")));
    daphnegrid.config.serial.FrameBlock broadcast =
        new daphnegrid.config.serial.FrameBlock(0, other);
    stats.bytesSent.addAndGet(
        daphnegrid.config.serial.FrameBlockSerializer.serializedBytes(broadcast));
    progress.started(what, ref.rowBlocks());
    try {
      return withPartSink(
          sink ->
              partsInBlockOrder(
                  dispatch.onOwners(
                      ref.rowBlocks(),
                      (blocks, attempt) ->
                          new JoinFrameBlocks(
                                  ref, blocks, keep, filter, keys, broadcast, otherKeys, left,
                                  groupKeys, aggs)
                              .sendingTo(sink),
                      what,
                      progress::blocksDone),
                  ref.rowBlocks(),
                  sink,
                  KernelException::new));
    } finally {
      progress.finished();
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  @Override
  public boolean shufflesJoin(long leftCells, long rightCells) {
    return Math.min(leftCells, rightCells) >= options.shuffleMinCells();
  }

  /** Shuffle joins run so far (their Jet jobs' names count them). */
  private final java.util.concurrent.atomic.AtomicInteger shuffles =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * The join of two grid frames as a Jet job that shuffles both by key ({@link ShuffleJoinJob}):
   * each member splits its row blocks of both into key partitions, each partition is joined where
   * it lands and stored in pieces of at most {@code --max-distr-chunk-size}; the pieces come here
   * and are put in the join's order by the left row numbers they carry, so the result is the local
   * join's, row order included.
   */
  @Override
  public daphnegrid.kernels.frame.Frame shuffleJoinFrame(
      FrameValue l,
      int[] lKeep,
      daphnegrid.kernels.relational.RowFilter lFilter,
      int[] lKeys,
      FrameValue r,
      int[] rKeep,
      daphnegrid.kernels.relational.RowFilter rFilter,
      int[] rKeys) {
    if (!handles.holds(l.remote()) || !handles.holds(r.remote())) {
      return Engine.super.shuffleJoinFrame(l, lKeep, lFilter, lKeys, r, rKeep, rFilter, rKeys);
    }
    return work(
        () ->
            shuffleJoinNow(
                ((GridFrame) l.remote()).ref,
                lKeep,
                lFilter,
                lKeys,
                ((GridFrame) r.remote()).ref,
                rKeep,
                rFilter,
                rKeys));
  }

  private daphnegrid.kernels.frame.Frame shuffleJoinNow(
      FrameRef lr,
      int[] lKeep,
      daphnegrid.kernels.relational.RowFilter lFilter,
      int[] lKeys,
      FrameRef rr,
      int[] rKeep,
      daphnegrid.kernels.relational.RowFilter rFilter,
      int[] rKeys) {
    long t0 = System.nanoTime();
    List<ValueType> lt = new ArrayList<>(), rt = new ArrayList<>();
    for (int k : lKeys) lt.add(lr.types().get(lKeep[k]));
    for (int k : rKeys) rt.add(rr.types().get(rKeep[k]));
    ShuffleJoinJob.Side left = new ShuffleJoinJob.Side(lr, lKeep, lFilter, lKeys, rt);
    ShuffleJoinJob.Side right = new ShuffleJoinJob.Side(rr, rKeep, rFilter, rKeys, lt);
    int parts = SHUFFLE_PARTS_PER_MEMBER * Math.max(1, hz().getCluster().getMembers().size());
    GridFrame out = handles.createFrame(0, List.of(), List.of(), null);
    String jobName = "sql join#" + shuffles.incrementAndGet() + " shuffle (" + jobOwner() + ")";
    explain(
        "grid join "
            + describe(lr)
            + " with "
            + describe(rr)
            + " shuffled by key in "
            + parts
            + " partitions as Jet job '"
            + jobName
            + "': "
            + lKeep.length
            + " + "
            + rKeep.length
            + " columns"
            + (lFilter.terms() == 0 ? "" : ", left where " + lFilter)
            + (rFilter.terms() == 0 ? "" : ", right where " + rFilter));
    progress.started("Jet job '" + jobName + "'", lr.rowBlocks() + rr.rowBlocks());
    try {
      runJob(
          jobName,
          n ->
              GridJobs.runNamed(
                  hz().getJet(),
                  ShuffleJoinJob.dag(left, right, parts, out.ref, options.maxChunkBytes()),
                  n));
      progress.blocksDone(lr.rowBlocks() + rr.rowBlocks());
      stats.programs.incrementAndGet();
      List<daphnegrid.kernels.frame.Frame> pieces = frames.collectEntries(out.ref);
      daphnegrid.kernels.frame.Frame empty =
          daphnegrid.kernels.relational.ShuffleJoin.joinPartition(
              List.of(), List.of(), lKeys, rKeys, left.emptyBatch(), right.emptyBatch());
      return daphnegrid.kernels.relational.ShuffleJoin.inJoinOrder(pieces, lr.rows(), empty);
    } catch (RuntimeException e) {
      throw GridFailure.of("joining " + lr + " with " + rr, e);
    } finally {
      free(out);
      progress.finished();
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  /**
   * Key partitions of a shuffle join per member: a few, so that the members' join processors (one
   * per core) share the partitions, and one partition's rows are a fraction of a member's.
   */
  static final int SHUFFLE_PARTS_PER_MEMBER = 4;

  /**
   * body given where the members put parts too large for their answers: with a chunk size below
   * DAPHNE's default, a new map (freed afterwards) and that size; else nowhere (every part travels
   * in the answer, as one message).
   */
  private <T> T withPartSink(java.util.function.Function<PartSink, T> body) {
    if (options.maxChunkBytes() >= GridOptions.DEFAULT_MAX_CHUNK_BYTES) {
      return body.apply(PartSink.NONE);
    }
    GridFrame out = handles.createFrame(0, List.of(), List.of(), null);
    try {
      return body.apply(new PartSink(out.ref, options.maxChunkBytes()));
    } finally {
      free(out);
    }
  }

  /**
   * The frame parts the members sent for row blocks [0, blocks), in block order (counted as bytes
   * received); the first member failure, in answer order, is thrown as failure makes it.
   */
  private List<daphnegrid.kernels.frame.Frame> partsInBlockOrder(
      List<FrameScanResult> results,
      int blocks,
      PartSink sink,
      java.util.function.Function<String, RuntimeException> failure) {
    daphnegrid.kernels.frame.Frame[] parts = new daphnegrid.kernels.frame.Frame[blocks];
    for (FrameScanResult r : results) {
      if (r.failure() != null) {
        throw failure.apply(r.failure());
      }
      for (int i = 0; i < r.blockRows().length; i++) {
        if (r.stored()[i] >= 0) { // too large for the answer: in pieces from the sink's map
          parts[r.blockRows()[i]] = frames.readStored(sink.out(), r.blockRows()[i], r.stored()[i]);
          continue;
        }
        parts[r.blockRows()[i]] = r.parts()[i].frame();
        stats.bytesReceived.addAndGet(
            daphnegrid.config.serial.FrameBlockSerializer.serializedBytes(r.parts()[i]));
      }
    }
    return java.util.Arrays.asList(parts);
  }

  private static int firstRow(GenerateResult r) {
    return r.blockRows().length == 0 ? Integer.MAX_VALUE : r.blockRows()[0];
  }

  /**
   * What each row block of a frame read from path will take: its fixed-width columns and string
   * offsets, plus, with str columns, its share of the file's bytes (the text can be no longer).
   */
  private static long[] readFrameBytes(FrameRef ref, String path) {
    long fileBytes = 0;
    if (ref.types().contains(ValueType.STR)) {
      try {
        fileBytes = java.nio.file.Files.size(Path.of(path));
      } catch (IOException e) {
        fileBytes = 0; // the members report the missing file
      }
    }
    long[] out = new long[ref.rowBlocks()];
    for (int b = 0; b < out.length; b++) {
      long n = ref.rowEnd(b) - ref.rowStart(b);
      out[b] = ref.fixedBytes(n) + (ref.rows() == 0 ? 0 : fileBytes * n / ref.rows());
    }
    return out;
  }

  @Override
  public daphnegrid.kernels.frame.Frame fetchFrame(Object handle) {
    return work(() -> fetchFrameNow(handle));
  }

  private daphnegrid.kernels.frame.Frame fetchFrameNow(Object handle) {
    GridFrame g = (GridFrame) handle;
    if (g.freed()) {
      throw new IllegalStateException(g + " was freed while still in use");
    }
    long t0 = System.nanoTime();
    try {
      explain("grid collect " + describe(g.ref));
      return frames.collect(g.ref);
    } finally {
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  private static String describe(FrameRef f) {
    return "frame "
        + f.rows()
        + "x"
        + f.cols()
        + " ("
        + f.rowBlocks()
        + (f.rowBlocks() == 1 ? " row block)" : " row blocks)");
  }

  /** Number of distributed frames the engine holds (for tests). */
  public int liveFrames() {
    return handles.frames();
  }

  // ---- lifetime ------------------------------------------------------------------------------

  @Override
  public boolean tracksLiveness() {
    return true;
  }

  @Override
  public void callStarted() {
    handles.callStarted();
  }

  @Override
  public void callFinished() {
    handles.callFinished();
  }

  /** Frees the matrices the script can no longer reach ({@link GridHandles#retain}). */
  @Override
  public void retain(Reachable reachable) {
    handles.retain(reachable);
  }

  /** Number of distributed matrices and frames the engine holds (for tests). */
  public int liveMatrices() {
    return handles.size();
  }

  @Override
  public long transferNanos() {
    return stats.transferNanos.get();
  }

  @Override
  public long connectNanos() {
    return stats.connectNanos.get();
  }

  @Override
  public Map<String, Double> timing() {
    return stats.asTiming();
  }

  /** Payload bytes moved so far, both directions (for the benchmark). */
  public long bytesMoved() {
    return stats.bytesSent.get() + stats.bytesReceived.get();
  }

  /**
   * Runs one piece of grid work, unless the engine is closing. close() waits for the work running
   * now before it frees the maps: a task still running on the members would otherwise write its
   * output blocks into a map just destroyed, creating it again with no one left to free it.
   */
  <T> T work(Supplier<T> body) {
    busy.incrementAndGet();
    try {
      if (closing) {
        throw new GridFailure("the run is stopping", null);
      }
      for (int attempt = 1; ; attempt++) {
        LostWorkers l = lostWorkers();
        long seen = l == null ? 0 : l.losses();
        try {
          regenerateLostBlocks();
          return body.get();
        } catch (RuntimeException e) {
          // a member lost while the work ran took blocks that can be made again: make them and
          // do the work again (its outputs are new matrices; what it wrote before is unreachable)
          if (attempt < REGENERATE_ATTEMPTS
              && l != null
              && !closing
              && gridProblem(e)
              && !handles.regenerable().isEmpty()
              && l.awaitLossAfter(seen)) {
            stats.workRedone.incrementAndGet();
            continue;
          }
          throw l == null ? e : l.explain(e);
        }
      }
    } finally {
      busy.decrementAndGet();
    }
  }

  /** Work that failed after a member loss is done again at most this often, less one. */
  private static final int REGENERATE_ATTEMPTS = 4;

  // the losses whose blocks were made again (a member loss is repaired once)
  private long repairedLosses;

  /** Whether e may come from blocks lost with a member rather than from the work itself. */
  private static boolean gridProblem(RuntimeException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof GridFailure
          || c instanceof com.hazelcast.core.HazelcastException
          || String.valueOf(c.getMessage()).contains("is missing")) {
        return true;
      }
    }
    return false;
  }

  /**
   * After a member loss, makes the blocks of generated matrices that went with it again, on their
   * new owners, with the bits they had ({@link Regeneration}). Blocks with backups, and results of
   * programs, are not this method's concern: backups cover the former, and a lost temporary result
   * fails the run naming the lost worker.
   */
  private void regenerateLostBlocks() {
    LostWorkers l = lostWorkers();
    long losses = l == null ? 0 : l.losses();
    synchronized (this) {
      if (losses <= repairedLosses) {
        return;
      }
    }
    for (GridMatrix g : handles.regenerable()) {
      List<Integer> lostRows = missingRows(g);
      if (!lostRows.isEmpty()) {
        makeAgain(g, lostRows);
      }
    }
    synchronized (this) {
      repairedLosses = Math.max(repairedLosses, losses);
    }
  }

  /** The block rows of g with a block missing on the grid (lost with a member), in row order. */
  List<Integer> missingRows(GridMatrix g) {
    MatrixRef ref = g.ref;
    java.util.Set<daphnegrid.config.serial.BlockKey> present =
        GridRetry.call(
            () -> hz().<daphnegrid.config.serial.BlockKey, Object>getMap(ref.map()).keySet(),
            "finding lost blocks",
            stats);
    List<Integer> lostRows = new ArrayList<>();
    for (int b = 0; b < ref.rowBlocks(); b++) {
      for (int c = 0; c < ref.colBlocks(); c++) {
        if (!present.contains(ref.key(b, c))) {
          lostRows.add(b);
          break;
        }
      }
    }
    return lostRows;
  }

  /**
   * Makes the block rows lostRows of the generated matrix g again on their owners, with the bits
   * they had ({@link Regeneration}): dense blocks or, for a sparse rand, CSR blocks.
   */
  void makeAgain(GridMatrix g, List<Integer> lostRows) {
    Regeneration r = g.regeneration();
    MatrixRef ref = g.ref;
    String what = "making " + lostRows.size() + " lost block rows of " + ref + " again";
    for (Object res :
        dispatch.<Object>onOwners(
            lostRows, (rows, attempt) -> castTask(r.task(ref, rows)), what, n -> {})) {
      if (Regeneration.failure(res) != null) {
        throw new KernelException(Regeneration.failure(res));
      }
    }
    stats.blocksRegenerated.addAndGet(lostRows.size());
    explain(
        "grid "
            + r.source().describe()
            + ": "
            + lostRows.size()
            + " block rows lost with a"
            + " worker made again");
  }

  @SuppressWarnings("unchecked")
  private static java.util.concurrent.Callable<Object> castTask(
      java.util.concurrent.Callable<?> t) {
    return (java.util.concurrent.Callable<Object>) t; // the answer is only read as an Object
  }

  private synchronized LostWorkers lostWorkers() {
    return lost;
  }

  /** How long close() waits for running grid work (e.g. a program on the members) to end. */
  private static final long CLOSE_WAIT_MILLIS = 10_000;

  /**
   * Frees every map this engine made and disconnects (or stops the embedded grid), after the grid
   * work running now has ended (at most {@link #CLOSE_WAIT_MILLIS}); grid work asked for after this
   * fails. Called at the end of a run, or by the shutdown hook on Ctrl-C while the script still
   * runs.
   */
  @Override
  public void close() {
    closing = true;
    long deadline = System.nanoTime() + CLOSE_WAIT_MILLIS * 1_000_000;
    while (busy.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    closeNow();
  }

  private synchronized void closeNow() {
    if (closed) {
      return;
    }
    try {
      if (conn != null) {
        try {
          handles.freeAll(conn);
        } finally {
          conn.close();
        }
      }
    } finally {
      closed = true;
      if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down already
        }
      }
    }
  }

  void explain(String line) {
    if (explain == null) {
      return;
    }
    try {
      explain.write("[explain] " + line + "\n");
      explain.flush();
    } catch (IOException e) {
      // --explain output is best effort
    }
  }

  static String describe(MatrixRef m) {
    return m.rows()
        + "x"
        + m.cols()
        + " "
        + m.type().dslName()
        + " ("
        + m.rowBlocks() * m.colBlocks()
        + " blocks, "
        + m.cellBytes()
        + " bytes)";
  }
}
