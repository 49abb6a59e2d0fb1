package daphnegrid.runtime;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrAggregation;
import daphnegrid.kernels.sparse.CsrConvert;
import daphnegrid.kernels.sparse.CsrElementwise;
import daphnegrid.kernels.sparse.CsrMatMul;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.util.concurrent.ForkJoinPool;

/**
 * The operations with a CSR operand or a CSR result, and the known densities DAPHNE's sparsity
 * inference gives results: {@code X * Y} the product of both densities, or the one that is known;
 * {@code X + Y} and {@code X - Y} {@code a + b - ab} when both are known; {@code X * s} that of X;
 * transpose and reshape that of their argument; {@code X @ Y} {@code 1 - (1 - ab)^k}; everything
 * else unknown. A result is CSR when {@link SparseSelection#choosesCsr} says so for its density.
 *
 * <p>Each method returns null when the operation is not one of these: the caller then takes its
 * dense path, which reads a CSR operand's dense form. Everything here runs on the coordinator, also
 * under {@code --distributed}: CSR matrices are not sent to the grid.
 */
public final class SparseOps {
  private final SparseSelection selection;
  private final ForkJoinPool pool;

  SparseOps(SparseSelection selection, int threads) {
    this.selection = selection;
    // products cut their rows into parts whose results do not depend on the number of parts
    this.pool = threads > 1 ? ForkJoinPool.commonPool() : null;
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
    return represent(m, density);
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
    CsrMatrix x = cast(m.csr(), ct);
    Scalar sc = s.convert(ct);
    if (op == BinaryOp.MUL && CsrElementwise.keepsZeros(op, ct, sc)) {
      return represent(CsrElementwise.binaryScalar(op, x, sc), m.knownDensity());
    }
    // other operations: dense, with unknown density (implicit cells become 0 op s)
    return new MatrixValue(CsrElementwise.binaryScalarDense(op, x, sc));
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
      return new MatrixValue(CsrElementwise.binary(op, csrOf(x, ct), csrOf(y, ct)), d);
    }
    if (op == BinaryOp.MUL && x.isCsr()) {
      return new MatrixValue(
          CsrElementwise.binaryDense(op, cast(x.csr(), ct), Casts.cast(y.dense(), ct)), d);
    }
    return null;
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
    if (x.isCsr() && y.isCsr()) {
      return represent(CsrMatMul.csrCsr(cast(x.csr(), t), cast(y.csr(), t), pool), d);
    }
    DenseMatrix r =
        x.isCsr()
            ? CsrMatMul.csrDense(cast(x.csr(), t), Casts.cast(y.dense(), t), pool)
            : CsrMatMul.denseCsr(Casts.cast(x.dense(), t), cast(y.csr(), t), pool);
    return represent(r, d);
  }

  Scalar fullAgg(AggOp op, MatrixValue m) {
    return m.isCsr() ? CsrAggregation.full(op, m.csr()) : null;
  }

  MatrixValue rowAgg(AggOp op, MatrixValue m) {
    return m.isCsr() ? new MatrixValue(CsrAggregation.rows(op, m.csr())) : null;
  }

  MatrixValue colAgg(AggOp op, MatrixValue m) {
    return m.isCsr() ? new MatrixValue(CsrAggregation.cols(op, m.csr())) : null;
  }

  private static CsrMatrix csrOf(MatrixValue v, ValueType t) {
    return v.isCsr() ? cast(v.csr(), t) : CsrConvert.fromDense(Casts.cast(v.dense(), t));
  }

  private static CsrMatrix cast(CsrMatrix x, ValueType t) {
    if (x.type() == t) {
      return x;
    }
    DenseMatrix v = Casts.cast(x.values(), t);
    return CsrMatrix.wrap(t, x.rows(), x.cols(), x.rowOffsets(), x.colIdxs(), v.data());
  }
}
