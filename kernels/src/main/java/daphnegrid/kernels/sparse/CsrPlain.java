package daphnegrid.kernels.sparse;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.Indexing.Range;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;

/**
 * Plain-loop twins of the CSR kernels: every cell visited in row-major order through {@link
 * CsrMatrix#get} and {@link ElementOps}, with no use of the sparse layout beyond that. They are the
 * reference the tests compare the real kernels with (and both with the dense kernels); they are not
 * meant to be fast.
 */
public final class CsrPlain {
  private CsrPlain() {}

  public static CsrMatrix fromDense(DenseMatrix m) {
    CsrBuilder b = new CsrBuilder(m.type(), m.rows(), m.cols(), 16);
    for (int r = 0; r < m.rows(); r++) {
      for (int c = 0; c < m.cols(); c++) {
        addIfNonZero(b, c, m.get(r, c));
      }
      b.endRow();
    }
    return b.build();
  }

  public static DenseMatrix toDense(CsrMatrix x) {
    DenseMatrix out = DenseMatrix.allocate(x.type(), x.rows(), x.cols());
    for (int r = 0; r < x.rows(); r++) {
      for (int c = 0; c < x.cols(); c++) {
        out.set(r * x.cols() + c, x.get(r, c));
      }
    }
    return out;
  }

  public static CsrMatrix unary(UnaryOp op, CsrMatrix x) {
    CsrBuilder b = new CsrBuilder(op.resultType(x.type()), x.rows(), x.cols(), 16);
    for (int r = 0; r < x.rows(); r++) {
      for (int c = 0; c < x.cols(); c++) {
        addIfNonZero(b, c, ElementOps.apply(op, x.get(r, c)));
      }
      b.endRow();
    }
    return b.build();
  }

  /** x op s, every cell computed; the result is dense when it should be (0 op s not zero). */
  public static DenseMatrix binaryScalar(BinaryOp op, CsrMatrix x, Scalar s) {
    DenseMatrix out = null;
    for (int r = 0; r < x.rows(); r++) {
      for (int c = 0; c < x.cols(); c++) {
        Scalar v = ElementOps.apply(op, x.get(r, c), s.convert(x.type()));
        if (out == null) {
          out = DenseMatrix.allocate(v.type(), x.rows(), x.cols());
        }
        out.set(r * x.cols() + c, v);
      }
    }
    return out == null
        ? DenseMatrix.allocate(op.resultType(x.type(), x.type()), x.rows(), x.cols())
        : out;
  }

  /** x op y with y a CSR matrix of x's shape or a dense one (same shape or broadcast). */
  public static DenseMatrix binary(BinaryOp op, CsrMatrix x, Object y) {
    DenseMatrix out = DenseMatrix.allocate(op.resultType(x.type(), x.type()), x.rows(), x.cols());
    for (int r = 0; r < x.rows(); r++) {
      for (int c = 0; c < x.cols(); c++) {
        Scalar b;
        if (y instanceof CsrMatrix cy) {
          b = cy.get(r, c);
        } else {
          DenseMatrix d = (DenseMatrix) y;
          b = d.get(d.rows() == 1 ? 0 : r, d.cols() == 1 ? 0 : c);
        }
        out.set(r * x.cols() + c, ElementOps.apply(op, x.get(r, c), b));
      }
    }
    return out;
  }

  /** sum, aggMin, aggMax or mean over every cell, zeros included, left to right. */
  public static Scalar full(AggOp op, CsrMatrix x) {
    return fold(op, x, 0, x.rows(), 0, x.cols());
  }

  public static DenseMatrix rows(AggOp op, CsrMatrix x) {
    DenseMatrix out = DenseMatrix.allocate(op.resultType(x.type()), x.rows(), 1);
    for (int r = 0; r < x.rows(); r++) {
      out.set(r, fold(op, x, r, r + 1, 0, x.cols()));
    }
    return out;
  }

  public static DenseMatrix cols(AggOp op, CsrMatrix x) {
    DenseMatrix out = DenseMatrix.allocate(op.resultType(x.type()), 1, x.cols());
    for (int c = 0; c < x.cols(); c++) {
      out.set(c, fold(op, x, 0, x.rows(), c, c + 1));
    }
    return out;
  }

