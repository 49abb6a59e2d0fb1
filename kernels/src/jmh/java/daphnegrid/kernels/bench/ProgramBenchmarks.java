package daphnegrid.kernels.bench;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.BlockExecutor;
import daphnegrid.kernels.pipeline.BlockPartial;
import daphnegrid.kernels.pipeline.BlockProgram;
import daphnegrid.kernels.pipeline.RowBlocks;
import daphnegrid.kernels.pipeline.RowSource;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Fused programs through the block executor on one thread, every block of the row space in turn
 * (what the local engine does with --num-threads=1): X * 2 + 1 (two scalar steps, run in
 * sub-tiles), the second pass of standardize (X - m) / s (two row-vector steps) and its first pass
 * (column mean and standard deviation: Chan merges per tile). A fixed seed fills X; after each
 * iteration a self-check recomputes a sample of cells and the column means naively, so a broken
 * program fails the run instead of posting a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseTransparentHugePages"})
public class ProgramBenchmarks {
  @Param({"2003x1001", "10000x1000"})
  public String shape;

  int rows;
  int cols;
  DenseMatrix x;
  DenseMatrix z;
  DenseMatrix mean;
  DenseMatrix sd;
  BlockProgram axpb;
  BlockProgram apply;
  BlockProgram stats;
  List<DenseMatrix> lastStats;

  @Setup
  public void setUp() {
    String[] rc = shape.split("x");
    rows = Integer.parseInt(rc[0]);
    cols = Integer.parseInt(rc[1]);
    SplittableRandom r = new SplittableRandom(42);
    x = DenseMatrix.allocate(ValueType.F64, rows, cols);
    z = DenseMatrix.allocate(ValueType.F64, rows, cols);
    mean = DenseMatrix.allocate(ValueType.F64, 1, cols);
    sd = DenseMatrix.allocate(ValueType.F64, 1, cols);
    for (int i = 0; i < x.size(); i++) {
      x.f64()[i] = r.nextDouble();
    }
    for (int c = 0; c < cols; c++) {
      mean.f64()[c] = 0.5;
      sd.f64()[c] = 0.29;
    }
    var split = new BlockProgram.Input(BlockProgram.InputKind.SPLIT, ValueType.F64, rows, cols);
    var scalar = new BlockProgram.Input(BlockProgram.InputKind.SCALAR, ValueType.F64, 1, 1);
    var row = new BlockProgram.Input(BlockProgram.InputKind.BROADCAST, ValueType.F64, 1, cols);
    axpb =
        new BlockProgram(
            "axpb",
            rows,
            List.of(split, scalar, scalar),
            List.of(
                new BlockProgram.Binary(3, BinaryOp.MUL, 0, 1),
                new BlockProgram.Binary(4, BinaryOp.ADD, 3, 2)),
            List.of(new BlockProgram.Rows(4)));
    apply =
        new BlockProgram(
            "apply",
            rows,
            List.of(split, row, row),
            List.of(
                new BlockProgram.Binary(3, BinaryOp.SUB, 0, 1),
                new BlockProgram.Binary(4, BinaryOp.DIV, 3, 2)),
            List.of(new BlockProgram.Rows(4)));
    stats =
        new BlockProgram(
            "stats",
            rows,
            List.of(split),
            List.of(),
            List.of(new BlockProgram.ColAgg(AggOp.MEAN, 0), new BlockProgram.ColAgg(AggOp.STDDEV, 0)));
  }

  private List<BlockPartial> runAll(BlockProgram p, Object[] in, RowSource[] sinks) {
    BlockExecutor ex = new BlockExecutor(p);
    int blocks = RowBlocks.count(rows);
    BlockPartial[] parts = new BlockPartial[blocks];
    for (int b = 0; b < blocks; b++) {
      parts[b] = ex.run(b, RowBlocks.start(rows, b), RowBlocks.end(rows, b), in, sinks);
    }
    return List.of(parts);
  }

  @Benchmark
  public DenseMatrix axpb() {
    runAll(
        axpb,
        new Object[] {RowSource.whole(x), Scalar.f64(2.0), Scalar.f64(1.0)},
        new RowSource[] {RowSource.whole(z)});
    return z;
  }

  @Benchmark
  public DenseMatrix standardizeApply() {
    runAll(apply, new Object[] {RowSource.whole(x), mean, sd}, new RowSource[] {RowSource.whole(z)});
    return z;
  }

  @Benchmark
  public List<BlockPartial> columnMeanAndStddev() {
    List<BlockPartial> parts = runAll(stats, new Object[] {RowSource.whole(x)}, new RowSource[2]);
    lastStats = parts.get(0).values();
    return parts;
  }

  @TearDown(Level.Iteration)
  public void selfCheck() {
    axpb();
    for (int i = 0; i < z.size(); i += 997) {
      same(x.f64()[i] * 2.0 + 1.0, z.f64()[i], "X * 2 + 1");
    }
    standardizeApply();
    for (int i = 0; i < z.size(); i += 991) {
      same((x.f64()[i] - 0.5) / 0.29, z.f64()[i], "(X - m) / s");
    }
    columnMeanAndStddev();
    // the first block's column means (row 1 of its 3 x cols moments partial), recomputed naively
    int blockRows = (int) Math.min(rows, RowBlocks.rowsPerBlock(rows));
    double[] moments = lastStats.get(1).f64();
    for (int c = 0; c < cols; c += 37) {
      double s = 0;
      for (int r = 0; r < blockRows; r++) {
        s += x.f64()[r * cols + c];
      }
      double want = s / blockRows;
      if (Math.abs(moments[cols + c] - want) > 1e-12 * Math.max(1, Math.abs(want))) {
        throw new IllegalStateException("column mean " + c + ": " + moments[cols + c] + " vs " + want);
      }
    }
  }

  private static void same(double want, double got, String what) {
    if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(got)) {
      throw new IllegalStateException(what + ": " + got + " instead of " + want);
    }
  }
}
