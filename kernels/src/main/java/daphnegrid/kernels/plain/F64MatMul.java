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
      int co = cOff + i * n;
      java.util.Arrays.fill(c, co, co + n, 0.0);
      for (int p = 0; p < k; p++) {
        double x = a[aOff + i * k + p];
        int bo = bOff + p * n;
        for (int j = 0; j < n; j++) {
          c[co + j] = Math.fma(x, b[bo + j], c[co + j]);
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
          for (int i = i0; i < i1; i++) {
            java.util.Arrays.fill(c, cOff + i * n + i, cOff + (i + 1) * n, 0.0);
          }
          for (int p = 0; p < m; p++) {
            int ro = aOff + p * n;
            for (int i = i0; i < i1; i++) {
              double x = a[ro + i];
              int co = cOff + i * n;
              for (int j = i; j < n; j++) {
                c[co + j] = Math.fma(x, a[ro + j], c[co + j]);
              }
            }
          }
        });
    mirrorUpper(c, cOff, n);
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
            for (int j = i; j < m; j++) {
              double s = 0.0;
              for (int p = 0; p < n; p++) {
                s = Math.fma(a[aOff + i * n + p], a[aOff + j * n + p], s);
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
    for (int i = 0; i < m; i++) {
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
