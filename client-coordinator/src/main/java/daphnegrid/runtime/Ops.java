package daphnegrid.runtime;

import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.OperandRules;
import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.Aggregation;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.Elementwise;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.Shapes;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Frames;
import daphnegrid.plan.Pending;
import daphnegrid.plan.Placement;
import daphnegrid.plan.Planner;
import java.util.List;

/**
 * Operations on values with DaphneDSL's promotion and broadcasting rules (spec 5.6, 6): the one
 * place that decides value types at run time and executes the scalar-on-the-left rewrites that
 * {@link OperandRules} describes. Shapes are checked here, when the operation is written, so errors
 * name its position even when the work runs later.
 *
 * <p>Large operations become {@link Pending} matrices that the {@link Planner} fuses into passes
 * over the data; small ones run at once. Reductions (column and full aggregates, t(A) @ B) always
 * go through the planner, so their summation order is the same whatever the size.
 */
public final class Ops {
  /** Results with fewer cells than this are computed at once instead of being fused. */
  public static final long LAZY_MIN_CELLS = 1 << 14;

  private final Planner planner;
  private final SparseOps sparse;

  /** Threads for whole-value kernels on the coordinator (null: the calling thread). */
  public java.util.concurrent.ForkJoinPool localPool() {
    return planner.localPool();
  }

  public Ops(Planner planner) {
    this(planner, SparseSelection.OFF, 1);
  }

  public Ops(Planner planner, SparseSelection selection, int threads) {
    this.planner = planner;
    this.sparse = new SparseOps(selection, threads, planner.placement());
  }

  /** The CSR operations and the choice of representation. */
  public SparseOps sparse() {
    return sparse;
  }

  /** The threads of the local engine for kernels that run whole on the coordinator (or null). */
  public java.util.concurrent.ForkJoinPool computeThreads() {
    return planner.computeThreads();
  }

  /**
   * A rows x cols matrix of type t for a result a kernel on the coordinator writes completely; its
   * cells are unspecified (a reused array where the local engine has one).
   */
  public DenseMatrix resultMatrix(ValueType t, long rows, long cols) {
    return planner.resultMatrix(t, rows, cols);
  }

  /** Computes every pending matrix among values in shared passes. */
  public void forceAll(List<? extends Value> values) {
    planner.forceAll(values);
  }

  private static boolean lazy(long cells, MatrixValue... inputs) {
    if (cells >= LAZY_MIN_CELLS) {
      return true;
    }
    for (MatrixValue m : inputs) {
      if (m.isPending() && m.cells() >= LAZY_MIN_CELLS) {
        return true;
      }
    }
    return false;
  }

  public Value binary(BinaryOp op, Value a, Value b, Span at) {
    if (a instanceof ScalarValue x && b instanceof ScalarValue y) {
      return new ScalarValue(ElementOps.apply(op, x.scalar(), y.scalar()));
    }
    if (a instanceof MatrixValue m && b instanceof ScalarValue s) {
      return matrixScalar(op, m, s.scalar(), at);
    }
    if (a instanceof ScalarValue s && b instanceof MatrixValue m) {
      return scalarMatrix(op, s.scalar(), m, at);
    }
    if (a instanceof FrameValue f && b instanceof ScalarValue s) {
      return new FrameValue(Frames.binaryScalar(op, f.frame(), s.scalar()));
    }
    return matrixMatrix(op, matrix(a), matrix(b), at);
  }

  private MatrixValue matrixScalar(BinaryOp op, MatrixValue m, Scalar s, Span at) {
    MatrixValue csr = sparse.matrixScalar(op, m, s);
    if (csr != null) {
      return csr;
    }
    ValueType ct = op.computeType(m.type(), s.type());
    if (ct == ValueType.STR) {
      OperandRules.onStrings(op, m.type(), s.type(), KernelException::new);
      return new MatrixValue(Elementwise.binaryScalar(op, Casts.cast(m.dense(), ct), s));
    }
    ValueType rt = op.resultType(ct, ct);
    if (lazy(m.cells(), m)) {
      return planner.pending(m.rows(), m.cols(), rt, new Pending.EwBinary(at, op, m, s));
    }
    return new MatrixValue(Elementwise.binaryScalar(op, Casts.cast(m.dense(), ct), s));
  }

