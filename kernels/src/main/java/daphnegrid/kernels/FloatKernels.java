package daphnegrid.kernels;

import daphnegrid.kernels.Shapes.Broadcast;

/**
 * The f64 and f32 paths of {@link Elementwise}: dispatch to the selected {@link KernelImpl} (Vector
 * API or its plain twin), whose results equal {@link ElementOps} cell by cell.
 */
final class FloatKernels {
  private FloatKernels() {}

  static void binaryF64(
      BinaryOp op, double[] a, double[] b, Broadcast mode, double[] out, int rows, int cols) {
    ElementwiseKernels k = Kernels.impl().elementwise();
    switch (mode) {
      case SAME -> k.binary(op, a, 0, b, 0, out, 0, rows * cols);
      case ROW -> k.binaryRowVector(op, a, 0, b, 0, out, 0, rows, cols);
      case COL -> k.binaryColVector(op, a, 0, b, 0, out, 0, rows, cols);
    }
  }

  static void binaryScalarF64(BinaryOp op, double[] a, double s, double[] out, int n) {
    Kernels.impl().elementwise().binaryScalar(op, a, 0, s, out, 0, n);
  }

  static void binaryF32(
      BinaryOp op, float[] a, float[] b, Broadcast mode, float[] out, int rows, int cols) {
    ElementwiseKernels k = Kernels.impl().elementwise();
    switch (mode) {
      case SAME -> k.binary(op, a, 0, b, 0, out, 0, rows * cols);
      case ROW -> k.binaryRowVector(op, a, 0, b, 0, out, 0, rows, cols);
      case COL -> k.binaryColVector(op, a, 0, b, 0, out, 0, rows, cols);
    }
  }

  static void binaryScalarF32(BinaryOp op, float[] a, float s, float[] out, int n) {
    Kernels.impl().elementwise().binaryScalar(op, a, 0, s, out, 0, n);
  }

  static void unaryF64(UnaryOp op, double[] a, double[] out, int n) {
    Kernels.impl().elementwise().unary(op, a, 0, out, 0, n);
  }

  static void unaryF32(UnaryOp op, float[] a, float[] out, int n) {
    Kernels.impl().elementwise().unary(op, a, 0, out, 0, n);
  }
}
