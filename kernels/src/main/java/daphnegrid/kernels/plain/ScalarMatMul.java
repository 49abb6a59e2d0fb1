package daphnegrid.kernels.plain;

import daphnegrid.kernels.MatMulKernels;
import daphnegrid.kernels.Parallel;
import java.util.concurrent.ForkJoinPool;

/** The plain-loop matrix products: the fallback and the twin the vector products must equal. */
public final class ScalarMatMul implements MatMulKernels {

  @Override
  public void gemm(
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
    F64MatMul.gemm(a, aOff, b, bOff, c, cOff, m, k, n, pool);
  }

  @Override
  public void crossprod(
      double[] a, int aOff, int m, int n, double[] c, int cOff, ForkJoinPool pool) {
    F64MatMul.crossprod(a, aOff, m, n, c, cOff, pool);
  }

  @Override
  public void tcrossprod(
      double[] a, int aOff, int m, int n, double[] c, int cOff, ForkJoinPool pool) {
    F64MatMul.tcrossprod(a, aOff, m, n, c, cOff, pool);
  }

  @Override
  public void gemvTransposed(
      double[] a, int aOff, int m, int n, double[] x, int xOff, double[] y, int yOff) {
    F64MatMul.gemvTransposed(a, aOff, m, n, x, xOff, y, yOff);
  }

  @Override
  public boolean tmatmulSkipZeros(
      double[] a, int aOff, int m, int k, double[] b, int bOff, int n, double[] c, int cOff) {
    return SkipZeros.tmatmulSkipZeros(a, aOff, m, k, b, bOff, n, c, cOff);
  }

  @Override
  public void nearestAssign(
      double[] d,
      int dOff,
      int rows,
      int k,
      double scale,
      double[] shift,
      int shiftOff,
      double[] p,
      int pOff) {
    NearestAssign.rows(d, dOff, rows, k, scale, shift, shiftOff, p, pOff);
  }

  @Override
  public void csrDense(
      double[] xv,
      int[] off,
      int[] idx,
      double[] d,
      int n,
      double[] out,
      int m,
      ForkJoinPool pool) {
    Parallel.forEachStoredPart(
        off, m, pool, (r0, r1) -> CsrDenseLoops.rows(xv, off, idx, d, n, out, r0, r1));
  }

  @Override
  public void csrDense(
      float[] xv, int[] off, int[] idx, float[] d, int n, float[] out, int m, ForkJoinPool pool) {
    Parallel.forEachStoredPart(
        off, m, pool, (r0, r1) -> CsrDenseLoops.rows(xv, off, idx, d, n, out, r0, r1));
  }

  @Override
  public void gemm(
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
    F32MatMul.gemm(a, aOff, b, bOff, c, cOff, m, k, n, pool);
  }

  @Override
  public void crossprod(float[] a, int aOff, int m, int n, float[] c, int cOff, ForkJoinPool pool) {
    F32MatMul.crossprod(a, aOff, m, n, c, cOff, pool);
  }

  @Override
  public void tcrossprod(
      float[] a, int aOff, int m, int n, float[] c, int cOff, ForkJoinPool pool) {
    F32MatMul.tcrossprod(a, aOff, m, n, c, cOff, pool);
  }

  @Override
  public void gemvTransposed(
      float[] a, int aOff, int m, int n, float[] x, int xOff, float[] y, int yOff) {
    F32MatMul.gemvTransposed(a, aOff, m, n, x, xOff, y, yOff);
  }
}