  /**
   * Scalar-op-matrix as DAPHNE rewrites it into matrix-op-scalar (spec 6.2, {@link OperandRules}).
   */
  private MatrixValue scalarMatrix(BinaryOp op, Scalar s, MatrixValue m, Span at) {
    OperandRules.Rewrite rewrite =
        OperandRules.scalarLeft(op, s.type(), m.type(), m.type().dslName(), KernelException::new);
    MatrixValue left =
        rewrite.prepare() == null
            ? m
            : matrixScalar(rewrite.prepare(), m, rewrite.prepareWith(), at);
    return matrixScalar(rewrite.combine(), left, s, at);
  }

  private MatrixValue matrixMatrix(BinaryOp op, MatrixValue x, MatrixValue y, Span at) {
    ValueType ct = op.computeType(x.type(), y.type());
    Shapes.broadcast(op.symbol(), x.rows(), x.cols(), y.rows(), y.cols());
    MatrixValue csr = sparse.matrixMatrix(op, x, y);
    if (csr != null) {
      return csr;
    }
    if (ct == ValueType.STR) {
      OperandRules.onStrings(op, x.type(), y.type(), KernelException::new);
    } else if (lazy(x.cells(), x, y)) {
      return planner.pending(
          x.rows(), x.cols(), op.resultType(ct, ct), new Pending.EwBinary(at, op, x, y));
    }
    planner.forceAll(List.of(x, y));
    DenseMatrix a = Casts.cast(x.dense(), ct);
    DenseMatrix b = Casts.cast(y.dense(), ct);
    return new MatrixValue(Elementwise.binary(op, a, b));
  }

  /** A unary elementwise function; floating functions of integers compute in f64. */
  public Value unary(UnaryOp op, Value v, Span at) {
    if (v instanceof ScalarValue s) {
      return new ScalarValue(ElementOps.apply(op, s.scalar()));
    }
    MatrixValue m = matrix(v);
    OperandRules.unary(op, m.type(), m.type().dslName() + " matrices", KernelException::new);
    ValueType rt = op.resultType(m.type());
    if (m.type() != ValueType.STR && lazy(m.cells(), m)) {
      return planner.pending(m.rows(), m.cols(), rt, new Pending.EwUnary(at, op, m));
    }
    return new MatrixValue(Elementwise.unary(op, Casts.cast(m.dense(), rt)));
  }

  /** v with value type t, keeping its data type. */
  public Value convert(Value v, ValueType t, Span at) {
    if (v instanceof ScalarValue s) {
      try {
        return new ScalarValue(s.scalar().convert(t));
      } catch (NumberFormatException e) {
        throw new KernelException(e.getMessage());
      }
    }
    MatrixValue m = matrix(v);
    if (m.type() == t) {
      return m;
    }
    if (t != ValueType.STR && m.type() != ValueType.STR && lazy(m.cells(), m)) {
      return planner.pending(m.rows(), m.cols(), t, new Pending.Cast(at, t, m));
    }
    return new MatrixValue(Casts.cast(m.dense(), t));
  }

  /** t(x), kept symbolic until something needs its cells (so t(A) @ B can fuse). */
  public MatrixValue transpose(MatrixValue x, Span at) {
    MatrixValue csr = sparse.transpose(x);
    if (csr != null) {
      return csr;
    }
    return planner.pending(x.cols(), x.rows(), x.type(), new Pending.Transpose(at, x));
  }

  /** x @ y; t(A) @ B with A and B of the same rows becomes a reduction over those rows. */
  public MatrixValue matmul(MatrixValue x, MatrixValue y, Span at) {
    if (x.cols() != y.rows()) {
      throw new KernelException(
          "#cols of lhs and #rows of rhs must be the same in '@': "
              + x.rows()
              + "x"
              + x.cols()
              + " @ "
              + y.rows()
              + "x"
              + y.cols());
    }
    ValueType t = ValueType.mostGeneral(x.type(), y.type());
    if (t == ValueType.STR) {
      throw new KernelException("'@' is not defined for string matrices");
    }
    MatrixValue csr = sparse.matmul(x, y, t);
    if (csr != null) {
      return csr;
    }
    if (x.isPending() && x.pending() instanceof Pending.Transpose tr) {
      return tmatmul(tr.arg(), y, at);
    }
    Placement.Product product = planner.product(x, y);
    if (product.fusable() && lazy((long) x.rows() * y.cols(), x)) {
      return planner.pending(x.rows(), y.cols(), t, new Pending.MatMul(at, x, y));
    }
    return planner.multiply(x, y, t, at, product);
  }

