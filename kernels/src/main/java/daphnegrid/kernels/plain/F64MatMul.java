package daphnegrid.kernels.plain;

import daphnegrid.kernels.Parallel;
import java.util.concurrent.ForkJoinPool;

/**
 * Plain f64 matrix products: each cell is the fused multiply-add chain over the inner dimension
 * that {@link daphnegrid.kernels.MatMulKernels} defines, computed by straightforward loops. Rows
 * (or, for the symmetric products, columns of the upper triangle) are split across the pool.
 */
public final class F64MatMul {
  private F64MatMul() {}

  public static void gemm(
      double[] a,
      int aOff,
      double[] b,
      int bOff,
      double[] c,
      int cOff,
      int m,
      int k,
      int n,
      ForkJoinPool pool) {
    int parts = Math.min(Parallel.parts(pool), Math.max(1, m));
    Parallel.forEach(
        pool,
        parts,
        t ->
            gemmRows(
                a,
                aOff,
                b,
                bOff,
                c,
                cOff,
                k,
                n,
                Parallel.cut(m, parts, t, 1),
                Parallel.cut(m, parts, t + 1, 1)));
  }

  /**
   * Rows [i0, i1) of c = a @ b (a: m x k, b: k x n), each cell the fma chain over the inner
   * dimension in order from +0, in the register tiles of {@link #tile}: b in blocks of {@link
   * #TILE_COLS} columns by {@link #TILE_STEPS} rows, which stay in L2 while the tiles of every row
   * of a pass over them. k-means' distances (40 x 100 @ 100 x 8 per tile) took 153 ms per 25,000
   * products on one thread against 284 for a pass over a row of c per four steps of a row of a;
   * products of a few hundred on each side ran at the same speed either way.
   */
  static void gemmRows(
      double[] a,
      int aOff,
      double[] b,
      int bOff,
      double[] c,
      int cOff,
      int k,
      int n,
      int i0,
      int i1) {
    for (int i = i0; i < i1; i++) {
      java.util.Arrays.fill(c, cOff + i * n, cOff + (i + 1) * n, 0.0);
    }
    for (int j0 = 0; j0 < n; j0 += TILE_COLS) {
      int j1 = Math.min(n, j0 + TILE_COLS);
      for (int p0 = 0; p0 < k; p0 += TILE_STEPS) {
        int steps = Math.min(TILE_STEPS, k - p0);
        for (int i = i0; i < i1; i += 4) {
          for (int j = j0; j < j1; j += 4) {
            tile(a, aOff + p0, k, 1, b, bOff + p0 * n, n, steps, c, cOff, n, i, i1, j, j1);
          }
        }
      }
    }
  }

  public static void crossprod(
      double[] a, int aOff, int m, int n, double[] c, int cOff, ForkJoinPool pool) {
    int parts = Math.min(Parallel.parts(pool), Math.max(1, n));
    Parallel.forEach(
        pool,
        parts,
        t -> {
          // rows i of c whose upper part i..n-1 this part owns: balance by triangle area
          int i0 = n - Parallel.cutTriangle(n, parts, parts - t, 1);
          int i1 = n - Parallel.cutTriangle(n, parts, parts - t - 1, 1);
          crossprodRows(a, aOff, m, n, c, cOff, i0, i1);
        });
    mirrorUpper(c, cOff, n);
  }

  /**
   * Rows [i0, i1) of the upper triangle of c = t(a) @ a (a: m x n), each cell the fma chain over
   * the rows of a in order from +0. Tiles of 4 x 4 cells keep their sixteen chains in registers
   * over {@link #TILE_STEPS} rows of a at a time, then continue them from c: eight loads of a per
   * sixteen fma, where a pass over the rows of c per four rows of a took five loads and a store per
   * four fma (100,000 x 100 on one thread: 85-93 ms against 133-147). A tile at an edge repeats its
   * last row or column and stores only the cells that exist; diagonal tiles also compute some cells
   * below the diagonal, which {@link #mirrorUpper} overwrites with the same values.
   */
  static void crossprodRows(
      double[] a, int aOff, int m, int n, double[] c, int cOff, int i0, int i1) {
    if (n < 4) { // a tile would be mostly repeats: one chain per cell
      for (int i = i0; i < i1; i++) {
        for (int j = i; j < n; j++) {
          double s = 0.0;
          for (int p = 0; p < m; p++) {
            s = Math.fma(a[aOff + p * n + i], a[aOff + p * n + j], s);
          }
          c[cOff + i * n + j] = s;
        }
      }
      return;
    }
    for (int i = i0; i < i1; i++) {
      int from = i - (i - i0) % 4; // the first column of this row's tiles
      java.util.Arrays.fill(c, cOff + i * n + from, cOff + (i + 1) * n, 0.0);
    }
    for (int p0 = 0; p0 < m; p0 += TILE_STEPS) {
      int rows = Math.min(TILE_STEPS, m - p0);
      for (int i = i0; i < i1; i += 4) {
        for (int j = i; j < n; j += 4) {
          tile(a, aOff + p0 * n, 1, n, a, aOff + p0 * n, n, rows, c, cOff, n, i, i1, j, n);
        }
      }
    }
  }

