package daphnegrid.kernels.simd;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.scalar.F64Loops;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector f64 elementwise loops. Only lane operations that are exact IEEE operations with the same
 * result as the scalar expression in {@link daphnegrid.kernels.ElementOps} are used: + - * / and
 * sqrt, sign flips, and compare + blend for min, max and the comparisons (never {@code
 * Vector.min/max}, which order -0 before +0 and propagate NaN from either side). Everything else,
 * and every tail, runs the plain loop of {@link F64Loops}.
 *
 * <p>Every lane operation names its operator as a constant: the JIT only turns a Vector API call
 * into machine instructions when the operator is a constant, hence one loop per operation.
 */
final class F64Vector {
  private F64Vector() {}

  static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int VL = S.length();

  static void binary(
      BinaryOp op, double[] a, int ao, double[] b, int bo, double[] out, int oo, int len) {
    int i = 0;
    int end = S.loopBound(len);
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    DoubleVector zero = DoubleVector.zero(S);
    switch (op) {
      case ADD -> {
        for (; i < end; i += VL) {
          load(a, ao + i).add(load(b, bo + i)).intoArray(out, oo + i);
        }
      }
      case SUB -> {
        for (; i < end; i += VL) {
          load(a, ao + i).sub(load(b, bo + i)).intoArray(out, oo + i);
        }
      }
      case MUL -> {
        for (; i < end; i += VL) {
          load(a, ao + i).mul(load(b, bo + i)).intoArray(out, oo + i);
        }
      }
      case DIV -> {
        for (; i < end; i += VL) {
          load(a, ao + i).div(load(b, bo + i)).intoArray(out, oo + i);
        }
      }
      case MIN -> {
        for (; i < end; i += VL) {
          DoubleVector x = load(a, ao + i);
          DoubleVector y = load(b, bo + i);
          x.blend(y, y.lt(x)).intoArray(out, oo + i);
        }
      }
      case MAX -> {
        for (; i < end; i += VL) {
          DoubleVector x = load(a, ao + i);
          DoubleVector y = load(b, bo + i);
          x.blend(y, x.lt(y)).intoArray(out, oo + i);
        }
      }
      case EQ -> {
        for (; i < end; i += VL) {
          VectorMask<Double> m = load(a, ao + i).compare(VectorOperators.EQ, load(b, bo + i));
          zero.blend(one, m).intoArray(out, oo + i);
        }
      }
      case NE -> {
        for (; i < end; i += VL) {
          VectorMask<Double> m = load(a, ao + i).compare(VectorOperators.NE, load(b, bo + i));
          zero.blend(one, m).intoArray(out, oo + i);
        }
      }
      case LT -> {
        for (; i < end; i += VL) {
          VectorMask<Double> m = load(a, ao + i).compare(VectorOperators.LT, load(b, bo + i));
          zero.blend(one, m).intoArray(out, oo + i);
        }
      }
      case LE -> {
        for (; i < end; i += VL) {
          VectorMask<Double> m = load(a, ao + i).compare(VectorOperators.LE, load(b, bo + i));
          zero.blend(one, m).intoArray(out, oo + i);
        }
      }
      case GT -> {
        for (; i < end; i += VL) {
          VectorMask<Double> m = load(a, ao + i).compare(VectorOperators.GT, load(b, bo + i));
          zero.blend(one, m).intoArray(out, oo + i);
        }
      }
      case GE -> {
        for (; i < end; i += VL) {
          VectorMask<Double> m = load(a, ao + i).compare(VectorOperators.GE, load(b, bo + i));
          zero.blend(one, m).intoArray(out, oo + i);
        }
      }
      default -> {}
    }
    F64Loops.binary(op, a, ao + i, b, bo + i, out, oo + i, len - i);
  }