  /** t(a) @ b for a and b with the same number of rows. */
  public MatrixValue tmatmul(MatrixValue a, MatrixValue b, Span at) {
    if (a.rows() != b.rows()) {
      throw new KernelException(
          "#cols of lhs and #rows of rhs must be the same in '@': t("
              + a.rows()
              + "x"
              + a.cols()
              + ") @ "
              + b.rows()
              + "x"
              + b.cols());
    }
    ValueType t = ValueType.mostGeneral(a.type(), b.type());
    MatrixValue r = planner.pending(a.cols(), b.cols(), t, new Pending.TMatMul(at, a, b));
    if (!lazy(a.cells(), a, b)) {
      r.dense();
    }
    return r;
  }

  /** op over each row (axis 0): rows x 1. */
  public MatrixValue rowAgg(AggOp op, MatrixValue m, Span at) {
    requireNumeric(op, m);
    MatrixValue csr = sparse.rowAgg(op, m);
    if (csr != null) {
      return csr;
    }
    if (lazy(m.cells(), m)) {
      return planner.pending(m.rows(), 1, op.resultType(m.type()), new Pending.RowAgg(at, op, m));
    }
    return new MatrixValue(Aggregation.rows(op, m.dense()));
  }

  /** op over each column (axis 1): 1 x cols. */
  public MatrixValue colAgg(AggOp op, MatrixValue m, Span at) {
    requireNumeric(op, m);
    MatrixValue csr = sparse.colAgg(op, m);
    if (csr != null) {
      return csr;
    }
    if (op.isIndex() && m.rows() == 0) {
      return new MatrixValue(Aggregation.cols(op, m.dense()));
    }
    MatrixValue r =
        planner.pending(1, m.cols(), op.resultType(m.type()), new Pending.ColAgg(at, op, m));
    if (!lazy(m.cells(), m)) {
      r.dense();
    }
    return r;
  }

  /** op over all cells. */
  public Scalar fullAgg(AggOp op, MatrixValue m, Span at) {
    requireNumeric(op, m);
    if (op.isIndex()) {
      throw new KernelException(op.functionName() + " needs an axis (0 or 1)");
    }
    Scalar csr = sparse.fullAgg(op, m);
    if (csr != null) {
      return csr;
    }
    MatrixValue r = planner.pending(1, 1, op.resultType(m.type()), new Pending.FullAgg(at, op, m));
    return r.dense().get(0);
  }

  private static void requireNumeric(AggOp op, MatrixValue m) {
    if (m.type() == ValueType.STR) {
      throw new KernelException(op.functionName() + " is not defined for string matrices");
    }
  }

  /** A generated matrix, made where the planner places it (on the grid when large). */
  public MatrixValue generate(MatrixSource source) {
    return planner.generate(source);
  }

  /**
   * A frame made by a built-in that makes frames from scratch (createFrame), kept where the planner
   * places it (as row blocks on the grid when large).
   */
  public FrameValue frame(daphnegrid.kernels.frame.Frame f) {
    return planner.frame(f);
  }

  /**
   * readFrame of a CSV file with these rows, labels and types, read where the planner places it.
   */
  public FrameValue readFrame(
      String file, int rows, List<String> labels, List<ValueType> types, boolean parallel) {
    return planner.readFrame(file, rows, labels, types, parallel);
  }

  /**
   * The rows of f that pass filter, with the columns keep, scanned where f's rows are (on the
   * members for a grid frame).
   */
  public daphnegrid.kernels.frame.Frame scanFrame(
      FrameValue f, int[] keep, daphnegrid.kernels.relational.RowFilter filter) {
    return planner.scanFrame(f, keep, filter);
  }

