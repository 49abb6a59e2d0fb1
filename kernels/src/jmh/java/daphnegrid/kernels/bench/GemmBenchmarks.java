package daphnegrid.kernels.bench;

import daphnegrid.kernels.KernelImpl;
import daphnegrid.kernels.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * C = A @ B for square n x n (odd n so every tile edge is exercised) on 1 or 2 threads, and
 * t(A) @ A. GFLOP/s = 2 n^3 / time. After each iteration a sample of cells is recomputed as the
 * defining fma chain and compared bit for bit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class GemmBenchmarks {
  @Param({"511", "1023"})
  public int n;

  @Param({"1", "2"})
  public int threads;

  KernelImpl k;
  ForkJoinPool pool;
  double[] a;
  double[] b;
  double[] c;

  @Setup
  public void setUp() {
    k = Kernels.chosen();
    pool = threads > 1 ? new ForkJoinPool(threads) : null;
    SplittableRandom r = new SplittableRandom(7);
    a = new double[n * n];
    b = new double[n * n];
    c = new double[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextDouble();
      b[i] = r.nextDouble();
    }
  }

  @TearDown(Level.Iteration)
  public void selfCheck() {
    k.matmul().gemm(a, 0, b, 0, c, 0, n, n, n, pool);
    SplittableRandom r = new SplittableRandom(1);
    for (int t = 0; t < 16; t++) {
      int i = r.nextInt(n);
      int j = r.nextInt(n);
      double s = 0;
      for (int p = 0; p < n; p++) {
        s = Math.fma(a[i * n + p], b[p * n + j], s);
      }
      if (Double.doubleToLongBits(s) != Double.doubleToLongBits(c[i * n + j])) {
        throw new IllegalStateException("gemm self-check failed at " + i + "," + j);
      }
    }
  }

  @TearDown
  public void shutdown() {
    if (pool != null) {
      pool.shutdown();
    }
  }

  @Benchmark
  public double[] gemm() {
    k.matmul().gemm(a, 0, b, 0, c, 0, n, n, n, pool);
    return c;
  }

  @Benchmark
  public double[] crossprod() {
    k.matmul().crossprod(a, 0, n, n, c, 0, pool);
    return c;
  }
}
