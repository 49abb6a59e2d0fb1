import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.KernelImpl;
import daphnegrid.kernels.Kernels;
import daphnegrid.kernels.Parallel;
import daphnegrid.kernels.Transpose;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * Times the kernels on the workloads of bench/run.py and prints one line per case:
 * {@code op rows cols threads best_s median_s checksum}. Run by run.py with the newest JDK:
 *
 * <pre>java --add-modules jdk.incubator.vector -cp kernels/target/classes bench/KernelBench.java \
 *     gemm:1024:1 add:10000x1000:1 ...</pre>
 *
 * Threads split row ranges over a fork/join pool in tiles of {@link #TILE_ROWS} rows, as the local
 * engine does; full and column aggregates combine the per-tile partials in tile order. Every case
 * checks its result against an independent recomputation of a few cells before it is reported, so
 * a broken kernel cannot post a fast time.
 */
public class KernelBench {
  static final int TILE_ROWS = 64;
  static final KernelImpl K = Kernels.chosen();

  public static void main(String[] args) {
    System.out.println("# impl " + K.name() + " java " + Runtime.version());
    for (String spec : args) {
      String[] p = spec.split(":");
      String op = p[0];
      int threads = Integer.parseInt(p[2]);
      ForkJoinPool pool = threads > 1 ? new ForkJoinPool(threads) : null;
      int rows;
      int cols;
      if (op.equals("gemm")) {
        rows = cols = Integer.parseInt(p[1]);
      } else {
        String[] rc = p[1].split("x");
        rows = Integer.parseInt(rc[0]);
        cols = Integer.parseInt(rc[1]);
      }
      run(op, rows, cols, threads, pool);
      if (pool != null) {
        pool.shutdown();
      }
    }
  }

  static double[] random(long seed, int n) {
    double[] a = new double[n];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      a[i] = r.nextDouble();
    }
    return a;
  }

  static void run(String op, int rows, int cols, int threads, ForkJoinPool pool) {
    int n = rows * cols;
    double[] x = random(1, n);
    double[] y = op.equals("add") || op.equals("gemm") ? random(2, n) : null;
    if (op.startsWith("narrow")) {
      narrow(Integer.parseInt(op.substring(6)), x, rows, cols, threads, pool);
      return;
    }
    double[] out =
        switch (op) {
          case "sum" -> new double[0];
          case "colsums" -> new double[cols];
          case "rowsums" -> new double[rows];
          default -> new double[n];
        };
    double[] scalarOut = new double[1];
    Runnable body =
        switch (op) {
          case "gemm" -> () -> K.matmul().gemm(x, 0, y, 0, out, 0, rows, rows, rows, pool);
          case "add" ->
              () ->
                  tiles(pool, threads, rows, (r0, r1) ->
                      K.elementwise().binary(BinaryOp.ADD, x, r0 * cols, y, r0 * cols, out, r0 * cols,
                          (r1 - r0) * cols));
          case "axpb" ->
              () ->
                  tiles(pool, threads, rows, (r0, r1) -> {
                    int o = r0 * cols;
                    int len = (r1 - r0) * cols;
                    K.elementwise().binaryScalar(BinaryOp.MUL, x, o, 2.0, out, o, len);
                    K.elementwise().binaryScalar(BinaryOp.ADD, out, o, 1.0, out, o, len);
                  });
          case "sum" -> () -> scalarOut[0] = sum(x, rows, cols, threads, pool);
          case "colsums" -> () -> colSums(x, rows, cols, out, threads, pool);
          case "rowsums" ->
              () ->
                  tiles(pool, threads, rows, (r0, r1) ->
                      K.reductions().rowAggregate(AggOp.SUM, x, r0 * cols, r1 - r0, cols, out, r0));
          case "transpose" ->
              () ->
                  tiles(pool, threads, rows, (r0, r1) -> {
                    // rows r0..r1 of x become columns r0..r1 of out: transpose the tile into
                    // its own block of columns, written with the full row stride of out
                    transposeRows(x, rows, cols, r0, r1, out);
                  });
          default -> throw new IllegalArgumentException("unknown op " + op);
        };
    double flops = op.equals("gemm") ? 2.0 * rows * rows * (double) rows : 0;
    long budgetNs = 3_000_000_000L;
    List<Double> times = new ArrayList<>();
    long start = System.nanoTime();
    int warm = 0;
    while (warm < 3 || (warm < 20 && System.nanoTime() - start < budgetNs / 3)) {
      body.run();
      warm++;
    }
    check(op, x, y, out, scalarOut[0], rows, cols);
    start = System.nanoTime();
    while (times.size() < 5 || (times.size() < 50 && System.nanoTime() - start < budgetNs)) {
      long t0 = System.nanoTime();
      body.run();
      times.add((System.nanoTime() - t0) / 1e9);
    }
    check(op, x, y, out, scalarOut[0], rows, cols);
    double[] t = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        "%s %d %d %d %.6f %.6f%s%n",
        op, rows, cols, threads, t[0], t[t.length / 2],
        flops > 0 ? String.format(" %.1fGFLOP/s", flops / t[0] / 1e9) : "");
  }

  /**
   * X (rows x cols) @ B (cols x k), the distances of k-means: tiles of {@link #NARROW_TILE} rows,
   * each one gemm call, as a fused pass over X computes them. Reports GFLOP/s (2 rows cols k).
   */
  static void narrow(int k, double[] x, int rows, int cols, int threads, ForkJoinPool pool) {
    double[] b = random(3, cols * k);
    double[] out = new double[rows * k];
    Runnable body =
        () -> {
          int tiles = (rows + NARROW_TILE - 1) / NARROW_TILE;
          Parallel.forEach(
              pool,
              threads,
              t -> {
                for (int i = Parallel.cut(tiles, threads, t, 1);
                    i < Parallel.cut(tiles, threads, t + 1, 1);
                    i++) {
                  int r0 = i * NARROW_TILE;
                  int r1 = Math.min(rows, r0 + NARROW_TILE);
                  K.matmul().gemm(x, r0 * cols, b, 0, out, r0 * k, r1 - r0, cols, k, null);
                }
              });
        };
    List<Double> times = new ArrayList<>();
    for (int w = 0; w < 5; w++) {
      body.run();
    }
    for (int rep = 0; rep < 15; rep++) {
      long t0 = System.nanoTime();
      body.run();
      times.add((System.nanoTime() - t0) / 1e9);
    }
    SplittableRandom r = new SplittableRandom(7);
    for (int t = 0; t < 20; t++) {
      int i = r.nextInt(rows);
      int j = r.nextInt(k);
      double acc = 0;
      for (int p = 0; p < cols; p++) {
        acc = Math.fma(x[i * cols + p], b[p * k + j], acc);
      }
      if (Double.doubleToLongBits(acc) != Double.doubleToLongBits(out[i * k + j])) {
        throw new AssertionError("narrow" + k + " wrong at " + i + "," + j);
      }
    }
    double[] t = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double flops = 2.0 * rows * cols * k;
    System.out.printf(
        "narrow%d %d %d %d %.6f %.6f %.1fGFLOP/s(best) %.1fGFLOP/s(median)%n",
        k, rows, cols, threads, t[0], t[t.length / 2], flops / t[0] / 1e9,
        flops / t[t.length / 2] / 1e9);
  }

  /** Rows per gemm call in {@link #narrow}: the executor's tile height for 100 columns. */
  static final int NARROW_TILE = 40;

  interface Range {
    void run(int r0, int r1);
  }

  static void tiles(ForkJoinPool pool, int threads, int rows, Range body) {
    int tiles = (rows + TILE_ROWS - 1) / TILE_ROWS;
    Parallel.forEach(
        pool,
        threads,
        t -> {
          for (int i = Parallel.cut(tiles, threads, t, 1); i < Parallel.cut(tiles, threads, t + 1, 1); i++) {
            body.run(i * TILE_ROWS, Math.min(rows, (i + 1) * TILE_ROWS));
          }
        });
  }

  static double sum(double[] x, int rows, int cols, int threads, ForkJoinPool pool) {
    int tiles = (rows + TILE_ROWS - 1) / TILE_ROWS;
    double[] partial = new double[tiles];
    tiles(pool, threads, rows, (r0, r1) ->
        partial[r0 / TILE_ROWS] = K.reductions().aggregate(AggOp.SUM, x, r0 * cols, (r1 - r0) * cols));
    double s = 0;
    for (double p : partial) {
      s += p;
    }
    return s;
  }

  static void colSums(double[] x, int rows, int cols, double[] out, int threads, ForkJoinPool pool) {
    if (threads == 1) {
      K.reductions().columnAggregate(AggOp.SUM, x, 0, rows, cols, out, 0, false);
      return;
    }
    // one partial row per thread over its row range, combined in order
    double[][] partial = new double[threads][cols];
    Parallel.forEach(pool, threads, t -> {
      int r0 = Parallel.cut(rows, threads, t, 1);
      int r1 = Parallel.cut(rows, threads, t + 1, 1);
      K.reductions().columnAggregate(AggOp.SUM, x, r0 * cols, r1 - r0, cols, partial[t], 0, false);
    });
    System.arraycopy(partial[0], 0, out, 0, cols);
    for (int t = 1; t < threads; t++) {
      K.elementwise().binary(BinaryOp.ADD, out, 0, partial[t], 0, out, 0, cols);
    }
  }

  static void transposeRows(double[] x, int rows, int cols, int r0, int r1, double[] out) {
    // out is cols x rows; the tile x[r0..r1) x [0..cols) lands in out[0..cols) x [r0..r1)
    final int b = 32;
    for (int i0 = r0; i0 < r1; i0 += b) {
      int i1 = Math.min(i0 + b, r1);
      for (int j0 = 0; j0 < cols; j0 += b) {
        int j1 = Math.min(j0 + b, cols);
        for (int j = j0; j < j1; j++) {
          int o = j * rows;
          for (int i = i0; i < i1; i++) {
            out[o + i] = x[i * cols + j];
          }
        }
      }
    }
  }

  /** Recomputes a few cells independently; exits non-zero on a mismatch. */
  static void check(String op, double[] x, double[] y, double[] out, double s, int rows, int cols) {
    SplittableRandom r = new SplittableRandom(7);
    for (int t = 0; t < 20; t++) {
      int i = r.nextInt(rows);
      int j = r.nextInt(cols);
      double want;
      double got;
      switch (op) {
        case "gemm" -> {
          double acc = 0;
          for (int p = 0; p < rows; p++) {
            acc = Math.fma(x[i * rows + p], y[p * rows + j], acc);
          }
          want = acc;
          got = out[i * rows + j];
        }
        case "add" -> {
          want = x[i * cols + j] + y[i * cols + j];
          got = out[i * cols + j];
        }
        case "axpb" -> {
          want = x[i * cols + j] * 2.0 + 1.0;
          got = out[i * cols + j];
        }
        case "transpose" -> {
          want = x[i * cols + j];
          got = out[j * rows + i];
        }
        case "rowsums" -> {
          want = Arrays.stream(x, i * cols, (i + 1) * cols).sum();
          got = out[i];
          want = Math.abs(want - got) <= 1e-9 * cols ? got : want;
        }
        case "colsums" -> {
          double acc = 0;
          for (int q = 0; q < rows; q++) {
            acc += x[q * cols + j];
          }
          want = Math.abs(acc - out[j]) <= 1e-9 * rows ? out[j] : acc;
          got = out[j];
        }
        case "sum" -> {
          double acc = 0;
          for (double v : x) {
            acc += v;
          }
          want = Math.abs(acc - s) <= 1e-9 * x.length ? s : acc;
          got = s;
        }
        default -> throw new IllegalArgumentException(op);
      }
      if (Double.doubleToLongBits(want) != Double.doubleToLongBits(got)) {
        System.out.println("CHECK FAILED " + op + " at " + i + "," + j + ": " + got + " != " + want);
        System.exit(2);
      }
      if (op.equals("sum")) {
        break;
      }
    }
  }
}
