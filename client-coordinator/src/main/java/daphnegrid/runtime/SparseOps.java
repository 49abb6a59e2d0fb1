package daphnegrid.runtime;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Reorg;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.random.Generators;
import daphnegrid.kernels.sparse.CsrAggregation;
import daphnegrid.kernels.sparse.CsrConvert;
import daphnegrid.kernels.sparse.CsrElementwise;
import daphnegrid.kernels.sparse.CsrMatMul;
import daphnegrid.kernels.sparse.CsrMatrix;
import daphnegrid.kernels.sparse.CsrReorg;
import daphnegrid.plan.Placement;
import java.util.concurrent.ForkJoinPool;

/**
 * The operations with a CSR operand or a CSR result, and the known densities DAPHNE's sparsity
 * inference gives results: {@code X * Y} the product of both densities, or the one that is known;
 * {@code X + Y} and {@code X - Y} {@code a + b - ab} when both are known; {@code X * s} that of X;
 * transpose and reshape that of their argument; upperTri and lowerTri half of it; {@code X @ Y}
 * {@code 1 - (1 - ab)^k}; everything else unknown. A result is CSR when {@link
 * SparseSelection#choosesCsr} says so for its density.
 *
 * <p>Each method returns null when the operation is not one of these: the caller then takes its
 * dense path, which reads a CSR operand's dense form.
 *
 * <p>Under {@code --distributed}, a CSR matrix made here (rand, readMatrix, a literal) with enough
 * non-zeros is kept as CSR row blocks on the grid ({@link #place}, {@link Placement#csrStore}; a
 * large {@code .mtx} file is read there, {@link #readMatrixMarket}, and a large sparse rand made
 * there, {@link #rand}), and the operations below whose operand lives there run on the members
 * ({@link SparseEngine}): aggregations, {@code X * s}, {@code X op Y} of two CSR matrices, {@code X
 * * d} with a dense row d, and {@code X @ D} with a dense D. Everything else fetches the CSR matrix
 * here (once) and runs as without a grid.
 */
public final class SparseOps {
  private final SparseSelection selection;
  private final int threads;
  private final Placement placement;

  SparseOps(SparseSelection selection, int threads) {
    this(selection, threads, null);
  }

  /**
   * @param placement decides which CSR matrices live on the grid (null: none)
   */
  SparseOps(SparseSelection selection, int threads, Placement placement) {
    this.selection = selection;
    this.threads = threads;
    this.placement = placement;
  }

  /**
   * The threads CSR kernels here split their work over: the local engine's --num-threads threads
   * (null for one). Kernels cut their work into parts whose results do not depend on the number of
   * parts, so this changes speed only. Without a placement (tests), a pool of the common pool's
   * threads.
   */
  private ForkJoinPool pool() {
    if (threads <= 1) {
      return null;
    }
    return placement == null
        ? ForkJoinPool.commonPool()
        : placement.engine(Placement.Site.LOCAL).computeThreads();
  }

  /** A matrix for a result a kernel here writes completely (a reused array where possible). */
  private DenseMatrix result(ValueType t, long rows, long cols) {
    return placement == null
        ? DenseMatrix.allocate(t, rows, cols)
        : placement.engine(Placement.Site.LOCAL).resultMatrix(t, rows, cols);
  }

  /**
   * v, or for a CSR v that the placement keeps on the grid, a value whose blocks are there (v's
   * cells are sent, and fetched back only when a kernel here needs them).
   */
  public MatrixValue place(MatrixValue v) {
    if (placement == null || !v.isCsr() || !v.isLocal()) {
      return v;
    }
    SparseEngine e = placement.csrStore(v.rows(), v.csr().nnz());
    return e == null ? v : e.store(v);
  }

  /**
   * A CSR matrix of the Matrix Market file (resolved name file) read on the grid, each member
   * reading its rows, when the placement keeps a matrix of the meta file's non-zeros there; null to
   * read it here. The file must be at the same path for the members (as a CSV file read on the
   * grid).
   */
  public MatrixValue readMatrixMarket(String file, double density) {
    if (placement == null || !file.endsWith(".mtx")) {
      return null;
    }
    daphnegrid.io.MatrixMeta meta = daphnegrid.io.MetaFile.read(file);
    long nnz = daphnegrid.io.MetaFile.numNonZeros(file);
    SparseEngine e = placement.csrStore(meta.numRows(), nnz);
    if (e == null) {
      return null;
    }
    String path = java.nio.file.Path.of(file).toAbsolutePath().toString();
    return e.readMatrixMarket(
        path, file, (int) meta.numRows(), (int) meta.numCols(), meta.valueType(), nnz, density);
  }

