package daphnegrid.kernels.simd;

import daphnegrid.kernels.MatMulKernels;
import daphnegrid.kernels.plain.F32MatMul;
import daphnegrid.kernels.plain.F64MatMul;
import java.util.concurrent.ForkJoinPool;

/**
 * Vector API matrix products; bit-identical to {@link daphnegrid.kernels.plain.ScalarMatMul}. When
 * gated, each family of loops (narrow and direct products, the packed kernel, the transposed gemv)
 * runs the plain twin until it is compiled ({@link Warmup}); products of at least {@link #BIG_WORK}
 * multiply-adds always take the vector loops, which then warm up within the call.
 */
public final class SimdMatMul implements MatMulKernels {
  /** Products this large amortize their own warm-up. */
  static final long BIG_WORK = 1L << 26;

  private final boolean gated;
  private final Warmup[] gemm64 = Warmup.each(4);
  private final Warmup gemvt64 = new Warmup();
  private final Warmup[] gemm32 = Warmup.each(4);
  private final Warmup gemvt32 = new Warmup();

  /** Always the vector loops. */
  public SimdMatMul() {
    this(false);
  }

  SimdMatMul(boolean gated) {
    this.gated = gated;
  }

  /** True when a product of the given size and loops should run the plain twin (probing). */
  private boolean cold64(int path, long work) {
    if (!gated || path == F64Gemm.GEMV || work >= BIG_WORK) {
      return false;
    }
    Warmup w = gemm64[path];
    if (w.hot()) {
      return false;
    }
    if (!w.probeAfter(work)) {
      return true;
    }
    double[] in = Warmup.D_IN;
    double[] out = Warmup.D_OUT;
    long t0 = System.nanoTime();
    switch (path) {
      case F64Gemm.NARROW -> F64Gemm.direct(in, 0, in, 0, out, 0, 9, 8, 5);
      case F64Gemm.DIRECT -> F64Gemm.direct(in, 0, in, 0, out, 0, 5, 8, 2 * F64Gemm.VL + 3);
      default -> F64Gemm.block(in, 0, 16, 1, in, 0, 16, 1, out, 0, 16, 16, 0, 8, 0, 16, false);
    }
    return !w.record(System.nanoTime() - t0);
  }

  private boolean cold32(int path, long work) {
    if (!gated || path == 0 || work >= BIG_WORK) {
      return false;
    }
    Warmup w = gemm32[path];
    if (w.hot()) {
      return false;
    }
    if (!w.probeAfter(work)) {
      return true;
    }
    float[] in = Warmup.F_IN;
    float[] out = Warmup.F_OUT;
    long t0 = System.nanoTime();
    if (path == 3) {
      F32Gemm.block(in, 0, 16, 1, in, 0, 32, 1, out, 0, 32, 16, 0, 8, 0, 32, false);
    } else {
      F32Gemm.direct(in, 0, in, 0, out, 0, 5, 8, 2 * F32Gemm.VL + 3);
    }
    return !w.record(System.nanoTime() - t0);
  }

  private boolean coldGemvt(Warmup w, boolean f64, long work) {
    if (!gated || w.hot()) {
      return false;
    }
    if (!w.probeAfter(work)) {
      return true;
    }
    long t0 = System.nanoTime();
    if (f64) {
      F64Gemm.gemvTransposed(Warmup.D_IN, 0, 4, 64, Warmup.D_IN, 0, Warmup.D_OUT, 0);
    } else {
      F32Gemm.gemvTransposed(Warmup.F_IN, 0, 4, 64, Warmup.F_IN, 0, Warmup.F_OUT, 0);
    }
    return !w.record(System.nanoTime() - t0);
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
    if (coldGemvt(gemvt64, true, (long) m * n)) {
      F64MatMul.gemvTransposed(a, aOff, m, n, x, xOff, y, yOff);
      return;
    }
    F64Gemm.gemvTransposed(a, aOff, m, n, x, xOff, y, yOff);
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
    if (F32Gemm.crossprodPacked(m, n) && cold32(3, (long) n * n * m)) {
      F32MatMul.crossprod(a, aOff, m, n, c, cOff, pool);
      return;
    }
    F32Gemm.crossprod(a, aOff, m, n, c, cOff, pool);
  }

  @Override
  public void tcrossprod(
      float[] a, int aOff, int m, int n, float[] c, int cOff, ForkJoinPool pool) {
    if (F32Gemm.crossprodPacked(n, m) && cold32(3, (long) m * m * n)) {
      F32MatMul.tcrossprod(a, aOff, m, n, c, cOff, pool);
      return;
    }
    F32Gemm.tcrossprod(a, aOff, m, n, c, cOff, pool);
  }

  @Override
  public void gemvTransposed(
      float[] a, int aOff, int m, int n, float[] x, int xOff, float[] y, int yOff) {
    if (coldGemvt(gemvt32, false, (long) m * n)) {
      F32MatMul.gemvTransposed(a, aOff, m, n, x, xOff, y, yOff);
      return;
    }
    F32Gemm.gemvTransposed(a, aOff, m, n, x, xOff, y, yOff);
  }
}
