package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;
import static daphnegrid.builtins.Builtins.one;
import static daphnegrid.builtins.Typing.matrixOf;
import static daphnegrid.builtins.Typing.mg;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.LinAlg;
import daphnegrid.kernels.Preprocess;
import daphnegrid.kernels.Quantization;
import daphnegrid.kernels.Reorg;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.Frames;
import daphnegrid.runtime.FrameValue;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Value;
import java.util.List;

/**
 * Reorganisation, linear algebra, preprocessing and quantization built-ins, and the {@code @}
 * operator.
 */
final class MatrixBuiltins implements BuiltinFamily {
  private static final MatrixBuiltins FAMILY = new MatrixBuiltins();

  private MatrixBuiltins() {}

  static void register() {
    List<String> arg = List.of("arg");
    List<String> lhsRhs = List.of("lhs", "rhs");
    add("@", lhsRhs, 2, 2, FAMILY, null);
    add("reshape", List.of("arg", "numRows", "numCols"), 3, 3, FAMILY, null);
    for (String name : List.of("t", "transpose", "reverse", "diagVector", "syrk", "eigen")) {
      add(name, arg, 1, 1, FAMILY, null);
    }
    for (String name : List.of("cbind", "rbind", "solve", "gemv")) {
      add(name, lhsRhs, 2, 2, FAMILY, null);
    }
    add("lowerTri", List.of("arg", "diag", "values"), 3, 3, FAMILY, null);
    add("upperTri", List.of("arg", "diag", "values"), 3, 3, FAMILY, null);
    add("replace", List.of("arg", "pattern", "replacement"), 3, 3, FAMILY, null);
    add("order", null, 4, -1, FAMILY, null);
    add("ctable", List.of("lhs", "rhs", "weight", "resNumRows", "resNumCols"), 2, 5, FAMILY, null);
    add("recode", List.of("arg", "orderPreserving"), 2, 2, FAMILY, null);
    add("oneHot", List.of("arg", "info"), 2, 2, FAMILY, null);
    add("bin", List.of("arg", "numBins", "min", "max"), 2, 4, FAMILY, null);
    add("quantize", List.of("arg", "min", "max"), 3, 3, FAMILY, null);
  }

