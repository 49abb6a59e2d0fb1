package daphnegrid.kernels.plain;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.UnaryOp;

/**
 * Plain f64 elementwise loops, one per operation so the operation switch runs once per call and not
 * once per cell. Each loop body is the expression of {@link ElementOps#f64}; operations without a
 * cheap inline form call ElementOps itself. The vector kernels use these loops for their tails and
 * for the operations that have no exact vector form.
 */
public final class F64Loops {
  private F64Loops() {}

  /** out[i] = op(a[i], b[i]). */
  public static void binary(
      BinaryOp op, double[] a, int ao, double[] b, int bo, double[] out, int oo, int len) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] + b[bo + i];
        }
      }
      case SUB -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] - b[bo + i];
        }
      }
      case MUL -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] * b[bo + i];
        }
      }
      case DIV -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] / b[bo + i];
        }
      }
      case MIN -> {
        for (int i = 0; i < len; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          out[oo + i] = y < x ? y : x;
        }
      }
      case MAX -> {
        for (int i = 0; i < len; i++) {
          double x = a[ao + i];
          double y = b[bo + i];
          out[oo + i] = x < y ? y : x;
        }
      }
      case EQ -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] == b[bo + i] ? 1 : 0;
        }
      }
      case NE -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] != b[bo + i] ? 1 : 0;
        }
      }
      case LT -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] < b[bo + i] ? 1 : 0;
        }
      }
      case LE -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] <= b[bo + i] ? 1 : 0;
        }
      }
      case GT -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] > b[bo + i] ? 1 : 0;
        }
      }
      case GE -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] >= b[bo + i] ? 1 : 0;
        }
      }
      default -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = ElementOps.f64(op, a[ao + i], b[bo + i]);
        }
      }
    }
  }

  /** out[i] = op(a[i], s). */
  public static void binaryScalar(
      BinaryOp op, double[] a, int ao, double s, double[] out, int oo, int len) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] + s;
        }
      }
      case SUB -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] - s;
        }
      }
      case MUL -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] * s;
        }
      }
      case DIV -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] / s;
        }
      }
      case MIN -> {
        for (int i = 0; i < len; i++) {
          double x = a[ao + i];
          out[oo + i] = s < x ? s : x;
        }
      }
      case MAX -> {
        for (int i = 0; i < len; i++) {
          double x = a[ao + i];
          out[oo + i] = x < s ? s : x;
        }
      }
      case EQ -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] == s ? 1 : 0;
        }
      }
      case NE -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] != s ? 1 : 0;
        }
      }
      case LT -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] < s ? 1 : 0;
        }
      }
      case LE -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] <= s ? 1 : 0;
        }
      }
      case GT -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] > s ? 1 : 0;
        }
      }
      case GE -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = a[ao + i] >= s ? 1 : 0;
        }
      }
      default -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = ElementOps.f64(op, a[ao + i], s);
        }
      }
    }
  }

  /** out[r,c] = op(a[r,c], row[c]). */
  public static void binaryRowVector(
      BinaryOp op,
      double[] a,
      int ao,
      double[] row,
      int ro,
      double[] out,
      int oo,
      int rows,
      int cols) {
    for (int r = 0; r < rows; r++) {
      binary(op, a, ao + r * cols, row, ro, out, oo + r * cols, cols);
    }
  }

  /** out[r,c] = op(a[r,c], col[r]). */
  public static void binaryColVector(
      BinaryOp op,
      double[] a,
      int ao,
      double[] col,
      int co,
      double[] out,
      int oo,
      int rows,
      int cols) {
    for (int r = 0; r < rows; r++) {
      binaryScalar(op, a, ao + r * cols, col[co + r], out, oo + r * cols, cols);
    }
  }

  /** out[i] = op(a[i]); domain errors throw from ElementOps with its message. */
  public static void unary(UnaryOp op, double[] a, int ao, double[] out, int oo, int len) {
    switch (op) {
      case MINUS -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = -a[ao + i];
        }
      }
      case ABS -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = Math.abs(a[ao + i]);
        }
      }
      case SQRT -> {
        for (int i = 0; i < len; i++) {
          double x = a[ao + i];
          out[oo + i] = x < 0 ? ElementOps.f64(op, x) : Math.sqrt(x);
        }
      }
      case FLOOR -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = Math.floor(a[ao + i]);
        }
      }
      case CEIL -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = Math.ceil(a[ao + i]);
        }
      }
      case ISNAN -> {
        for (int i = 0; i < len; i++) {
          double x = a[ao + i];
          out[oo + i] = x != x ? 1 : 0;
        }
      }
      default -> {
        for (int i = 0; i < len; i++) {
          out[oo + i] = ElementOps.f64(op, a[ao + i]);
        }
      }
    }
  }
}
