package daphnegrid.kernels.sparse;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.Elementwise;
import daphnegrid.kernels.ElementwiseKernels;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Kernels;
import daphnegrid.kernels.Parallel;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.Shapes;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import java.util.concurrent.ForkJoinPool;

/**
 * Elementwise operations on CSR matrices. An operation that maps zero to zero ({@code X * s},
 * {@code abs}, {@code sqrt}, {@code X * Y}, {@code X + Y} of two CSR matrices, ...) keeps the
 * sparsity and returns a CSR matrix; the others ({@code X + s}, {@code exp}, comparisons with
 * zero-true results) fill every cell and return a dense one. Operands arrive converted to the
 * computation type, as for {@link Elementwise}.
 *
 * <p>Implicit zeros are zeros: a stored cell's value is op(value), an implicit one op(0), exactly
 * the dense result, except that a zero result is +0 where the dense kernel could give -0 ({@code X
 * * -1} on an implicit zero), and that {@code X * Y} with a dense Y skips the cells where X is
 * zero, so a NaN or infinity of Y there does not turn into NaN (DAPHNE's sparse product does the
 * same).
 */
public final class CsrElementwise {
  private CsrElementwise() {}

  /** Matrices with fewer stored cells compute their values on one thread. */
  static final int PARALLEL_MIN_STORED = 1 << 16;

  /** True if op keeps zeros of type t at zero (so op(X) can stay CSR). */
  public static boolean keepsZeros(UnaryOp op, ValueType t) {
    return CsrConvert.isZero(ElementOps.apply(op, Scalar.ofLong(t, 0)));
  }

  /** True if {@code 0 op s} is zero (so X op s can stay CSR). */
  public static boolean keepsZeros(BinaryOp op, ValueType t, Scalar s) {
    return CsrConvert.isZero(ElementOps.apply(op, Scalar.ofLong(t, 0), s.convert(t)));
  }

  /** True if {@code 0 op 0} is zero (so X op Y of two CSR matrices can stay CSR). */
  public static boolean keepsZeros(BinaryOp op, ValueType t) {
    return keepsZeros(op, t, Scalar.ofLong(t, 0));
  }

  /** True if {@code 0 op y} is zero for every y (so X op D can stay CSR for a dense D). */
  public static boolean annihilates(BinaryOp op) {
    return op == BinaryOp.MUL || op == BinaryOp.AND;
  }

  /**
   * op(x) keeping x's pattern; requires {@link #keepsZeros(UnaryOp, ValueType)}. The result has
   * {@link UnaryOp#resultType}; x is not modified.
   */
  public static CsrMatrix unary(UnaryOp op, CsrMatrix x) {
    requireKeeps(keepsZeros(op, x.type()), op.functionName(), x);
    ValueType rt = op.resultType(x.type());
    DenseMatrix v = rt == x.type() ? x.values() : Casts.cast(x.values(), rt);
    return samePattern(x, Elementwise.unary(op, v));
  }

  /** op(x) as a dense matrix, for the operations that do not keep zeros. */
  public static DenseMatrix unaryDense(UnaryOp op, CsrMatrix x) {
    ValueType rt = op.resultType(x.type());
    DenseMatrix d = CsrConvert.toDense(x);
    return Elementwise.unary(op, rt == x.type() ? d : Casts.cast(d, rt));
  }

  /** x op s keeping x's pattern; requires {@link #keepsZeros(BinaryOp, ValueType, Scalar)}. */
  public static CsrMatrix binaryScalar(BinaryOp op, CsrMatrix x, Scalar s) {
    return binaryScalar(op, x, s, null);
  }

  /**
   * {@link #binaryScalar(BinaryOp, CsrMatrix, Scalar)} with the values computed on pool (null: this
   * thread) in ranges of whole vectors; each value is computed on its own, so the result does not
   * depend on the pool. The result shares x's row offsets and column indices (both are immutable):
   * only the values are new.
   */
  public static CsrMatrix binaryScalar(BinaryOp op, CsrMatrix x, Scalar s, ForkJoinPool pool) {
    ValueType rt = op.resultType(x.type(), x.type());
    return binaryScalar(op, x, s, DenseMatrix.allocate(rt, 1, x.nnz()), pool);
  }

