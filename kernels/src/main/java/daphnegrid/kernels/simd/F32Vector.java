package daphnegrid.kernels.simd;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.plain.F32Loops;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector f32 elementwise loops. Only lane operations that are exact IEEE operations with the same
 * result as the scalar expression in {@link daphnegrid.kernels.ElementOps} are used: + - * / and
 * sqrt, sign flips, and compare + blend for min, max and the comparisons (never {@code
 * Vector.min/max}, which order -0 before +0 and propagate NaN from either side). Everything else,
 * and every tail, runs the plain loop of {@link F32Loops}.
 *
 * <p>One method per operation and shape, each holding one loop: the JIT turns a Vector API call
 * into machine instructions only when it inlines it with its operator a constant, and it inlines
 * only call sites that ran while the method was profiled. A single method with a loop per operation
 * gets compiled for the operations seen first, and an operation that arrives later then runs its
 * vector calls out of line, a hundred times slower, for good. Small methods are also compiled
 * sooner and cheaper. The public entry points only dispatch; no vector crosses a call boundary.
 */
final class F32Vector {
  private F32Vector() {}

  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int VL = S.length();

  static void binary(
      BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int len) {
    int end = S.loopBound(len);
    switch (op) {
      case ADD -> add(a, ao, b, bo, out, oo, end);
      case SUB -> sub(a, ao, b, bo, out, oo, end);
      case MUL -> mul(a, ao, b, bo, out, oo, end);
      case DIV -> div(a, ao, b, bo, out, oo, end);
      case MIN -> min(a, ao, b, bo, out, oo, end);
      case MAX -> max(a, ao, b, bo, out, oo, end);
      case EQ -> cmpEq(a, ao, b, bo, out, oo, end);
      case NE -> cmpNe(a, ao, b, bo, out, oo, end);
      case LT -> cmpLt(a, ao, b, bo, out, oo, end);
      case LE -> cmpLe(a, ao, b, bo, out, oo, end);
      case GT -> cmpGt(a, ao, b, bo, out, oo, end);
      case GE -> cmpGe(a, ao, b, bo, out, oo, end);
      default -> end = 0;
    }
    F32Loops.binary(op, a, ao + end, b, bo + end, out, oo + end, len - end);
  }