  private static Scalar fold(AggOp op, CsrMatrix x, int r0, int r1, int c0, int c1) {
    ValueType at = op == AggOp.MEAN ? op.resultType(x.type()) : x.type();
    Scalar acc = null;
    for (int r = r0; r < r1; r++) {
      for (int c = c0; c < c1; c++) {
        acc = CsrAggregation.foldScalar(op, acc, x.get(r, c).convert(at));
      }
    }
    if (op == AggOp.MEAN) {
      long n = (long) (r1 - r0) * (c1 - c0);
      return at == ValueType.F32
          ? Scalar.ofDouble(at, (float) acc.doubleValue() / (float) n)
          : Scalar.f64(acc.asDouble() / n);
    }
    return acc;
  }

  public static CsrMatrix transpose(CsrMatrix x) {
    CsrBuilder b = new CsrBuilder(x.type(), x.cols(), x.rows(), 16);
    for (int c = 0; c < x.cols(); c++) {
      for (int r = 0; r < x.rows(); r++) {
        addIfNonZero(b, r, x.get(r, c));
      }
      b.endRow();
    }
    return b.build();
  }

  /** a @ b where each operand is a CsrMatrix or a DenseMatrix; a dense result. */
  public static DenseMatrix multiply(Object a, Object b) {
    int m = rows(a);
    int k = cols(a);
    int n = cols(b);
    ValueType t = a instanceof CsrMatrix ca ? ca.type() : ((DenseMatrix) a).type();
    DenseMatrix out = DenseMatrix.allocate(t, m, n);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        Scalar acc = Scalar.ofLong(t, 0);
        for (int p = 0; p < k; p++) {
          acc =
              ElementOps.apply(
                  BinaryOp.ADD, acc, ElementOps.apply(BinaryOp.MUL, cell(a, i, p), cell(b, p, j)));
        }
        out.set(i * n + j, acc);
      }
    }
    return out;
  }

  public static CsrMatrix slice(CsrMatrix x, Range r, Range c) {
    CsrBuilder b = new CsrBuilder(x.type(), r.length(), c.length(), 16);
    for (int i = r.lo(); i < r.hi(); i++) {
      for (int j = c.lo(); j < c.hi(); j++) {
        addIfNonZero(b, j - c.lo(), x.get(i, j));
      }
      b.endRow();
    }
    return b.build();
  }

  public static CsrMatrix cbind(CsrMatrix a, CsrMatrix y) {
    CsrBuilder b = new CsrBuilder(a.type(), a.rows(), a.cols() + y.cols(), 16);
    for (int r = 0; r < a.rows(); r++) {
      for (int c = 0; c < a.cols() + y.cols(); c++) {
        addIfNonZero(b, c, c < a.cols() ? a.get(r, c) : y.get(r, c - a.cols()));
      }
      b.endRow();
    }
    return b.build();
  }

  public static CsrMatrix rbind(CsrMatrix a, CsrMatrix y) {
    CsrBuilder b = new CsrBuilder(a.type(), a.rows() + y.rows(), a.cols(), 16);
    for (int r = 0; r < a.rows() + y.rows(); r++) {
      for (int c = 0; c < a.cols(); c++) {
        addIfNonZero(b, c, r < a.rows() ? a.get(r, c) : y.get(r - a.rows(), c));
      }
      b.endRow();
    }
    return b.build();
  }

  public static CsrMatrix triangle(CsrMatrix x, boolean lower, boolean diag, boolean values) {
    CsrBuilder b = new CsrBuilder(x.type(), x.rows(), x.cols(), 16);
    for (int r = 0; r < x.rows(); r++) {
      for (int c = 0; c < x.cols(); c++) {
        Scalar v = x.get(r, c);
        if (r == c ? diag : (lower ? c < r : c > r)) {
          addIfNonZero(b, c, values || CsrConvert.isZero(v) ? v : Scalar.ofLong(x.type(), 1));
        }
      }
      b.endRow();
    }
    return b.build();
  }

  private static Scalar cell(Object m, int r, int c) {
    return m instanceof CsrMatrix x ? x.get(r, c) : ((DenseMatrix) m).get(r, c);
  }

  private static int rows(Object m) {
    return m instanceof CsrMatrix x ? x.rows() : ((DenseMatrix) m).rows();
  }

  private static int cols(Object m) {
    return m instanceof CsrMatrix x ? x.cols() : ((DenseMatrix) m).cols();
  }

  private static void addIfNonZero(CsrBuilder b, int c, Scalar v) {
    if (!CsrConvert.isZero(v)) {
      b.add(c, v);
    }
  }
}
