package daphnegrid.kernels.simd;

import daphnegrid.kernels.Kernels;
import daphnegrid.kernels.MatMulKernels;
import daphnegrid.kernels.Parallel;
import daphnegrid.kernels.plain.CsrDenseLoops;
import daphnegrid.kernels.plain.F32MatMul;
import daphnegrid.kernels.plain.F64MatMul;
import daphnegrid.kernels.plain.NearestAssign;
import daphnegrid.kernels.plain.SkipZeros;
import java.util.concurrent.ForkJoinPool;

/**
 * Vector API matrix products; bit-identical to {@link daphnegrid.kernels.plain.ScalarMatMul}. When
 * gated, each family of vector loops (the NARROW, DIRECT and PACKED paths of {@link F64Gemm#path}
 * and {@link F32Gemm#path}, the transposed gemv, the zero-skipping t(a) @ b) runs the plain twin
 * until it is compiled ({@link Warmup}); products of at least {@link #BIG_WORK} multiply-adds
 * always take the vector loops, which then warm up within the call. The GEMV path has no vector
 * loops and is never gated. The k-means assignment takes its vector loop when a row of distances is
 * one vector, gated the same way.
 */
public final class SimdMatMul implements MatMulKernels {
  /**
   * Products this large amortize their own warm-up, and take the vector loops while they are still
   * cold: the JIT compiles the register tile within the call. Smaller ones go through their gate,
   * whatever the time: a 512 x 512 product whose gate was still cold took 245-380 ms on the cold
   * vector loops, against 27 ms on the plain twin and 4.4 ms once compiled (this threshold was 2^26
   * after the quiet time then); a 1024 x 1024 one in a fresh process 350-500 ms against 230-290.
   */
  static final long BIG_WORK = Kernels.QUIET_BIG_WORK;

  private final boolean gated;
  private final Warmup[] gemm64 = Warmup.each(F64Gemm.PATHS);
  private final Warmup gemvt64 = new Warmup();
  private final Warmup skipZeros64 = new Warmup();
  private final Warmup assign64 = new Warmup();
  private final Warmup csrDense64 = new Warmup();
  private final Warmup[] gemm32 = Warmup.each(F32Gemm.PATHS);
  private final Warmup gemvt32 = new Warmup();
  private final Warmup csrDense32 = new Warmup();

  /** Always the vector loops. */
  public SimdMatMul() {
    this(false);
  }

  SimdMatMul(boolean gated) {
    this.gated = gated;
  }

  /** True when a product of the given size and path should run the plain twin (probing). */
  private boolean cold64(int path, long work) {
    if (!gated || path == F64Gemm.GEMV || work >= BIG_WORK || gemm64[path].hot()) {
      return false;
    }
    return gemm64[path].coldInBackground(work, () -> F64Gemm.probe(path));
  }

  private boolean cold32(int path, long work) {
    if (!gated || path == F32Gemm.GEMV || work >= BIG_WORK || gemm32[path].hot()) {
      return false;
    }
    return gemm32[path].coldInBackground(work, () -> F32Gemm.probe(path));
  }

