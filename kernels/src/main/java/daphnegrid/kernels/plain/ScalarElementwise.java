package daphnegrid.kernels.plain;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.ElementwiseKernels;
import daphnegrid.kernels.UnaryOp;

/** The plain-loop elementwise kernels: the fallback and the twin the vector kernels must equal. */
public final class ScalarElementwise implements ElementwiseKernels {

  @Override
  public void binary(
      BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int len) {
    F64Loops.binary(op, a, aOff, b, bOff, out, outOff, len);
  }

  @Override
  public void binaryScalar(
      BinaryOp op, double[] a, int aOff, double s, double[] out, int outOff, int len) {
    F64Loops.binaryScalar(op, a, aOff, s, out, outOff, len);
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
    F64Loops.binaryRowVector(op, a, aOff, row, rowOff, out, outOff, rows, cols);
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
    F64Loops.binaryColVector(op, a, aOff, col, colOff, out, outOff, rows, cols);
  }

  @Override
  public void unary(UnaryOp op, double[] a, int aOff, double[] out, int outOff, int len) {
    F64Loops.unary(op, a, aOff, out, outOff, len);
  }

  @Override
  public void binary(
      BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int len) {
    F32Loops.binary(op, a, aOff, b, bOff, out, outOff, len);
  }

  @Override
  public void binaryScalar(
      BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int len) {
    F32Loops.binaryScalar(op, a, aOff, s, out, outOff, len);
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
    F32Loops.binaryRowVector(op, a, aOff, row, rowOff, out, outOff, rows, cols);
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
    F32Loops.binaryColVector(op, a, aOff, col, colOff, out, outOff, rows, cols);
  }

  @Override
  public void unary(UnaryOp op, float[] a, int aOff, float[] out, int outOff, int len) {
    F32Loops.unary(op, a, aOff, out, outOff, len);
  }
}
