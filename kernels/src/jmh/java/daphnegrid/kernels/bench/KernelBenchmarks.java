package daphnegrid.kernels.bench;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.KernelImpl;
import daphnegrid.kernels.Kernels;
import java.util.SplittableRandom;
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
 * Elementwise and aggregation kernels on an odd-sized matrix that fits L2 (207 x 702) and one
 * that streams from memory (2003 x 1001), into reused output buffers. The subclasses differ only
 * in their fork JVM arguments: Vector API or forced plain twins. A fixed seed fills the inputs;
 * after each iteration the result is checked against ElementOps-style recomputation, so a broken
 * kernel fails the run instead of posting a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class KernelBenchmarks {
  @Param({"207x702", "2003x1001"})
  public String shape;

  KernelImpl k;
  int rows;
  int cols;
  double[] x;
  double[] y;
  double[] out;
  double[] colOut;
  double[] rowOut;
  double scalarOut;

  @Setup
  public void setUp() {
    k = Kernels.chosen();
    String[] rc = shape.split("x");
    rows = Integer.parseInt(rc[0]);
    cols = Integer.parseInt(rc[1]);
    SplittableRandom r = new SplittableRandom(42);
    x = new double[rows * cols];
    y = new double[rows * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() - 0.5;
      y[i] = r.nextDouble() - 0.5;
    }
    out = new double[rows * cols];
    colOut = new double[cols];
    rowOut = new double[rows];
  }

  @TearDown(Level.Iteration)
  public void selfCheck() {
    Checks.verify(this);
  }

  @Benchmark
  public double[] add() {
    k.elementwise().binary(BinaryOp.ADD, x, 0, y, 0, out, 0, x.length);
    return out;
  }

  @Benchmark
  public double[] minMatrix() {
    k.elementwise().binary(BinaryOp.MIN, x, 0, y, 0, out, 0, x.length);
    return out;
  }

  @Benchmark
  public double[] lessThanScalar() {
    k.elementwise().binaryScalar(BinaryOp.LT, x, 0, 0.25, out, 0, x.length);
    return out;
  }

  @Benchmark
  public double[] subRowVector() {
    k.elementwise().binaryRowVector(BinaryOp.SUB, x, 0, y, 0, out, 0, rows, cols);
    return out;
  }

  @Benchmark
  public double sum() {
    scalarOut = k.reductions().aggregate(AggOp.SUM, x, 0, x.length);
    return scalarOut;
  }

  @Benchmark
  public double[] rowSums() {
    k.reductions().rowAggregate(AggOp.SUM, x, 0, rows, cols, rowOut, 0);
    return rowOut;
  }

  @Benchmark
  public double[] colMaxs() {
    k.reductions().columnAggregate(AggOp.MAX, x, 0, rows, cols, colOut, 0, false);
    return colOut;
  }
}
