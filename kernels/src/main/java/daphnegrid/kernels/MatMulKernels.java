package daphnegrid.kernels;

import java.util.concurrent.ForkJoinPool;

/**
 * Array-level matrix products for f64 and f32. Matrices are row-major and contiguous from their
 * offset; {@code c} is overwritten and must not overlap an input.
 *
 * <h2>The same numbers everywhere</h2>
 *
 * Every result cell is one fixed chain of fused multiply-adds over the inner dimension in order:
 * {@code c[i][j] = fma(a[i][k-1], b[k-1][j], ... fma(a[i][0], b[0][j], +0.0))}, exactly what {@code
 * Math.fma} in a plain loop gives. Blocking, packing, register tiles, vector width, the row range a
 * caller computes and the thread count change which cells are computed when, never the chain of a
 * cell; threads split the output, never the inner dimension. So the vector kernels, the plain
 * twins, any pool size and any tiling produce bit-identical results. Compared with a textbook
 * {@code sum += a * b} loop the results differ only by the rounding the fusion saves.
 *
 * <p>A null {@code pool} runs on the calling thread; otherwise the work is split into {@code
 * pool.getParallelism()} parts run in the pool (the calling thread may be a worker of it).
 */
public interface MatMulKernels {

  /** c (m x n) = a (m x k) @ b (k x n). */
  void gemm(
      double[] a,
      int aOff,
      double[] b,
      int bOff,
      double[] c,
      int cOff,
      int m,
      int k,
      int n,
      ForkJoinPool pool);

  /**
   * c (n x n) = t(a) @ a for a (m x n), the syrk pattern, without forming t(a). The upper triangle
   * is computed as gemm would and mirrored, so c is exactly symmetric.
   */
  void crossprod(double[] a, int aOff, int m, int n, double[] c, int cOff, ForkJoinPool pool);

  /** c (m x m) = a @ t(a) for a (m x n), exactly symmetric like {@link #crossprod}. */
  void tcrossprod(double[] a, int aOff, int m, int n, double[] c, int cOff, ForkJoinPool pool);

  /**
   * y (n) = t(a) @ x for a (m x n) and x (m): DaphneDSL's gemv. The chain of y[j] runs over the
   * rows of a in order. y must not overlap a or x.
   */
  void gemvTransposed(
      double[] a, int aOff, int m, int n, double[] x, int xOff, double[] y, int yOff);

  /**
   * c (k x n) = t(a) @ b for a (m x k) and b (m x n), by the chains {@link #gemm} gives t(a) @ b
   * (c[i][j] runs over the rows of a and b in order from +0) but skipping the zero cells of a: an
   * assignment or indicator matrix a with one non-zero per row (k-means' t(P) @ X) then costs one
   * pass over b instead of k. A skipped cell's multiply-add is fma(±0, b[r][j], chain), which
   * leaves the chain as it is unless b[r][j] is not finite (the full chain turns NaN) or the chain
   * is -0.0 (the full chain may turn +0.0; a chain that later leaves zero agrees again). So the
   * result is the full product's bits whenever b is finite and no cell of c ends as -0.0; otherwise
   * this returns false, c holds no defined value, and the caller computes the full product.
   *
   * @return true when c holds t(a) @ b
   */
  boolean tmatmulSkipZeros(
      double[] a, int aOff, int m, int k, double[] b, int bOff, int n, double[] c, int cOff);

  /**
   * The assignment step of k-means over rows rows of k cells from dOff (d and p row-major, k
   * columns): per row, e = d * scale + shift (a product, then a sum: two roundings; shift is a row
   * of k from shiftOff), min = the row minimum of e (a NaN cell is skipped; +inf when every cell is
   * NaN), and p = (e <= min ? 1 : 0) / (the number of cells with e <= min). These are the cells of
   * the elementwise ops and row aggregates of {@code E = D * scale + shift; P = E <= aggMin(E, 0);
   * P = P / sum(P, 0);} (a row without such a cell gets 0 / 0, NaN), bit for bit: the minimum's
   * zero sign, the only thing its fold order decides, does not change which cells compare {@code
   * <=} to it, and the ties count exactly. p may be d itself (same offset), nothing else of d.
   */
  void nearestAssign(
      double[] d,
      int dOff,
      int rows,
      int k,
      double scale,
      double[] shift,
      int shiftOff,
      double[] p,
      int pOff);

  /**
   * out (m x n) = x @ d for a CSR x of m rows (values xv, row offsets off, ascending column indices
   * idx) and a row-major d with n columns; out is overwritten. Unlike {@link #gemm}, each cell is
   * the chain of DAPHNE's CSR product, unfused: out[r][j] starts at +0 and adds the rounded product
   * xv[k] * d[idx[k]][j] for the stored cells k of row r in order. Threads split the rows ({@link
   * Parallel#storedParts}); a cell's chain depends on neither the split nor on which rows form x (a
   * row block on the grid gives its rows' bits). out must not overlap the inputs.
   */
  void csrDense(
      double[] xv, int[] off, int[] idx, double[] d, int n, double[] out, int m, ForkJoinPool pool);

  /**
   * f32 twin of {@link #csrDense(double[], int[], int[], double[], int, double[], int,
   * ForkJoinPool)}.
   */
  void csrDense(
      float[] xv, int[] off, int[] idx, float[] d, int n, float[] out, int m, ForkJoinPool pool);

  /**
   * f32 twin of {@link #gemm(double[], int, double[], int, double[], int, int, int, int,
   * ForkJoinPool)}.
   */
  void gemm(
      float[] a,
      int aOff,
      float[] b,
      int bOff,
      float[] c,
      int cOff,
      int m,
      int k,
      int n,
      ForkJoinPool pool);

  /** f32 twin of {@link #crossprod(double[], int, int, int, double[], int, ForkJoinPool)}. */
  void crossprod(float[] a, int aOff, int m, int n, float[] c, int cOff, ForkJoinPool pool);

  /** f32 twin of {@link #tcrossprod(double[], int, int, int, double[], int, ForkJoinPool)}. */
  void tcrossprod(float[] a, int aOff, int m, int n, float[] c, int cOff, ForkJoinPool pool);

  /** f32 twin of {@link #gemvTransposed(double[], int, int, int, double[], int, double[], int)}. */
  void gemvTransposed(float[] a, int aOff, int m, int n, float[] x, int xOff, float[] y, int yOff);
}
