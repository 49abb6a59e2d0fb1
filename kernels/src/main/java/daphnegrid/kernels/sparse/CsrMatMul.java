package daphnegrid.kernels.sparse;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Kernels;
import daphnegrid.kernels.Parallel;
import daphnegrid.kernels.ValueType;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * Transpose and matrix products with CSR operands. Both operands have the same value type (the
 * caller converts first). Products run on a fork/join pool (null: the calling thread), cut into
 * parts by output rows, so every output cell is computed by one thread in one fixed order and the
 * result does not depend on the number of threads.
 *
 * <p>Accumulation order: output cell (i, j) adds the terms in the order of the inner index,
 * starting from +0, in the value type's arithmetic (integers wrap); floats multiply and add with a
 * rounding each (no fused multiply-add, unlike the dense products), as DAPHNE's CSR kernels do.
 */
public final class CsrMatMul {
  private CsrMatMul() {}

  /** The transpose of x, by counting the non-zeros per column. Does not modify x. */
  public static CsrMatrix transpose(CsrMatrix x) {
    int rows = x.rows();
    int cols = x.cols();
    int nnz = x.nnz();
    int[] off = x.rowOffsets();
    int[] idx = x.colIdxs();
    int[] tOff = new int[cols + 1];
    for (int k = 0; k < nnz; k++) {
      tOff[idx[k] + 1]++;
    }
    for (int c = 0; c < cols; c++) {
      tOff[c + 1] += tOff[c];
    }
    int[] next = Arrays.copyOf(tOff, cols);
    int[] tIdx = new int[nnz];
    DenseMatrix tVal = DenseMatrix.allocate(x.type(), 1, nnz);
    Object src = x.valueArray();
    Object dst = tVal.data();
    boolean f64 = src instanceof double[];
    for (int r = 0; r < rows; r++) {
      for (int k = off[r]; k < off[r + 1]; k++) {
        int p = next[idx[k]]++;
        tIdx[p] = r;
        if (f64) {
          ((double[]) dst)[p] = ((double[]) src)[k];
        } else {
          System.arraycopy(src, k, dst, p, 1);
        }
      }
    }
    return CsrMatrix.wrap(x.type(), cols, rows, tOff, tIdx, dst);
  }

  /** x @ d for a CSR x (m x k) and a dense d (k x n): a dense m x n result. */
  public static DenseMatrix csrDense(CsrMatrix x, DenseMatrix d, ForkJoinPool pool) {
    requireInner(x.rows(), x.cols(), d.rows(), d.cols());
    requireSameType(x.type(), d.type());
    return csrDense(x, d, DenseMatrix.allocate(x.type(), x.rows(), d.cols()), pool);
  }

  /**
   * x @ d written into out (m x n of x's type, every cell overwritten, so its previous cells do not
   * matter), which is returned. Floats: the unfused chain of {@link
   * daphnegrid.kernels.MatMulKernels#csrDense} per cell, the vector kernels when available;
   * integers: the same chain in wrapping arithmetic.
   */
  public static DenseMatrix csrDense(
      CsrMatrix x, DenseMatrix d, DenseMatrix out, ForkJoinPool pool) {
    requireInner(x.rows(), x.cols(), d.rows(), d.cols());
    requireSameType(x.type(), d.type());
    if (out.type() != x.type() || out.rows() != x.rows() || out.cols() != d.cols()) {
      throw new IllegalArgumentException(
          "output " + out.header() + " for a " + x.rows() + "x" + d.cols() + " product");
    }
    int m = x.rows();
    int n = d.cols();
    int[] off = x.rowOffsets();
    int[] idx = x.colIdxs();
    long work = (long) off[m] * n;
    switch (x.type().storage()) {
      case DOUBLE ->
          Kernels.implFor(work)
              .matmul()
              .csrDense(x.f64(), off, idx, d.f64(), n, out.f64(), m, pool);
      case FLOAT ->
          Kernels.implFor(work)
              .matmul()
              .csrDense((float[]) x.valueArray(), off, idx, d.f32(), n, out.f32(), m, pool);
      default ->
          Parallel.forEachStoredPart(
              off,
              m,
              pool,
              (r0, r1) -> {
                long[] acc = new long[n];
                for (int r = r0; r < r1; r++) {
                  Arrays.fill(acc, 0);
                  for (int k = off[r]; k < off[r + 1]; k++) {
                    long a = x.values().getLong(k);
                    int db = idx[k] * n;
                    for (int j = 0; j < n; j++) {
                      acc[j] += a * d.getLong(db + j);
                    }
                  }
                  for (int j = 0; j < n; j++) {
                    out.setLong(r * n + j, acc[j]);
                  }
                }
              });
    }
    return out;
  }

