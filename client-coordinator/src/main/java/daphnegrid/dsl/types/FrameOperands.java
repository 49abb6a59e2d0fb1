package daphnegrid.dsl.types;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.ValueType;

/**
 * Which operators take frames (DAPHNE's {@code EwBinaryObjSca} for frames): a frame on the left and
 * a numeric scalar on the right, applied column by column in each column's own value type; the
 * result is a frame with the same labels and column types. Anything else with a frame operand is a
 * compile error.
 */
public final class FrameOperands {
  private FrameOperands() {}

  /** The static type of {@code l op r} where l or r is a frame. */
  static StaticType binary(Span at, BinaryOp op, StaticType l, StaticType r) {
    if (!l.isFrame() || (r.known() && !r.isScalar())) {
      throw new ScriptException.Compile(
          at,
          "'"
              + op.symbol()
              + "' of "
              + l.describe()
              + " and "
              + r.describe()
              + " is not supported: frames take elementwise operations only as the left"
              + " operand, with a scalar on the right");
    }
    if (r.valueType() == ValueType.STR || r.valueType() == ValueType.BOOL) {
      throw new ScriptException.Compile(
          at,
          "'"
              + op.symbol()
              + "' of a frame and a "
              + r.valueType().dslName()
              + " scalar is not"
              + " supported: the scalar must be a number");
    }
    return StaticType.frame();
  }
}
