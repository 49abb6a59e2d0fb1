package daphnegrid.runtime.grid;

import daphnegrid.config.serial.CsrBlockSerializer;
import daphnegrid.grid.tasks.CsrResult;
import daphnegrid.grid.tasks.CsrTask;
import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrAggregation;
import daphnegrid.kernels.sparse.CsrElementwise;
import daphnegrid.kernels.sparse.CsrMatrix;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.SparseEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * CSR matrices on the grid: each is one {@code CsrBlock} per row block (the row cut of a dense
 * matrix of as many rows, so block i is on the member holding row block i of those), and the sparse
 * operations run there as {@link CsrTask}s, one per member for the block rows it owns:
 *
 * <ul>
 *   <li>aggregations send back one partial per block, combined here in block order with the same
 *       {@link CsrAggregation} methods the local engine uses, so the bits are the same;
 *   <li>elementwise operations that keep zeros ({@code X * s}, {@code X op Y} of two CSR matrices)
 *       write CSR blocks of a new CSR matrix on the grid;
 *   <li>{@code X * d} with a dense row d broadcast over the rows writes CSR blocks of X's pattern;
 *   <li>{@code X @ D} with a dense D small enough to travel with the task writes dense row blocks;
 *   <li>a Matrix Market file every member can read is read there, each member keeping its rows;
 *   <li>a sparse {@code rand} is made there, each member replaying the generator's stream and
 *       keeping its rows ({@link CsrTask#rand}); its blocks have no backups and are made again if
 *       lost with a member ({@link Regeneration}), as a dense rand's;
 *   <li>a program that reads a CSR matrix's cells gets its dense form, made block by block on the
 *       members once and kept while the CSR matrix lives ({@link #denseTwin}).
 * </ul>
 *
 * Admission ({@link GridMemory}) counts a CSR block's bytes: its values, column indices and row
 * offsets, backups included. Everything runs on the interpreter's thread.
 */
final class GridSparse implements SparseEngine {
  private final GridEngine engine;

  GridSparse(GridEngine engine) {
    this.engine = engine;
  }

  @Override
  public boolean holds(MatrixValue m) {
    return engine.handles.holds(m.remote()) && ((GridMatrix) m.remote()).csr;
  }

  @Override
  public MatrixValue store(MatrixValue m) {
    return timed(
        () -> {
          GridMatrix g = scatter(m.csr(), null);
          return MatrixValue.remoteCsr(m.rows(), m.cols(), m.type(), g, engine, m.knownDensity());
        });
  }

  /** m's CSR blocks on the grid, sent there (and remembered by m) if they are not yet. */
  private GridMatrix onGrid(MatrixValue m) {
    if (holds(m)) {
      return (GridMatrix) m.remote();
    }
    GridMatrix g = scatter(m.csr(), m);
    m.attachRemote(g, engine);
    return g;
  }

  private GridMatrix scatter(CsrMatrix x, MatrixValue copyOf) {
    GridMatrix g = engine.handles.createCsr(x.rows(), x.cols(), x.type(), copyOf, false);
    try {
      MatrixRef ref = g.ref;
      long[] bytes = new long[ref.rowBlocks()];
      int[] off = x.rowOffsets();
      for (int b = 0; b < bytes.length; b++) {
        int r0 = (int) ref.rowStart(b);
        int r1 = (int) ref.rowEnd(b);
        bytes[b] = blockBytes(ref.type(), r1 - r0, off[r1] - off[r0]);
      }
      engine.memory.admit(
          bytes, false, 0, "sending a " + x.rows() + "x" + x.cols() + " CSR matrix to the grid");
      g.blockNnz = engine.transfer().scatterCsr(x, ref);
    } catch (RuntimeException e) {
      engine.free(g);
      throw e;
    }
    engine.explain("grid scatter " + describe(g));
    return g;
  }

  @Override
  public MatrixValue readMatrixMarket(
      String path, String shown, int rows, int cols, ValueType type, long nnz, double density) {
    return timed(
        () -> {
          GridMatrix g = engine.handles.createCsr(rows, cols, type, null, false);
          MatrixRef ref = g.ref;
          try {
            // the meta file's non-zeros, spread over the blocks by their rows
            long[] bytes = new long[ref.rowBlocks()];
            for (int b = 0; b < bytes.length; b++) {
              long n = ref.rowEnd(b) - ref.rowStart(b);
              bytes[b] = blockBytes(type, n, rows == 0 ? 0 : Math.max(0, nnz) * n / rows);
            }
            engine.memory.admit(bytes, false, 0, "readMatrix of '" + shown + "'");
            List<CsrResult.Part> parts =
                run(
                    g,
                    (blockRows, a) -> CsrTask.matrixMarket(ref, path, shown, blockRows),
                    "reading '" + shown + "'");
            long[] stored = new long[ref.rowBlocks()];
            for (CsrResult.Part p : parts) {
              stored[p.blockRow()] = p.nnz();
            }
            g.blockNnz = stored;
          } catch (RuntimeException e) {
            engine.free(g);
            throw e;
          }
          engine.explain("grid '" + shown + "' read on the members as " + describe(g));
          return MatrixValue.remoteCsr(rows, cols, type, g, engine, density);
        });
  }

  @Override
  public MatrixValue rand(
      int rows, int cols, Scalar min, Scalar max, double sparsity, long seed, long nnz) {
    return timed(
        () -> {
          String what = "rand " + rows + "x" + cols + " " + min.type().dslName() + " sparse";
          GridMatrix g = engine.handles.createGeneratedCsr(rows, cols, min.type());
          MatrixRef ref = g.ref;
          try {
            // the non-zeros spread over the blocks by their rows (the row counts are uniform)
            long[] bytes = new long[ref.rowBlocks()];
            for (int b = 0; b < bytes.length; b++) {
              long n = ref.rowEnd(b) - ref.rowStart(b);
              bytes[b] = blockBytes(min.type(), n, nnz * n / rows);
            }
            engine.memory.admit(bytes, true, true, 0, what);
            List<CsrResult.Part> parts =
                run(
                    g,
                    (blockRows, a) -> CsrTask.rand(ref, min, max, sparsity, seed, blockRows),
                    what);
            long[] stored = new long[ref.rowBlocks()];
            for (CsrResult.Part p : parts) {
              stored[p.blockRow()] = p.nnz();
            }
            g.blockNnz = stored;
            g.regeneration(Regeneration.sparseRand(rows, cols, min, max, sparsity, seed));
          } catch (RuntimeException e) {
            engine.free(g);
            throw e;
          }
          engine.explain("grid " + what + " generated on the members as " + describe(g));
          return MatrixValue.remoteCsr(rows, cols, min.type(), g, engine, sparsity);
        });
  }

  /** Bytes of a stored CSR block of rows rows and nnz cells of type t. */
  static long blockBytes(ValueType t, long rows, long nnz) {
    return CsrBlockSerializer.HEADER_BYTES + 4 * (rows + 1) + nnz * (4 + t.byteWidth());
  }

  /** The CSR matrix of g, collected from its blocks. */
  CsrMatrix collect(GridMatrix g) {
    if (g.freed()) {
      throw new IllegalStateException(g + " was freed while still in use");
    }
    engine.explain("grid collect " + describe(g));
    return engine.transfer().collectCsr(g.ref, g.blockNnz);
  }

  /** The dense form of the CSR matrix g on the grid, made on the members the first time. */
  GridMatrix denseTwin(GridMatrix g) {
    if (g.denseTwin != null && !g.denseTwin.freed()) {
      return g.denseTwin;
    }
    GridMatrix out = engine.handles.createTwin(g);
    try {
      engine.memory.admit(out.ref, true, 0, "the dense form of " + g.ref);
      run(g, (rows, a) -> CsrTask.toDense(g.ref, out.ref, rows), "dense form of " + g.ref);
    } catch (RuntimeException e) {
      engine.free(out);
      throw e;
    }
    engine.explain("grid dense form of " + describe(g) + " made on the members");
    g.denseTwin = out;
    return out;
  }

  @Override
  public Scalar fullAgg(AggOp op, MatrixValue m) {
    return timed(
        () -> {
          GridMatrix g = onGrid(m);
          List<CsrResult.Part> parts =
              run(g, (rows, a) -> CsrTask.aggregate(CsrTask.Kind.FULL, op, g.ref, rows), what(op));
          engine.explain("grid " + op.functionName() + "" + " of " + describe(g) + " per block");
          List<Scalar> partials = new ArrayList<>(parts.size());
          for (CsrResult.Part p : parts) {
            partials.add(p.partial());
          }
          return CsrAggregation.fullCombine(
              op, g.ref.type(), g.ref.rows(), g.ref.cols(), g.nnz(), partials);
        });
  }

  @Override
  public DenseMatrix rowAgg(AggOp op, MatrixValue m) {
    return timed(
        () -> {
          GridMatrix g = onGrid(m);
          List<CsrResult.Part> parts =
              run(g, (rows, a) -> CsrTask.aggregate(CsrTask.Kind.ROWS, op, g.ref, rows), what(op));
          engine.explain(
              "grid " + op.functionName() + " over rows" + " of " + describe(g) + " per block");
          DenseMatrix out = DenseMatrix.allocate(op.resultType(m.type()), m.rows(), 1);
          for (CsrResult.Part p : parts) {
            DenseMatrix v = p.values();
            System.arraycopy(v.data(), 0, out.data(), (int) g.ref.rowStart(p.blockRow()), v.rows());
          }
          return out;
        });
  }

  @Override
  public DenseMatrix colAgg(AggOp op, MatrixValue m) {
    return timed(
        () -> {
          GridMatrix g = onGrid(m);
          List<CsrResult.Part> parts =
              run(g, (rows, a) -> CsrTask.aggregate(CsrTask.Kind.COLS, op, g.ref, rows), what(op));
          engine.explain(
              "grid " + op.functionName() + " over columns" + " of " + describe(g) + " per block");
          List<CsrAggregation.ColPartial> partials = new ArrayList<>(parts.size());
          for (CsrResult.Part p : parts) {
            partials.add(new CsrAggregation.ColPartial(p.values(), p.counts()));
          }
          return CsrAggregation.colsCombine(op, m.type(), m.rows(), m.cols(), partials);
        });
  }

  @Override
  public MatrixValue scalar(BinaryOp op, MatrixValue m, Scalar s, ValueType t, double density) {
    return timed(
        () -> {
          GridMatrix x = onGrid(m);
          ValueType rt = op.resultType(t, t);
          return elementwise(
              x,
              null,
              rt,
              density,
              (out, rows) -> CsrTask.scalar(op, x.ref, s, t, out.ref, rows),
              "X " + op.symbol() + " s");
        });
  }

  @Override
  public MatrixValue binary(
      BinaryOp op, MatrixValue xv, MatrixValue yv, ValueType t, double density) {
    return timed(
        () -> {
          GridMatrix x = onGrid(xv);
          GridMatrix y = onGrid(yv);
          ValueType rt = op.resultType(t, t);
          return elementwise(
              x,
              CsrElementwise.annihilates(op) ? null : y,
              rt,
              density,
              (out, rows) -> CsrTask.binary(op, x.ref, y.ref, t, out.ref, rows),
              "X " + op.symbol() + " Y");
        });
  }

  @Override
  public MatrixValue binaryRow(
      BinaryOp op, MatrixValue xv, DenseMatrix row, ValueType t, double density) {
    if (!travels(row, t)) {
      return null;
    }
    return timed(
        () -> {
          GridMatrix x = onGrid(xv);
          ValueType rt = op.resultType(t, row.type());
          engine.stats.bytesSent.addAndGet((long) row.size() * t.byteWidth());
          return elementwise(
              x,
              null,
              rt,
              density,
              (out, rows) -> CsrTask.row(op, x.ref, row, t, out.ref, rows),
              "X " + op.symbol() + " a " + row.rows() + "x" + row.cols() + " row");
        });
  }

  /** True if d (converted to t) may travel inside every member's task. */
  private boolean travels(DenseMatrix d, ValueType t) {
    long bytes = (long) d.size() * t.byteWidth();
    return d.size() <= engine.options.broadcastMaxCells()
        && bytes + BlockTransfer.HEADER <= engine.options.maxChunkBytes();
  }

  /**
   * Runs an elementwise task into a new CSR matrix of type rt laid out like x. Its blocks are
   * admitted at most x's stored cells per block, plus y's (a union of patterns) unless y is null.
   */
  private MatrixValue elementwise(
      GridMatrix x,
      GridMatrix y,
      ValueType rt,
      double density,
      BiFunction<GridMatrix, int[], CsrTask> task,
      String what) {
    MatrixRef xr = x.ref;
    GridMatrix out = engine.handles.createCsr(xr.rows(), xr.cols(), rt, null, true);
    try {
      long[] bytes = new long[xr.rowBlocks()];
      for (int b = 0; b < bytes.length; b++) {
        long nnz = x.blockNnz[b] + (y == null ? 0 : y.blockNnz[b]);
        bytes[b] = blockBytes(rt, xr.rowEnd(b) - xr.rowStart(b), nnz);
      }
      engine.memory.admit(bytes, true, 0, what);
      List<CsrResult.Part> parts = run(x, (rows, a) -> task.apply(out, rows), what);
      long[] nnz = new long[xr.rowBlocks()];
      for (CsrResult.Part p : parts) {
        nnz[p.blockRow()] = p.nnz();
      }
      out.blockNnz = nnz;
    } catch (RuntimeException e) {
      engine.free(out);
      throw e;
    }
    engine.explain("grid " + what + " on the CSR blocks of " + describe(x));
    return MatrixValue.remoteCsr(xr.rows(), xr.cols(), rt, out, engine, density);
  }

  @Override
  public MatrixValue matmulDense(MatrixValue xv, DenseMatrix y, ValueType t) {
    long bytes = (long) y.size() * t.byteWidth();
    if (!travels(y, t)) {
      return null;
    }
    return timed(
        () -> {
          GridMatrix x = onGrid(xv);
          GridMatrix out = engine.handles.create(xv.rows(), y.cols(), t, null, true);
          String what = "X @ Y of " + describe(x) + " and a " + y.rows() + "x" + y.cols() + " Y";
          try {
            engine.memory.admit(out.ref, true, bytes, what);
            run(x, (rows, a) -> CsrTask.matmul(x.ref, y, t, out.ref, rows), what);
            engine.stats.bytesSent.addAndGet(bytes);
          } catch (RuntimeException e) {
            engine.free(out);
            throw e;
          }
          engine.explain("grid " + what + " on the members");
          return new MatrixValue(xv.rows(), y.cols(), t, out, engine);
        });
  }

  /**
   * Runs a task per member over g's block rows and returns the answers' parts in block order.
   *
   * @throws KernelException with a kernel's message if one failed on a member
   */
  private List<CsrResult.Part> run(
      GridMatrix g, BiFunction<int[], Integer, CsrTask> task, String what) {
    int blocks = g.ref.rowBlocks();
    List<CsrResult> results = engine.dispatch.onOwners(blocks, task::apply, what);
    CsrResult.Part[] parts = new CsrResult.Part[blocks];
    for (CsrResult r : results) {
      if (r.failure() != null) {
        throw new KernelException(r.failure());
      }
      for (CsrResult.Part p : r.parts()) {
        parts[p.blockRow()] = p;
      }
    }
    engine.stats.programs.incrementAndGet();
    return List.of(parts);
  }

  /** Grid work on the interpreter's thread, its wall time counted as grid time. */
  private <T> T timed(java.util.function.Supplier<T> body) {
    return engine.work(
        () -> {
          long t0 = System.nanoTime();
          try {
            return body.get();
          } finally {
            engine.stats.nanos.addAndGet(System.nanoTime() - t0);
          }
        });
  }

  private static String what(AggOp op) {
    return op.functionName() + " of a CSR matrix";
  }

  private static String describe(GridMatrix g) {
    MatrixRef m = g.ref;
    return m.rows()
        + "x"
        + m.cols()
        + " "
        + m.type().dslName()
        + " CSR ("
        + m.rowBlocks()
        + " blocks, "
        + (g.blockNnz == null ? "?" : String.valueOf(g.nnz()))
        + " non-zeros)";
  }
}
