package daphnegrid.kernels.plain;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.CumOp;
import daphnegrid.kernels.ReductionKernels;

/** The plain-loop reductions: the fallback and the twin the vector reductions must equal. */
public final class ScalarReductions implements ReductionKernels {

  @Override
  public double aggregate(AggOp op, double[] a, int off, int len) {
    return F64Reduce.aggregate(op, a, off, len, new double[F64Reduce.L]);
  }

  @Override
  public double sumSquaredDeviations(double[] a, int off, int len, double mean) {
    return F64Reduce.sumSquaredDeviations(a, off, len, mean, new double[F64Reduce.L]);
  }

  @Override
  public void rowAggregate(
      AggOp op, double[] a, int aOff, int rows, int cols, double[] out, int outOff) {
    double[] acc = new double[F64Reduce.L];
    for (int r = 0; r < rows; r++) {
      out[outOff + r] = F64Reduce.row(op, a, aOff + r * cols, cols, acc);
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
          F64Reduce.sumSquaredDeviations(a, aOff + r * cols, cols, means[meansOff + r], acc);
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
    BinaryOp fold = F64Reduce.foldOp(op);
    if (!accumulate) {
      java.util.Arrays.fill(out, outOff, outOff + cols, F64Reduce.columnStart(op));
    }
    for (int r = 0; r < rows; r++) {
      F64Loops.binary(fold, out, outOff, a, aOff + r * cols, out, outOff, cols);
    }
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
      int p = aOff + r * cols;
      for (int c = 0; c < cols; c++) {
        double d = a[p + c] - means[meansOff + c];
        out[outOff + c] = out[outOff + c] + d * d;
      }
    }
  }

  @Override
  public void rowIndex(AggOp op, double[] a, int aOff, int rows, int cols, long[] out, int outOff) {
    for (int r = 0; r < rows; r++) {
      out[outOff + r] = F64Reduce.rowIndex(op, a, aOff + r * cols, cols);
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
    F64Reduce.columnIndex(op, a, aOff, rows, cols, rowBase, best, idx, outOff, init);
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
      F64Loops.binary(fold, prev, prevOff, a, aOff, out, outOff, cols);
    }
    for (int r = 1; r < rows; r++) {
      F64Loops.binary(
          fold, out, outOff + (r - 1) * cols, a, aOff + r * cols, out, outOff + r * cols, cols);
    }
  }

  @Override
  public float aggregate(AggOp op, float[] a, int off, int len) {
    return F32Reduce.aggregate(op, a, off, len, new float[F32Reduce.L]);
  }

  @Override
  public float sumSquaredDeviations(float[] a, int off, int len, float mean) {
    return F32Reduce.sumSquaredDeviations(a, off, len, mean, new float[F32Reduce.L]);
  }

  @Override
  public void rowAggregate(
      AggOp op, float[] a, int aOff, int rows, int cols, float[] out, int outOff) {
    float[] acc = new float[F32Reduce.L];
    for (int r = 0; r < rows; r++) {
      out[outOff + r] = F32Reduce.row(op, a, aOff + r * cols, cols, acc);
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
          F32Reduce.sumSquaredDeviations(a, aOff + r * cols, cols, means[meansOff + r], acc);
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
    BinaryOp fold = F32Reduce.foldOp(op);
    if (!accumulate) {
      java.util.Arrays.fill(out, outOff, outOff + cols, F32Reduce.columnStart(op));
    }
    for (int r = 0; r < rows; r++) {
      F32Loops.binary(fold, out, outOff, a, aOff + r * cols, out, outOff, cols);
    }
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
      int p = aOff + r * cols;
      for (int c = 0; c < cols; c++) {
        float d = a[p + c] - means[meansOff + c];
        out[outOff + c] = out[outOff + c] + d * d;
      }
    }
  }

  @Override
  public void rowIndex(AggOp op, float[] a, int aOff, int rows, int cols, long[] out, int outOff) {
    for (int r = 0; r < rows; r++) {
      out[outOff + r] = F32Reduce.rowIndex(op, a, aOff + r * cols, cols);
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
    F32Reduce.columnIndex(op, a, aOff, rows, cols, rowBase, best, idx, outOff, init);
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
      F32Loops.binary(fold, prev, prevOff, a, aOff, out, outOff, cols);
    }
    for (int r = 1; r < rows; r++) {
      F32Loops.binary(
          fold, out, outOff + (r - 1) * cols, a, aOff + r * cols, out, outOff + r * cols, cols);
    }
  }
}
