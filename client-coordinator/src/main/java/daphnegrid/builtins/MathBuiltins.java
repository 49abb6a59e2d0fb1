package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;
import static daphnegrid.builtins.Builtins.one;

import daphnegrid.dsl.types.StaticType;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.Elementwise;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Value;
import java.util.List;

/** Elementwise unary and binary functions and the outer operations. */
final class MathBuiltins {
  private MathBuiltins() {}

  static void register() {
    for (UnaryOp op : UnaryOp.values()) {
      add(
          op.functionName(),
          List.of("arg"),
          1,
          1,
          (a, at) -> {
            StaticType t = a.get(0);
            if (!t.known()) {
              return Typing.one(StaticType.ANY);
            }
            if (t.valueType() != null && op.isStringOp() != (t.valueType() == ValueType.STR)) {
              throw Typing.compileError(
                  at,
                  op.functionName()
                      + " is not defined for "
                      + (t.valueType() == ValueType.STR ? "strings" : t.describe() + " values"));
            }
            ValueType vt = t.valueType() == null ? null : op.resultType(t.valueType());
            return Typing.one(new StaticType(t.kind(), vt, null));
          },
          inv -> one(inv.ops().unary(op, inv.arg(0), inv.at())));
    }
    binaryFunction("pow", BinaryOp.POW);
    binaryFunction("log", BinaryOp.LOG);
    binaryFunction("mod", BinaryOp.MOD);
    binaryFunction("min", BinaryOp.MIN);
    binaryFunction("max", BinaryOp.MAX);
    add(
        "concat",
        List.of("lhs", "rhs"),
        2,
        2,
        (a, at) ->
            Typing.one(
                new StaticType(Typing.elementwiseKind(a.get(0), a.get(1)), ValueType.STR, null)),
        inv -> {
          Value x = inv.ops().convert(inv.arg(0), ValueType.STR, inv.at());
          Value y = inv.ops().convert(inv.arg(1), ValueType.STR, inv.at());
          return one(inv.ops().binary(BinaryOp.ADD, x, y, inv.at()));
        });
    for (BinaryOp op : BinaryOp.values()) {
      String name = "outer" + op.outerSuffix();
      add(
          name,
          List.of("lhs", "rhs"),
          2,
          2,
          (a, at) -> {
            ValueType l = a.get(0).valueType();
            ValueType r = a.get(1).valueType();
            return Typing.matrixOf(l == null || r == null ? null : op.resultType(l, r));
          },
          inv -> {
            MatrixValue l = inv.matrix(0);
            MatrixValue r = inv.matrix(1);
            ValueType ct = op.computeType(l.type(), r.type());
            return one(
                new MatrixValue(
                    Elementwise.outer(op, Casts.cast(l.dense(), ct), Casts.cast(r.dense(), ct))));
          });
    }
  }

  private static void binaryFunction(String name, BinaryOp op) {
    add(
        name,
        List.of("lhs", "rhs"),
        2,
        2,
        (a, at) -> Typing.one(Typing.binary(op, a.get(0), a.get(1))),
        inv -> one(inv.ops().binary(op, inv.arg(0), inv.arg(1), inv.at())));
  }
}
