package daphnegrid.kernels.simd;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.CumOp;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ReductionKernels;
import daphnegrid.kernels.scalar.F32Reduce;
import daphnegrid.kernels.scalar.F64Reduce;

/**
 * Vector API reductions; bit-identical to {@link daphnegrid.kernels.scalar.ScalarReductions}. Full
 * and row reductions use the fixed accumulator layout; column reductions and running aggregates
 * fold one row at a time into the output row with the vector elementwise loops, which keeps the row
 * order of every column and keeps the accumulator row in L1 for any realistic width.
 */
public final class SimdReductions implements ReductionKernels {
  private final int mode64;
  private final int mode32;

  /** Uses the accumulator vectors that suit this machine. */
  public SimdReductions() {
    this(F64VectorReduce.MODE, F32VectorReduce.MODE);
  }

  /** For tests: 2 or 4 vectors per layout block, or 0 for the plain loops. */
  SimdReductions(int mode64, int mode32) {
    this.mode64 = mode64;
    this.mode32 = mode32;
  }

  @Override
  public double aggregate(AggOp op, double[] a, int off, int len) {
    return F64VectorReduce.aggregate(mode64, op, a, off, len, new double[F64Reduce.L]);
  }

  @Override
  public double sumSquaredDeviations(double[] a, int off, int len, double mean) {
    return F64VectorReduce.sumSquaredDeviations(mode64, a, off, len, mean, new double[F64Reduce.L]);
  }

  @Override
  public void rowAggregate(
      AggOp op, double[] a, int aOff, int rows, int cols, double[] out, int outOff) {
    double[] acc = new double[F64Reduce.L];
    for (int r = 0; r < rows; r++) {
      out[outOff + r] = F64VectorReduce.aggregate(mode64, op, a, aOff + r * cols, cols, acc);
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
    if (!accumulate) {
      java.util.Arrays.fill(out, outOff, outOff + cols, F64Reduce.neutral(op));
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
    if (!accumulate) {
      java.util.Arrays.fill(out, outOff, outOff + cols, 0.0);
    }
    for (int r = 0; r < rows; r++) {
      F64VectorReduce.foldSquaredDeviations(a, aOff + r * cols, means, meansOff, out, outOff, cols);
    }
  }

  @Override
  public void rowIndex(AggOp op, double[] a, int aOff, int rows, int cols, long[] out, int outOff) {
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
    return F32VectorReduce.aggregate(mode32, op, a, off, len, new float[F32Reduce.L]);
  }

  @Override
  public float sumSquaredDeviations(float[] a, int off, int len, float mean) {
    return F32VectorReduce.sumSquaredDeviations(mode32, a, off, len, mean, new float[F32Reduce.L]);
  }

  @Override
  public void rowAggregate(
      AggOp op, float[] a, int aOff, int rows, int cols, float[] out, int outOff) {
    float[] acc = new float[F32Reduce.L];
    for (int r = 0; r < rows; r++) {
      out[outOff + r] = F32VectorReduce.aggregate(mode32, op, a, aOff + r * cols, cols, acc);
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
    if (!accumulate) {
      java.util.Arrays.fill(out, outOff, outOff + cols, F32Reduce.neutral(op));
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
    if (!accumulate) {
      java.util.Arrays.fill(out, outOff, outOff + cols, 0f);
    }
    for (int r = 0; r < rows; r++) {
      F32VectorReduce.foldSquaredDeviations(a, aOff + r * cols, means, meansOff, out, outOff, cols);
    }
  }

  @Override
  public void rowIndex(AggOp op, float[] a, int aOff, int rows, int cols, long[] out, int outOff) {
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