  /**
   * {@link #binaryScalar(BinaryOp, CsrMatrix, Scalar, ForkJoinPool)} with the values written into
   * out (1 x nnz of the op's result type, every cell overwritten, so a reused array will do), which
   * becomes the result's values array.
   */
  public static CsrMatrix binaryScalar(
      BinaryOp op, CsrMatrix x, Scalar s, DenseMatrix out, ForkJoinPool pool) {
    requireKeeps(keepsZeros(op, x.type(), s), op.symbol(), x);
    ValueType ct = x.type();
    int n = x.nnz();
    if (out.type() != op.resultType(ct, ct) || out.size() != n) {
      throw new IllegalArgumentException("values " + out.header() + " for " + n + " non-zeros");
    }
    if (!ct.isFloat() || out.type() != ct || n < PARALLEL_MIN_STORED) {
      Elementwise.binaryScalarInto(op, x.values(), s, out);
      return samePattern(x, out);
    }
    double sv = s.convert(ct).doubleValue();
    int parts = Parallel.parts(pool);
    Parallel.forEach(
        pool,
        parts,
        t -> {
          int lo = Parallel.cut(n, parts, t, 64);
          int hi = Parallel.cut(n, parts, t + 1, 64);
          ElementwiseKernels k = Kernels.impl().elementwise();
          if (ct == ValueType.F64) {
            k.binaryScalar(op, x.f64(), lo, sv, out.f64(), lo, hi - lo);
          } else {
            k.binaryScalar(op, x.values().f32(), lo, (float) sv, out.f32(), lo, hi - lo);
          }
        });
    return samePattern(x, out);
  }

  /**
   * x op s as a dense matrix: every cell starts as {@code 0 op s}, then the stored cells are
   * computed (so {@code X + s} costs one fill and one pass over the non-zeros).
   */
  public static DenseMatrix binaryScalarDense(BinaryOp op, CsrMatrix x, Scalar s) {
    DenseMatrix stored = Elementwise.binaryScalar(op, x.values(), s);
    Scalar z = ElementOps.apply(op, Scalar.ofLong(x.type(), 0), s.convert(x.type()));
    DenseMatrix out = DenseMatrix.allocate(stored.type(), x.rows(), x.cols());
    int[] off = x.rowOffsets();
    int[] idx = x.colIdxs();
    int cols = x.cols();
    if (out.type() == ValueType.F64) {
      double[] o = out.f64();
      java.util.Arrays.fill(o, z.convert(ValueType.F64).doubleValue());
      double[] v = stored.f64();
      for (int r = 0; r < x.rows(); r++) {
        for (int k = off[r]; k < off[r + 1]; k++) {
          o[r * cols + idx[k]] = v[k];
        }
      }
      return out;
    }
    for (int i = 0; i < out.size(); i++) {
      out.set(i, z);
    }
    for (int r = 0; r < x.rows(); r++) {
      for (int k = off[r]; k < off[r + 1]; k++) {
        System.arraycopy(stored.data(), k, out.data(), r * cols + idx[k], 1);
      }
    }
    return out;
  }

  /**
   * x op y for two CSR matrices of the same shape and type; requires {@link #keepsZeros(BinaryOp,
   * ValueType)}. The result's pattern is the union of both (the intersection for {@code *} and
   * {@code &&}).
   */
  public static CsrMatrix binary(BinaryOp op, CsrMatrix x, CsrMatrix y) {
    requireSameShape(op, x, y);
    requireKeeps(keepsZeros(op, x.type()), op.symbol(), x);
    boolean intersect = annihilates(op);
    ValueType rt = op.resultType(x.type(), y.type());
    CsrBuilder b = new CsrBuilder(rt, x.rows(), x.cols(), intersect ? 16 : x.nnz() + y.nnz());
    int[] xo = x.rowOffsets();
    int[] xi = x.colIdxs();
    int[] yo = y.rowOffsets();
    int[] yi = y.colIdxs();
    boolean f64 = x.type() == ValueType.F64 && rt == ValueType.F64;
    double[] xv = f64 ? x.f64() : null;
    double[] yv = f64 ? y.f64() : null;
    Scalar zero = Scalar.ofLong(x.type(), 0);
    for (int r = 0; r < x.rows(); r++) {
      int p = xo[r];
      int q = yo[r];
      while (p < xo[r + 1] || q < yo[r + 1]) {
        int cx = p < xo[r + 1] ? xi[p] : Integer.MAX_VALUE;
        int cy = q < yo[r + 1] ? yi[q] : Integer.MAX_VALUE;
        int c = Math.min(cx, cy);
        boolean hasX = cx == c;
        boolean hasY = cy == c;
        if (!intersect || (hasX && hasY)) {
          if (f64) {
            b.addDouble(c, ElementOps.f64(op, hasX ? xv[p] : 0.0, hasY ? yv[q] : 0.0));
          } else {
            b.add(c, ElementOps.apply(op, hasX ? x.value(p) : zero, hasY ? y.value(q) : zero));
          }
        }
        if (hasX) {
          p++;
        }
        if (hasY) {
          q++;
        }
      }
      b.endRow();
    }
    return b.build();
  }

