package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;
import static daphnegrid.builtins.Builtins.one;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.Aggregation;
import daphnegrid.kernels.CumOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.relational.Aggregates;
import daphnegrid.kernels.relational.GroupedAggregation;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.ScalarValue;
import daphnegrid.runtime.Value;
import java.util.List;

/**
 * Full, row-wise (axis 0) and column-wise (axis 1) aggregation, the grouped forms {@code agg(arg,
 * groupIds, numGroups)} and {@code count(arg, groupIds, numGroups)}, and the cumulative aggregates.
 * The axis must be a constant known before execution (spec 7.6).
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
    add("count", List.of("arg", "groupIds", "numGroups"), 3, 3, FAMILY, Aggregates.Fn.COUNT);
  }

  @Override
  public List<StaticType> type(Builtin b, List<StaticType> a, Span at) {
    if (b.op() instanceof CumOp op) {
      Typing.requireMatrix(op.functionName(), a.get(0), 0, at);
      return Typing.matrixOf(a.get(0).valueType());
    }
    if (a.size() == 3) {
      return typeGrouped(b, a, at);
    }
    AggOp op = (AggOp) b.op();
    Typing.requireMatrix(op.functionName(), a.get(0), 0, at);
    ValueType vt = a.get(0).valueType() == null ? null : op.resultType(a.get(0).valueType());
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

  /**
   * {@code agg(arg, groupIds, numGroups)}: DAPHNE's grouped aggregation (GrpAgg ops): a numGroups x
   * ncol(arg) matrix whose row g aggregates, per column, the rows i of arg with groupIds[i] == g.
   * sum, aggMin, aggMax keep the value type; mean, var, stddev are f64 (f32 for f32); count is si64
   * (DAPHNE declares the op without a kernel; we count rows, as its SQL count does).
   */
  private static List<StaticType> typeGrouped(Builtin b, List<StaticType> a, Span at) {
    String fn = b.name();
    Typing.requireMatrix(fn, a.get(0), 0, at);
    Typing.requireMatrix(fn, a.get(1), 1, at);
    Typing.requireScalar(fn, a.get(2), 2, at);
    Typing.requireNumeric(fn, a.get(2), 2, at);
    ValueType ids = a.get(1).valueType();
    if (ids != null && !ids.isInteger()) {
      throw Typing.compileError(
          at,
          "the group ids of `"
              + fn
              + "` (argument 2) must be an integer matrix, not matrix<"
              + ids.dslName()
              + ">");
    }
    ValueType vt = a.get(0).valueType();
    if (vt == ValueType.STR || vt == ValueType.BOOL) {
      throw Typing.compileError(
          at,
          "`" + fn + "` with group ids needs a numeric matrix, not matrix<" + vt.dslName() + ">");
    }
    if (b.op() == Aggregates.Fn.COUNT) {
      return Typing.matrixOf(ValueType.SI64);
    }
    return Typing.matrixOf(vt == null ? null : ((AggOp) b.op()).resultType(vt));
  }

  private static List<Value> callGrouped(Builtin b, Invocation inv) {
    DenseMatrix arg = inv.dense(0), ids = inv.dense(1);
    long numGroups = inv.asSize(2);
    if (numGroups > Integer.MAX_VALUE - 16) {
      throw inv.error("numGroups of `" + b.name() + "` is too large: " + numGroups);
    }
    if (ids.cols() != 1 || ids.rows() != arg.rows()) {
      throw inv.error(
          "the group ids of `"
              + b.name()
              + "` must be a column with one id per row of arg: "
              + ids.rows()
              + "x"
              + ids.cols()
              + " for "
              + arg.rows()
              + " rows");
    }
    int[] groupOf = new int[arg.rows()];
    for (int i = 0; i < groupOf.length; i++) {
      long g = ids.getLong(i);
      if (g < 0 || g >= numGroups) {
        throw inv.error(
            "group id "
                + (ids.type().isUnsigned() ? Long.toUnsignedString(g) : Long.toString(g))
                + " of row "
                + i
                + " is outside 0.."
                + (numGroups - 1)
                + " (numGroups = "
                + numGroups
                + ")");
      }
      groupOf[i] = (int) g;
    }
    Aggregates.Fn fn =
        b.op() instanceof Aggregates.Fn f
            ? f
            : switch ((AggOp) b.op()) {
              case SUM -> Aggregates.Fn.SUM;
              case MIN -> Aggregates.Fn.MIN;
              case MAX -> Aggregates.Fn.MAX;
              case MEAN -> Aggregates.Fn.MEAN;
              case VAR -> Aggregates.Fn.VAR;
              default -> Aggregates.Fn.STDDEV;
            };
    ValueType out =
        fn == Aggregates.Fn.COUNT ? ValueType.SI64 : ((AggOp) b.op()).resultType(arg.type());
    return one(new MatrixValue(GroupedAggregation.apply(fn, arg, groupOf, (int) numGroups, out)));
  }

  @Override
  public List<Value> call(Builtin b, Invocation inv) {
    if (b.op() instanceof CumOp op) {
      return one(new MatrixValue(Aggregation.cumulative(op, inv.dense(0))));
    }
    if (inv.count() == 3) {
      return callGrouped(b, inv);
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
