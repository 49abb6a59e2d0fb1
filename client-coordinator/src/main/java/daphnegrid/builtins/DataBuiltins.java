package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;
import static daphnegrid.builtins.Builtins.one;
import static daphnegrid.builtins.Typing.matrixOf;
import static daphnegrid.builtins.Typing.mg;

import daphnegrid.dsl.types.StaticType;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.LinAlg;
import daphnegrid.kernels.Reorg;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.random.Generators;
import daphnegrid.runtime.MatrixSource;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.ScalarValue;
import java.util.List;

/** Data generation and meta data: fill, seq, rand, sample, diagMatrix, nrow, typeOf, now, ... */
final class DataBuiltins {
  private DataBuiltins() {}

  static void register() {
    add(
        "fill",
        List.of("value", "numRows", "numCols"),
        3,
        3,
        (a, at) -> {
          Typing.requireScalar("fill", a.get(0), 0, at);
          return matrixOf(a.get(0).valueType());
        },
        inv ->
            one(
                inv.ops()
                    .generate(new MatrixSource.Fill(inv.scalar(0), inv.asSize(1), inv.asSize(2)))));
    add(
        "seq",
        List.of("from", "to", "inc"),
        2,
        3,
        (a, at) -> {
          ValueType inc = a.size() > 2 ? a.get(2).valueType() : ValueType.SI8;
          return matrixOf(mg(a.get(0).valueType(), a.get(1).valueType(), inc));
        },
        inv -> {
          Scalar inc = inv.count() > 2 ? inv.scalar(2) : Scalar.ofLong(ValueType.SI8, 1);
          return one(inv.ops().generate(MatrixSource.Seq.of(inv.scalar(0), inv.scalar(1), inc)));
        });
    add(
        "rand",
        List.of("numRows", "numCols", "min", "max", "sparsity", "seed"),
        6,
        6,
        (a, at) -> {
          ValueType lo = a.get(2).valueType();
          ValueType hi = a.get(3).valueType();
          if (lo != null && hi != null && lo != hi) {
            throw Typing.compileError(
                at,
                "rand: min and max must have the same value type, got "
                    + lo.dslName()
                    + " and "
                    + hi.dslName());
          }
          if (lo == ValueType.STR || lo == ValueType.BOOL) {
            throw Typing.compileError(at, "rand: " + lo.dslName() + " values are not supported");
          }
          return matrixOf(lo);
        },
        inv ->
            one(
                inv.ops()
                    .generate(
                        MatrixSource.Rand.of(
                            inv.asLong(0),
                            inv.asLong(1),
                            inv.scalar(2),
                            inv.scalar(3),
                            inv.asDouble(4),
                            inv.asLong(5)))));
    add(
        "sample",
        List.of("range", "size", "withReplacement", "seed"),
        4,
        4,
        (a, at) -> matrixOf(a.get(0).valueType()),
        inv ->
            one(
                new MatrixValue(
                    Generators.sample(
                        inv.scalar(0), inv.asLong(1), inv.asBool(2), inv.asLong(3)))));
    add(
        "diagMatrix",
        List.of("arg"),
        1,
        1,
        (a, at) -> matrixOf(a.get(0).valueType()),
        inv -> one(new MatrixValue(Reorg.diagMatrix(inv.dense(0)))));
    sizeOf("nrow", m -> m.rows());
    sizeOf("ncol", m -> m.cols());
    sizeOf("ncell", m -> (long) m.rows() * m.cols());
    add(
        "typeOf",
        List.of("arg"),
        1,
        1,
        (a, at) -> Typing.one(StaticType.scalar(ValueType.STR)),
        inv -> one(new ScalarValue(Scalar.str(inv.arg(0).typeName()))));
    add(
        "isSymmetric",
        List.of("arg"),
        1,
        1,
        (a, at) -> Typing.one(StaticType.scalar(ValueType.BOOL)),
        inv -> one(new ScalarValue(Scalar.bool(LinAlg.isSymmetric(inv.dense(0))))));
    add(
        "sparsity",
        List.of("arg"),
        1,
        1,
        (a, at) -> Typing.one(StaticType.scalar(ValueType.F64)),
        inv -> {
          inv.matrix(0);
          return one(new ScalarValue(Scalar.f64(-1.0)));
        });
    add(
        "now",
        null,
        0,
        0,
        (a, at) -> Typing.one(StaticType.scalar(ValueType.SI64)),
        inv -> {
          java.time.Instant t = java.time.Instant.now();
          long ns = t.getEpochSecond() * 1_000_000_000L + t.getNano();
          return one(new ScalarValue(Scalar.si64(ns)));
        });
    for (String profiling : List.of("startProfiling", "stopProfiling")) {
      add(profiling, List.of("region"), 0, 1, (a, at) -> Typing.none(), inv -> List.of());
    }
  }

  private interface Dim {
    long of(MatrixValue m);
  }

  private static void sizeOf(String name, Dim dim) {
    add(
        name,
        List.of("arg"),
        1,
        1,
        (a, at) -> {
          Typing.requireMatrix(name, a.get(0), 0, at);
          return List.of(StaticType.scalar(ValueType.SIZE));
        },
        inv -> one(new ScalarValue(Scalar.size(dim.of(inv.matrix(0))))));
  }

  static MatrixValue wrap(DenseMatrix m) {
    return new MatrixValue(m);
  }
}