  /**
   * x op y for a CSR x and a dense y of the same type, y of x's shape or a row (1 x n), column (m x
   * 1) or single cell to broadcast; requires {@link #annihilates}: the result keeps x's pattern.
   * Also computes y op x, since both such operations commute.
   */
  public static CsrMatrix binaryDense(BinaryOp op, CsrMatrix x, DenseMatrix y) {
    if (!annihilates(op)) {
      throw new IllegalArgumentException(op.symbol() + " with a dense operand does not keep zeros");
    }
    int rows = x.rows();
    int cols = x.cols();
    boolean rowVec = y.rows() == 1 && rows != 1;
    boolean colVec = y.cols() == 1 && cols != 1;
    if (!(y.rows() == rows || y.rows() == 1) || !(y.cols() == cols || y.cols() == 1)) {
      throw new KernelException(
          "shape mismatch in '"
              + op.symbol()
              + "': "
              + x.rows()
              + "x"
              + x.cols()
              + " vs "
              + Shapes.of(y));
    }
    ValueType rt = op.resultType(x.type(), y.type());
    int[] off = x.rowOffsets();
    int[] idx = x.colIdxs();
    int yc = y.cols();
    if (x.type() == ValueType.F64 && rt == ValueType.F64 && op == BinaryOp.MUL) {
      double[] xv = x.f64();
      double[] yv = y.f64();
      double[] out = new double[x.nnz()];
      for (int r = 0; r < rows; r++) {
        int yr = rowVec ? 0 : r;
        for (int k = off[r]; k < off[r + 1]; k++) {
          out[k] = xv[k] * yv[yr * yc + (colVec ? 0 : idx[k])];
        }
      }
      return CsrMatrix.wrap(rt, rows, cols, off, idx, out);
    }
    DenseMatrix out = DenseMatrix.allocate(rt, 1, x.nnz());
    for (int r = 0; r < rows; r++) {
      int yr = rowVec ? 0 : r;
      for (int k = off[r]; k < off[r + 1]; k++) {
        out.set(k, ElementOps.apply(op, x.value(k), y.get(yr * yc + (colVec ? 0 : idx[k]))));
      }
    }
    return samePattern(x, out);
  }

  /** x op y as a dense matrix, for any op (broadcasting as {@link Elementwise#binary}). */
  public static DenseMatrix binaryToDense(BinaryOp op, CsrMatrix x, DenseMatrix y) {
    return Elementwise.binary(op, CsrConvert.toDense(x), y);
  }

  static CsrMatrix samePattern(CsrMatrix x, DenseMatrix values) {
    return CsrMatrix.wrap(
        values.type(), x.rows(), x.cols(), x.rowOffsets(), x.colIdxs(), values.data());
  }

  private static void requireKeeps(boolean keeps, String op, CsrMatrix x) {
    if (!keeps) {
      throw new IllegalArgumentException(op + " on " + x.type().dslName() + " does not keep zeros");
    }
  }

  private static void requireSameShape(BinaryOp op, CsrMatrix x, CsrMatrix y) {
    if (x.rows() != y.rows() || x.cols() != y.cols() || x.type() != y.type()) {
      throw new KernelException(
          "shape mismatch in '"
              + op.symbol()
              + "': "
              + x.rows()
              + "x"
              + x.cols()
              + " vs "
              + y.rows()
              + "x"
              + y.cols());
    }
  }
}
