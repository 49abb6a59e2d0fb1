package daphnegrid.kernels.simd;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.ElementwiseKernels;
import daphnegrid.kernels.UnaryOp;

/**
 * Vector API elementwise kernels; bit-identical to {@link
 * daphnegrid.kernels.scalar.ScalarElementwise}.
 */
public final class SimdElementwise implements ElementwiseKernels {

  @Override
  public void binary(
      BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int len) {
    F64Vector.binary(op, a, aOff, b, bOff, out, outOff, len);
  }

  @Override
  public void binaryScalar(
      BinaryOp op, double[] a, int aOff, double s, double[] out, int outOff, int len) {
    F64Vector.binaryScalar(op, a, aOff, s, out, outOff, len);
  }

  @Override
  public void binaryRowVector(
      BinaryOp op,
      double[] a,
      int aOff,
      double[] row,
      int rowOff,
      double[] out,
      int outOff,
      int rows,
      int cols) {
    for (int r = 0; r < rows; r++) {
      F64Vector.binary(op, a, aOff + r * cols, row, rowOff, out, outOff + r * cols, cols);
    }
  }

  @Override
  public void binaryColVector(
      BinaryOp op,
      double[] a,
      int aOff,
      double[] col,
      int colOff,
      double[] out,
      int outOff,
      int rows,
      int cols) {
    for (int r = 0; r < rows; r++) {
      F64Vector.binaryScalar(op, a, aOff + r * cols, col[colOff + r], out, outOff + r * cols, cols);
    }
  }

  @Override
  public void unary(UnaryOp op, double[] a, int aOff, double[] out, int outOff, int len) {
    F64Vector.unary(op, a, aOff, out, outOff, len);
  }

  @Override
  public void binary(
      BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int len) {
    F32Vector.binary(op, a, aOff, b, bOff, out, outOff, len);
  }

  @Override
  public void binaryScalar(
      BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int len) {
    F32Vector.binaryScalar(op, a, aOff, s, out, outOff, len);
  }

  @Override
  public void binaryRowVector(
      BinaryOp op,
      float[] a,
      int aOff,
      float[] row,
      int rowOff,
      float[] out,
      int outOff,
      int rows,
      int cols) {
    for (int r = 0; r < rows; r++) {
      F32Vector.binary(op, a, aOff + r * cols, row, rowOff, out, outOff + r * cols, cols);
    }
  }

  @Override
  public void binaryColVector(
      BinaryOp op,
      float[] a,
      int aOff,
      float[] col,
      int colOff,
      float[] out,
      int outOff,
      int rows,
      int cols) {
    for (int r = 0; r < rows; r++) {
      F32Vector.binaryScalar(op, a, aOff + r * cols, col[colOff + r], out, outOff + r * cols, cols);
    }
  }

  @Override
  public void unary(UnaryOp op, float[] a, int aOff, float[] out, int outOff, int len) {
    F32Vector.unary(op, a, aOff, out, outOff, len);
  }
}