  /**
   * GROUP BY the columns keys (none: one group) of f's rows that pass filter, by partials per row
   * block, made where f's rows are (on the members for a grid frame).
   */
  public daphnegrid.kernels.relational.PartialAggregates.Result aggregateFrame(
      FrameValue f,
      daphnegrid.kernels.relational.RowFilter filter,
      int[] keys,
      List<daphnegrid.kernels.relational.PartialAggregates.Agg> aggs) {
    return planner.aggregateFrame(f, filter, keys, aggs);
  }

  /**
   * The equi-join of grid frame f's passing rows (columns keep) with the frame other (f the left
   * table when left is set), made on the members holding f's row blocks (other broadcast to them).
   */
  public daphnegrid.kernels.frame.Frame joinFrame(
      FrameValue f,
      int[] keep,
      daphnegrid.kernels.relational.RowFilter filter,
      int[] keys,
      daphnegrid.kernels.frame.Frame other,
      int[] otherKeys,
      boolean left) {
    return planner.joinFrame(f, keep, filter, keys, other, otherKeys, left);
  }

  /** Whether the join of grid frames l and r shuffles both by key (see {@link Planner}). */
  public boolean shufflesJoin(FrameValue l, FrameValue r, long leftCells, long rightCells) {
    return planner.shufflesJoin(l, r, leftCells, rightCells);
  }

  /** The equi-join of grid frames l and r, both shuffled by key in a Jet job on the members. */
  public daphnegrid.kernels.frame.Frame shuffleJoinFrame(
      FrameValue l,
      int[] lKeep,
      daphnegrid.kernels.relational.RowFilter lFilter,
      int[] lKeys,
      FrameValue r,
      int[] rKeep,
      daphnegrid.kernels.relational.RowFilter rFilter,
      int[] rKeys) {
    return planner.shuffleJoinFrame(l, lKeep, lFilter, lKeys, r, rKeep, rFilter, rKeys);
  }

  /** GROUP BY after that join, by partials per row block of f, made where f's rows are. */
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
    return planner.joinAggregateFrame(
        f, keep, filter, keys, other, otherKeys, left, groupKeys, aggs);
  }

  /** Rows [r0, r1) of a computed matrix, fetching only those rows when its cells are elsewhere. */
  public DenseMatrix rows(MatrixValue m, int r0, int r1) {
    return planner.rows(m, r0, r1);
  }

  /** The scalar in a 1x1 matrix or frame, or the scalar itself. */
  public static Scalar toScalar(Value v) {
    if (v instanceof ScalarValue s) {
      return s.scalar();
    }
    if (v instanceof FrameValue f) {
      return Frames.toScalar(f.frame());
    }
    MatrixValue m = matrix(v);
    if (m.rows() != 1 || m.cols() != 1) {
      throw new KernelException(
          "Cast matrix to scalar: matrix shape should be 1x1, got " + m.rows() + "x" + m.cols());
    }
    return m.dense().get(0);
  }

  /** A 1x1 matrix for a scalar, the matrix itself otherwise. */
  public static MatrixValue toMatrix(Value v) {
    if (v instanceof MatrixValue m) {
      return m;
    }
    if (v instanceof ScalarValue s) {
      return new MatrixValue(DenseMatrix.ofScalar(s.scalar()));
    }
    if (v instanceof FrameValue f) {
      return new MatrixValue(Frames.toMatrix(f.frame(), null));
    }
    throw new KernelException("a list cannot be used as a matrix");
  }

  /** The truth of a condition: a scalar or a 1x1 matrix (non-zero and NaN are true). */
  public static boolean truth(Value v) {
    if (v instanceof ScalarValue s) {
      return s.scalar().isTrue();
    }
    MatrixValue m = matrix(v);
    if (m.rows() != 1 || m.cols() != 1) {
      throw new KernelException(
          "a condition must be a scalar or a 1x1 matrix, got a "
              + m.rows()
              + "x"
              + m.cols()
              + " matrix");
    }
    return m.dense().get(0).isTrue();
  }

  /**
   * v, which is not a scalar, as a matrix. The checker keeps lists away from operators, casts and
   * conditions; should one arrive, it is a script error, not a crash.
   */
  private static MatrixValue matrix(Value v) {
    if (v instanceof MatrixValue m) {
      return m;
    }
    throw new KernelException(
        (v instanceof ListValue ? "a list" : v instanceof FrameValue ? "a frame" : "a scalar")
            + " cannot be used as a matrix here");
  }
}
