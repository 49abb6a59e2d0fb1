package daphnegrid.kernels.pipeline;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where the time of one k-means pass goes, in thread CPU time on one thread (not a test: a driver
 * to run by hand). Runs prefixes of the k-means program of {@link KmeansPassTest} over n x m points
 * in the planner's 64 blocks: the distances alone, then with the scalar and row-vector steps, the
 * row minimum and the compare, the tie count and the divide, and the whole program with t(P) @ X;
 * each prefix ends in a column sum of its last slot (k columns, cheap). A sum over X gives the read
 * floor.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp kernels/target/classes:kernels/target/test-classes \
 *   daphnegrid.kernels.pipeline.KmeansPassProfile 1000000 100 8 5 [full]
 * </pre>
 *
 * With a fifth argument, only the whole program runs (for a profiler).
 */
public final class KmeansPassProfile {
  private KmeansPassProfile() {}

  public static void main(String[] args) throws InterruptedException {
    int n = Integer.parseInt(args[0]);
    int m = Integer.parseInt(args[1]);
    int k = Integer.parseInt(args[2]);
    int reps = Integer.parseInt(args[3]);
    SplittableRandom r = new SplittableRandom(7);
    double[] x = new double[n * m];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble();
    }
    double[] ct = new double[m * k];
    for (int i = 0; i < ct.length; i++) {
      ct[i] = r.nextDouble();
    }
    double[] c2 = new double[k];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < m; j++) {
        c2[c] += ct[j * k + c] * ct[j * k + c];
      }
    }
    Object[] inputs = {
      RowSource.whole(DenseMatrix.wrap(ValueType.F64, n, m, x)),
      DenseMatrix.wrap(ValueType.F64, m, k, ct),
      Scalar.f64(-2.0),
      DenseMatrix.wrap(ValueType.F64, 1, k, c2)
    };
    BlockProgram full = KmeansPassTest.program(n, m, k);
    String[] names = {"matmul", "+mul+add", "+min+le", "+sum+div", "full"};
    int[] instrs = {1, 3, 5, 7, 7};
    ThreadMXBean tb = ManagementFactory.getThreadMXBean();
    if (args.length > 4 && args[4].startsWith("threads")) {
      twoThreads(full, inputs, n, reps, Integer.parseInt(args[4].substring(7)));
      return;
    }
    for (int rep = 0; rep < reps; rep++) {
      long t0 = tb.getCurrentThreadCpuTime();
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int i = 0; i + 4 <= x.length; i += 4) {
        s0 += x[i];
        s1 += x[i + 1];
        s2 += x[i + 2];
        s3 += x[i + 3];
      }
      double s = s0 + s1 + s2 + s3;
      long t1 = tb.getCurrentThreadCpuTime();
      StringBuilder line = new StringBuilder();
      line.append(String.format("read %.1f ms (%s)", (t1 - t0) / 1e6, s > 0 ? "ok" : "?"));
      for (int p = args.length > 4 ? names.length - 1 : 0; p < names.length; p++) {
        BlockProgram prog;
        if (p == names.length - 1) {
          prog = full;
        } else {
          List<BlockProgram.Instr> body = new ArrayList<>(full.instrs().subList(0, instrs[p]));
          int last = 4 + instrs[p] - 1;
          prog =
              new BlockProgram(
                  "prefix",
                  n,
                  full.inputs(),
                  body,
                  List.of(new BlockProgram.ColAgg(AggOp.SUM, last)));
        }
        BlockExecutor ex = new BlockExecutor(prog);
        long b = (n + 63) / 64;
        long c0 = tb.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        double check = 0;
        for (long b0 = 0; b0 < n; b0 += b) {
          BlockPartial part = ex.run(0, b0, Math.min(n, b0 + b), inputs, new RowSource[2]);
          check += part.values().get(0).f64()[0];
        }
        long c1 = tb.getCurrentThreadCpuTime();
        long w1 = System.nanoTime();
        line.append(
            String.format(
                " | %s %.1f cpu %.1f wall (%s)",
                names[p], (c1 - c0) / 1e6, (w1 - w0) / 1e6, Double.isNaN(check) ? "nan" : "ok"));
      }
      System.out.println(line);
    }
  }

  /**
   * The whole program on t threads, each taking the next block (as the local engine does): wall
   * time and the threads' CPU time per pass.
   */
  private static void twoThreads(BlockProgram p, Object[] inputs, int n, int reps, int t)
      throws InterruptedException {
    ThreadMXBean tb = ManagementFactory.getThreadMXBean();
    int blocks = RowBlocks.count(n);
    for (int rep = 0; rep < reps; rep++) {
      java.util.concurrent.atomic.AtomicInteger next =
          new java.util.concurrent.atomic.AtomicInteger();
      long[] cpu = new long[t];
      Thread[] th = new Thread[t];
      for (int w = 0; w < t; w++) {
        int id = w;
        th[w] =
            new Thread(
                () -> {
                  long c0 = tb.getCurrentThreadCpuTime();
                  BlockExecutor ex = new BlockExecutor(p);
                  int b;
                  while ((b = next.getAndIncrement()) < blocks) {
                    ex.run(b, RowBlocks.start(n, b), RowBlocks.end(n, b), inputs, new RowSource[2]);
                  }
                  cpu[id] = tb.getCurrentThreadCpuTime() - c0;
                });
      }
      long w0 = System.nanoTime();
      for (Thread x : th) {
        x.start();
      }
      for (Thread x : th) {
        x.join();
      }
      long w1 = System.nanoTime();
      long sum = 0;
      for (long c : cpu) {
        sum += c;
      }
      System.out.printf("%d threads: wall %.1f ms, cpu %.1f ms%n", t, (w1 - w0) / 1e6, sum / 1e6);
    }
  }
}
