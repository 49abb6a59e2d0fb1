package daphnegrid.runtime.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.partition.Partition;
import daphnegrid.config.GridJobs;
import daphnegrid.grid.jet.MatMulJob;
import daphnegrid.grid.jet.TransposeJob;
import daphnegrid.grid.tasks.GenerateBlocks;
import daphnegrid.grid.tasks.GenerateResult;
import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.grid.tasks.ProgramResult;
import daphnegrid.grid.tasks.RunProgram;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.BlockPartial;
import daphnegrid.kernels.pipeline.BlockProgram;
import daphnegrid.kernels.pipeline.InstructionFailure;
import daphnegrid.kernels.pipeline.Partials;
import daphnegrid.kernels.pipeline.RowBlocks;
import daphnegrid.kernels.pipeline.SlotInfo;
import daphnegrid.plan.Pending;
import daphnegrid.runtime.Engine;
import daphnegrid.runtime.MatrixSource;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Value;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
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
 * Block rows whose member left mid-run are sent again to their new owners (writes are idempotent).
 * Maps of matrices that no variable holds are destroyed between statements ({@link #retain}),
 * everything else at {@link #close}.
 *
 * <p>Threading: the interpreter's thread only; members work in parallel.
 */
public final class GridEngine implements Engine, MatrixValue.Remote {
  /** Executor (on every member) the engine's tasks run on. */
  static final String EXECUTOR = "daphne.compute";

  /**
   * A row block ({@link RowBlocks}: at most 65536 rows) is cut into column blocks only when it is
   * larger than this (or than {@code daphne.block-size-mib}, if that is larger). Every program
   * needs whole rows, so each column cut costs a copy of the block per pass: with 4 MiB column
   * blocks a 1,000,000 x 100 f64 sum took 15x longer than with whole-row blocks (measured).
   */
  static final long MIN_BLOCK_BYTES = 64L << 20;

  /** Attempts of one program or generator before giving up on a grid that keeps losing members. */
  private static final int ATTEMPTS = 4;

  private final Supplier<GridConnection> connector;
  private final GridOptions options;
  private final Writer explain;
  private final GridStats stats = new GridStats();
  private final Map<GridMatrix, Boolean> handles = new LinkedHashMap<>();
  private final ArrayDeque<Long> callMarks = new ArrayDeque<>();
  private GridConnection conn;
  private BlockTransfer transfer;
  private long nextId = 1;
  private long seq;
  private boolean closed;

  /**
   * @param connector makes the connection on first use (an embedded grid starts only if needed)
   * @param explain where --explain lines go, or null
   */
  public GridEngine(Supplier<GridConnection> connector, GridOptions options, Writer explain) {
    this.connector = connector;
    this.options = options;
    this.explain = explain;
  }

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
      conn = connector.get();
      transfer = new BlockTransfer(conn.hz(), options.maxChunkBytes(), stats);
    }
    return conn;
  }

  /** The run's part of its Jet jobs' names: the owner id's start and the run's scope. */
  private String jobOwner() {
    GridConnection c = connection();
    return c.owner().toString().substring(0, 8) + (c.scope().isEmpty() ? "" : " " + c.scope());
  }

  private HazelcastInstance hz() {
    return connection().hz();
  }

  // ---- programs ------------------------------------------------------------------------------

  @Override
  public List<Object> execute(BlockProgram program, Object[] inputs) {
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

  private List<Object> run(BlockProgram program, Object[] inputs, List<GridMatrix> temporaries) {
    Object[] operands = new Object[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      BlockProgram.InputKind kind = program.inputs().get(i).kind();
      if (kind == BlockProgram.InputKind.SPLIT) {
        operands[i] = onGrid((MatrixValue) inputs[i]).ref;
      } else if (kind == BlockProgram.InputKind.BROADCAST) {
        DenseMatrix d = (DenseMatrix) inputs[i];
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
        operands[i] = inputs[i];
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
    try {
      results =
          onOwners(
              blocks,
              (rows, unused) -> new RunProgram(program, operands, outRefs, rows),
              "program " + program.name());
    } catch (RuntimeException e) {
      for (GridMatrix g : outHandles) {
        if (g != null) {
          free(g);
        }
      }
      throw e;
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
    List<Object> out = new ArrayList<>(outs.size());
    for (int o = 0; o < outs.size(); o++) {
      if (outHandles[o] != null) {
        MatrixRef m = outHandles[o].ref;
        out.add(new MatrixValue(m.rows(), m.cols(), m.type(), outHandles[o], this));
      } else {
        out.add(combined.get(o));
      }
    }
    return out;
  }

  /**
   * Sends one task per member for the block rows it owns and returns the members' results; block
   * rows of a member that left are sent again to their new owners. Every block row in [0, blocks)
   * is covered exactly once by the returned results.
   *
   * @param task makes the task for some block rows (and, for a retry, the attempt number)
   */
  private <T> List<T> onOwners(
      int blocks, BiFunction<int[], Integer, java.util.concurrent.Callable<T>> task, String what) {
    List<T> results = new ArrayList<>();
    List<Integer> todo = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      todo.add(b);
    }
    IExecutorService executor = hz().getExecutorService(EXECUTOR);
    Throwable last = null;
    for (int attempt = 0; attempt < ATTEMPTS && !todo.isEmpty(); attempt++) {
      Map<Member, List<Integer>> byOwner = owners(todo);
      Map<Member, Future<T>> running = new LinkedHashMap<>();
      Map<Member, int[]> sent = new LinkedHashMap<>();
      for (Map.Entry<Member, List<Integer>> e : byOwner.entrySet()) {
        int[] rows = e.getValue().stream().mapToInt(Integer::intValue).toArray();
        sent.put(e.getKey(), rows);
        running.put(e.getKey(), executor.submitToMember(task.apply(rows, attempt), e.getKey()));
      }
      todo = new ArrayList<>();
      for (Map.Entry<Member, Future<T>> e : running.entrySet()) {
        try {
          results.add(e.getValue().get());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new GridFailure("interrupted while running " + what, ie);
        } catch (ExecutionException ee) {
          if (!memberGone(ee.getCause())) {
            throw GridFailure.of("running " + what, ee.getCause());
          }
          last = ee.getCause();
          for (int b : sent.get(e.getKey())) {
            todo.add(b);
          }
        }
      }
    }
    if (!todo.isEmpty()) {
      throw GridFailure.of("running " + what + ": members kept leaving", last);
    }
    return results;
  }

  private static boolean memberGone(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof com.hazelcast.core.MemberLeftException
          || c instanceof com.hazelcast.spi.exception.TargetDisconnectedException
          || c instanceof com.hazelcast.spi.exception.TargetNotMemberException
          || c instanceof com.hazelcast.core.HazelcastInstanceNotActiveException
          || c instanceof java.util.concurrent.RejectedExecutionException) {
        return true;
      }
    }
    return false;
  }

  /** The block rows grouped by the member owning their partition now (by row order). */
  private Map<Member, List<Integer>> owners(List<Integer> blockRows) {
    Map<Member, List<Integer>> byOwner = new LinkedHashMap<>();
    List<Member> members = new ArrayList<>(hz().getCluster().getMembers());
    if (members.isEmpty()) {
      throw new GridFailure("no grid members are left", null);
    }
    for (int b : blockRows) {
      Partition p = hz().getPartitionService().getPartition(b);
      Member owner = p == null ? null : p.getOwner();
      if (owner == null || !members.contains(owner)) {
        owner = members.get(b % members.size());
      }
      byOwner.computeIfAbsent(owner, k -> new ArrayList<>()).add(b);
    }
    return byOwner;
  }

  // ---- generated matrices --------------------------------------------------------------------

  /**
   * Makes src on the members (each block on its owner) and returns the handle, or null when src is
   * better made locally (sparse or integer rand: not block by block).
   */
  @Override
  public MatrixValue generate(MatrixSource src) {
    if (src instanceof MatrixSource.Rand r && !r.blockwise()) {
      return null;
    }
    long t0 = System.nanoTime();
    try {
      GridMatrix g = newMatrix((int) src.rows(), (int) src.cols(), src.type(), null);
      MatrixRef ref = g.ref;
      try {
        List<GenerateResult> results =
            onOwners(ref.rowBlocks(), (rows, attempt) -> generator(src, ref, rows), src.describe());
        for (GenerateResult res : results) {
          if (res.failure() != null) {
            throw new KernelException(res.failure());
          }
        }
        if (src instanceof MatrixSource.Rand r) {
          checkRandStream(r, ref, results);
        }
      } catch (RuntimeException e) {
        free(g);
        throw e;
      }
      explain("grid " + src.describe() + " generated on the members");
      return new MatrixValue(ref.rows(), ref.cols(), ref.type(), g, this);
    } finally {
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  private static GenerateBlocks generator(MatrixSource src, MatrixRef ref, int[] rows) {
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
   * offset — the contract of {@link daphnegrid.kernels.random.Generators#randRows}.
   */
  private void checkRandStream(MatrixSource.Rand r, MatrixRef ref, List<GenerateResult> results) {
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
            onOwners(
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
  }

  // ---- transpose -----------------------------------------------------------------------------

  /**
   * t(arg) as a Jet job ({@link TransposeJob}): every output block gathers the pieces of the input
   * row blocks it overlaps, so each cell crosses between members at most once and nothing comes to
   * the coordinator. The job is named after the script position (Management Center lists it).
   */
  @Override
  public MatrixValue transpose(MatrixValue arg, String name) {
    long t0 = System.nanoTime();
    try {
      GridMatrix in = onGrid(arg);
      GridMatrix out = newMatrix(arg.cols(), arg.rows(), arg.type(), null, true);
      String jobName = name + " transpose (" + jobOwner() + ")";
      try {
        GridJobs.runNamed(hz().getJet(), TransposeJob.pipeline(in.ref, out.ref), jobName);
      } catch (RuntimeException e) {
        free(out);
        throw GridFailure.of("transposing " + in.ref, e);
      }
      explain("grid transpose " + describe(in.ref) + " as Jet job '" + jobName + "'");
      stats.programs.incrementAndGet();
      return new MatrixValue(out.ref.rows(), out.ref.cols(), out.ref.type(), out, this);
    } finally {
      stats.nanos.addAndGet(System.nanoTime() - t0);
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
    long t0 = System.nanoTime();
    try {
      GridMatrix gx = onGrid(x);
      GridMatrix gy = onGrid(y);
      GridMatrix out = newMatrix(x.rows(), y.cols(), t, null, true);
      String jobName = name + " matmul (" + jobOwner() + ")";
      try {
        GridJobs.runNamed(hz().getJet(), MatMulJob.dag(gx.ref, gy.ref, t, out.ref), jobName);
        int blocks = out.ref.rowBlocks() * out.ref.colBlocks();
        int stored = hz().getMap(out.ref.map()).size();
        if (stored != blocks) {
          throw new GridFailure(
              "the product job stored " + stored + " of " + blocks + " blocks of " + out.ref, null);
        }
      } catch (RuntimeException e) {
        free(out);
        throw GridFailure.of("multiplying " + gx.ref + " by " + gy.ref, e);
      }
      explain(
          "grid matmul "
              + describe(gx.ref)
              + " @ "
              + describe(gy.ref)
              + " as Jet job '"
              + jobName
              + "'");
      stats.programs.incrementAndGet();
      return new MatrixValue(out.ref.rows(), out.ref.cols(), out.ref.type(), out, this);
    } finally {
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  // ---- data in and out -----------------------------------------------------------------------

  /** The grid copy of m, scattering it first if it has none. */
  private GridMatrix onGrid(MatrixValue m) {
    if (m.remote() instanceof GridMatrix g && !g.freed() && handles.containsKey(g)) {
      return g;
    }
    DenseMatrix d = m.dense();
    GridMatrix g = scatter(d, m);
    m.attachRemote(g, this);
    return g;
  }

  /** Rows [r0, r1) of a grid matrix, collected from the blocks that hold them only. */
  @Override
  public DenseMatrix rows(MatrixValue m, int r0, int r1) {
    if (!(m.remote() instanceof GridMatrix g) || g.freed() || !handles.containsKey(g)) {
      return null;
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
    GridMatrix g = (GridMatrix) handle;
    if (g.freed()) {
      throw new IllegalStateException(g + " was freed while still in use");
    }
    long t0 = System.nanoTime();
    try {
      explain("grid collect " + describe(g.ref));
      return transfer.collect(g.ref);
    } finally {
      stats.nanos.addAndGet(System.nanoTime() - t0);
    }
  }

  private GridMatrix newMatrix(int rows, int cols, ValueType type, MatrixValue copyOf) {
    return newMatrix(rows, cols, type, copyOf, false);
  }

  /**
   * A new distributed matrix. Program results are temporaries ({@code tmp.*} maps, {@code
   * daphne.temp-backup-count} backups, 0 by default): they are derived from backed-up data, and
   * backing up every intermediate result doubled the bytes members exchange per k-means iteration.
   * A member that leaves gracefully hands them over; a crashed member loses them, and a script that
   * still needs one fails with a message naming the missing block (set {@code
   * daphne.temp-backup-count: 1} on the workers to survive that too). Scattered and generated
   * matrices are {@code blocks.*} maps with {@code daphne.backup-count} (1) backups.
   */
  private GridMatrix newMatrix(
      int rows, int cols, ValueType type, MatrixValue copyOf, boolean temporary) {
    GridConnection c = connection();
    long id = nextId++;
    String map =
        temporary
            ? daphnegrid.config.GridMaps.temp(c.owner(), c.scope() + "m" + id)
            : daphnegrid.config.GridMaps.blocks(c.owner(), c.scope(), id);
    MatrixRef ref =
        MatrixRef.layout(
            map, id, rows, cols, type, Math.max(c.settings().blockSizeBytes(), MIN_BLOCK_BYTES));
    GridMatrix g = new GridMatrix(ref, seq++, copyOf);
    handles.put(g, Boolean.TRUE);
    return g;
  }

  // ---- freeing -------------------------------------------------------------------------------

  @Override
  public boolean tracksLiveness() {
    return true;
  }

  @Override
  public void callStarted() {
    callMarks.push(seq);
  }

  @Override
  public void callFinished() {
    callMarks.poll();
  }

  /**
   * Destroys the maps of matrices that no live value (or pending computation of one) refers to.
   * Only matrices made since the innermost running function call began are considered: a value made
   * before it may be an operand a caller has evaluated but not yet used (as in {@code f(A) + g(B)}
   * while g runs), which no variable holds.
   */
  @Override
  public void retain(Collection<Value> live) {
    if (handles.isEmpty()) {
      return;
    }
    Set<GridMatrix> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<MatrixValue> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Value v : live) {
      mark(v, reachable, seen);
    }
    long since = callMarks.isEmpty() ? Long.MIN_VALUE : callMarks.peek();
    List<GridMatrix> dead = new ArrayList<>();
    for (GridMatrix g : handles.keySet()) {
      if (!reachable.contains(g) && g.seq >= since) {
        dead.add(g);
      }
    }
    for (GridMatrix g : dead) {
      free(g);
    }
  }

  private static void mark(Value v, Set<GridMatrix> reachable, Set<MatrixValue> seen) {
    if (!(v instanceof MatrixValue m) || !seen.add(m)) {
      return;
    }
    if (m.remote() instanceof GridMatrix g) {
      reachable.add(g);
    }
    Pending p = m.pending();
    if (p != null) {
      for (MatrixValue o : p.operands()) {
        mark(o, reachable, seen);
      }
    }
  }

  private void free(GridMatrix g) {
    if (handles.remove(g) == null) {
      return;
    }
    g.markFreed();
    try {
      hz().getMap(g.ref.map()).destroy();
    } catch (RuntimeException e) {
      // the grid is gone: the members' orphan sweeper frees what is left
    }
  }

  /** Number of distributed matrices the engine holds (for tests). */
  public int liveMatrices() {
    return handles.size();
  }

  @Override
  public Map<String, Double> timing() {
    return stats.asTiming();
  }

  /** Payload bytes moved so far, both directions (for the benchmark). */
  public long bytesMoved() {
    return stats.bytesSent.get() + stats.bytesReceived.get();
  }

  /** Frees every map this engine made and disconnects (or stops the embedded grid). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      if (conn != null) {
        try {
          for (GridMatrix g : new ArrayList<>(handles.keySet())) {
            free(g);
          }
          destroyOwned(conn);
        } catch (RuntimeException e) {
          // e.g. Ctrl-C while the script thread adds a matrix: sweep by name instead
          destroyOwned(conn);
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

  /**
   * Destroys every grid object named with this engine's owner id, whether or not a handle for it is
   * still known (a map made for a result whose program then failed, say).
   */
  private static void destroyOwned(GridConnection c) {
    try {
      for (com.hazelcast.core.DistributedObject o : c.hz().getDistributedObjects()) {
        if (daphnegrid.config.GridMaps.ownedBy(o.getName(), c.owner(), c.scope())) {
          o.destroy();
        }
      }
    } catch (RuntimeException e) {
      // the grid is gone: the members' orphan sweeper frees what is left
    }
  }

  private void explain(String line) {
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

  private static String describe(MatrixRef m) {
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