  /** Inner-dimension steps a register tile takes per pass (then it continues from c). */
  static final int TILE_STEPS = 256;

  /** Columns of b (of c) the tiles of a product take per pass over a's rows. */
  static final int TILE_COLS = 256;

  /**
   * The register tile of the plain products: continues the chains of cells (i + r, j + q) of c (row
   * stride ldc) for r &lt; 4 below row i1 and q &lt; 4 below column j1, over steps steps of the
   * inner dimension: c[i + r][j + q] = fma(x(i + r, p), b[bo + p ldb + j + q], c[i + r][j + q]) for
   * p in order, where x(i, p) = a[ao + i ars + p acs] (a @ b: ars = k, acs = 1; t(a) @ a: ars = 1,
   * acs = n). Sixteen chains in registers take eight loads per sixteen fma. At an edge the tile
   * repeats its last row or column and stores only the cells that exist.
   */
  private static void tile(
      double[] a,
      int ao,
      int ars,
      int acs,
      double[] b,
      int bo,
      int ldb,
      int steps,
      double[] c,
      int cOff,
      int ldc,
      int i,
      int i1,
      int j,
      int j1) {
    int ir = Math.min(4, i1 - i);
    int jc = Math.min(4, j1 - j);
    int r1 = i + Math.min(1, ir - 1);
    int r2 = i + Math.min(2, ir - 1);
    int r3 = i + Math.min(3, ir - 1);
    int q1 = j + Math.min(1, jc - 1);
    int q2 = j + Math.min(2, jc - 1);
    int q3 = j + Math.min(3, jc - 1);
    int o0 = cOff + i * ldc;
    int o1 = cOff + r1 * ldc;
    int o2 = cOff + r2 * ldc;
    int o3 = cOff + r3 * ldc;
    double c00 = c[o0 + j];
    double c01 = c[o0 + q1];
    double c02 = c[o0 + q2];
    double c03 = c[o0 + q3];
    double c10 = c[o1 + j];
    double c11 = c[o1 + q1];
    double c12 = c[o1 + q2];
    double c13 = c[o1 + q3];
    double c20 = c[o2 + j];
    double c21 = c[o2 + q1];
    double c22 = c[o2 + q2];
    double c23 = c[o2 + q3];
    double c30 = c[o3 + j];
    double c31 = c[o3 + q1];
    double c32 = c[o3 + q2];
    double c33 = c[o3 + q3];
    int a0 = ao + i * ars;
    int a1 = ao + r1 * ars;
    int a2 = ao + r2 * ars;
    int a3 = ao + r3 * ars;
    for (int p = 0, x = 0, y = bo; p < steps; p++, x += acs, y += ldb) {
      double x0 = a[a0 + x];
      double x1 = a[a1 + x];
      double x2 = a[a2 + x];
      double x3 = a[a3 + x];
      double y0 = b[y + j];
      double y1 = b[y + q1];
      double y2 = b[y + q2];
      double y3 = b[y + q3];
      c00 = Math.fma(x0, y0, c00);
      c01 = Math.fma(x0, y1, c01);
      c02 = Math.fma(x0, y2, c02);
      c03 = Math.fma(x0, y3, c03);
      c10 = Math.fma(x1, y0, c10);
      c11 = Math.fma(x1, y1, c11);
      c12 = Math.fma(x1, y2, c12);
      c13 = Math.fma(x1, y3, c13);
      c20 = Math.fma(x2, y0, c20);
      c21 = Math.fma(x2, y1, c21);
      c22 = Math.fma(x2, y2, c22);
      c23 = Math.fma(x2, y3, c23);
      c30 = Math.fma(x3, y0, c30);
      c31 = Math.fma(x3, y1, c31);
      c32 = Math.fma(x3, y2, c32);
      c33 = Math.fma(x3, y3, c33);
    }
    storeRow(c, o0 + j, jc, c00, c01, c02, c03);
    if (ir > 1) {
      storeRow(c, o1 + j, jc, c10, c11, c12, c13);
    }
    if (ir > 2) {
      storeRow(c, o2 + j, jc, c20, c21, c22, c23);
    }
    if (ir > 3) {
      storeRow(c, o3 + j, jc, c30, c31, c32, c33);
    }
  }

