package daphnegrid.dsl.types;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;

/**
 * Folds scalar constants before the script runs, with the interpreter's own operations ({@link
 * ElementOps}, {@link Scalar#convert}), so a folded value has exactly the type and value the run
 * would compute. A failure (integer division by zero, a string that is no number) is an error
 * before execution (exit 2) at the operation's position.
 *
 * <p>Each method returns the folded constant's type, or null when an operand is not a constant.
 */
final class ConstantFolding {
  private ConstantFolding() {}

  /** {@code -x}. */
  static StaticType negate(Span at, StaticType x) {
    if (x.constant() == null) {
      return null;
    }
    try {
      return StaticType.constant(ElementOps.apply(UnaryOp.MINUS, x.constant()));
    } catch (KernelException ex) {
      throw new ScriptException.Compile(at, ex.getMessage());
    }
  }

  /** {@code l op r}; the operands already passed {@link OperandRules}. */
  static StaticType binary(Span at, BinaryOp op, StaticType l, StaticType r) {
    if (l.constant() == null || r.constant() == null) {
      return null;
    }
    try {
      return StaticType.constant(ElementOps.apply(op, l.constant(), r.constant()));
    } catch (KernelException ex) {
      throw new ScriptException.Compile(at, ex.getMessage());
    }
  }

  /** x as value type t. */
  static StaticType convert(Span at, StaticType x, ValueType t) {
    if (x.constant() == null) {
      return null;
    }
    try {
      return StaticType.constant(x.constant().convert(t));
    } catch (KernelException | NumberFormatException ex) {
      throw new ScriptException.Compile(at, ex.getMessage());
    }
  }

  /**
   * Whether a constant condition holds (non-zero, NaN and non-empty strings do, as at run time);
   * null when the condition is not a constant.
   */
  static Boolean condition(StaticType cond) {
    Scalar c = cond.constant();
    return c == null ? null : c.isTrue();
  }

  /** {@code cond ? a : b}: the alternative the constant condition picks. */
  static StaticType choose(StaticType cond, StaticType a, StaticType b) {
    if (cond.constant() == null || a.constant() == null || b.constant() == null) {
      return null;
    }
    return cond.constant().isTrue() ? a : b;
  }
}
