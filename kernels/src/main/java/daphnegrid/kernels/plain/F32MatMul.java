package daphnegrid.kernels.plain;

import daphnegrid.kernels.Parallel;
import java.util.concurrent.ForkJoinPool;

/**
 * Plain f32 matrix products: each cell is the fused multiply-add chain over the inner dimension
 * that {@link daphnegrid.kernels.MatMulKernels} defines, computed by straightforward loops. Rows
 * (or, for the symmetric products, columns of the upper triangle) are split across the pool.
 */
public final class F32MatMul {
  private F32MatMul() {}

  public static void gemm(
      float[] a,
      int aOff,
      float[] b,
      int bOff,
      float[] c,
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
      float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int k, int n, int i0, int i1) {
    for (int i = i0; i < i1; i++) {
      int co = cOff + i * n;
      int ao = aOff + i * k;
      java.util.Arrays.fill(c, co, co + n, 0f);
      int p = 0;
      // four steps of the inner dimension per pass over the row of c (each cell still takes them
      // in order): a quarter of the loads and stores of c
      for (; p + 4 <= k; p += 4) {
        float x0 = a[ao + p];
        float x1 = a[ao + p + 1];
        float x2 = a[ao + p + 2];
        float x3 = a[ao + p + 3];
        int b0 = bOff + p * n;
        for (int j = 0; j < n; j++) {
          float s = c[co + j];
          s = Math.fma(x0, b[b0 + j], s);
          s = Math.fma(x1, b[b0 + n + j], s);
          s = Math.fma(x2, b[b0 + 2 * n + j], s);
          c[co + j] = Math.fma(x3, b[b0 + 3 * n + j], s);
        }
      }
      for (; p < k; p++) {
        float x = a[ao + p];
        int bo = bOff + p * n;
        for (int j = 0; j < n; j++) {
          c[co + j] = Math.fma(x, b[bo + j], c[co + j]);
        }
      }
    }
  }

  public static void crossprod(
      float[] a, int aOff, int m, int n, float[] c, int cOff, ForkJoinPool pool) {
    int parts = Math.min(Parallel.parts(pool), Math.max(1, n));
    Parallel.forEach(
        pool,
        parts,
        t -> {
          // rows i of c whose upper part i..n-1 this part owns: balance by triangle area
          int i0 = n - Parallel.cutTriangle(n, parts, parts - t, 1);
          int i1 = n - Parallel.cutTriangle(n, parts, parts - t - 1, 1);
          for (int i = i0; i < i1; i++) {
            java.util.Arrays.fill(c, cOff + i * n + i, cOff + (i + 1) * n, 0f);
          }
          int p = 0;
          for (; p + 4 <= m; p += 4) { // four rows of a per pass over c, as in gemmRows
            int r0 = aOff + p * n;
            for (int i = i0; i < i1; i++) {
              float x0 = a[r0 + i];
              float x1 = a[r0 + n + i];
              float x2 = a[r0 + 2 * n + i];
              float x3 = a[r0 + 3 * n + i];
              int co = cOff + i * n;
              for (int j = i; j < n; j++) {
                float s = c[co + j];
                s = Math.fma(x0, a[r0 + j], s);
                s = Math.fma(x1, a[r0 + n + j], s);
                s = Math.fma(x2, a[r0 + 2 * n + j], s);
                c[co + j] = Math.fma(x3, a[r0 + 3 * n + j], s);
              }
            }
          }
          for (; p < m; p++) {
            int ro = aOff + p * n;
            for (int i = i0; i < i1; i++) {
              float x = a[ro + i];
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
      float[] a, int aOff, int m, int n, float[] c, int cOff, ForkJoinPool pool) {
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
              float s0 = 0f;
              float s1 = 0f;
              float s2 = 0f;
              float s3 = 0f;
              for (int p = 0; p < n; p++) {
                float x = a[ri + p];
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
              float s = 0f;
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
      float[] a, int aOff, int m, int n, float[] x, int xOff, float[] y, int yOff) {
    java.util.Arrays.fill(y, yOff, yOff + n, 0f);
    int i = 0;
    for (; i + 4 <= m; i += 4) { // four rows of a per pass over y, as in gemmRows
      float x0 = x[xOff + i];
      float x1 = x[xOff + i + 1];
      float x2 = x[xOff + i + 2];
      float x3 = x[xOff + i + 3];
      int r0 = aOff + i * n;
      for (int j = 0; j < n; j++) {
        float s = y[yOff + j];
        s = Math.fma(a[r0 + j], x0, s);
        s = Math.fma(a[r0 + n + j], x1, s);
        s = Math.fma(a[r0 + 2 * n + j], x2, s);
        y[yOff + j] = Math.fma(a[r0 + 3 * n + j], x3, s);
      }
    }
    for (; i < m; i++) {
      float xi = x[xOff + i];
      int ro = aOff + i * n;
      for (int j = 0; j < n; j++) {
        y[yOff + j] = Math.fma(a[ro + j], xi, y[yOff + j]);
      }
    }
  }

  /** c[i][j] = c[j][i] for i > j: copies the upper triangle of the n x n matrix c to the lower. */
  public static void mirrorUpper(float[] c, int cOff, int n) {
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