  /**
   * True while w's vector loops are not compiled yet (never when ungated): run the plain twin; w's
   * probing runs on the warm-up thread ({@link Warmup#coldInBackground}).
   */
  private boolean stillCold(Warmup w, long work, Runnable probe) {
    return gated && !w.hot() && w.coldInBackground(work, probe);
  }

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
    if (cold64(F64Gemm.path(m, k, n), (long) m * n * k)) {
      F64MatMul.gemm(a, aOff, b, bOff, c, cOff, m, k, n, pool);
      return;
    }
    F64Gemm.gemm(a, aOff, b, bOff, c, cOff, m, k, n, pool);
  }

  @Override
  public void crossprod(
      double[] a, int aOff, int m, int n, double[] c, int cOff, ForkJoinPool pool) {
    if (F64Gemm.crossprodPacked(m, n) && cold64(F64Gemm.PACKED, (long) n * n * m)) {
      F64MatMul.crossprod(a, aOff, m, n, c, cOff, pool);
      return;
    }
    F64Gemm.crossprod(a, aOff, m, n, c, cOff, pool);
  }

  @Override
  public void tcrossprod(
      double[] a, int aOff, int m, int n, double[] c, int cOff, ForkJoinPool pool) {
    if (F64Gemm.crossprodPacked(n, m) && cold64(F64Gemm.PACKED, (long) m * m * n)) {
      F64MatMul.tcrossprod(a, aOff, m, n, c, cOff, pool);
      return;
    }
    F64Gemm.tcrossprod(a, aOff, m, n, c, cOff, pool);
  }

  @Override
  public void gemvTransposed(
      double[] a, int aOff, int m, int n, double[] x, int xOff, double[] y, int yOff) {
    if (stillCold(gemvt64, (long) m * n, F64Gemm::probeGemvTransposed)) {
      F64MatMul.gemvTransposed(a, aOff, m, n, x, xOff, y, yOff);
      return;
    }
    F64Gemm.gemvTransposed(a, aOff, m, n, x, xOff, y, yOff);
  }

  @Override
  public boolean tmatmulSkipZeros(
      double[] a, int aOff, int m, int k, double[] b, int bOff, int n, double[] c, int cOff) {
    if (n < F64Gemm.VL || stillCold(skipZeros64, (long) m * n, SkipZerosVector::probe)) {
      return SkipZeros.tmatmulSkipZeros(a, aOff, m, k, b, bOff, n, c, cOff);
    }
    return SkipZerosVector.tmatmulSkipZeros(a, aOff, m, k, b, bOff, n, c, cOff);
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
    // a cell of the plain loop costs about as much as sixteen multiply-adds of a product: weighed
    // so, the vector loop takes over after as much plain time as the products' loops do
    if (k > F64Gemm.VL || stillCold(assign64, 16L * rows * k, NearestAssignVector::probe)) {
      NearestAssign.rows(d, dOff, rows, k, scale, shift, shiftOff, p, pOff);
    } else if (k == F64Gemm.VL) {
      NearestAssignVector.rows(d, dOff, rows, scale, shift, shiftOff, p, pOff);
    } else {
      NearestAssignVector.rowsNarrow(d, dOff, rows, k, scale, shift, shiftOff, p, pOff);
    }
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
    long work = (long) off[m] * n;
    if (n < F64Gemm.VL || (work < BIG_WORK && stillCold(csrDense64, work, F64CsrDense::probe))) {
      Parallel.forEachStoredPart(
          off, m, pool, (r0, r1) -> CsrDenseLoops.rows(xv, off, idx, d, n, out, r0, r1));
      return;
    }
    Parallel.forEachStoredPart(
        off, m, pool, (r0, r1) -> F64CsrDense.rows(xv, off, idx, d, n, out, r0, r1));
  }

  @Override
  public void csrDense(
      float[] xv, int[] off, int[] idx, float[] d, int n, float[] out, int m, ForkJoinPool pool) {
    long work = (long) off[m] * n;
    if (n < F32Gemm.VL || (work < BIG_WORK && stillCold(csrDense32, work, F32CsrDense::probe))) {
      Parallel.forEachStoredPart(
          off, m, pool, (r0, r1) -> CsrDenseLoops.rows(xv, off, idx, d, n, out, r0, r1));
      return;
    }
    Parallel.forEachStoredPart(
        off, m, pool, (r0, r1) -> F32CsrDense.rows(xv, off, idx, d, n, out, r0, r1));
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
    if (cold32(F32Gemm.path(m, k, n), (long) m * n * k)) {
      F32MatMul.gemm(a, aOff, b, bOff, c, cOff, m, k, n, pool);
      return;
    }
    F32Gemm.gemm(a, aOff, b, bOff, c, cOff, m, k, n, pool);
  }

  @Override
  public void crossprod(float[] a, int aOff, int m, int n, float[] c, int cOff, ForkJoinPool pool) {
    if (F32Gemm.crossprodPacked(m, n) && cold32(F32Gemm.PACKED, (long) n * n * m)) {
      F32MatMul.crossprod(a, aOff, m, n, c, cOff, pool);
      return;
    }
    F32Gemm.crossprod(a, aOff, m, n, c, cOff, pool);
  }

  @Override
  public void tcrossprod(
      float[] a, int aOff, int m, int n, float[] c, int cOff, ForkJoinPool pool) {
    if (F32Gemm.crossprodPacked(n, m) && cold32(F32Gemm.PACKED, (long) m * m * n)) {
      F32MatMul.tcrossprod(a, aOff, m, n, c, cOff, pool);
      return;
    }
    F32Gemm.tcrossprod(a, aOff, m, n, c, cOff, pool);
  }

  @Override
  public void gemvTransposed(
      float[] a, int aOff, int m, int n, float[] x, int xOff, float[] y, int yOff) {
    if (stillCold(gemvt32, (long) m * n, F32Gemm::probeGemvTransposed)) {
      F32MatMul.gemvTransposed(a, aOff, m, n, x, xOff, y, yOff);
      return;
    }
    F32Gemm.gemvTransposed(a, aOff, m, n, x, xOff, y, yOff);
  }
}
