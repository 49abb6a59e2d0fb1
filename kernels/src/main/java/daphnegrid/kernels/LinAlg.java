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
    if (a.type() == ValueType.F32) {
      DenseMatrix x = DenseMatrix.allocate(ValueType.F32, n, 1);
      LinearSolve.solve(a.f32(), 0, n, b.f32(), 0, x.f32(), 0);
      return x;
    }
    DenseMatrix x = DenseMatrix.allocate(ValueType.F64, n, 1);
    LinearSolve.solve(
        Casts.cast(a, ValueType.F64).f64(),
        0,
        n,
        Casts.cast(b, ValueType.F64).f64(),
        0,
        x.f64(),
        0);
    return Casts.cast(x, a.type());
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
    DenseMatrix vals = DenseMatrix.allocate(m.type(), n, 1);
    DenseMatrix vecs = DenseMatrix.allocate(m.type(), n, n);
    if (m.type() == ValueType.F32) {
      SymmetricEigen.decompose(m.f32(), 0, n, vals.f32(), 0, vecs.f32(), 0);
    } else {
      SymmetricEigen.decompose(m.f64(), 0, n, vals.f64(), 0, vecs.f64(), 0);
    }
    return new DenseMatrix[] {vals, vecs};
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
