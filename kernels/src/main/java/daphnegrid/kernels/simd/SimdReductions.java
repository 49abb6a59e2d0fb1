package daphnegrid.kernels.simd;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.CumOp;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ReductionKernels;
import daphnegrid.kernels.plain.F32Reduce;
import daphnegrid.kernels.plain.F64Reduce;
import daphnegrid.kernels.plain.ScalarReductions;

/**
 * Vector API reductions; bit-identical to {@link daphnegrid.kernels.plain.ScalarReductions}. Full
 * and row reductions use the fixed accumulator layout; column reductions and running aggregates
 * fold one row at a time into the output row with the vector elementwise loops, which keeps the row
 * order of every column and keeps the accumulator row in L1 for any realistic width.
 */
public final class SimdReductions implements ReductionKernels {
  private final int mode64;
  private final int mode32;
  private final ScalarReductions plain;
  private final Warmup[] agg64 = Warmup.each(AggOp.values().length);
  private final Warmup[] fold64 = Warmup.each(AggOp.values().length);
  private final Warmup[] idx64 = Warmup.each(AggOp.values().length);
  private final Warmup[] cidx64 = Warmup.each(AggOp.values().length);
  private final Warmup[] cum64 = Warmup.each(BinaryOp.values().length);
  private final Warmup ssd64 = new Warmup();
  private final Warmup foldSsd64 = new Warmup();
  private final Warmup[] agg32 = Warmup.each(AggOp.values().length);
  private final Warmup[] fold32 = Warmup.each(AggOp.values().length);
  private final Warmup[] idx32 = Warmup.each(AggOp.values().length);
  private final Warmup[] cidx32 = Warmup.each(AggOp.values().length);
  private final Warmup[] cum32 = Warmup.each(BinaryOp.values().length);
  private final Warmup ssd32 = new Warmup();
  private final Warmup foldSsd32 = new Warmup();

  /** Uses the accumulator vectors that suit this machine. */
  public SimdReductions() {
    this(F64VectorReduce.MODE, F32VectorReduce.MODE, false);
  }

  /** For tests: 2 or 4 vectors per layout block, or 0 for the plain loops. */
  SimdReductions(int mode64, int mode32) {
    this(mode64, mode32, false);
  }

  /**
   * With gated set, each (method, operation) runs the plain twin until its vector loop is compiled
   * ({@link Warmup}); rows too short for the vector loops skip the gate (they run plain anyway).
   */
  SimdReductions(int mode64, int mode32, boolean gated) {
    this.mode64 = mode64;
    this.mode32 = mode32;
    this.plain = gated ? new ScalarReductions() : null;
  }

  private boolean cold(Warmup w) {
    return plain != null && !w.hot();
  }

  /** Ranges this long reach the vector loops of the full and row reductions. */
  private boolean vec64(int len) {
    return mode64 != 0 && len >= 2 * F64Reduce.L;
  }

  private boolean vec32(int len) {
    return mode32 != 0 && len >= 2 * F32Reduce.L;
  }

  private static final int P = Warmup.CELLS;

  private boolean coldAgg64(AggOp op, long cells) {
    Warmup w = agg64[op.ordinal()];
    if (!cold(w)) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F64VectorReduce.aggregate(mode64, op, Warmup.D_IN, 0, P, new double[F64Reduce.L]);
    return !w.record(System.nanoTime() - t0);
  }