  /** Stores the first cols (1 to 4) of v0..v3 at c[o..]. */
  private static void storeRow(
      double[] c, int o, int cols, double v0, double v1, double v2, double v3) {
    c[o] = v0;
    if (cols > 1) {
      c[o + 1] = v1;
    }
    if (cols > 2) {
      c[o + 2] = v2;
    }
    if (cols > 3) {
      c[o + 3] = v3;
    }
  }

  public static void tcrossprod(
      double[] a, int aOff, int m, int n, double[] c, int cOff, ForkJoinPool pool) {
    int parts = Math.min(Parallel.parts(pool), Math.max(1, m));
    Parallel.forEach(
        pool,
        parts,
        t -> {
          int i0 = m - Parallel.cutTriangle(m, parts, parts - t, 1);
          int i1 = m - Parallel.cutTriangle(m, parts, parts - t - 1, 1);
          for (int i = i0; i < i1; i++) {
            int ri = aOff + i * n;
            int j = i;
            // four cells of the row at once: four independent chains instead of one
            for (; j + 4 <= m; j += 4) {
              int rj = aOff + j * n;
              double s0 = 0.0;
              double s1 = 0.0;
              double s2 = 0.0;
              double s3 = 0.0;
              for (int p = 0; p < n; p++) {
                double x = a[ri + p];
                s0 = Math.fma(x, a[rj + p], s0);
                s1 = Math.fma(x, a[rj + n + p], s1);
                s2 = Math.fma(x, a[rj + 2 * n + p], s2);
                s3 = Math.fma(x, a[rj + 3 * n + p], s3);
              }
              int co = cOff + i * m + j;
              c[co] = s0;
              c[co + 1] = s1;
              c[co + 2] = s2;
              c[co + 3] = s3;
            }
            for (; j < m; j++) {
              double s = 0.0;
              for (int p = 0; p < n; p++) {
                s = Math.fma(a[ri + p], a[aOff + j * n + p], s);
              }
              c[cOff + i * m + j] = s;
            }
          }
        });
    mirrorUpper(c, cOff, m);
  }

  public static void gemvTransposed(
      double[] a, int aOff, int m, int n, double[] x, int xOff, double[] y, int yOff) {
    java.util.Arrays.fill(y, yOff, yOff + n, 0.0);
    int i = 0;
    for (; i + 4 <= m; i += 4) { // four rows of a per pass over y (each cell takes them in order)
      double x0 = x[xOff + i];
      double x1 = x[xOff + i + 1];
      double x2 = x[xOff + i + 2];
      double x3 = x[xOff + i + 3];
      int r0 = aOff + i * n;
      for (int j = 0; j < n; j++) {
        double s = y[yOff + j];
        s = Math.fma(a[r0 + j], x0, s);
        s = Math.fma(a[r0 + n + j], x1, s);
        s = Math.fma(a[r0 + 2 * n + j], x2, s);
        y[yOff + j] = Math.fma(a[r0 + 3 * n + j], x3, s);
      }
    }
    for (; i < m; i++) {
      double xi = x[xOff + i];
      int ro = aOff + i * n;
      for (int j = 0; j < n; j++) {
        y[yOff + j] = Math.fma(a[ro + j], xi, y[yOff + j]);
      }
    }
  }

  /** c[i][j] = c[j][i] for i > j: copies the upper triangle of the n x n matrix c to the lower. */
  public static void mirrorUpper(double[] c, int cOff, int n) {
    final int bs = 64;
    for (int i0 = 0; i0 < n; i0 += bs) {
      for (int j0 = 0; j0 <= i0; j0 += bs) {
        for (int i = i0; i < Math.min(i0 + bs, n); i++) {
          for (int j = j0; j < Math.min(Math.min(j0 + bs, n), i); j++) {
            c[cOff + i * n + j] = c[cOff + j * n + i];
          }
        }
      }
    }
  }
}
