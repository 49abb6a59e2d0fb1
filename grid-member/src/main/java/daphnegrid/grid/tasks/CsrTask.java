package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Indexing;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.io.MatrixMarket;
import daphnegrid.kernels.random.Generators;
import daphnegrid.kernels.sparse.CsrAggregation;
import daphnegrid.kernels.sparse.CsrConvert;
import daphnegrid.kernels.sparse.CsrElementwise;
import daphnegrid.kernels.sparse.CsrMatMul;
import daphnegrid.kernels.sparse.CsrMatrix;
import daphnegrid.kernels.sparse.CsrReorg;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * Work on the CSR row blocks a member owns, block by block on its compute threads, with the sparse
 * kernels the coordinator uses:
 *
 * <ul>
 *   <li>{@code FULL}, {@code ROWS}, {@code COLS}: a full, row or column aggregation's partial of
 *       each block ({@link CsrAggregation#fullPartial}, {@link CsrAggregation#rows}, {@link
 *       CsrAggregation#colsPartial}), sent back for the coordinator to combine in block order;
 *   <li>{@code SCALAR}: {@code X op s} for an op that keeps zeros, stored as CSR blocks of out;
 *   <li>{@code BINARY}: {@code X op Y} for two CSR matrices of the same shape (Y's block i is in
 *       the same partition as X's), stored as CSR blocks of out;
 *   <li>{@code ROW}: {@code X op d} for an op that annihilates zeros and a dense row (1 x cols) or
 *       single cell d that travels inside the task, stored as CSR blocks of out (X's pattern);
 *   <li>{@code MATMUL}: {@code X @ D} for a dense D that travels inside the task, stored as dense
 *       row blocks of out;
 *   <li>{@code TO_DENSE}: X's dense form, stored as dense row blocks of out (for a program that
 *       reads X's cells);
 *   <li>{@code MTX}: the member's block rows of a Matrix Market file that every member can read at
 *       the same path, stored as CSR blocks of out (one pass over the file for all of them);
 *   <li>{@code RAND}: the member's block rows of DAPHNE's sparse {@code rand}, stored as CSR blocks
 *       of out. The sparse stream cannot jump to a row (its draws depend on rejections), so one
 *       replay of it from the start up to the member's last block row makes all of them ({@link
 *       Generators#randCsrRows}), keeping only their cells.
 * </ul>
 *
 * Each output block depends only on its input blocks, and every row of a sparse kernel's result
 * only on the same row of its inputs, so the blocks together are the coordinator's result bit for
 * bit. Writes are whole blocks: a block row sent again to a new owner writes the same values.
 */
public final class CsrTask
    implements Callable<CsrResult>, IdentifiedDataSerializable, HazelcastInstanceAware {
  /** What to do with each block. */
  public enum Kind {
    FULL,
    ROWS,
    COLS,
    SCALAR,
    BINARY,
    ROW,
    MATMUL,
    TO_DENSE,
    MTX,
    RAND
  }

  private Kind kind;
  private MatrixRef x;
  private MatrixRef y;
  private MatrixRef out;
  private int[] blockRows;
  private AggOp agg = AggOp.SUM;
  private BinaryOp op = BinaryOp.ADD;
  private Scalar scalar = Scalar.si64(0);
  private ValueType type = ValueType.F64;
  private DenseMatrix right;
  private String path = "";
  private String shown = "";
  private Scalar max = Scalar.si64(0);
  private double sparsity;
  private long seed;
  private transient HazelcastInstance hz;

  /** For deserialization. */
  public CsrTask() {}

  private CsrTask(Kind kind, MatrixRef x, int[] blockRows) {
    this.kind = kind;
    this.x = x;
    this.blockRows = blockRows;
  }

  /** A full (FULL), row (ROWS) or column (COLS) aggregation's partials of x's blocks. */
  public static CsrTask aggregate(Kind kind, AggOp agg, MatrixRef x, int[] blockRows) {
    if (kind != Kind.FULL && kind != Kind.ROWS && kind != Kind.COLS) {
      throw new IllegalArgumentException("not an aggregation: " + kind);
    }
    CsrTask t = new CsrTask(kind, x, blockRows);
    t.agg = agg;
    return t;
  }

  /** out = x op s, x's values converted to type t first (s already is of type t). */
  public static CsrTask scalar(
      BinaryOp op, MatrixRef x, Scalar s, ValueType t, MatrixRef out, int[] blockRows) {
    CsrTask task = new CsrTask(Kind.SCALAR, x, blockRows);
    task.op = op;
    task.scalar = s;
    task.type = t;
    task.out = out;
    return task;
  }

  /** out = x op y for CSR x and y of the same shape, both converted to type t first. */
  public static CsrTask binary(
      BinaryOp op, MatrixRef x, MatrixRef y, ValueType t, MatrixRef out, int[] blockRows) {
    CsrTask task = new CsrTask(Kind.BINARY, x, blockRows);
    task.op = op;
    task.y = y;
    task.type = t;
    task.out = out;
    return task;
  }

  /** out = x op d for a dense row or single cell d of type t, x converted to type t first. */
  public static CsrTask row(
      BinaryOp op, MatrixRef x, DenseMatrix d, ValueType t, MatrixRef out, int[] blockRows) {
    if (d.rows() != 1) {
      throw new IllegalArgumentException("not a row: " + d);
    }
    CsrTask task = new CsrTask(Kind.ROW, x, blockRows);
    task.op = op;
    task.right = d;
    task.type = t;
    task.out = out;
    return task;
  }

  /** out = x @ d (dense, of type t), x converted to type t first. */
  public static CsrTask matmul(
      MatrixRef x, DenseMatrix d, ValueType t, MatrixRef out, int[] blockRows) {
    CsrTask task = new CsrTask(Kind.MATMUL, x, blockRows);
    task.right = d;
    task.type = t;
    task.out = out;
    return task;
  }

  /**
   * out = the Matrix Market file at the absolute path (named shown in errors), of out's shape and
   * value type (the meta file's), read on each member for the block rows it owns.
   */
  public static CsrTask matrixMarket(MatrixRef out, String path, String shown, int[] blockRows) {
    CsrTask task = new CsrTask(Kind.MTX, out, blockRows);
    task.out = out;
    task.path = path;
    task.shown = shown;
    return task;
  }

  /**
   * out = rand(out's rows, out's cols, min, max, sparsity, seed) as CSR (seed resolved), made on
   * each member for the block rows it owns.
   */
  public static CsrTask rand(
      MatrixRef out, Scalar min, Scalar max, double sparsity, long seed, int[] blockRows) {
    CsrTask task = new CsrTask(Kind.RAND, out, blockRows);
    task.out = out;
    task.scalar = min;
    task.max = max;
    task.sparsity = sparsity;
    task.seed = seed;
    return task;
  }

  /** out = the dense form of x. */
  public static CsrTask toDense(MatrixRef x, MatrixRef out, int[] blockRows) {
    CsrTask task = new CsrTask(Kind.TO_DENSE, x, blockRows);
    task.out = out;
    return task;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
  }

  @Override
  public CsrResult call() throws Exception {
    CsrBlocks csr = new CsrBlocks(hz);
    LocalBlocks dense = new LocalBlocks(hz);
    List<CompletionStage<Void>> writes = Collections.synchronizedList(new ArrayList<>());
    List<Callable<CsrResult.Part>> jobs = new ArrayList<>(blockRows.length);
    for (int br : blockRows) {
      jobs.add(() -> run(csr, dense, br, writes));
    }
    try {
      if (kind == Kind.MTX || kind == Kind.RAND) {
        List<Callable<List<CsrResult.Part>>> read =
            List.of(
                kind == Kind.MTX
                    ? () -> readMatrixMarket(csr, writes)
                    : () -> generateRand(csr, writes));
        List<CsrResult.Part> parts = MemberCompute.of(hz).runAll(read).get(0);
        LocalBlocks.await(writes);
        return CsrResult.done(parts);
      }
      List<CsrResult.Part> parts = MemberCompute.of(hz).runAll(jobs);
      LocalBlocks.await(writes);
      return CsrResult.done(parts);
    } catch (KernelException e) {
      return CsrResult.failed(e.getMessage());
    }
  }

  private CsrResult.Part run(
      CsrBlocks csr, LocalBlocks dense, int br, List<CompletionStage<Void>> writes) {
    CsrMatrix a = csr.block(x, br);
    switch (kind) {
      case FULL -> {
        return part(br, CsrAggregation.fullPartial(agg, a, 0, a.rows()), null, null, 0);
      }
      case ROWS -> {
        return part(br, null, CsrAggregation.rows(agg, a), null, 0);
      }
      case COLS -> {
        CsrAggregation.ColPartial p = CsrAggregation.colsPartial(agg, a, 0, a.rows());
        boolean minMax = agg == AggOp.MIN || agg == AggOp.MAX;
        return part(br, null, p.acc(), minMax ? p.counts() : null, 0);
      }
      case ROW -> {
        HeapGuard.of(hz)
            .reserve(
                (long) a.nnz() * (4 + out.type().byteWidth()) + 4L * (a.rows() + 1),
                "CSR block row " + br + " of " + out);
        CsrMatrix b = CsrElementwise.binaryDense(op, CsrConvert.cast(a, type), right);
        writes.add(csr.store(out, br, b));
        return part(br, null, null, null, b.nnz());
      }
      case SCALAR, BINARY -> {
        CsrMatrix right = kind == Kind.BINARY ? csr.block(y, br) : null;
        // at most the stored cells of both operands (a union of patterns)
        long cells = a.nnz() + (right == null ? 0 : right.nnz());
        HeapGuard.of(hz)
            .reserve(
                cells * (4 + out.type().byteWidth()) + 4L * (a.rows() + 1),
                "CSR block row " + br + " of " + out);
        CsrMatrix left = CsrConvert.cast(a, type);
        CsrMatrix b =
            kind == Kind.SCALAR
                ? CsrElementwise.binaryScalar(op, left, scalar)
                : CsrElementwise.binary(op, left, CsrConvert.cast(right, type));
        writes.add(csr.store(out, br, b));
        return part(br, null, null, null, b.nnz());
      }
      default -> {
        long r0 = out.rowStart(br);
        long r1 = out.rowEnd(br);
        HeapGuard.of(hz)
            .reserve(
                (r1 - r0) * out.cols() * out.type().byteWidth(), "block row " + br + " of " + out);
        DenseMatrix d =
            kind == Kind.MATMUL
                ? CsrMatMul.csrDense(CsrConvert.cast(a, type), right, null)
                : CsrConvert.toDense(a);
        writes.addAll(dense.store(out, br, d));
        return part(br, null, null, null, 0);
      }
    }
  }

  /** Reads this task's block rows of the file in one pass and stores them. */
  private List<CsrResult.Part> readMatrixMarket(CsrBlocks csr, List<CompletionStage<Void>> writes) {
    boolean[] mine = new boolean[out.rowBlocks()];
    for (int br : blockRows) {
      mine[br] = true;
    }
    int rpb = out.rowsPerBlock();
    // rows past the meta file's shape are not kept: the shape check below reports the file
    CsrMatrix all =
        MatrixMarket.readCsrRows(
            Path.of(path), shown, out.type(), r -> r / rpb < mine.length && mine[r / rpb]);
    if (all.rows() != out.rows() || all.cols() != out.cols()) {
      throw new KernelException(
          "the matrix in '"
              + shown
              + "' is "
              + all.rows()
              + "x"
              + all.cols()
              + " but its meta file says "
              + out.rows()
              + "x"
              + out.cols());
    }
    List<CsrResult.Part> parts = new ArrayList<>(blockRows.length);
    for (int br : blockRows) {
      int r0 = (int) out.rowStart(br);
      int r1 = (int) out.rowEnd(br);
      CsrMatrix b =
          CsrReorg.slice(all, new Indexing.Range(r0, r1), new Indexing.Range(0, all.cols()));
      HeapGuard.of(hz).reserve(b.payloadBytes(), "CSR block row " + br + " of " + out);
      writes.add(csr.store(out, br, b));
      parts.add(part(br, null, null, null, b.nnz()));
    }
    return parts;
  }

  /**
   * Makes this task's block rows of the sparse rand in one replay of its stream and stores them.
   */
  private List<CsrResult.Part> generateRand(CsrBlocks csr, List<CompletionStage<Void>> writes) {
    int[] sorted = blockRows.clone();
    java.util.Arrays.sort(sorted);
    long[] starts = new long[sorted.length];
    long[] ends = new long[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      starts[i] = out.rowStart(sorted[i]);
      ends[i] = out.rowEnd(sorted[i]);
    }
    // the replay's own arrays: per row a count and a running total, per column a flag and a slot
    HeapGuard.of(hz).reserve(8L * out.rows() + 5L * out.cols(), "the sparse rand stream of " + out);
    List<CsrMatrix> blocks =
        Generators.randCsrRows(out.rows(), out.cols(), scalar, max, sparsity, seed, starts, ends);
    List<CsrResult.Part> parts = new ArrayList<>(sorted.length);
    for (int i = 0; i < sorted.length; i++) {
      CsrMatrix b = blocks.get(i);
      HeapGuard.of(hz).reserve(b.payloadBytes(), "CSR block row " + sorted[i] + " of " + out);
      writes.add(csr.store(out, sorted[i], b));
      parts.add(part(sorted[i], null, null, null, b.nnz()));
    }
    return parts;
  }

  private static CsrResult.Part part(
      int br, Scalar partial, DenseMatrix values, int[] counts, long nnz) {
    return new CsrResult.Part(br, partial, values, counts, nnz);
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.CSR_TASK;
  }

  @Override
  public void writeData(ObjectDataOutput o) throws IOException {
    o.writeByte(kind.ordinal());
    x.write(o);
    o.writeBoolean(y != null);
    if (y != null) {
      y.write(o);
    }
    o.writeBoolean(out != null);
    if (out != null) {
      out.write(o);
    }
    o.writeIntArray(blockRows);
    o.writeByte(agg.ordinal());
    o.writeByte(op.ordinal());
    Wire.writeScalar(o, scalar);
    o.writeByte(type.ordinal());
    Wire.writeMatrix(o, right);
    o.writeString(path);
    o.writeString(shown);
    Wire.writeScalar(o, max);
    o.writeDouble(sparsity);
    o.writeLong(seed);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    kind = Kind.values()[in.readByte()];
    x = MatrixRef.read(in);
    y = in.readBoolean() ? MatrixRef.read(in) : null;
    out = in.readBoolean() ? MatrixRef.read(in) : null;
    blockRows = in.readIntArray();
    agg = AggOp.values()[in.readByte()];
    op = BinaryOp.values()[in.readByte()];
    scalar = Wire.readScalar(in);
    type = ValueType.values()[in.readByte()];
    right = Wire.readMatrix(in);
    path = in.readString();
    shown = in.readString();
    max = Wire.readScalar(in);
    sparsity = in.readDouble();
    seed = in.readLong();
  }
}
