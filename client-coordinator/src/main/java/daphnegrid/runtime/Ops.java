package daphnegrid.runtime;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.Elementwise;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.MatMul;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;

/**
 * Operations on values with DaphneDSL's promotion and broadcasting rules (spec 5.6, 6): the one
 * place that decides value types and rewrites scalar-on-the-left operations. Kernel failures
 * surface as {@link KernelException}; the interpreter attaches the script position.
 */
public final class Ops {
  private Ops() {}

  public static Value binary(BinaryOp op, Value a, Value b) {
    if (a instanceof ScalarValue x && b instanceof ScalarValue y) {
      return new ScalarValue(ElementOps.apply(op, x.scalar(), y.scalar()));
    }
    if (a instanceof MatrixValue m && b instanceof ScalarValue s) {
      return matrixScalar(op, m, s.scalar());
    }
    if (a instanceof ScalarValue s && b instanceof MatrixValue m) {
      return scalarMatrix(op, s.scalar(), m);
    }
    return matrixMatrix(op, (MatrixValue) a, (MatrixValue) b);
  }

  private static MatrixValue matrixScalar(BinaryOp op, MatrixValue m, Scalar s) {
    ValueType ct = op.computeType(m.type(), s.type());
    if (ct == ValueType.STR && op != BinaryOp.ADD && !op.isComparison()) {
      throw new KernelException("operation '" + op.symbol() + "' is not supported on strings");
    }
    DenseMatrix a = Casts.cast(m.dense(), ct);
    return new MatrixValue(Elementwise.binaryScalar(op, a, s));
  }

  /**
   * Scalar-op-matrix as DAPHNE rewrites it (spec 6.2): {@code s+M = M+s}, {@code s*M = M*s}, {@code
   * s-M = (M * -1) + s}, {@code s/M = (M ^ -1.0) * s} for float M; nothing else.
   */
  private static MatrixValue scalarMatrix(BinaryOp op, Scalar s, MatrixValue m) {
    if (s.type() == ValueType.STR) {
      throw new KernelException(
          "'" + op.symbol() + "' of a string scalar and a matrix is not supported");
    }
    switch (op) {
      case ADD, MUL:
        return matrixScalar(op, m, s);
      case SUB:
        return matrixScalar(BinaryOp.ADD, matrixScalar(BinaryOp.MUL, m, Scalar.si64(-1)), s);
      case DIV:
        if (!m.type().isFloat()) {
          throw new KernelException(
              "scalar / matrix is only supported for floating-point matrices, got "
                  + m.type().dslName());
        }
        return matrixScalar(BinaryOp.MUL, matrixScalar(BinaryOp.POW, m, Scalar.f64(-1.0)), s);
      default:
        throw new KernelException(
            "'"
                + op.symbol()
                + "' with a scalar on the left and a matrix on the right is not supported;"
                + " put the matrix on the left");
    }
  }

  private static MatrixValue matrixMatrix(BinaryOp op, MatrixValue x, MatrixValue y) {
    ValueType ct = op.computeType(x.type(), y.type());
    if (ct == ValueType.STR && op != BinaryOp.ADD && !op.isComparison()) {
      throw new KernelException("operation '" + op.symbol() + "' is not supported on strings");
    }
    DenseMatrix a = Casts.cast(x.dense(), ct);
    DenseMatrix b = Casts.cast(y.dense(), ct);
    return new MatrixValue(Elementwise.binary(op, a, b));
  }

  /** A unary elementwise function; floating functions of integers compute in f64. */
  public static Value unary(UnaryOp op, Value v) {
    if (v instanceof ScalarValue s) {
      return new ScalarValue(ElementOps.apply(op, s.scalar()));
    }
    MatrixValue m = (MatrixValue) v;
    if (op.isStringOp() != (m.type() == ValueType.STR)) {
      throw new KernelException(
          op.functionName() + " is not defined for " + m.type().dslName() + " matrices");
    }
    DenseMatrix a = Casts.cast(m.dense(), op.resultType(m.type()));
    return new MatrixValue(Elementwise.unary(op, a));
  }

  /** a @ b with both operands converted to their most general value type. */
  public static MatrixValue matmul(MatrixValue x, MatrixValue y) {
    ValueType t = ValueType.mostGeneral(x.type(), y.type());
    return new MatrixValue(MatMul.multiply(Casts.cast(x.dense(), t), Casts.cast(y.dense(), t)));
  }

  /** v with value type t, keeping its data type. */
  public static Value convert(Value v, ValueType t) {
    if (v instanceof ScalarValue s) {
      try {
        return new ScalarValue(s.scalar().convert(t));
      } catch (NumberFormatException e) {
        throw new KernelException(e.getMessage());
      }
    }
    MatrixValue m = (MatrixValue) v;
    return m.type() == t ? m : new MatrixValue(Casts.cast(m.dense(), t));
  }

  /** The scalar in a 1x1 matrix, or the scalar itself. */
  public static Scalar toScalar(Value v) {
    if (v instanceof ScalarValue s) {
      return s.scalar();
    }
    MatrixValue m = (MatrixValue) v;
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
    return new MatrixValue(DenseMatrix.ofScalar(((ScalarValue) v).scalar()));
  }

  /** The truth of a condition: a scalar or a 1x1 matrix (non-zero and NaN are true). */
  public static boolean truth(Value v) {
    if (v instanceof ScalarValue s) {
      return s.scalar().isTrue();
    }
    MatrixValue m = (MatrixValue) v;
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
}
