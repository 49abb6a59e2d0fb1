package daphnegrid.builtins;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.ValueType;
import java.util.List;

/** Helpers for built-in typers: static result types from static argument types. */
public final class Typing {
  private Typing() {}

  public static List<StaticType> one(StaticType t) {
    return List.of(t);
  }

  public static List<StaticType> none() {
    return List.of();
  }

  /** The most general of the value types, or null if any is unknown. */
  public static ValueType mg(ValueType... vts) {
    ValueType r = null;
    for (ValueType v : vts) {
      if (v == null) {
        return null;
      }
      r = r == null ? v : ValueType.mostGeneral(r, v);
    }
    return r;
  }

  public static ValueType vt(StaticType t) {
    return t.valueType();
  }

  /** Matrix if any argument is a matrix, unknown if any is unknown, else scalar. */
  public static StaticType.Kind elementwiseKind(StaticType... args) {
    boolean any = false;
    for (StaticType a : args) {
      if (a.isMatrix()) {
        return StaticType.Kind.MATRIX;
      }
      if (!a.known()) {
        any = true;
      }
    }
    return any ? StaticType.Kind.ANY : StaticType.Kind.SCALAR;
  }

  /** The static type of a op b (no constant folding). */
  public static StaticType binary(BinaryOp op, StaticType a, StaticType b) {
    StaticType.Kind k = elementwiseKind(a, b);
    ValueType vt = null;
    if (a.valueType() != null && b.valueType() != null) {
      if (op == BinaryOp.ADD
          && (a.valueType() == ValueType.STR || b.valueType() == ValueType.STR)) {
        vt = ValueType.STR;
      } else {
        vt = op.resultType(a.valueType(), b.valueType());
      }
    }
    return k == StaticType.Kind.ANY ? StaticType.ANY : new StaticType(k, vt, null);
  }

  /** A matrix of the given value type (null: unknown). */
  public static List<StaticType> matrixOf(ValueType vt) {
    return one(StaticType.matrix(vt));
  }

  public static ScriptException.Compile compileError(Span at, String message) {
    return new ScriptException.Compile(at, message);
  }

  /** Rejects a matrix or list where a scalar is required (when the argument type is known). */
  public static void requireScalar(String fn, StaticType t, int index, Span at) {
    if (t.known() && !t.isScalar()) {
      throw new ScriptException.Compile(
          at, "argument " + (index + 1) + " of `" + fn + "` must be a scalar, got " + t.describe());
    }
  }

  /** Rejects a string where a number is required (when the argument type is known). */
  public static void requireNumeric(String fn, StaticType t, int index, Span at) {
    if (t.valueType() == ValueType.STR) {
      throw new ScriptException.Compile(
          at, "argument " + (index + 1) + " of `" + fn + "` must be numeric, got " + t.describe());
    }
  }

  /** requireNumeric for the arguments at the given positions (those present). */
  public static void requireNumeric(String fn, List<StaticType> args, Span at, int... indexes) {
    for (int i : indexes) {
      if (i < args.size()) {
        requireNumeric(fn, args.get(i), i, at);
      }
    }
  }

  /**
   * Rejects a value type other than vt (when it is known), for built-ins DAPHNE provides for one
   * value type only.
   */
  public static void requireValueType(String fn, StaticType t, int index, ValueType vt, Span at) {
    if (t.valueType() != null && t.valueType() != vt) {
      throw new ScriptException.Compile(
          at,
          "argument "
              + (index + 1)
              + " of `"
              + fn
              + "` must be "
              + kindOf(t, vt)
              + ", got "
              + t.describe());
    }
  }

  /** "a matrix<f32>" or "an f32 scalar": what requireValueType asks for. */
  public static String kindOf(StaticType t, ValueType vt) {
    return t.isMatrix() ? "a matrix<" + vt.dslName() + ">" : "an " + vt.dslName() + " scalar";
  }

  /** Rejects a scalar or list where a matrix is required (when the argument type is known). */
  public static void requireMatrix(String fn, StaticType t, int index, Span at) {
    if (t.known() && !t.isMatrix()) {
      throw new ScriptException.Compile(
          at, "argument " + (index + 1) + " of `" + fn + "` must be a matrix, got " + t.describe());
    }
  }

  /** Rejects anything but a list where a list is required (when the argument type is known). */
  public static void requireList(String fn, StaticType t, int index, Span at) {
    if (t.known() && !t.isList()) {
      throw new ScriptException.Compile(
          at, "argument " + (index + 1) + " of `" + fn + "` must be a list, got " + t.describe());
    }
  }
}
