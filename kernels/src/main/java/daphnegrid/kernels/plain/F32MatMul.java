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
          crossprodRows(a, aOff, m, n, c, cOff, i0, i1);
        });
    mirrorUpper(c, cOff, n);
  }

  /** Rows of a a crossprod tile takes per pass: 100 KB of a 100-column a, which stay in L2. */
  static final int CROSS_ROWS = 256;

  /**
   * Rows [i0, i1) of the upper triangle of c = t(a) @ a (a: m x n), each cell the fma chain over
   * the rows of a in order from +0, in register tiles of 4 x 4 cells as in the f64 twin ({@link
   * F64MatMul#crossprodRows}).
   */
  static void crossprodRows(
      float[] a, int aOff, int m, int n, float[] c, int cOff, int i0, int i1) {
    if (n < 4) { // a tile would be mostly repeats: one chain per cell
      for (int i = i0; i < i1; i++) {
        for (int j = i; j < n; j++) {
          float s = 0f;
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
      java.util.Arrays.fill(c, cOff + i * n + from, cOff + (i + 1) * n, 0f);
    }
    for (int p0 = 0; p0 < m; p0 += CROSS_ROWS) {
      int rows = Math.min(CROSS_ROWS, m - p0);
      for (int i = i0; i < i1; i += 4) {
        for (int j = i; j < n; j += 4) {
          crossTile(a, aOff + p0 * n, rows, n, c, cOff, i, Math.min(4, i1 - i), j);
        }
      }
    }
  }

  /**
   * Continues the chains of cells (i + r, j + q) of c, r &lt; ir, q &lt; 4 and j + q &lt; n, over
   * the rows rows of a from ro.
   */
  private static void crossTile(
      float[] a, int ro, int rows, int n, float[] c, int cOff, int i, int ir, int j) {
    int i1 = i + Math.min(1, ir - 1);
    int i2 = i + Math.min(2, ir - 1);
    int i3 = i + Math.min(3, ir - 1);
    int jc = Math.min(4, n - j);
    int j1 = j + Math.min(1, jc - 1);
    int j2 = j + Math.min(2, jc - 1);
    int j3 = j + Math.min(3, jc - 1);
    int o0 = cOff + i * n;
    int o1 = cOff + i1 * n;
    int o2 = cOff + i2 * n;
    int o3 = cOff + i3 * n;
    float c00 = c[o0 + j];
    float c01 = c[o0 + j1];
    float c02 = c[o0 + j2];
    float c03 = c[o0 + j3];
    float c10 = c[o1 + j];
    float c11 = c[o1 + j1];
    float c12 = c[o1 + j2];
    float c13 = c[o1 + j3];
    float c20 = c[o2 + j];
    float c21 = c[o2 + j1];
    float c22 = c[o2 + j2];
    float c23 = c[o2 + j3];
    float c30 = c[o3 + j];
    float c31 = c[o3 + j1];
    float c32 = c[o3 + j2];
    float c33 = c[o3 + j3];
    for (int p = 0, r = ro; p < rows; p++, r += n) {
      float x0 = a[r + i];
      float x1 = a[r + i1];
      float x2 = a[r + i2];
      float x3 = a[r + i3];
      float y0 = a[r + j];
      float y1 = a[r + j1];
      float y2 = a[r + j2];
      float y3 = a[r + j3];
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
  private static void storeRow(float[] c, int o, int cols, float v0, float v1, float v2, float v3) {
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
