package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;
import static daphnegrid.builtins.Builtins.one;
import static daphnegrid.builtins.Typing.matrixOf;
import static daphnegrid.builtins.Typing.mg;

import daphnegrid.dsl.types.StaticType;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.LinAlg;
import daphnegrid.kernels.Preprocess;
import daphnegrid.kernels.Reorg;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.runtime.MatrixValue;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/** Reorganisation, linear algebra and preprocessing built-ins, and the {@code @} operator. */
final class MatrixBuiltins {
  private MatrixBuiltins() {}

  static void register() {
    add(
        "@",
        List.of("lhs", "rhs"),
        2,
        2,
        (a, at) -> {
          Typing.requireMatrix("@", a.get(0), 0, at);
          Typing.requireMatrix("@", a.get(1), 1, at);
          return matrixOf(mg(a.get(0).valueType(), a.get(1).valueType()));
        },
        inv -> one(inv.ops().matmul(inv.matrix(0), inv.matrix(1), inv.at())));
    add(
        "reshape",
        List.of("arg", "numRows", "numCols"),
        3,
        3,
        (a, at) -> {
          Typing.requireNumeric("reshape", a, at, 1, 2);
          return matrixOf(a.get(0).valueType());
        },
        inv -> {
          long r = inv.asSize(1);
          long c = inv.asSize(2);
          DenseMatrix m = inv.dense(0);
          if (r * c != m.size()) {
            throw inv.error(
                "reshape must retain the number of cells: "
                    + m.rows()
                    + "x"
                    + m.cols()
                    + " cannot become "
                    + r
                    + "x"
                    + c);
          }
          return one(new MatrixValue(m.reshape((int) r, (int) c)));
        });
    for (String name : List.of("t", "transpose")) {
      add(
          name,
          List.of("arg"),
          1,
          1,
          (a, at) -> {
            Typing.requireMatrix(name, a.get(0), 0, at);
            return matrixOf(a.get(0).valueType());
          },
          inv -> one(inv.ops().transpose(inv.matrix(0), inv.at())));
    }
    unaryMatrix("reverse", Reorg::reverse);
    unaryMatrix("diagVector", Reorg::diagVector);
    add(
        "syrk",
        List.of("arg"),
        1,
        1,
        (a, at) -> {
          Typing.requireMatrix("syrk", a.get(0), 0, at);
          return matrixOf(a.get(0).valueType());
        },
        inv -> one(inv.ops().tmatmul(inv.matrix(0), inv.matrix(0), inv.at())));
    binaryMatrix("cbind", Reorg::cbind);
    binaryMatrix("rbind", Reorg::rbind);
    binaryMatrix("solve", LinAlg::solve);
    add(
        "gemv",
        List.of("lhs", "rhs"),
        2,
        2,
        (a, at) -> {
          Typing.requireMatrix("gemv", a.get(0), 0, at);
          Typing.requireMatrix("gemv", a.get(1), 1, at);
          return matrixOf(mg(a.get(0).valueType(), a.get(1).valueType()));
        },
        inv -> {
          MatrixValue x = inv.matrix(1);
          if (x.cols() != 1) {
            throw inv.error("gemv: the vector must have exactly one column");
          }
          return one(inv.ops().tmatmul(inv.matrix(0), x, inv.at()));
        });
    for (boolean lower : new boolean[] {true, false}) {
      add(
          lower ? "lowerTri" : "upperTri",
          List.of("arg", "diag", "values"),
          3,
          3,
          (a, at) -> matrixOf(a.get(0).valueType()),
          inv ->
              one(
                  new MatrixValue(
                      Reorg.triangle(inv.dense(0), lower, inv.asBool(1), inv.asBool(2)))));
    }
    add(
        "replace",
        List.of("arg", "pattern", "replacement"),
        3,
        3,
        (a, at) -> matrixOf(mg(a.get(0).valueType(), a.get(1).valueType(), a.get(2).valueType())),
        inv -> {
          ValueType t = ValueType.mostGeneral(inv.matrix(0).type(), inv.scalar(1).type());
          t = ValueType.mostGeneral(t, inv.scalar(2).type());
          DenseMatrix m = Casts.cast(inv.dense(0), t);
          return one(new MatrixValue(Reorg.replace(m, inv.scalar(1), inv.scalar(2))));
        });
    add(
        "order",
        null,
        4,
        -1,
        (a, at) -> {
          if (a.size() % 2 != 0) {
            throw new daphnegrid.dsl.ScriptException.Parse(
                at,
                "order expects an even number of arguments (arg, k key columns, k ascending"
                    + " flags, returnIndexes), got "
                    + a.size());
          }
          Scalar ri = a.get(a.size() - 1).constant();
          if (ri == null) {
            return matrixOf(null);
          }
          return matrixOf(ri.isTrue() ? ValueType.SIZE : a.get(0).valueType());
        },
        inv -> {
          int k = (inv.count() - 2) / 2;
          int[] keys = new int[k];
          boolean[] asc = new boolean[k];
          for (int i = 0; i < k; i++) {
            keys[i] = (int) inv.asLong(1 + i);
            asc[i] = inv.asBool(1 + k + i);
          }
          return one(
              new MatrixValue(Reorg.order(inv.dense(0), keys, asc, inv.asBool(inv.count() - 1))));
        });
    add(
        "eigen",
        List.of("arg"),
        1,
        1,
        (a, at) ->
            List.of(
                StaticType.matrix(a.get(0).valueType()), StaticType.matrix(a.get(0).valueType())),
        inv -> {
          DenseMatrix[] r = LinAlg.eigen(inv.dense(0));
          return List.of(new MatrixValue(r[0]), new MatrixValue(r[1]));
        });
    add(
        "ctable",
        List.of("lhs", "rhs", "weight", "resNumRows", "resNumCols"),
        2,
        5,
        (a, at) -> {
          Typing.requireNumeric("ctable", a, at, 0, 1, 2, 3, 4);
          return matrixOf(a.size() == 3 || a.size() == 5 ? a.get(2).valueType() : ValueType.F64);
        },
        inv -> {
          Scalar w = Scalar.f64(1.0);
          long rows = -1;
          long cols = -1;
          switch (inv.count()) {
            case 3 -> w = inv.scalar(2);
            case 4 -> {
              rows = inv.asLong(2);
              cols = inv.asLong(3);
            }
            case 5 -> {
              w = inv.scalar(2);
              rows = inv.asLong(3);
              cols = inv.asLong(4);
            }
            default -> {}
          }
          return one(new MatrixValue(Preprocess.ctable(inv.dense(0), inv.dense(1), w, rows, cols)));
        });
    add(
        "recode",
        List.of("arg", "orderPreserving"),
        2,
        2,
        (a, at) ->
            List.of(StaticType.matrix(ValueType.SI64), StaticType.matrix(a.get(0).valueType())),
        inv -> {
          DenseMatrix[] r = Preprocess.recode(inv.dense(0), inv.asBool(1));
          return List.of(new MatrixValue(r[0]), new MatrixValue(r[1]));
        });
    add(
        "oneHot",
        List.of("arg", "info"),
        2,
        2,
        (a, at) -> {
          Typing.requireNumeric("oneHot", a, at, 1);
          return matrixOf(
              a.get(0).valueType() == ValueType.STR ? ValueType.SI64 : a.get(0).valueType());
        },
        inv -> one(new MatrixValue(Preprocess.oneHot(inv.dense(0), inv.dense(1)))));
    add(
        "bin",
        List.of("arg", "numBins", "min", "max"),
        2,
        4,
        (a, at) -> {
          if (a.size() == 3) {
            throw new daphnegrid.dsl.ScriptException.Parse(
                at, "built-in function `bin` expects 2 or 4 arguments, but got 3");
          }
          Typing.requireNumeric("bin", a, at, 0, 1, 2, 3);
          return matrixOf(a.get(0).valueType());
        },
        inv ->
            one(
                new MatrixValue(
                    Preprocess.bin(
                        inv.dense(0),
                        inv.asLong(1),
                        inv.count() > 2 ? inv.scalar(2) : null,
                        inv.count() > 3 ? inv.scalar(3) : null))));
  }

  private static void unaryMatrix(String name, UnaryOperator<DenseMatrix> f) {
    add(
        name,
        List.of("arg"),
        1,
        1,
        (a, at) -> {
          Typing.requireMatrix(name, a.get(0), 0, at);
          return matrixOf(a.get(0).valueType());
        },
        inv -> one(new MatrixValue(f.apply(inv.dense(0)))));
  }

  /** A built-in of two matrices computed in their most general value type. */
  private static void binaryMatrix(String name, BinaryOperator<DenseMatrix> f) {
    add(
        name,
        List.of("lhs", "rhs"),
        2,
        2,
        (a, at) -> {
          Typing.requireMatrix(name, a.get(0), 0, at);
          Typing.requireMatrix(name, a.get(1), 1, at);
          return matrixOf(mg(a.get(0).valueType(), a.get(1).valueType()));
        },
        inv -> {
          MatrixValue x = inv.matrix(0);
          MatrixValue y = inv.matrix(1);
          ValueType t = ValueType.mostGeneral(x.type(), y.type());
          return one(new MatrixValue(f.apply(Casts.cast(x.dense(), t), Casts.cast(y.dense(), t))));
        });
  }
}