  private static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int end) {
    for (int i = 0; i < end; i += VL) {
      load(a, ao + i).add(load(b, bo + i)).intoArray(out, oo + i);
    }
  }

  private static void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int end) {
    for (int i = 0; i < end; i += VL) {
      load(a, ao + i).sub(load(b, bo + i)).intoArray(out, oo + i);
    }
  }

  private static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int end) {
    for (int i = 0; i < end; i += VL) {
      load(a, ao + i).mul(load(b, bo + i)).intoArray(out, oo + i);
    }
  }

  private static void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int end) {
    for (int i = 0; i < end; i += VL) {
      load(a, ao + i).div(load(b, bo + i)).intoArray(out, oo + i);
    }
  }

  private static void min(float[] a, int ao, float[] b, int bo, float[] out, int oo, int end) {
    for (int i = 0; i < end; i += VL) {
      FloatVector x = load(a, ao + i);
      FloatVector y = load(b, bo + i);
      x.blend(y, y.lt(x)).intoArray(out, oo + i);
    }
  }

  private static void max(float[] a, int ao, float[] b, int bo, float[] out, int oo, int end) {
    for (int i = 0; i < end; i += VL) {
      FloatVector x = load(a, ao + i);
      FloatVector y = load(b, bo + i);
      x.blend(y, x.lt(y)).intoArray(out, oo + i);
    }
  }

  private static void cmpEq(float[] a, int ao, float[] b, int bo, float[] out, int oo, int end) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    for (int i = 0; i < end; i += VL) {
      VectorMask<Float> m = load(a, ao + i).compare(VectorOperators.EQ, load(b, bo + i));
      zero.blend(one, m).intoArray(out, oo + i);
    }
  }

  private static void cmpNe(float[] a, int ao, float[] b, int bo, float[] out, int oo, int end) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    for (int i = 0; i < end; i += VL) {
      VectorMask<Float> m = load(a, ao + i).compare(VectorOperators.NE, load(b, bo + i));
      zero.blend(one, m).intoArray(out, oo + i);
    }
  }

  private static void cmpLt(float[] a, int ao, float[] b, int bo, float[] out, int oo, int end) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    for (int i = 0; i < end; i += VL) {
      VectorMask<Float> m = load(a, ao + i).compare(VectorOperators.LT, load(b, bo + i));
      zero.blend(one, m).intoArray(out, oo + i);
    }
  }

  private static void cmpLe(float[] a, int ao, float[] b, int bo, float[] out, int oo, int end) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    for (int i = 0; i < end; i += VL) {
      VectorMask<Float> m = load(a, ao + i).compare(VectorOperators.LE, load(b, bo + i));
      zero.blend(one, m).intoArray(out, oo + i);
    }
  }

  private static void cmpGt(float[] a, int ao, float[] b, int bo, float[] out, int oo, int end) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    for (int i = 0; i < end; i += VL) {
      VectorMask<Float> m = load(a, ao + i).compare(VectorOperators.GT, load(b, bo + i));
      zero.blend(one, m).intoArray(out, oo + i);
    }
  }

  private static void cmpGe(float[] a, int ao, float[] b, int bo, float[] out, int oo, int end) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    for (int i = 0; i < end; i += VL) {
      VectorMask<Float> m = load(a, ao + i).compare(VectorOperators.GE, load(b, bo + i));
      zero.blend(one, m).intoArray(out, oo + i);
    }
  }

  static void binaryScalar(BinaryOp op, float[] a, int ao, float s, float[] out, int oo, int len) {
    int end = S.loopBound(len);
    switch (op) {
      case ADD -> addS(a, ao, s, out, oo, end);
      case SUB -> subS(a, ao, s, out, oo, end);
      case MUL -> mulS(a, ao, s, out, oo, end);
      case DIV -> divS(a, ao, s, out, oo, end);
      case MIN -> minS(a, ao, s, out, oo, end);
      case MAX -> maxS(a, ao, s, out, oo, end);
      case EQ -> cmpEqS(a, ao, s, out, oo, end);
      case NE -> cmpNeS(a, ao, s, out, oo, end);
      case LT -> cmpLtS(a, ao, s, out, oo, end);
      case LE -> cmpLeS(a, ao, s, out, oo, end);
      case GT -> cmpGtS(a, ao, s, out, oo, end);
      case GE -> cmpGeS(a, ao, s, out, oo, end);
      default -> end = 0;
    }
    F32Loops.binaryScalar(op, a, ao + end, s, out, oo + end, len - end);
  }

  private static void addS(float[] a, int ao, float s, float[] out, int oo, int end) {
    FloatVector y = FloatVector.broadcast(S, s);
    for (int i = 0; i < end; i += VL) {
      load(a, ao + i).add(y).intoArray(out, oo + i);
    }
  }

  private static void subS(float[] a, int ao, float s, float[] out, int oo, int end) {
    FloatVector y = FloatVector.broadcast(S, s);
    for (int i = 0; i < end; i += VL) {
      load(a, ao + i).sub(y).intoArray(out, oo + i);
    }
  }

  private static void mulS(float[] a, int ao, float s, float[] out, int oo, int end) {
    FloatVector y = FloatVector.broadcast(S, s);
    for (int i = 0; i < end; i += VL) {
      load(a, ao + i).mul(y).intoArray(out, oo + i);
    }
  }

  private static void divS(float[] a, int ao, float s, float[] out, int oo, int end) {
    FloatVector y = FloatVector.broadcast(S, s);
    for (int i = 0; i < end; i += VL) {
      load(a, ao + i).div(y).intoArray(out, oo + i);
    }
  }

  private static void minS(float[] a, int ao, float s, float[] out, int oo, int end) {
    FloatVector y = FloatVector.broadcast(S, s);
    for (int i = 0; i < end; i += VL) {
      FloatVector x = load(a, ao + i);
      x.blend(y, y.lt(x)).intoArray(out, oo + i);
    }
  }

  private static void maxS(float[] a, int ao, float s, float[] out, int oo, int end) {
    FloatVector y = FloatVector.broadcast(S, s);
    for (int i = 0; i < end; i += VL) {
      FloatVector x = load(a, ao + i);
      x.blend(y, x.lt(y)).intoArray(out, oo + i);
    }
  }

  private static void cmpEqS(float[] a, int ao, float s, float[] out, int oo, int end) {
    FloatVector y = FloatVector.broadcast(S, s);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    for (int i = 0; i < end; i += VL) {
      zero.blend(one, load(a, ao + i).compare(VectorOperators.EQ, y)).intoArray(out, oo + i);
    }
  }

  private static void cmpNeS(float[] a, int ao, float s, float[] out, int oo, int end) {
    FloatVector y = FloatVector.broadcast(S, s);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    for (int i = 0; i < end; i += VL) {
      zero.blend(one, load(a, ao + i).compare(VectorOperators.NE, y)).intoArray(out, oo + i);
    }
  }

  private static void cmpLtS(float[] a, int ao, float s, float[] out, int oo, int end) {
    FloatVector y = FloatVector.broadcast(S, s);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    for (int i = 0; i < end; i += VL) {
      zero.blend(one, load(a, ao + i).compare(VectorOperators.LT, y)).intoArray(out, oo + i);
    }
  }

  private static void cmpLeS(float[] a, int ao, float s, float[] out, int oo, int end) {
    FloatVector y = FloatVector.broadcast(S, s);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    for (int i = 0; i < end; i += VL) {
      zero.blend(one, load(a, ao + i).compare(VectorOperators.LE, y)).intoArray(out, oo + i);
    }
  }

  private static void cmpGtS(float[] a, int ao, float s, float[] out, int oo, int end) {
    FloatVector y = FloatVector.broadcast(S, s);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    for (int i = 0; i < end; i += VL) {
      zero.blend(one, load(a, ao + i).compare(VectorOperators.GT, y)).intoArray(out, oo + i);
    }
  }

  private static void cmpGeS(float[] a, int ao, float s, float[] out, int oo, int end) {
    FloatVector y = FloatVector.broadcast(S, s);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    for (int i = 0; i < end; i += VL) {
      zero.blend(one, load(a, ao + i).compare(VectorOperators.GE, y)).intoArray(out, oo + i);
    }
  }

  static void unary(UnaryOp op, float[] a, int ao, float[] out, int oo, int len) {
    int end = S.loopBound(len);
    switch (op) {
      case MINUS -> neg(a, ao, out, oo, end);
      case ABS -> abs(a, ao, out, oo, end);
      case SQRT -> end = sqrt(a, ao, out, oo, end);
      case SIGN -> sign(a, ao, out, oo, end);
      case ISNAN -> isNan(a, ao, out, oo, end);
      default -> end = 0;
    }
    F32Loops.unary(op, a, ao + end, out, oo + end, len - end);
  }

  private static void neg(float[] a, int ao, float[] out, int oo, int end) {
    for (int i = 0; i < end; i += VL) {
      load(a, ao + i).neg().intoArray(out, oo + i);
    }
  }

  private static void abs(float[] a, int ao, float[] out, int oo, int end) {
    for (int i = 0; i < end; i += VL) {
      load(a, ao + i).abs().intoArray(out, oo + i);
    }
  }

  /**
   * Stops before the first vector holding a negative cell and returns where it stopped: the plain
   * loop then throws ElementOps' domain error at the right cell.
   */
  private static int sqrt(float[] a, int ao, float[] out, int oo, int end) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (; i < end; i += VL) {
      FloatVector x = load(a, ao + i);
      if (x.lt(zero).anyTrue()) {
        break;
      }
      x.sqrt().intoArray(out, oo + i);
    }
    return i;
  }

  private static void sign(float[] a, int ao, float[] out, int oo, int end) {
    FloatVector zero = FloatVector.zero(S);
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector minusOne = FloatVector.broadcast(S, -1f);
    for (int i = 0; i < end; i += VL) {
      FloatVector x = load(a, ao + i);
      zero.blend(one, x.compare(VectorOperators.GT, zero))
          .blend(minusOne, x.lt(zero))
          .blend(x, x.compare(VectorOperators.NE, x))
          .intoArray(out, oo + i);
    }
  }

  private static void isNan(float[] a, int ao, float[] out, int oo, int end) {
    FloatVector zero = FloatVector.zero(S);
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int i = 0; i < end; i += VL) {
      FloatVector x = load(a, ao + i);
      zero.blend(one, x.compare(VectorOperators.NE, x)).intoArray(out, oo + i);
    }
  }

  private static FloatVector load(float[] a, int i) {
    return FloatVector.fromArray(S, a, i);
  }
}
