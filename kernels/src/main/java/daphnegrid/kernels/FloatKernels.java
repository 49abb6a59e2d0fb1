package daphnegrid.kernels;

import daphnegrid.kernels.Shapes.Broadcast;

/**
 * Plain loops for elementwise f64 and f32 kernels with the common operations specialised, so that
 * the JIT sees one simple loop per operation. Results equal {@link ElementOps} cell by cell.
 */
final class FloatKernels {
  private FloatKernels() {}

  static void binaryF64(
      BinaryOp op, double[] a, double[] b, Broadcast mode, double[] out, int rows, int cols) {
    if (mode == Broadcast.SAME) {
      int n = rows * cols;
      switch (op) {
        case ADD -> {
          for (int i = 0; i < n; i++) {
            out[i] = a[i] + b[i];
          }
        }
        case SUB -> {
          for (int i = 0; i < n; i++) {
            out[i] = a[i] - b[i];
          }
        }
        case MUL -> {
          for (int i = 0; i < n; i++) {
            out[i] = a[i] * b[i];
          }
        }
        case DIV -> {
          for (int i = 0; i < n; i++) {
            out[i] = a[i] / b[i];
          }
        }
        default -> {
          for (int i = 0; i < n; i++) {
            out[i] = ElementOps.f64(op, a[i], b[i]);
          }
        }
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      if (mode == Broadcast.COL) {
        double y = b[r];
        for (int c = 0; c < cols; c++) {
          out[base + c] = ElementOps.f64(op, a[base + c], y);
        }
      } else {
        for (int c = 0; c < cols; c++) {
          out[base + c] = ElementOps.f64(op, a[base + c], b[c]);
        }
      }
    }
  }

  static void binaryScalarF64(BinaryOp op, double[] a, double s, double[] out, int n) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] + s;
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] - s;
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] * s;
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] / s;
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          out[i] = ElementOps.f64(op, a[i], s);
        }
      }
    }
  }

  static void binaryF32(
      BinaryOp op, float[] a, float[] b, Broadcast mode, float[] out, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        int i = base + c;
        out[i] = ElementOps.f32(op, a[i], b[Elementwise.index(mode, i, r, c)]);
      }
    }
  }

  static void binaryScalarF32(BinaryOp op, float[] a, float s, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = ElementOps.f32(op, a[i], s);
    }
  }

  static void unaryF64(UnaryOp op, double[] a, double[] out, int n) {
    switch (op) {
      case MINUS -> {
        for (int i = 0; i < n; i++) {
          out[i] = -a[i];
        }
      }
      case ABS -> {
        for (int i = 0; i < n; i++) {
          out[i] = Math.abs(a[i]);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          out[i] = ElementOps.f64(op, a[i]);
        }
      }
    }
  }
}