  @Override
  public List<StaticType> type(Builtin b, List<StaticType> a, Span at) {
    String name = b.name();
    ValueType vt0 = a.get(0).valueType();
    if ((name.equals("cbind") || name.equals("rbind"))
        && (a.get(0).isFrame() || a.get(1).isFrame())) {
      FrameBuiltins.requireFrame(name, a.get(0), at);
      if (a.get(1).known() && !a.get(1).isFrame()) {
        throw Typing.compileError(
            at, "argument 2 of `" + name + "` must be a frame, got " + a.get(1).describe());
      }
      return Typing.one(StaticType.frame());
    }
    switch (name) {
      case "@":
      case "cbind":
      case "rbind":
      case "solve":
      case "gemv":
        Typing.requireMatrix(name, a.get(0), 0, at);
        Typing.requireMatrix(name, a.get(1), 1, at);
        return matrixOf(mg(vt0, a.get(1).valueType()));
      case "reshape":
        Typing.requireNumeric(name, a, at, 1, 2);
        return matrixOf(vt0);
      case "t":
      case "transpose":
      case "reverse":
      case "diagVector":
      case "syrk":
        Typing.requireMatrix(name, a.get(0), 0, at);
        return matrixOf(vt0);
      case "eigen":
        return List.of(StaticType.matrix(vt0), StaticType.matrix(vt0));
      case "lowerTri":
      case "upperTri":
        return matrixOf(vt0);
      case "replace":
        return matrixOf(mg(vt0, a.get(1).valueType(), a.get(2).valueType()));
      case "order":
        {
          if (a.size() % 2 != 0) {
            throw new ScriptException.Parse(
                at,
                "order expects an even number of arguments (arg, k key columns, k ascending"
                    + " flags, returnIndexes), got "
                    + a.size());
          }
          Scalar ri = a.get(a.size() - 1).constant();
          if (a.get(0).isFrame()) {
            if (ri == null) {
              throw new ScriptException.Compile(
                  at,
                  "order of a frame needs a constant returnIndexes (it decides the result type)");
            }
            return Typing.one(ri.isTrue() ? StaticType.matrix(ValueType.SIZE) : StaticType.frame());
          }
          return matrixOf(ri == null ? null : ri.isTrue() ? ValueType.SIZE : vt0);
        }
      case "ctable":
        Typing.requireNumeric(name, a, at, 0, 1, 2, 3, 4);
        return matrixOf(a.size() == 3 || a.size() == 5 ? a.get(2).valueType() : ValueType.F64);
      case "recode":
        return List.of(StaticType.matrix(ValueType.SI64), StaticType.matrix(vt0));
      case "oneHot":
        Typing.requireNumeric(name, a, at, 1);
        return matrixOf(vt0 == ValueType.STR ? ValueType.SI64 : vt0);
      case "quantize":
        // DAPHNE has one kernel: matrix<f32> with f32 bounds, no conversions
        Typing.requireMatrix(name, a.get(0), 0, at);
        for (int i = 0; i < 3; i++) {
          if (i > 0) {
            Typing.requireScalar(name, a.get(i), i, at);
          }
          Typing.requireValueType(name, a.get(i), i, ValueType.F32, at);
        }
        return matrixOf(ValueType.UI8);
      default: // bin
        if (a.size() == 3) {
          throw new ScriptException.Parse(
              at, "built-in function `bin` expects 2 or 4 arguments, but got 3");
        }
        Typing.requireNumeric(name, a, at, 0, 1, 2, 3);
        return matrixOf(vt0);
    }
  }

  @Override
  public boolean takesFrame(Builtin b, int index) {
    return switch (b.name()) {
      case "cbind", "rbind" -> true;
      case "order" -> index == 0;
      default -> false;
    };
  }

  @Override
  public List<Value> call(Builtin b, Invocation inv) {
    if (inv.arg(0) instanceof FrameValue) {
      return frameCall(b, inv);
    }
    switch (b.name()) {
      case "@":
        return one(inv.ops().matmul(inv.matrix(0), inv.matrix(1), inv.at()));
      case "reshape":
        return reshape(inv);
      case "t":
      case "transpose":
        return one(inv.ops().transpose(inv.matrix(0), inv.at()));
      case "reverse":
        return matrix(Reorg.reverse(inv.dense(0)));
      case "diagVector":
        return matrix(Reorg.diagVector(inv.dense(0)));
      case "syrk":
        return one(inv.ops().tmatmul(inv.matrix(0), inv.matrix(0), inv.at()));
      case "gemv":
        {
          MatrixValue x = inv.matrix(1);
          if (x.cols() != 1) {
            throw inv.error("gemv: the vector must have exactly one column");
          }
          return one(inv.ops().tmatmul(inv.matrix(0), x, inv.at()));
        }
      case "cbind":
      case "rbind":
      case "solve":
        {
          MatrixValue x = inv.matrix(0);
          MatrixValue y = inv.matrix(1);
          ValueType t = ValueType.mostGeneral(x.type(), y.type());
          DenseMatrix l = Casts.cast(x.dense(), t);
          DenseMatrix r = Casts.cast(y.dense(), t);
          return matrix(
              switch (b.name()) {
                case "cbind" -> Reorg.cbind(l, r);
                case "rbind" -> Reorg.rbind(l, r);
                default -> LinAlg.solve(l, r);
              });
        }
      case "eigen":
        {
          DenseMatrix[] r = LinAlg.eigen(inv.dense(0));
          return List.of(new MatrixValue(r[0]), new MatrixValue(r[1]));
        }
      case "lowerTri":
      case "upperTri":
        return one(
            inv.ops()
                .sparse()
                .triangle(
                    inv.matrix(0), b.name().equals("lowerTri"), inv.asBool(1), inv.asBool(2)));
      case "replace":
        {
          ValueType t = ValueType.mostGeneral(inv.matrix(0).type(), inv.scalar(1).type());
          t = ValueType.mostGeneral(t, inv.scalar(2).type());
          return matrix(Reorg.replace(Casts.cast(inv.dense(0), t), inv.scalar(1), inv.scalar(2)));
        }
      case "order":
        return order(inv);
      case "ctable":
        return ctable(inv);
      case "recode":
        {
          DenseMatrix[] r = Preprocess.recode(inv.dense(0), inv.asBool(1));
          return List.of(new MatrixValue(r[0]), new MatrixValue(r[1]));
        }
      case "oneHot":
        return matrix(Preprocess.oneHot(inv.dense(0), inv.dense(1)));
      case "quantize":
        return matrix(Quantization.quantize(inv.dense(0), f32(inv, 1), f32(inv, 2)));
      default: // bin
        return matrix(
            Preprocess.bin(
                inv.dense(0),
                inv.asLong(1),
                inv.count() > 2 ? inv.scalar(2) : null,
                inv.count() > 3 ? inv.scalar(3) : null));
    }
  }

