package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;
import static daphnegrid.builtins.Builtins.one;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.Aggregation;
import daphnegrid.kernels.CumOp;
import daphnegrid.kernels.ValueType;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.ScalarValue;
import daphnegrid.runtime.Value;
import java.util.List;

/**
 * Full, row-wise (axis 0) and column-wise (axis 1) aggregation, and the cumulative aggregates. The
 * axis must be a constant known before execution (spec 7.6).
 */
final class AggregateBuiltins implements BuiltinFamily {
  private static final AggregateBuiltins FAMILY = new AggregateBuiltins();

  private AggregateBuiltins() {}

  static void register() {
    for (AggOp op : AggOp.values()) {
      if (op.isIndex()) {
        add(op.functionName(), List.of("arg", "axis"), 2, 2, FAMILY, op);
      } else {
        add(op.functionName(), List.of("arg", "axisOrGroups", "numGroups"), 1, 3, FAMILY, op);
      }
    }
    for (CumOp op : CumOp.values()) {
      add(op.functionName(), List.of("arg"), 1, 1, FAMILY, op);
    }
  }

  @Override
  public List<StaticType> type(Builtin b, List<StaticType> a, Span at) {
    if (b.op() instanceof CumOp op) {
      Typing.requireMatrix(op.functionName(), a.get(0), 0, at);
      return Typing.matrixOf(a.get(0).valueType());
    }
    AggOp op = (AggOp) b.op();
    Typing.requireMatrix(op.functionName(), a.get(0), 0, at);
    ValueType vt = a.get(0).valueType() == null ? null : op.resultType(a.get(0).valueType());
    if (a.size() == 3) {
      throw new ScriptException.Parse(
          at, op.functionName() + ": grouped aggregation (three arguments) is not supported");
    }
    if (a.size() == 1) {
      return Typing.one(StaticType.scalar(vt));
    }
    StaticType axis = a.get(1);
    if (axis.constant() == null) {
      throw new ScriptException.Parse(
          at,
          "invalid axis for aggregation: the axis of `"
              + op.functionName()
              + "` must be the constant 0 or 1");
    }
    long v = axis.constant().type().isFloat() ? -1 : axis.constant().bits();
    if (axis.constant().type() == ValueType.STR || (v != 0 && v != 1)) {
      throw new ScriptException.Parse(
          at,
          "invalid axis for aggregation: "
              + axis.constant().toDisplayString()
              + " (use 0 for rows, 1 for columns)");
    }
    return Typing.matrixOf(vt);
  }

  @Override
  public List<Value> call(Builtin b, Invocation inv) {
    if (b.op() instanceof CumOp op) {
      return one(new MatrixValue(Aggregation.cumulative(op, inv.dense(0))));
    }
    AggOp op = (AggOp) b.op();
    MatrixValue m = inv.matrix(0);
    if (inv.count() == 1) {
      return one(new ScalarValue(inv.ops().fullAgg(op, m, inv.at())));
    }
    return one(
        inv.asLong(1) == 0 ? inv.ops().rowAgg(op, m, inv.at()) : inv.ops().colAgg(op, m, inv.at()));
  }
}