  /**
   * DAPHNE's sparse rand (spec 9.5), for a sparsity the selection makes CSR: made on the grid, each
   * member making its rows, when the placement keeps a matrix of its non-zeros there; else here.
   * The arguments are checked here first, so the errors are the same either way.
   */
  public MatrixValue rand(
      long rows, long cols, Scalar min, Scalar max, double sparsity, long seed) {
    long nnz = Generators.randCsrNonZeros(rows, cols, min, max, sparsity);
    SparseEngine e = placement == null ? null : placement.csrStore(rows, nnz);
    if (e != null) {
      long resolved = Generators.resolveSeed(seed); // one stream for every member
      return e.rand((int) rows, (int) cols, min, max, sparsity, resolved, nnz);
    }
    return new MatrixValue(Generators.randCsr(rows, cols, min, max, sparsity, seed), sparsity);
  }

  private SparseEngine onGrid(MatrixValue... operands) {
    return placement == null ? null : placement.csrWork(operands);
  }

  public SparseSelection selection() {
    return selection;
  }

  /** A matrix literal's or generator's cells, as CSR if their density selects it. */
  public MatrixValue literal(DenseMatrix m) {
    long cells = (long) m.rows() * m.cols();
    if (!selection.enabled() || cells == 0 || m.type() == ValueType.STR) {
      return new MatrixValue(m);
    }
    long nnz = 0;
    for (int i = 0; i < m.size(); i++) {
      nnz += m.getDouble(i) != 0 ? 1 : 0;
    }
    double density = (double) nnz / cells;
    return place(represent(m, density));
  }

  /** reshape: the density of the argument. */
  public MatrixValue reshape(MatrixValue arg, DenseMatrix reshaped) {
    return represent(reshaped, arg.knownDensity());
  }

  private MatrixValue represent(DenseMatrix m, double density) {
    if (selection.choosesCsr(density) && m.type() != ValueType.STR) {
      return new MatrixValue(CsrConvert.fromDense(m), density);
    }
    return new MatrixValue(m).withKnownDensity(density);
  }

  private MatrixValue represent(CsrMatrix x, double density) {
    if (selection.choosesCsr(density)) {
      return new MatrixValue(x, density);
    }
    return new MatrixValue(CsrConvert.toDense(x)).withKnownDensity(density);
  }

  /** m op s with a CSR m; null for the dense path. */
  MatrixValue matrixScalar(BinaryOp op, MatrixValue m, Scalar s) {
    if (!m.isCsr()) {
      return null;
    }
    ValueType ct = op.computeType(m.type(), s.type());
    if (ct == ValueType.STR) {
      return null;
    }
    Scalar sc = s.convert(ct);
    if (op == BinaryOp.MUL && CsrElementwise.keepsZeros(op, ct, sc)) {
      SparseEngine e = onGrid(m);
      if (e != null && selection.choosesCsr(m.knownDensity())) {
        return e.scalar(op, m, sc, ct, m.knownDensity());
      }
      CsrMatrix x = cast(m.csr(), ct);
      DenseMatrix values = result(op.resultType(ct, ct), 1, x.nnz());
      return represent(CsrElementwise.binaryScalar(op, x, sc, values, pool()), m.knownDensity());
    }
    // other operations: dense, with unknown density (implicit cells become 0 op s)
    return new MatrixValue(CsrElementwise.binaryScalarDense(op, cast(m.csr(), ct), sc));
  }

  /** x op y (shapes already checked); null for the dense path. */
  MatrixValue matrixMatrix(BinaryOp op, MatrixValue x, MatrixValue y) {
    if (!selection.enabled() && !x.isCsr() && !y.isCsr()) {
      return null;
    }
    double a = x.knownDensity();
    double b = y.knownDensity();
    double d =
        switch (op) {
          case MUL -> a >= 0 && b >= 0 ? a * b : a >= 0 ? a : b;
          case ADD, SUB -> a >= 0 && b >= 0 ? a + b - a * b : -1;
          default -> -1;
        };
    ValueType ct = op.computeType(x.type(), y.type());
    if (ct == ValueType.STR || !selection.choosesCsr(d)) {
      return null;
    }
    boolean sameShape = x.rows() == y.rows() && x.cols() == y.cols();
    if (sameShape && CsrElementwise.keepsZeros(op, ct)) {
      SparseEngine e = onGrid(x, y);
      if (e != null && x.isCsr() && y.isCsr()) {
        return e.binary(op, x, y, ct, d);
      }
      return new MatrixValue(CsrElementwise.binary(op, csrOf(x, ct), csrOf(y, ct)), d);
    }
    if (op == BinaryOp.MUL && x.isCsr()) {
      SparseEngine e = onGrid(x);
      if (e != null && y.rows() == 1 && !y.isCsr()) {
        MatrixValue r = e.binaryRow(op, x, Casts.cast(y.dense(), ct), ct, d);
        if (r != null) {
          return r;
        }
      }
      return new MatrixValue(
          CsrElementwise.binaryDense(op, cast(x.csr(), ct), Casts.cast(y.dense(), ct)), d);
    }
    return null;
  }

