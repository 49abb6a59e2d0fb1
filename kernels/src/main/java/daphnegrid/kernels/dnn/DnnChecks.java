package daphnegrid.kernels.dnn;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;

/** Argument checks shared by the DNN facades; messages name the built-in. */
final class DnnChecks {
  private DnnChecks() {}

  /**
   * The value type of the matrices (nulls skipped), which must all be f32 or all f64: DAPHNE has
   * these kernels for floating-point matrices of one value type only.
   */
  static ValueType floatType(String op, DenseMatrix... ms) {
    ValueType t = null;
    for (DenseMatrix m : ms) {
      if (m == null) {
        continue;
      }
      if (m.type() != ValueType.F64 && m.type() != ValueType.F32) {
        throw new KernelException(
            op + " is defined for matrices of f32 or f64 only, got " + m.type().dslName());
      }
      if (t != null && t != m.type()) {
        throw new KernelException(
            op
                + ": all matrix arguments must have the same value type, got "
                + t.dslName()
                + " and "
                + m.type().dslName());
      }
      t = m.type();
    }
    return t;
  }

  /**
   * out when given (it must be a rows x cols matrix of type t; its cells are overwritten), else a
   * new matrix: lets callers pass a reused array for a result the kernel writes completely.
   */
  static DenseMatrix output(DenseMatrix out, ValueType t, long rows, long cols) {
    if (out == null) {
      return DenseMatrix.allocate(t, rows, cols);
    }
    if (out.type() != t || out.rows() != rows || out.cols() != cols) {
      throw new IllegalArgumentException(
          "result buffer "
              + out.type()
              + " "
              + out.rows()
              + "x"
              + out.cols()
              + " does not fit "
              + t
              + " "
              + rows
              + "x"
              + cols);
    }
    return out;
  }

  /** Requires m to hold exactly n cells (a row or column vector of one value per channel). */
  static void requireVector(String op, String what, DenseMatrix m, int n, String per) {
    if (m.size() != n || (m.rows() != 1 && m.cols() != 1)) {
      throw new KernelException(
          op
              + ": "
              + what
              + " must hold one value per "
              + per
              + " ("
              + n
              + "x1 or 1x"
              + n
              + "), got "
              + m.rows()
              + "x"
              + m.cols());
    }
  }
}