  /** cbind, rbind and order with a frame as the first argument. */
  private static List<Value> frameCall(Builtin b, Invocation inv) {
    Frame f = FrameBuiltins.frame(inv, 0);
    switch (b.name()) {
      case "cbind":
        return one(new FrameValue(Frames.cbind(f, FrameBuiltins.frame(inv, 1))));
      case "rbind":
        return one(new FrameValue(Frames.rbind(f, FrameBuiltins.frame(inv, 1))));
      default: // order
        {
          int k = (inv.count() - 2) / 2;
          int[] keys = new int[k];
          boolean[] asc = new boolean[k];
          for (int i = 0; i < k; i++) {
            keys[i] = (int) inv.asLong(1 + i);
            asc[i] = inv.asBool(1 + k + i);
          }
          int[] perm = Frames.order(f, keys, asc);
          if (inv.asBool(inv.count() - 1)) {
            DenseMatrix out = DenseMatrix.allocate(ValueType.SIZE, perm.length, 1);
            for (int i = 0; i < perm.length; i++) {
              out.i64()[i] = perm[i];
            }
            return matrix(out);
          }
          return one(new FrameValue(f.gatherRows(perm)));
        }
    }
  }

  /** Argument i, which must be an f32 scalar (when the checker could not tell). */
  private static float f32(Invocation inv, int i) {
    Scalar s = inv.scalar(i);
    if (s.type() != ValueType.F32) {
      throw inv.error(
          "argument "
              + (i + 1)
              + " of `"
              + inv.name()
              + "` must be an f32 scalar, got "
              + s.type().dslName());
    }
    return (float) s.doubleValue();
  }

  private static List<Value> matrix(DenseMatrix m) {
    return one(new MatrixValue(m));
  }

  private static List<Value> reshape(Invocation inv) {
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
    return one(inv.ops().sparse().reshape(inv.matrix(0), m.reshape((int) r, (int) c)));
  }

  private static List<Value> order(Invocation inv) {
    int k = (inv.count() - 2) / 2;
    int[] keys = new int[k];
    boolean[] asc = new boolean[k];
    for (int i = 0; i < k; i++) {
      keys[i] = (int) inv.asLong(1 + i);
      asc[i] = inv.asBool(1 + k + i);
    }
    return matrix(Reorg.order(inv.dense(0), keys, asc, inv.asBool(inv.count() - 1)));
  }

  /** ctable(ys, xs[, weight][, numRows, numCols]): 2, 3, 4 or 5 arguments. */
  private static List<Value> ctable(Invocation inv) {
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
    return matrix(Preprocess.ctable(inv.dense(0), inv.dense(1), w, rows, cols));
  }
}