  /** d @ x for a dense d (m x k) and a CSR x (k x n): a dense m x n result. */
  public static DenseMatrix denseCsr(DenseMatrix d, CsrMatrix x, ForkJoinPool pool) {
    requireInner(d.rows(), d.cols(), x.rows(), x.cols());
    requireSameType(d.type(), x.type());
    int m = d.rows();
    int kk = d.cols();
    int n = x.cols();
    DenseMatrix out = DenseMatrix.allocate(x.type(), m, n);
    int[] off = x.rowOffsets();
    int[] idx = x.colIdxs();
    int parts = Math.min(Parallel.parts(pool), Math.max(1, (int) ((long) m * x.nnz() / 65536)));
    Parallel.forEach(
        pool,
        parts,
        t -> {
          int r0 = Parallel.cut(m, parts, t, 1);
          int r1 = Parallel.cut(m, parts, t + 1, 1);
          if (x.type() == ValueType.F64) {
            double[] xv = x.f64();
            double[] dv = d.f64();
            double[] o = out.f64();
            for (int r = r0; r < r1; r++) {
              int ob = r * n;
              for (int i = 0; i < kk; i++) {
                double a = dv[r * kk + i];
                for (int k = off[i]; k < off[i + 1]; k++) {
                  o[ob + idx[k]] += a * xv[k];
                }
              }
            }
          } else if (x.type() == ValueType.F32) {
            float[] xv = (float[]) x.valueArray();
            float[] dv = d.f32();
            float[] o = out.f32();
            for (int r = r0; r < r1; r++) {
              int ob = r * n;
              for (int i = 0; i < kk; i++) {
                float a = dv[r * kk + i];
                for (int k = off[i]; k < off[i + 1]; k++) {
                  o[ob + idx[k]] += a * xv[k];
                }
              }
            }
          } else {
            long[] acc = new long[n];
            for (int r = r0; r < r1; r++) {
              Arrays.fill(acc, 0);
              for (int i = 0; i < kk; i++) {
                long a = d.getLong(r * kk + i);
                for (int k = off[i]; k < off[i + 1]; k++) {
                  acc[idx[k]] += a * x.values().getLong(k);
                }
              }
              for (int j = 0; j < n; j++) {
                out.setLong(r * n + j, acc[j]);
              }
            }
          }
        });
    return out;
  }

  /**
   * x @ y for two CSR matrices (Gustavson's row-by-row product with a dense accumulator per part):
   * a CSR result whose pattern is every (i, j) with some x[i,k] and y[k,j] stored, even where the
   * terms cancel to zero.
   */
  public static CsrMatrix csrCsr(CsrMatrix x, CsrMatrix y, ForkJoinPool pool) {
    requireInner(x.rows(), x.cols(), y.rows(), y.cols());
    requireSameType(x.type(), y.type());
    int m = x.rows();
    int n = y.cols();
    int parts = Math.min(Parallel.parts(pool), Math.max(1, m / 64));
    CsrMatrix[] pieces = new CsrMatrix[parts];
    Parallel.forEach(
        pool,
        parts,
        t -> {
          int r0 = Parallel.cut(m, parts, t, 1);
          int r1 = Parallel.cut(m, parts, t + 1, 1);
          pieces[t] = productRows(x, y, r0, r1);
        });
    return CsrReorg.rbindAll(x.type(), m, n, pieces);
  }

  /** t(x) @ x for a CSR x: the cols x cols Gram matrix, as CSR. */
  public static CsrMatrix gram(CsrMatrix x, ForkJoinPool pool) {
    return csrCsr(transpose(x), x, pool);
  }

  private static CsrMatrix productRows(CsrMatrix x, CsrMatrix y, int r0, int r1) {
    int n = y.cols();
    int[] xo = x.rowOffsets();
    int[] xi = x.colIdxs();
    int[] yo = y.rowOffsets();
    int[] yi = y.colIdxs();
    boolean f64 = x.type() == ValueType.F64;
    boolean f32 = x.type() == ValueType.F32;
    double[] accD = new double[n];
    long[] accL = f64 || f32 ? null : new long[n];
    float[] accF = f32 ? new float[n] : null;
    boolean[] seen = new boolean[n];
    int[] touched = new int[n];
    CsrBuilder b = new CsrBuilder(x.type(), r1 - r0, n, 16);
    for (int r = r0; r < r1; r++) {
      int nt = 0;
      for (int p = xo[r]; p < xo[r + 1]; p++) {
        int k = xi[p];
        for (int q = yo[k]; q < yo[k + 1]; q++) {
          int c = yi[q];
          if (!seen[c]) {
            seen[c] = true;
            touched[nt++] = c;
          }
          if (f64) {
            accD[c] += x.f64()[p] * y.f64()[q];
          } else if (f32) {
            accF[c] += ((float[]) x.valueArray())[p] * ((float[]) y.valueArray())[q];
          } else {
            accL[c] += x.values().getLong(p) * y.values().getLong(q);
          }
        }
      }
      Arrays.sort(touched, 0, nt);
      for (int i = 0; i < nt; i++) {
        int c = touched[i];
        if (f64) {
          b.addDouble(c, accD[c]);
          accD[c] = 0;
        } else if (f32) {
          b.addDouble(c, accF[c]);
          accF[c] = 0;
        } else {
          b.addLong(c, accL[c]);
          accL[c] = 0;
        }
        seen[c] = false;
      }
      b.endRow();
    }
    return b.build();
  }

  private static void requireInner(int ar, int ac, int br, int bc) {
    if (ac != br) {
      throw new KernelException(
          "the number of columns of the left operand must equal the number of rows of the right"
              + " operand in '@': "
              + ar
              + "x"
              + ac
              + " vs "
              + br
              + "x"
              + bc);
    }
  }

  private static void requireSameType(ValueType a, ValueType b) {
    if (a != b) {
      throw new IllegalArgumentException("operands of different types: " + a + ", " + b);
    }
  }
}
