package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;
import static daphnegrid.builtins.Builtins.one;
import static daphnegrid.builtins.Typing.matrixOf;
import static daphnegrid.builtins.Typing.mg;

import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.kernels.LinAlg;
import daphnegrid.kernels.Reorg;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.random.Generators;
import daphnegrid.runtime.FrameValue;
import daphnegrid.runtime.MatrixSource;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.ScalarValue;
import daphnegrid.runtime.Value;
import java.util.List;

/** Data generation and meta data: fill, seq, rand, sample, diagMatrix, nrow, typeOf, now, ... */
final class DataBuiltins implements BuiltinFamily {
  private static final DataBuiltins FAMILY = new DataBuiltins();

  private DataBuiltins() {}

  static void register() {
    add("fill", List.of("value", "numRows", "numCols"), 3, 3, FAMILY, null);
    add("seq", List.of("from", "to", "inc"), 2, 3, FAMILY, null);
    add(
        "rand",
        List.of("numRows", "numCols", "min", "max", "sparsity", "seed"),
        6,
        6,
        FAMILY,
        null);
    add("sample", List.of("range", "size", "withReplacement", "seed"), 4, 4, FAMILY, null);
    for (String name :
        List.of("diagMatrix", "nrow", "ncol", "ncell", "typeOf", "isSymmetric", "sparsity")) {
      add(name, List.of("arg"), 1, 1, FAMILY, null);
    }
    add("now", null, 0, 0, FAMILY, null);
    add("startProfiling", List.of("region"), 0, 1, FAMILY, null);
    add("stopProfiling", List.of("region"), 0, 1, FAMILY, null);
  }

  @Override
  public List<StaticType> type(Builtin b, List<StaticType> a, Span at) {
    switch (b.name()) {
      case "fill":
        Typing.requireScalar("fill", a.get(0), 0, at);
        Typing.requireNumeric("fill", a, at, 1, 2);
        return matrixOf(a.get(0).valueType());
      case "seq":
        {
          Typing.requireNumeric("seq", a, at, 0, 1, 2);
          ValueType inc = a.size() > 2 ? a.get(2).valueType() : ValueType.SI8;
          return matrixOf(mg(a.get(0).valueType(), a.get(1).valueType(), inc));
        }
      case "rand":
        {
          Typing.requireNumeric("rand", a, at, 0, 1, 4, 5);
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
        }
      case "sample":
        Typing.requireNumeric("sample", a, at, 0, 1, 3);
        return matrixOf(a.get(0).valueType());
      case "diagMatrix":
        return matrixOf(a.get(0).valueType());
      case "nrow":
      case "ncol":
      case "ncell":
        if (!a.get(0).isFrame()) {
          Typing.requireMatrix(b.name(), a.get(0), 0, at);
        }
        return Typing.one(StaticType.scalar(ValueType.SIZE));
      case "typeOf":
        return Typing.one(StaticType.scalar(ValueType.STR));
      case "isSymmetric":
        return Typing.one(StaticType.scalar(ValueType.BOOL));
      case "sparsity":
        return Typing.one(StaticType.scalar(ValueType.F64));
      case "now":
        return Typing.one(StaticType.scalar(ValueType.SI64));
      default: // startProfiling, stopProfiling
        return Typing.none();
    }
  }

  @Override
  public boolean takesFrame(Builtin b, int index) {
    return switch (b.name()) {
      case "nrow", "ncol", "ncell", "typeOf" -> true;
      default -> false;
    };
  }

  @Override
  public List<Value> call(Builtin b, Invocation inv) {
    switch (b.name()) {
      case "fill":
        return one(
            inv.ops().generate(new MatrixSource.Fill(inv.scalar(0), inv.asSize(1), inv.asSize(2))));
      case "seq":
        {
          Scalar inc = inv.count() > 2 ? inv.scalar(2) : Scalar.ofLong(ValueType.SI8, 1);
          return one(inv.ops().generate(MatrixSource.Seq.of(inv.scalar(0), inv.scalar(1), inc)));
        }
      case "rand":
        {
          double sparsity = inv.asDouble(4);
          if (inv.ops().sparse().selection().choosesCsr(sparsity)) {
            // DAPHNE's sparse generator: other numbers than the dense one for the same seed;
            // a large result is made on the grid members, each making its rows
            return one(
                inv.ops()
                    .sparse()
                    .rand(
                        inv.asLong(0),
                        inv.asLong(1),
                        inv.scalar(2),
                        inv.scalar(3),
                        sparsity,
                        inv.asLong(5)));
          }
          return one(
              inv.ops()
                  .generate(
                      MatrixSource.Rand.of(
                          inv.asLong(0),
                          inv.asLong(1),
                          inv.scalar(2),
                          inv.scalar(3),
                          sparsity,
                          inv.asLong(5)))
                  .withKnownDensity(sparsity));
        }
      case "sample":
        return matrix(
            Generators.sample(inv.scalar(0), inv.asLong(1), inv.asBool(2), inv.asLong(3)));
      case "diagMatrix":
        return matrix(Reorg.diagMatrix(inv.dense(0)));
      case "nrow":
        if (inv.arg(0) instanceof FrameValue f) {
          return scalar(Scalar.size(f.rows()));
        }
        return scalar(Scalar.size(inv.matrix(0).rows()));
      case "ncol":
        if (inv.arg(0) instanceof FrameValue f) {
          return scalar(Scalar.size(f.cols()));
        }
        return scalar(Scalar.size(inv.matrix(0).cols()));
      case "ncell":
        if (inv.arg(0) instanceof FrameValue f) {
          return scalar(Scalar.size((long) f.rows() * f.cols()));
        }
        return scalar(Scalar.size(inv.matrix(0).cells()));
      case "typeOf":
        return scalar(Scalar.str(inv.arg(0).typeName()));
      case "isSymmetric":
        return scalar(Scalar.bool(LinAlg.isSymmetric(inv.dense(0))));
      case "sparsity":
        inv.matrix(0);
        return scalar(Scalar.f64(-1.0));
      case "now":
        {
          java.time.Instant t = java.time.Instant.now();
          return scalar(Scalar.si64(t.getEpochSecond() * 1_000_000_000L + t.getNano()));
        }
      default: // startProfiling, stopProfiling: no profiler here
        return List.of();
    }
  }

  private static List<Value> matrix(daphnegrid.kernels.DenseMatrix m) {
    return one(new MatrixValue(m));
  }

  private static List<Value> scalar(Scalar s) {
    return one(new ScalarValue(s));
  }
}
