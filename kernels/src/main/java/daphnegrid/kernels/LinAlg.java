package daphnegrid.kernels;

/** Linear systems, symmetric eigen decomposition, and the t(A) products (spec 7.8). */
public final class LinAlg {
  private LinAlg() {}

  /**
   * x with a @ x = b, by LU decomposition with partial pivoting; computed in double and returned in
   * the operands' value type.
   *
   * @throws KernelException if a is not square, b not n x 1, or a singular
   */
  public static DenseMatrix solve(DenseMatrix a, DenseMatrix b) {
    if (a.rows() != a.cols()) {
      throw new KernelException(
          "solve: the coefficient matrix must be square, got " + Shapes.of(a));
    }
    if (b.rows() != a.rows()) {
      throw new KernelException(
          "solve: the row counts of lhs and rhs differ: " + Shapes.of(a) + " and " + Shapes.of(b));
    }
    if (b.cols() != 1) {
      throw new KernelException("solve: rhs must have exactly one column, got " + Shapes.of(b));
    }
    int n = a.rows();
    double[] lu = Casts.cast(a, ValueType.F64).copy().f64();
    double[] x = Casts.cast(b, ValueType.F64).copy().f64();
    for (int k = 0; k < n; k++) {
      int piv = k;
      double max = Math.abs(lu[k * n + k]);
      for (int i = k + 1; i < n; i++) {
        double v = Math.abs(lu[i * n + k]);
        if (v > max) {
          max = v;
          piv = i;
        }
      }
      if (max == 0.0 || Double.isNaN(max)) {
        throw new KernelException("solve: the matrix is singular");
      }
      if (piv != k) {
        for (int j = 0; j < n; j++) {
          double t = lu[k * n + j];
          lu[k * n + j] = lu[piv * n + j];
          lu[piv * n + j] = t;
        }
        double t = x[k];
        x[k] = x[piv];
        x[piv] = t;
      }
      double d = lu[k * n + k];
      for (int i = k + 1; i < n; i++) {
        double f = lu[i * n + k] / d;
        lu[i * n + k] = f;
        if (f != 0.0) {
          for (int j = k + 1; j < n; j++) {
            lu[i * n + j] -= f * lu[k * n + j];
          }
          x[i] -= f * x[k];
        }
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = x[i];
      for (int j = i + 1; j < n; j++) {
        s -= lu[i * n + j] * x[j];
      }
      x[i] = s / lu[i * n + i];
    }
    return Casts.cast(DenseMatrix.wrap(ValueType.F64, n, 1, x), a.type());
  }

  /** True iff m is square and m[i,j] == m[j,i] everywhere. */
  public static boolean isSymmetric(DenseMatrix m) {
    if (m.rows() != m.cols()) {
      throw new KernelException("isSymmetric: the provided matrix is not square: " + Shapes.of(m));
    }
    int n = m.rows();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Reorg.compareCells(m, i * n + j, j * n + i) != 0) {
          return false;
        }
        if (m.type().isFloat() && m.getDouble(i * n + j) != m.getDouble(j * n + i)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Eigenvalues (n x 1, ascending) and eigenvectors (n x n, one unit vector per column, largest
   * component positive) of a symmetric f64 or f32 matrix, by cyclic Jacobi rotations.
   */
  public static DenseMatrix[] eigen(DenseMatrix m) {
    if (!m.type().isFloat()) {
      throw new KernelException("eigen: only f64 and f32 matrices are supported");
    }
    if (m.rows() != m.cols() || !isSymmetric(m)) {
      throw new KernelException("eigen: Input matrix must be symmetric");
    }
    int n = m.rows();
    double[] a = Casts.cast(m, ValueType.F64).copy().f64();
    double[] v = new double[n * n];
    for (int i = 0; i < n; i++) {
      v[i * n + i] = 1.0;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p * n + q] * a[p * n + q];
        }
      }
      if (off == 0.0) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = a[p * n + q];
          if (apq == 0.0) {
            continue;
          }
          double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k * n + p];
            double akq = a[k * n + q];
            a[k * n + p] = c * akp - s * akq;
            a[k * n + q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p * n + k];
            double aqk = a[q * n + k];
            a[p * n + k] = c * apk - s * aqk;
            a[q * n + k] = s * apk + c * aqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = v[k * n + p];
            double vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
          }
        }
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(a[x * n + x], a[y * n + y]));
    DenseMatrix vals = DenseMatrix.allocate(ValueType.F64, n, 1);
    DenseMatrix vecs = DenseMatrix.allocate(ValueType.F64, n, n);
    for (int j = 0; j < n; j++) {
      int src = order[j];
      vals.f64()[j] = a[src * n + src];
      int big = 0;
      for (int k = 1; k < n; k++) {
        if (Math.abs(v[k * n + src]) > Math.abs(v[big * n + src])) {
          big = k;
        }
      }
      double sign = v[big * n + src] < 0 ? -1 : 1;
      for (int k = 0; k < n; k++) {
        vecs.f64()[k * n + j] = sign * v[k * n + src];
      }
    }
    return new DenseMatrix[] {Casts.cast(vals, m.type()), Casts.cast(vecs, m.type())};
  }

  /** t(a) @ a, exactly symmetric. */
  public static DenseMatrix syrk(DenseMatrix a) {
    return MatMul.multiply(Reorg.transpose(a), a);
  }

  /**
   * t(a) @ x for an n x m matrix a and an n x 1 vector x.
   *
   * @throws KernelException if the row counts differ
   */
  public static DenseMatrix gemv(DenseMatrix a, DenseMatrix x) {
    if (a.rows() != x.rows()) {
      throw new KernelException(
          "gemv: #cols of mat and #rows of vec must be the same: t("
              + Shapes.of(a)
              + ") @ "
              + Shapes.of(x));
    }
    return MatMul.multiply(Reorg.transpose(a), x);
  }
}