  private boolean coldSsd64(long cells) {
    if (!cold(ssd64)) {
      return false;
    }
    if (!ssd64.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F64VectorReduce.sumSquaredDeviations(mode64, Warmup.D_IN, 0, P, 0.25, new double[F64Reduce.L]);
    return !ssd64.record(System.nanoTime() - t0);
  }

  private boolean coldFold64(AggOp op, long cells) {
    Warmup w = fold64[op.ordinal()];
    if (!cold(w)) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F64VectorReduce.foldRows(op, Warmup.D_IN, 0, 4, P / 4, Warmup.D_OUT, 0);
    return !w.record(System.nanoTime() - t0);
  }

  private boolean coldFoldSsd64(long cells) {
    if (!cold(foldSsd64)) {
      return false;
    }
    if (!foldSsd64.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F64VectorReduce.foldSquaredDeviations(Warmup.D_IN, 0, Warmup.D_IN, P, Warmup.D_OUT, 0, P);
    return !foldSsd64.record(System.nanoTime() - t0);
  }

  private boolean coldIdx64(AggOp op, boolean row, long cells) {
    Warmup w = (row ? idx64 : cidx64)[op.ordinal()];
    if (!cold(w)) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    if (row) {
      F64VectorReduce.rowIndex(mode64, op, Warmup.D_IN, 0, P, new double[F64Reduce.L]);
    } else {
      F64VectorReduce.foldIndex(
          op == AggOp.IDXMIN, Warmup.D_IN, 0, 1, Warmup.D_OUT, Warmup.L_OUT, 0, P);
    }
    return !w.record(System.nanoTime() - t0);
  }

  private boolean coldCum64(BinaryOp fold, long cells) {
    Warmup w = cum64[fold.ordinal()];
    if (!cold(w)) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F64Vector.binary(fold, Warmup.D_IN, 0, Warmup.D_IN, P, Warmup.D_OUT, 0, P);
    return !w.record(System.nanoTime() - t0);
  }

  private boolean coldAgg32(AggOp op, long cells) {
    Warmup w = agg32[op.ordinal()];
    if (!cold(w)) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F32VectorReduce.aggregate(mode32, op, Warmup.F_IN, 0, 2 * P, new float[F32Reduce.L]);
    return !w.record(System.nanoTime() - t0);
  }

  private boolean coldSsd32(long cells) {
    if (!cold(ssd32)) {
      return false;
    }
    if (!ssd32.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F32VectorReduce.sumSquaredDeviations(
        mode32, Warmup.F_IN, 0, 2 * P, 0.25f, new float[F32Reduce.L]);
    return !ssd32.record(System.nanoTime() - t0);
  }

  private boolean coldFold32(AggOp op, long cells) {
    Warmup w = fold32[op.ordinal()];
    if (!cold(w)) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F32VectorReduce.foldRows(op, Warmup.F_IN, 0, 4, P / 2, Warmup.F_OUT, 0);
    return !w.record(System.nanoTime() - t0);
  }

  private boolean coldFoldSsd32(long cells) {
    if (!cold(foldSsd32)) {
      return false;
    }
    if (!foldSsd32.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F32VectorReduce.foldSquaredDeviations(Warmup.F_IN, 0, Warmup.F_IN, P, Warmup.F_OUT, 0, P);
    return !foldSsd32.record(System.nanoTime() - t0);
  }

  private boolean coldIdx32(AggOp op, boolean row, long cells) {
    Warmup w = (row ? idx32 : cidx32)[op.ordinal()];
    if (!cold(w)) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    if (row) {
      F32VectorReduce.rowIndex(mode32, op, Warmup.F_IN, 0, 2 * P, new float[F32Reduce.L]);
    } else {
      F32VectorReduce.foldIndex(
          op == AggOp.IDXMIN, Warmup.F_IN, 0, 1, Warmup.F_OUT, Warmup.L_OUT, 0, P);
    }
    return !w.record(System.nanoTime() - t0);
  }

  private boolean coldCum32(BinaryOp fold, long cells) {
    Warmup w = cum32[fold.ordinal()];
    if (!cold(w)) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F32Vector.binary(fold, Warmup.F_IN, 0, Warmup.F_IN, P, Warmup.F_OUT, 0, P);
    return !w.record(System.nanoTime() - t0);
  }

  @Override
  public double aggregate(AggOp op, double[] a, int off, int len) {
    if (vec64(len) && coldAgg64(op, len)) {
      return plain.aggregate(op, a, off, len);
    }
    return F64VectorReduce.aggregate(mode64, op, a, off, len, new double[F64Reduce.L]);
  }

  @Override
  public double sumSquaredDeviations(double[] a, int off, int len, double mean) {
    if (vec64(len) && coldSsd64(len)) {
      return plain.sumSquaredDeviations(a, off, len, mean);
    }
    return F64VectorReduce.sumSquaredDeviations(mode64, a, off, len, mean, new double[F64Reduce.L]);
  }

  @Override
  public void rowAggregate(
      AggOp op, double[] a, int aOff, int rows, int cols, double[] out, int outOff) {
    if (vec64(cols) && coldAgg64(op, (long) rows * cols)) {
      plain.rowAggregate(op, a, aOff, rows, cols, out, outOff);
      return;
    }
    double[] acc = new double[F64Reduce.L];
    for (int r = 0; r < rows; r++) {
      out[outOff + r] = F64VectorReduce.row(mode64, op, a, aOff + r * cols, cols, acc);
    }
  }

  @Override
  public void rowSumSquaredDeviations(
      double[] a,
      int aOff,
      int rows,
      int cols,
      double[] means,
      int meansOff,
      double[] out,
      int outOff) {
    if (vec64(cols) && coldSsd64((long) rows * cols)) {
      plain.rowSumSquaredDeviations(a, aOff, rows, cols, means, meansOff, out, outOff);
      return;
    }
    double[] acc = new double[F64Reduce.L];
    for (int r = 0; r < rows; r++) {
      out[outOff + r] =
          F64VectorReduce.sumSquaredDeviations(
              mode64, a, aOff + r * cols, cols, means[meansOff + r], acc);
    }
  }

  @Override
  public void columnAggregate(
      AggOp op,
      double[] a,
      int aOff,
      int rows,
      int cols,
      double[] out,
      int outOff,
      boolean accumulate) {
    if (coldFold64(op, (long) rows * cols)) {
      plain.columnAggregate(op, a, aOff, rows, cols, out, outOff, accumulate);
      return;
    }
    if (!accumulate) {
      java.util.Arrays.fill(out, outOff, outOff + cols, F64Reduce.columnStart(op));
    }
    F64VectorReduce.foldRows(op, a, aOff, rows, cols, out, outOff);
  }

  @Override
  public void columnSumSquaredDeviations(
      double[] a,
      int aOff,
      int rows,
      int cols,
      double[] means,
      int meansOff,
      double[] out,
      int outOff,
      boolean accumulate) {
    if (coldFoldSsd64((long) rows * cols)) {
      plain.columnSumSquaredDeviations(
          a, aOff, rows, cols, means, meansOff, out, outOff, accumulate);
      return;
    }
    if (!accumulate) {
      java.util.Arrays.fill(out, outOff, outOff + cols, 0.0);
    }
    for (int r = 0; r < rows; r++) {
      F64VectorReduce.foldSquaredDeviations(a, aOff + r * cols, means, meansOff, out, outOff, cols);
    }
  }

  @Override
  public void rowIndex(AggOp op, double[] a, int aOff, int rows, int cols, long[] out, int outOff) {
    if (vec64(cols) && op.isIndex() && coldIdx64(op, true, (long) rows * cols)) {
      plain.rowIndex(op, a, aOff, rows, cols, out, outOff);
      return;
    }
    double[] acc = new double[F64Reduce.L];
    for (int r = 0; r < rows; r++) {
      out[outOff + r] = F64VectorReduce.rowIndex(mode64, op, a, aOff + r * cols, cols, acc);
    }
  }

  @Override
  public void columnIndex(
      AggOp op,
      double[] a,
      int aOff,
      int rows,
      int cols,
      long rowBase,
      double[] best,
      long[] idx,
      int outOff,
      boolean init) {
    if (op.isIndex() && coldIdx64(op, false, (long) rows * cols)) {
      plain.columnIndex(op, a, aOff, rows, cols, rowBase, best, idx, outOff, init);
      return;
    }
    if (!op.isIndex()) {
      throw new IllegalArgumentException("not an index aggregation: " + op);
    }
    int r0 = 0;
    if (init) {
      if (rows == 0) {
        throw new KernelException(op.functionName() + " of a column without rows");
      }
      System.arraycopy(a, aOff, best, outOff, cols);
      java.util.Arrays.fill(idx, outOff, outOff + cols, rowBase);
      r0 = 1;
    }
    boolean min = op == AggOp.IDXMIN;
    for (int r = r0; r < rows; r++) {
      F64VectorReduce.foldIndex(min, a, aOff + r * cols, rowBase + r, best, idx, outOff, cols);
    }
  }

  @Override
  public void cumulative(
      CumOp op,
      double[] a,
      int aOff,
      int rows,
      int cols,
      double[] prev,
      int prevOff,
      double[] out,
      int outOff) {
    if (coldCum64(F64Reduce.foldOp(op), (long) rows * cols)) {
      plain.cumulative(op, a, aOff, rows, cols, prev, prevOff, out, outOff);
      return;
    }
    if (rows == 0) {
      return;
    }
    BinaryOp fold = F64Reduce.foldOp(op);
    if (prev == null) {
      System.arraycopy(a, aOff, out, outOff, cols);
    } else {
      F64Vector.binary(fold, prev, prevOff, a, aOff, out, outOff, cols);
    }
    for (int r = 1; r < rows; r++) {
      F64Vector.binary(
          fold, out, outOff + (r - 1) * cols, a, aOff + r * cols, out, outOff + r * cols, cols);
    }
  }

  @Override
  public float aggregate(AggOp op, float[] a, int off, int len) {
    if (vec32(len) && coldAgg32(op, len)) {
      return plain.aggregate(op, a, off, len);
    }
    return F32VectorReduce.aggregate(mode32, op, a, off, len, new float[F32Reduce.L]);
  }

  @Override
  public float sumSquaredDeviations(float[] a, int off, int len, float mean) {
    if (vec32(len) && coldSsd32(len)) {
      return plain.sumSquaredDeviations(a, off, len, mean);
    }
    return F32VectorReduce.sumSquaredDeviations(mode32, a, off, len, mean, new float[F32Reduce.L]);
  }

  @Override
  public void rowAggregate(
      AggOp op, float[] a, int aOff, int rows, int cols, float[] out, int outOff) {
    if (vec32(cols) && coldAgg32(op, (long) rows * cols)) {
      plain.rowAggregate(op, a, aOff, rows, cols, out, outOff);
      return;
    }
    float[] acc = new float[F32Reduce.L];
    for (int r = 0; r < rows; r++) {
      out[outOff + r] = F32VectorReduce.row(mode32, op, a, aOff + r * cols, cols, acc);
    }
  }

  @Override
  public void rowSumSquaredDeviations(
      float[] a,
      int aOff,
      int rows,
      int cols,
      float[] means,
      int meansOff,
      float[] out,
      int outOff) {
    if (vec32(cols) && coldSsd32((long) rows * cols)) {
      plain.rowSumSquaredDeviations(a, aOff, rows, cols, means, meansOff, out, outOff);
      return;
    }
    float[] acc = new float[F32Reduce.L];
    for (int r = 0; r < rows; r++) {
      out[outOff + r] =
          F32VectorReduce.sumSquaredDeviations(
              mode32, a, aOff + r * cols, cols, means[meansOff + r], acc);
    }
  }

  @Override
  public void columnAggregate(
      AggOp op,
      float[] a,
      int aOff,
      int rows,
      int cols,
      float[] out,
      int outOff,
      boolean accumulate) {
    if (coldFold32(op, (long) rows * cols)) {
      plain.columnAggregate(op, a, aOff, rows, cols, out, outOff, accumulate);
      return;
    }
    if (!accumulate) {
      java.util.Arrays.fill(out, outOff, outOff + cols, F32Reduce.columnStart(op));
    }
    F32VectorReduce.foldRows(op, a, aOff, rows, cols, out, outOff);
  }

  @Override
  public void columnSumSquaredDeviations(
      float[] a,
      int aOff,
      int rows,
      int cols,
      float[] means,
      int meansOff,
      float[] out,
      int outOff,
      boolean accumulate) {
    if (coldFoldSsd32((long) rows * cols)) {
      plain.columnSumSquaredDeviations(
          a, aOff, rows, cols, means, meansOff, out, outOff, accumulate);
      return;
    }
    if (!accumulate) {
      java.util.Arrays.fill(out, outOff, outOff + cols, 0f);
    }
    for (int r = 0; r < rows; r++) {
      F32VectorReduce.foldSquaredDeviations(a, aOff + r * cols, means, meansOff, out, outOff, cols);
    }
  }

  @Override
  public void rowIndex(AggOp op, float[] a, int aOff, int rows, int cols, long[] out, int outOff) {
    if (vec32(cols) && op.isIndex() && coldIdx32(op, true, (long) rows * cols)) {
      plain.rowIndex(op, a, aOff, rows, cols, out, outOff);
      return;
    }
    float[] acc = new float[F32Reduce.L];
    for (int r = 0; r < rows; r++) {
      out[outOff + r] = F32VectorReduce.rowIndex(mode32, op, a, aOff + r * cols, cols, acc);
    }
  }

  @Override
  public void columnIndex(
      AggOp op,
      float[] a,
      int aOff,
      int rows,
      int cols,
      long rowBase,
      float[] best,
      long[] idx,
      int outOff,
      boolean init) {
    if (op.isIndex() && coldIdx32(op, false, (long) rows * cols)) {
      plain.columnIndex(op, a, aOff, rows, cols, rowBase, best, idx, outOff, init);
      return;
    }
    if (!op.isIndex()) {
      throw new IllegalArgumentException("not an index aggregation: " + op);
    }
    int r0 = 0;
    if (init) {
      if (rows == 0) {
        throw new KernelException(op.functionName() + " of a column without rows");
      }
      System.arraycopy(a, aOff, best, outOff, cols);
      java.util.Arrays.fill(idx, outOff, outOff + cols, rowBase);
      r0 = 1;
    }
    boolean min = op == AggOp.IDXMIN;
    for (int r = r0; r < rows; r++) {
      F32VectorReduce.foldIndex(min, a, aOff + r * cols, rowBase + r, best, idx, outOff, cols);
    }
  }

  @Override
  public void cumulative(
      CumOp op,
      float[] a,
      int aOff,
      int rows,
      int cols,
      float[] prev,
      int prevOff,
      float[] out,
      int outOff) {
    if (coldCum32(F32Reduce.foldOp(op), (long) rows * cols)) {
      plain.cumulative(op, a, aOff, rows, cols, prev, prevOff, out, outOff);
      return;
    }
    if (rows == 0) {
      return;
    }
    BinaryOp fold = F32Reduce.foldOp(op);
    if (prev == null) {
      System.arraycopy(a, aOff, out, outOff, cols);
    } else {
      F32Vector.binary(fold, prev, prevOff, a, aOff, out, outOff, cols);
    }
    for (int r = 1; r < rows; r++) {
      F32Vector.binary(
          fold, out, outOff + (r - 1) * cols, a, aOff + r * cols, out, outOff + r * cols, cols);
    }
  }
}
