package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;
import static daphnegrid.builtins.Builtins.one;

import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.OperandRules;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.Elementwise;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Value;
import java.util.List;

/**
 * Elementwise unary functions ({@code sqrt}, ...), binary functions ({@code pow}, {@code min},
 * ...), {@code concat}, and the outer operations ({@code outerAdd}, ...).
 */
final class MathBuiltins implements BuiltinFamily {
  private static final MathBuiltins FAMILY = new MathBuiltins();

  /** Marks the outer form of a binary operation in {@link Builtin#op()}. */
  private record Outer(BinaryOp op) {}

  private MathBuiltins() {}

  static void register() {
    for (UnaryOp op : UnaryOp.values()) {
      add(op.functionName(), List.of("arg"), 1, 1, FAMILY, op);
    }
    add("pow", List.of("lhs", "rhs"), 2, 2, FAMILY, BinaryOp.POW);
    add("log", List.of("lhs", "rhs"), 2, 2, FAMILY, BinaryOp.LOG);
    add("mod", List.of("lhs", "rhs"), 2, 2, FAMILY, BinaryOp.MOD);
    add("min", List.of("lhs", "rhs"), 2, 2, FAMILY, BinaryOp.MIN);
    add("max", List.of("lhs", "rhs"), 2, 2, FAMILY, BinaryOp.MAX);
    add("concat", List.of("lhs", "rhs"), 2, 2, FAMILY, null);
    for (BinaryOp op : BinaryOp.values()) {
      add("outer" + op.outerSuffix(), List.of("lhs", "rhs"), 2, 2, FAMILY, new Outer(op));
    }
  }

  @Override
  public List<StaticType> type(Builtin b, List<StaticType> a, Span at) {
    if (b.op() instanceof UnaryOp op) {
      StaticType t = a.get(0);
      if (!t.known()) {
        return Typing.one(StaticType.ANY);
      }
      String operand = t.valueType() == ValueType.STR ? "strings" : t.describe() + " values";
      OperandRules.unary(op, t.valueType(), operand, message -> Typing.compileError(at, message));
      ValueType vt = t.valueType() == null ? null : op.resultType(t.valueType());
      return Typing.one(new StaticType(t.kind(), vt, null));
    }
    if (b.op() instanceof BinaryOp op) {
      return Typing.one(Typing.binary(op, a.get(0), a.get(1)));
    }
    if (b.op() instanceof Outer outer) {
      ValueType l = a.get(0).valueType();
      ValueType r = a.get(1).valueType();
      return Typing.matrixOf(l == null || r == null ? null : outer.op().resultType(l, r));
    }
    return Typing.one(
        new StaticType(Typing.elementwiseKind(a.get(0), a.get(1)), ValueType.STR, null));
  }

  @Override
  public List<Value> call(Builtin b, Invocation inv) {
    if (b.op() instanceof UnaryOp op) {
      return one(inv.ops().unary(op, inv.arg(0), inv.at()));
    }
    if (b.op() instanceof BinaryOp op) {
      return one(inv.ops().binary(op, inv.arg(0), inv.arg(1), inv.at()));
    }
    if (b.op() instanceof Outer outer) {
      BinaryOp op = outer.op();
      MatrixValue l = inv.matrix(0);
      MatrixValue r = inv.matrix(1);
      ValueType ct = op.computeType(l.type(), r.type());
      return one(
          new MatrixValue(
              Elementwise.outer(op, Casts.cast(l.dense(), ct), Casts.cast(r.dense(), ct))));
    }
    Value x = inv.ops().convert(inv.arg(0), ValueType.STR, inv.at());
    Value y = inv.ops().convert(inv.arg(1), ValueType.STR, inv.at());
    return one(inv.ops().binary(BinaryOp.ADD, x, y, inv.at()));
  }
}