  /**
   * upperTri / lowerTri: half the known density of the argument (DAPHNE's inference, which keeps
   * the diagonal in the estimate); a CSR argument takes the CSR kernel, so a sparse graph's
   * triangle is never written out dense.
   */
  public MatrixValue triangle(MatrixValue arg, boolean lower, boolean diag, boolean values) {
    double d = arg.knownDensity() >= 0 ? arg.knownDensity() / 2 : -1;
    if (arg.isCsr()) {
      return represent(CsrReorg.triangle(arg.csr(), lower, diag, values), d);
    }
    return represent(Reorg.triangle(arg.dense(), lower, diag, values), d);
  }

  /** t(x) of a CSR x. */
  MatrixValue transpose(MatrixValue x) {
    return x.isCsr() ? new MatrixValue(CsrMatMul.transpose(x.csr()), x.knownDensity()) : null;
  }

  /** x @ y with a CSR operand (shapes checked, t the common type); null for the dense path. */
  MatrixValue matmul(MatrixValue x, MatrixValue y, ValueType t) {
    if (!x.isCsr() && !y.isCsr()) {
      return null;
    }
    double a = x.knownDensity();
    double b = y.knownDensity();
    double d = a >= 0 && b >= 0 ? 1 - Math.pow(1 - a * b, x.cols()) : -1;
    ForkJoinPool pool = pool();
    if (x.isCsr() && y.isCsr()) {
      return represent(CsrMatMul.csrCsr(cast(x.csr(), t), cast(y.csr(), t), pool), d);
    }
    SparseEngine e = onGrid(x);
    if (e != null && x.isCsr() && !selection.choosesCsr(d)) {
      MatrixValue r = e.matmulDense(x, Casts.cast(y.dense(), t), t);
      if (r != null) {
        return r.withKnownDensity(d);
      }
    }
    DenseMatrix r =
        x.isCsr()
            ? CsrMatMul.csrDense(
                cast(x.csr(), t), Casts.cast(y.dense(), t), result(t, x.rows(), y.cols()), pool)
            : CsrMatMul.denseCsr(Casts.cast(x.dense(), t), cast(y.csr(), t), pool);
    return represent(r, d);
  }

  Scalar fullAgg(AggOp op, MatrixValue m) {
    if (!m.isCsr()) {
      return null;
    }
    SparseEngine e = onGrid(m);
    if (e != null && CsrAggregation.native_(op, m.rows(), m.cols())) {
      return e.fullAgg(op, m);
    }
    return CsrAggregation.full(op, m.csr(), pool());
  }

  MatrixValue rowAgg(AggOp op, MatrixValue m) {
    if (!m.isCsr()) {
      return null;
    }
    SparseEngine e = onGrid(m);
    if (e != null && CsrAggregation.native_(op, m.rows(), m.cols())) {
      return new MatrixValue(e.rowAgg(op, m));
    }
    return new MatrixValue(CsrAggregation.rows(op, m.csr(), pool()));
  }

  MatrixValue colAgg(AggOp op, MatrixValue m) {
    if (!m.isCsr()) {
      return null;
    }
    SparseEngine e = onGrid(m);
    if (e != null && CsrAggregation.native_(op, m.rows(), m.cols())) {
      return new MatrixValue(e.colAgg(op, m));
    }
    return new MatrixValue(CsrAggregation.cols(op, m.csr()));
  }

  private static CsrMatrix csrOf(MatrixValue v, ValueType t) {
    return v.isCsr() ? cast(v.csr(), t) : CsrConvert.fromDense(Casts.cast(v.dense(), t));
  }

  private static CsrMatrix cast(CsrMatrix x, ValueType t) {
    return CsrConvert.cast(x, t);
  }
}
