package daphnegrid.kernels;

import daphnegrid.kernels.Shapes.Broadcast;

/**
 * Elementwise unary and binary operations on dense matrices of every value type, with the
 * broadcasting of spec 6.1. Operands arrive already converted to the computation type ({@link
 * BinaryOp#computeType}); results are new matrices. The meaning of each cell is {@link ElementOps};
 * f64 and f32 go through {@link FloatKernels} (vectorized where it pays), the other types through
 * plain loops over {@link ElementOps}.
 */
public final class Elementwise {
  private Elementwise() {}

  /**
   * a op b for a and b of the same computation type, b possibly a row or column vector.
   *
   * @throws KernelException on a shape mismatch or a domain error
   */
  public static DenseMatrix binary(BinaryOp op, DenseMatrix a, DenseMatrix b) {
    Broadcast mode = Shapes.broadcast(op.symbol(), a, b);
    ValueType ct = a.type();
    if (b.type() != ct) {
      throw new IllegalArgumentException("operands of " + op + " differ: " + ct + ", " + b.type());
    }
    ValueType rt = op.resultType(ct, ct);
    DenseMatrix out = DenseMatrix.allocate(rt, a.rows(), a.cols());
    binaryInto(op, a, b, mode, out);
    return out;
  }

  /** a op s for a scalar s on the right; s is converted to a's type first. */
  public static DenseMatrix binaryScalar(BinaryOp op, DenseMatrix a, Scalar s) {
    ValueType ct = a.type();
    DenseMatrix out = DenseMatrix.allocate(op.resultType(ct, ct), a.rows(), a.cols());
    binaryScalarInto(op, a, s, out);
    return out;
  }

  /**
   * Writes a op s into out, which has a's shape and the op's result type. out may be a.
   *
   * @throws KernelException on a domain error
   */
  public static void binaryScalarInto(BinaryOp op, DenseMatrix a, Scalar s, DenseMatrix out) {
    ValueType ct = a.type();
    Scalar y = s.convert(ct);
    int n = a.size();
    switch (ct.storage()) {
      case DOUBLE -> FloatKernels.binaryScalarF64(op, a.f64(), y.doubleValue(), out.f64(), n);
      case FLOAT ->
          FloatKernels.binaryScalarF32(op, a.f32(), (float) y.doubleValue(), out.f32(), n);
      case STRING -> {
        String[] x = a.str();
        String v = y.stringValue();
        for (int i = 0; i < n; i++) {
          if (op == BinaryOp.ADD) {
            out.str()[i] = x[i] + v;
          } else {
            out.setLong(i, ElementOps.string(op, x[i], v));
          }
        }
      }
      default -> {
        long v = y.bits();
        if (ct == ValueType.SI64 && out.type() == ValueType.SI64) {
          long[] x = a.i64();
          long[] o = out.i64();
          for (int i = 0; i < n; i++) {
            o[i] = ElementOps.integer(op, x[i], v, ct);
          }
        } else {
          for (int i = 0; i < n; i++) {
            out.setLong(i, ElementOps.integer(op, a.getLong(i), v, ct));
          }
        }
      }
    }
  }

  /**
   * Writes a op b into out (a's shape, the op's result type), b being a's shape, a row vector or a
   * column vector. out may be a or b.
   *
   * @throws KernelException on a shape mismatch or a domain error
   */
  public static void binaryInto(BinaryOp op, DenseMatrix a, DenseMatrix b, DenseMatrix out) {
    binaryInto(op, a, b, Shapes.broadcast(op.symbol(), a, b), out);
  }

  static void binaryInto(
      BinaryOp op, DenseMatrix a, DenseMatrix b, Broadcast mode, DenseMatrix out) {
    int rows = a.rows();
    int cols = a.cols();
    ValueType ct = a.type();
    switch (ct.storage()) {
      case DOUBLE -> FloatKernels.binaryF64(op, a.f64(), b.f64(), mode, out.f64(), rows, cols);
      case FLOAT -> FloatKernels.binaryF32(op, a.f32(), b.f32(), mode, out.f32(), rows, cols);
      case STRING -> {
        String[] x = a.str();
        String[] y = b.str();
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            int i = r * cols + c;
            String yv = y[index(mode, i, r, c)];
            if (op == BinaryOp.ADD) {
              out.str()[i] = x[i] + yv;
            } else {
              out.setLong(i, ElementOps.string(op, x[i], yv));
            }
          }
        }
      }
      default -> {
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            int i = r * cols + c;
            out.setLong(
                i, ElementOps.integer(op, a.getLong(i), b.getLong(index(mode, i, r, c)), ct));
          }
        }
      }
    }
  }

  static int index(Broadcast mode, int i, int r, int c) {
    return switch (mode) {
      case SAME -> i;
      case ROW -> c;
      case COL -> r;
    };
  }

  /**
   * op applied to every cell; a must already have the op's result type ({@link UnaryOp#resultType}:
   * floating functions of integers convert to f64 first).
   *
   * @throws KernelException on a domain error
   */
  public static DenseMatrix unary(UnaryOp op, DenseMatrix a) {
    DenseMatrix out = DenseMatrix.allocate(a.type(), a.rows(), a.cols());
    unaryInto(op, a, out);
    return out;
  }

  /** Writes op(a) into out (same shape and type as a; out may be a). */
  public static void unaryInto(UnaryOp op, DenseMatrix a, DenseMatrix out) {
    int n = a.size();
    switch (a.type().storage()) {
      case DOUBLE -> FloatKernels.unaryF64(op, a.f64(), out.f64(), n);
      case FLOAT -> {
        float[] x = a.f32();
        float[] o = out.f32();
        for (int i = 0; i < n; i++) {
          o[i] = ElementOps.f32(op, x[i]);
        }
      }
      case STRING -> {
        String[] x = a.str();
        for (int i = 0; i < n; i++) {
          out.str()[i] = ElementOps.string(op, x[i]);
        }
      }
      default -> {
        ValueType t = a.type();
        for (int i = 0; i < n; i++) {
          out.setLong(i, ElementOps.integer(op, a.getLong(i), t));
        }
      }
    }
  }

  /**
   * The outer operation {@code res[i,j] = lhs[i] op rhs[j]} for an m x 1 lhs and a 1 x n rhs of the
   * same computation type.
   */
  public static DenseMatrix outer(BinaryOp op, DenseMatrix lhs, DenseMatrix rhs) {
    if (lhs.cols() != 1) {
      throw new KernelException(
          "outer"
              + op.outerSuffix()
              + ": lhs must be a column (mx1) matrix, got "
              + Shapes.of(lhs));
    }
    if (rhs.rows() != 1) {
      throw new KernelException(
          "outer" + op.outerSuffix() + ": rhs must be a row (1xn) matrix, got " + Shapes.of(rhs));
    }
    int m = lhs.rows();
    int n = rhs.cols();
    // Broadcast lhs over the columns: a (m x n) view where each row repeats lhs[i].
    DenseMatrix wide = DenseMatrix.allocate(lhs.type(), m, n);
    for (int i = 0; i < m; i++) {
      Scalar v = lhs.get(i);
      for (int j = 0; j < n; j++) {
        wide.set(i * n + j, v);
      }
    }
    DenseMatrix out = DenseMatrix.allocate(op.resultType(lhs.type(), lhs.type()), m, n);
    binaryInto(op, wide, rhs, Broadcast.ROW, out);
    return out;
  }
}
