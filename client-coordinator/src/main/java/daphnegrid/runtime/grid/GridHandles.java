package daphnegrid.runtime.grid;

import daphnegrid.config.GridMaps;
import daphnegrid.grid.tasks.FrameRef;
import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.kernels.ValueType;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Reachable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The distributed matrices and frames of one run and their lifetime: names each new matrix's map,
 * frees a map as soon as nothing the script may still use reaches it ({@link #retain}), and
 * everything at {@link #freeAll}, including objects whose handle was lost (a result map of a
 * program that failed). What is reachable is the interpreter's to say ({@link Reachable}); the
 * registry only looks up its handles there.
 *
 * <p>Threading: the interpreter's thread, except {@link #freeAll}, which a shutdown hook may call.
 */
final class GridHandles {
  /**
   * A row block ({@link daphnegrid.kernels.pipeline.RowBlocks}: at most 65536 rows) is cut into
   * column blocks only when it is larger than this (or than {@code daphne.block-size-mib}, if that
   * is larger). Every program needs whole rows, so each column cut costs a copy of the block per
   * pass: with 4 MiB column blocks a 1,000,000 x 100 f64 sum took 15x longer than with whole-row
   * blocks (measured).
   */
  static final long MIN_BLOCK_BYTES = 64L << 20;

  private final Supplier<GridConnection> connection;
  private final Map<GridObject, Boolean> handles = new LinkedHashMap<>();
  private final ArrayDeque<Long> callMarks = new ArrayDeque<>();
  private long nextId = 1;
  private long seq;

  /**
   * @param connection the run's connection (made on first use)
   */
  GridHandles(Supplier<GridConnection> connection) {
    this.connection = connection;
  }

  /**
   * A new distributed matrix. Program results are temporaries ({@code tmp.*} maps, {@code
   * daphne.temp-backup-count} backups, 0 by default): they are derived from backed-up data, and
   * backing up every intermediate result doubled the bytes members exchange per k-means iteration.
   * A member that leaves gracefully hands them over; a crashed member loses them, and a script that
   * still needs one fails with a message naming the missing block (set {@code
   * daphne.temp-backup-count: 1} on the workers to survive that too). Generated matrices (rand,
   * fill, seq; {@link #createGenerated}) are temporaries without backups whatever that setting:
   * their lost blocks are made again ({@link Regeneration}). Scattered and read matrices are {@code
   * blocks.*} maps with {@code daphne.backup-count} (1) backups.
   *
   * @param copyOf the local value the new matrix copies, or null
   */
  synchronized GridMatrix create(
      int rows, int cols, ValueType type, MatrixValue copyOf, boolean temporary) {
    return create(rows, cols, type, copyOf, temporary, false, false, null);
  }

  /** A new matrix for a generator's blocks: no backups ({@link GridMaps#generated}). */
  synchronized GridMatrix createGenerated(int rows, int cols, ValueType type) {
    return create(rows, cols, type, null, true, true, false, null);
  }

  /**
   * A new distributed CSR matrix: one block per row block ({@link
   * daphnegrid.kernels.pipeline.RowBlocks}, as a dense matrix of that row count), all columns in
   * it, so that block i shares its partition with row block i of the dense matrices.
   */
  synchronized GridMatrix createCsr(
      int rows, int cols, ValueType type, MatrixValue copyOf, boolean temporary) {
    return create(rows, cols, type, copyOf, temporary, false, true, null);
  }

  /** A new CSR matrix for a generator's blocks (sparse rand): no backups, as createGenerated. */
  synchronized GridMatrix createGeneratedCsr(int rows, int cols, ValueType type) {
    return create(rows, cols, type, null, true, true, true, null);
  }

  /** The dense form of the CSR matrix csr, living (unless freed) as long as csr does. */
  synchronized GridMatrix createTwin(GridMatrix csr) {
    MatrixRef r = csr.ref;
    return create(r.rows(), r.cols(), r.type(), null, true, false, false, csr);
  }

  private GridMatrix create(
      int rows,
      int cols,
      ValueType type,
      MatrixValue copyOf,
      boolean temporary,
      boolean gen,
      boolean csr,
      GridMatrix twinOf) {
    GridConnection c = connection.get();
    long id = nextId++;
    String map =
        gen
            ? GridMaps.generated(c.owner(), c.scope() + "m" + id)
            : temporary
                ? GridMaps.temp(c.owner(), c.scope() + "m" + id)
                : GridMaps.blocks(c.owner(), c.scope(), id);
    MatrixRef layout =
        csr
            ? new MatrixRef(
                map,
                id,
                rows,
                cols,
                type,
                daphnegrid.kernels.pipeline.RowBlocks.rowsPerBlock(rows),
                Math.max(1, cols))
            : MatrixRef.layout(
                map,
                id,
                rows,
                cols,
                type,
                Math.max(c.settings().blockSizeBytes(), MIN_BLOCK_BYTES));
    // the members seal the blocks they compute into it only with this warrant
    MatrixRef ref =
        layout.withWarrant(
            daphnegrid.config.serial.BlockSeal.of(c.hz()).warrant(layout.identity()));
    GridMatrix g = new GridMatrix(ref, seq++, copyOf, csr, twinOf);
    handles.put(g, Boolean.TRUE);
    return g;
  }

  /** The matrices of this run whose blocks are on the grid and can be made again if lost. */
  synchronized List<GridMatrix> regenerable() {
    List<GridMatrix> out = new ArrayList<>();
    for (GridObject o : handles.keySet()) {
      if (o instanceof GridMatrix g && !g.freed() && g.regeneration() != null) {
        out.add(g);
      }
    }
    return out;
  }

  /**
   * A new distributed frame of rows rows with these labels and types, in a {@code blocks.*} map
   * (backed up like a scattered or generated matrix).
   *
   * @param copyOf the local value the new frame copies, or null
   */
  synchronized GridFrame createFrame(
      int rows,
      List<String> labels,
      List<daphnegrid.kernels.ValueType> types,
      daphnegrid.runtime.FrameValue copyOf) {
    GridConnection c = connection.get();
    long id = nextId++;
    String map = GridMaps.blocks(c.owner(), c.scope(), id);
    FrameRef layout = FrameRef.layout(map, id, rows, labels, types);
    // members seal the row blocks they read into it only with this warrant
    FrameRef ref =
        layout.withWarrant(
            daphnegrid.config.serial.BlockSeal.of(c.hz()).warrant(layout.identity()));
    GridFrame g = new GridFrame(ref, seq++, copyOf);
    handles.put(g, Boolean.TRUE);
    return g;
  }

  /** True if handle is a matrix or frame of this run whose blocks are still on the grid. */
  synchronized boolean holds(Object handle) {
    return handle instanceof GridObject g && !g.freed() && handles.containsKey(g);
  }

  /** A user function was entered: matrices made from now on are its own. */
  synchronized void callStarted() {
    callMarks.push(seq);
  }

  synchronized void callFinished() {
    callMarks.poll();
  }

  /**
   * Frees the matrices nothing reachable refers to. Only matrices made since the innermost running
   * function call began are considered: a value made before it may be an operand a caller has
   * evaluated but not yet used (as in {@code f(A) + g(B)} while g runs), which no variable holds.
   */
  void retain(Reachable reachable) {
    List<GridObject> dead = new ArrayList<>();
    synchronized (this) {
      long since = callMarks.isEmpty() ? Long.MIN_VALUE : callMarks.peek();
      for (GridObject g : handles.keySet()) {
        boolean twinReached =
            g instanceof GridMatrix x && x.twinOf != null && reachable.holdsHandle(x.twinOf);
        if (g.seq >= since && !reachable.holdsHandle(g) && !twinReached) {
          dead.add(g);
        }
      }
    }
    for (GridObject g : dead) {
      free(g);
    }
  }

  /** Destroys g's map (once). */
  void free(GridObject g) {
    synchronized (this) {
      if (handles.remove(g) == null) {
        return;
      }
      g.markFreed();
    }
    if (g instanceof GridMatrix m && m.denseTwin != null) {
      free(m.denseTwin);
    }
    try {
      connection.get().hz().getMap(g.map()).destroy();
    } catch (RuntimeException e) {
      // the grid is gone: the members' orphan sweeper frees what is left
    }
  }

  /** The number of matrices and frames held. */
  synchronized int size() {
    return handles.size();
  }

  /** The number of frames held. */
  synchronized int frames() {
    int n = 0;
    for (GridObject g : handles.keySet()) {
      n += g instanceof GridFrame ? 1 : 0;
    }
    return n;
  }

  /**
   * Frees every matrix, then every other grid object named with the run's owner and scope, whether
   * or not a handle for it is known.
   */
  void freeAll(GridConnection c) {
    try {
      List<GridObject> all;
      synchronized (this) {
        all = new ArrayList<>(handles.keySet());
      }
      for (GridObject g : all) {
        free(g);
      }
    } catch (RuntimeException e) {
      // e.g. Ctrl-C while the script thread adds a matrix: the sweep by name below frees it
    }
    try {
      for (com.hazelcast.core.DistributedObject o : c.hz().getDistributedObjects()) {
        if (GridMaps.ownedBy(o.getName(), c.owner(), c.scope())) {
          o.destroy();
        }
      }
    } catch (RuntimeException e) {
      // the grid is gone: the members' orphan sweeper frees what is left
    }
  }
}
