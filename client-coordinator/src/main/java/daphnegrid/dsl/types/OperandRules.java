package daphnegrid.dsl.types;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;

/**
 * Which elementwise operations DaphneDSL defines on which operands, with the messages for the ones
 * it does not, and how a scalar on the left of a matrix is rewritten (spec 6.2). The checker asks
 * with the value types it knows (null: unknown, which passes) and turns a refusal into a compile
 * error at the operation; {@link daphnegrid.runtime.Ops} asks with the actual types, turns a
 * refusal into a kernel error and executes the rewrite.
 */
public final class OperandRules {
  private OperandRules() {}

  /** Turns a rule's message into the caller's error (a compile error at a span, a kernel error). */
  @FunctionalInterface
  public interface Refusal {
    RuntimeException error(String message);
  }

  /**
   * How {@code s op M} runs: {@code M' = M prepare prepareWith} (or M itself when prepare is null),
   * then {@code M' combine s}, an operation with the matrix on the left.
   */
  public record Rewrite(BinaryOp prepare, Scalar prepareWith, BinaryOp combine) {
    /** {@code s + M = M + s}, {@code s * M = M * s}. */
    static Rewrite swap(BinaryOp op) {
      return new Rewrite(null, null, op);
    }

    /** {@code s - M = (M * -1) + s}. */
    static final Rewrite NEGATE_THEN_ADD = new Rewrite(BinaryOp.MUL, Scalar.si64(-1), BinaryOp.ADD);

    /** {@code s / M = (M ^ -1.0) * s}, for a floating-point M only. */
    static final Rewrite RECIPROCAL_THEN_MULTIPLY =
        new Rewrite(BinaryOp.POW, Scalar.f64(-1.0), BinaryOp.MUL);
  }

  /**
   * {@code a op b} where a or b is a string: only {@code +} (concatenation) and the comparisons are
   * defined.
   */
  public static void onStrings(BinaryOp op, ValueType a, ValueType b, Refusal refuse) {
    boolean strings = a == ValueType.STR || b == ValueType.STR;
    if (strings && op != BinaryOp.ADD && !op.isComparison()) {
      throw refuse.error("operation '" + op.symbol() + "' is not supported on strings");
    }
  }

  /**
   * How {@code s op M} (a scalar on the left of a matrix) runs: only {@code +}, {@code -}, {@code
   * *} and, for a floating-point matrix, {@code /} are rewritten; a string scalar never is.
   *
   * @param matrixName how the message for a non-float {@code /} names the matrix's type (the
   *     checker says {@code matrix<si64>}, the runtime {@code si64})
   */
  public static Rewrite scalarLeft(
      BinaryOp op, ValueType scalar, ValueType matrix, String matrixName, Refusal refuse) {
    if (scalar == ValueType.STR) {
      throw refuse.error("'" + op.symbol() + "' of a string scalar and a matrix is not supported");
    }
    return switch (op) {
      case ADD, MUL -> Rewrite.swap(op);
      case SUB -> Rewrite.NEGATE_THEN_ADD;
      case DIV -> {
        if (matrix != null && !matrix.isFloat()) {
          throw refuse.error(
              "scalar / matrix is only supported for floating-point matrices, got " + matrixName);
        }
        yield Rewrite.RECIPROCAL_THEN_MULTIPLY;
      }
      default ->
          throw refuse.error(
              "'"
                  + op.symbol()
                  + "' with a scalar on the left and a matrix on the right is not supported;"
                  + " put the matrix on the left");
    };
  }

  /**
   * op applied to an operand of value type t: the string functions ({@code lower}, {@code upper})
   * take strings only, the others numbers only.
   *
   * @param operandName how the message names the operand (the checker says {@code strings} or
   *     {@code matrix<f64> values}, the runtime {@code f64 matrices})
   */
  public static void unary(UnaryOp op, ValueType t, String operandName, Refusal refuse) {
    if (t != null && op.isStringOp() != (t == ValueType.STR)) {
      throw refuse.error(op.functionName() + " is not defined for " + operandName);
    }
  }
}