  static void binaryScalar(
      BinaryOp op, double[] a, int ao, double s, double[] out, int oo, int len) {
    int i = 0;
    int end = S.loopBound(len);
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    DoubleVector zero = DoubleVector.zero(S);
    DoubleVector y = DoubleVector.broadcast(S, s);
    switch (op) {
      case ADD -> {
        for (; i < end; i += VL) {
          load(a, ao + i).add(y).intoArray(out, oo + i);
        }
      }
      case SUB -> {
        for (; i < end; i += VL) {
          load(a, ao + i).sub(y).intoArray(out, oo + i);
        }
      }
      case MUL -> {
        for (; i < end; i += VL) {
          load(a, ao + i).mul(y).intoArray(out, oo + i);
        }
      }
      case DIV -> {
        for (; i < end; i += VL) {
          load(a, ao + i).div(y).intoArray(out, oo + i);
        }
      }
      case MIN -> {
        for (; i < end; i += VL) {
          DoubleVector x = load(a, ao + i);
          x.blend(y, y.lt(x)).intoArray(out, oo + i);
        }
      }
      case MAX -> {
        for (; i < end; i += VL) {
          DoubleVector x = load(a, ao + i);
          x.blend(y, x.lt(y)).intoArray(out, oo + i);
        }
      }
      case EQ -> {
        for (; i < end; i += VL) {
          zero.blend(one, load(a, ao + i).compare(VectorOperators.EQ, y)).intoArray(out, oo + i);
        }
      }
      case NE -> {
        for (; i < end; i += VL) {
          zero.blend(one, load(a, ao + i).compare(VectorOperators.NE, y)).intoArray(out, oo + i);
        }
      }
      case LT -> {
        for (; i < end; i += VL) {
          zero.blend(one, load(a, ao + i).compare(VectorOperators.LT, y)).intoArray(out, oo + i);
        }
      }
      case LE -> {
        for (; i < end; i += VL) {
          zero.blend(one, load(a, ao + i).compare(VectorOperators.LE, y)).intoArray(out, oo + i);
        }
      }
      case GT -> {
        for (; i < end; i += VL) {
          zero.blend(one, load(a, ao + i).compare(VectorOperators.GT, y)).intoArray(out, oo + i);
        }
      }
      case GE -> {
        for (; i < end; i += VL) {
          zero.blend(one, load(a, ao + i).compare(VectorOperators.GE, y)).intoArray(out, oo + i);
        }
      }
      default -> {}
    }
    F64Loops.binaryScalar(op, a, ao + i, s, out, oo + i, len - i);
  }

  static void unary(UnaryOp op, double[] a, int ao, double[] out, int oo, int len) {
    int i = 0;
    int end = S.loopBound(len);
    switch (op) {
      case MINUS -> {
        for (; i < end; i += VL) {
          load(a, ao + i).neg().intoArray(out, oo + i);
        }
      }
      case ABS -> {
        for (; i < end; i += VL) {
          load(a, ao + i).abs().intoArray(out, oo + i);
        }
      }
      case SQRT -> {
        DoubleVector zero = DoubleVector.zero(S);
        for (; i < end; i += VL) {
          DoubleVector x = load(a, ao + i);
          if (x.lt(zero).anyTrue()) {
            break; // the plain loop below throws ElementOps' domain error at the right cell
          }
          x.sqrt().intoArray(out, oo + i);
        }
      }
      case SIGN -> {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector minusOne = DoubleVector.broadcast(S, -1.0);
        for (; i < end; i += VL) {
          DoubleVector x = load(a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GT, zero))
              .blend(minusOne, x.lt(zero))
              .blend(x, x.compare(VectorOperators.NE, x))
              .intoArray(out, oo + i);
        }
      }
      case ISNAN -> {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (; i < end; i += VL) {
          DoubleVector x = load(a, ao + i);
          zero.blend(one, x.compare(VectorOperators.NE, x)).intoArray(out, oo + i);
        }
      }
      default -> {}
    }
    F64Loops.unary(op, a, ao + i, out, oo + i, len - i);
  }

  private static DoubleVector load(double[] a, int i) {
    return DoubleVector.fromArray(S, a, i);
  }
}
