package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelImpl;
import daphnegrid.kernels.Kernels;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.dnn.Activations;
import daphnegrid.kernels.dnn.BatchNorm2d;
import daphnegrid.kernels.dnn.ConvGeometry;
import daphnegrid.kernels.dnn.Convolution;
import daphnegrid.kernels.dnn.Pooling;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.ScalarValue;
import daphnegrid.runtime.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The deep-neural-network built-ins, with DAPHNE's names, parameter names, argument order and
 * result counts (its DaphneDSLBuiltins): {@code conv2d}, {@code max_pool2d} and {@code avg_pool2d}
 * (three results: the output and its height and width), {@code batch_norm2d}, {@code affine},
 * {@code biasAdd}, {@code relu}, {@code softmax}, and the gradients {@code conv2d_backward_data},
 * {@code conv2d_backward_filter}, {@code max_pool2d_backward}, {@code avg_pool2d_backward} and
 * {@code batch_norm2d_backward} (three results: dX, dGamma, dBeta). Images are rows (layout: {@link
 * daphnegrid.kernels.dnn}); matrix arguments must all be f32 or all f64, as DAPHNE's kernels are.
 * The kernels run whole on the coordinator, on the local engine's threads, also with --distributed.
 */
final class DnnBuiltins implements BuiltinFamily {
  private static final DnnBuiltins FAMILY = new DnnBuiltins();

  /** The scalar parameters of pooling after input (and dOut for the gradients). */
  private static final List<String> POOL_SIZES =
      List.of(
          "numImages",
          "numChannels",
          "imgHeight",
          "imgWidth",
          "poolH",
          "poolW",
          "strideH",
          "strideW",
          "paddingH",
          "paddingW");

  private static final List<String> POOL_BACKWARD =
      List.of(
          "input",
          "dOut",
          "batchSize",
          "numChannels",
          "imgH",
          "imgW",
          "poolH",
          "poolW",
          "strideH",
          "strideW",
          "padH",
          "padW");

  private static final List<String> CONV_BACKWARD_SIZES =
      List.of(
          "strideH",
          "strideW",
          "padH",
          "padW",
          "inputBatchSize",
          "inputNumChannels",
          "inputH",
          "inputW",
          "filterNumFilters",
          "filterNumChannels",
          "filterH",
          "filterW");

  private DnnBuiltins() {}

  static void register() {
    add(
        "conv2d",
        List.of(
            "input",
            "filter",
            "numImages",
            "numChannels",
            "imgHeight",
            "imgWidth",
            "filterH",
            "filterW",
            "strideH",
            "strideW",
            "paddingH",
            "paddingW",
            "bias"),
        12,
        13,
        FAMILY,
        null);
    for (String name : List.of("max_pool2d", "avg_pool2d")) {
      add(name, concat(List.of("input"), POOL_SIZES), 11, 11, FAMILY, null);
    }
    for (String name : List.of("max_pool2d_backward", "avg_pool2d_backward")) {
      add(name, POOL_BACKWARD, 12, 12, FAMILY, null);
    }
    add(
        "conv2d_backward_filter",
        concat(List.of("input", "output"), CONV_BACKWARD_SIZES),
        14,
        14,
        FAMILY,
        null);
    add(
        "conv2d_backward_data",
        concat(List.of("filter", "output"), CONV_BACKWARD_SIZES),
        14,
        14,
        FAMILY,
        null);
    add(
        "batch_norm2d",
        List.of("input", "gamma", "beta", "emaMean", "emaVar", "eps"),
        6,
        6,
        FAMILY,
        null);
    add(
        "batch_norm2d_backward",
        List.of("mean", "invVar", "input", "dout", "gamma", "eps"),
        6,
        6,
        FAMILY,
        null);
    add("affine", List.of("input", "weights", "bias"), 3, 3, FAMILY, null);
    add("biasAdd", List.of("input", "bias"), 2, 2, FAMILY, null);
    add("relu", List.of("arg"), 1, 1, FAMILY, null);
    add("softmax", List.of("arg"), 1, 1, FAMILY, null);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> r = new ArrayList<>(a);
    r.addAll(b);
    return List.copyOf(r);
  }

  /** How many leading arguments are matrices (the rest are scalars), by built-in. */
  private static int matrixArgs(String name) {
    return switch (name) {
      case "conv2d" -> 2;
      case "max_pool2d", "avg_pool2d", "relu", "softmax" -> 1;
      case "batch_norm2d", "batch_norm2d_backward" -> 5;
      case "affine" -> 3;
      default -> 2; // biasAdd and the pooling and convolution gradients
    };
  }

  @Override
  public List<StaticType> type(Builtin b, List<StaticType> a, Span at) {
    String name = b.name();
    int matrices = matrixArgs(name);
    for (int i = 0; i < a.size(); i++) {
      boolean matrix = i < matrices || (name.equals("conv2d") && i == 12);
      if (matrix) {
        Typing.requireMatrix(name, a.get(i), i, at);
        ValueType vt = a.get(i).valueType();
        if (vt != null && vt != ValueType.F64 && vt != ValueType.F32) {
          throw new ScriptException.Compile(
              at,
              "argument "
                  + (i + 1)
                  + " of `"
                  + name
                  + "` must be a matrix of f32 or f64, got "
                  + a.get(i).describe());
        }
      } else {
        Typing.requireScalar(name, a.get(i), i, at);
        Typing.requireNumeric(name, a.get(i), i, at);
      }
    }
    // the result has the value type of the data argument (the output gradient for the gradients)
    int dataArg =
        switch (name) {
          case "conv2d_backward_data" -> 1;
          case "batch_norm2d_backward" -> 3;
          default -> 0;
        };
    StaticType data = StaticType.matrix(a.get(dataArg).valueType());
    return switch (name) {
      case "conv2d", "max_pool2d", "avg_pool2d" ->
          List.of(data, StaticType.scalar(ValueType.SIZE), StaticType.scalar(ValueType.SIZE));
      case "batch_norm2d_backward" -> List.of(data, data, data);
      default -> List.of(data);
    };
  }

  @Override
  public List<Value> call(Builtin b, Invocation inv) {
    String name = b.name();
    ForkJoinPool pool = inv.ops().computeThreads();
    switch (name) {
      case "conv2d":
        {
          DenseMatrix x = inv.dense(0);
          DenseMatrix filter = inv.dense(1);
          DenseMatrix bias = inv.count() > 12 ? inv.dense(12) : null;
          ConvGeometry g = geometry(inv, "filter", 2, 4, 6, 8, 10);
          DenseMatrix out =
              Convolution.forward(
                  x,
                  filter,
                  bias,
                  g,
                  Kernels.implFor((long) g.images() * filter.rows() * filter.cols() * g.outCells()),
                  pool,
                  buffer(inv, x, g.images(), (long) filter.rows() * g.outCells()));
          return withSize(out, g);
        }
      case "max_pool2d":
      case "avg_pool2d":
        {
          DenseMatrix x = inv.dense(0);
          ConvGeometry g = geometry(inv, "pool", 1, 3, 5, 7, 9);
          DenseMatrix out = buffer(inv, x, g.images(), (long) g.channels() * g.outCells());
          return withSize(Pooling.forward(name.startsWith("max"), x, g, pool, out), g);
        }
      case "max_pool2d_backward":
      case "avg_pool2d_backward":
        {
          DenseMatrix x = inv.dense(0);
          DenseMatrix dOut = inv.dense(1);
          ConvGeometry g = geometry(inv, "pool", 2, 4, 6, 8, 10);
          return one(Pooling.backward(name.startsWith("max"), x, dOut, g, pool));
        }
      case "conv2d_backward_filter":
      case "conv2d_backward_data":
        {
          DenseMatrix first = inv.dense(0);
          DenseMatrix dOut = inv.dense(1);
          // DAPHNE's order: stride, padding, input (batch, channels, h, w), filter (F, C, h, w)
          ConvGeometry g =
              ConvGeometry.of(
                  name,
                  "filter",
                  inv.asSize(6),
                  inv.asSize(7),
                  inv.asSize(8),
                  inv.asSize(9),
                  inv.asSize(12),
                  inv.asSize(13),
                  inv.asSize(2),
                  inv.asSize(3),
                  inv.asSize(4),
                  inv.asSize(5));
          long filters = inv.asSize(10);
          long filterChannels = inv.asSize(11);
          if (filters <= 0 || filters > Integer.MAX_VALUE) {
            throw inv.error(name + ": filterNumFilters must be positive, got " + filters);
          }
          if (filterChannels != g.channels()) {
            throw inv.error(
                name
                    + ": filterNumChannels ("
                    + filterChannels
                    + ") must equal inputNumChannels ("
                    + g.channels()
                    + ")");
          }
          int f = (int) filters;
          KernelImpl kernels =
              Kernels.implFor((long) g.images() * f * g.patchCells() * g.outCells());
          DenseMatrix r =
              name.endsWith("filter")
                  ? Convolution.backwardFilter(first, dOut, g, f, kernels, pool)
                  : Convolution.backwardData(first, dOut, g, f, kernels, pool);
          return one(r);
        }
      case "batch_norm2d":
        {
          DenseMatrix x = inv.dense(0);
          return one(
              BatchNorm2d.forward(
                  x,
                  inv.dense(1),
                  inv.dense(2),
                  inv.dense(3),
                  inv.dense(4),
                  inv.asDouble(5),
                  buffer(inv, x, x.rows(), x.cols())));
        }
      case "batch_norm2d_backward":
        {
          DenseMatrix[] r =
              BatchNorm2d.backward(
                  inv.dense(0),
                  inv.dense(1),
                  inv.dense(2),
                  inv.dense(3),
                  inv.dense(4),
                  inv.asDouble(5));
          return List.of(new MatrixValue(r[0]), new MatrixValue(r[1]), new MatrixValue(r[2]));
        }
      case "affine":
        return one(
            Activations.affine(
                inv.dense(0),
                inv.dense(1),
                inv.dense(2),
                Kernels.implFor((long) inv.dense(0).size() * inv.dense(1).cols()),
                pool));
      case "biasAdd":
        {
          DenseMatrix x = inv.dense(0);
          DenseMatrix bias = inv.dense(1);
          return one(
              Activations.biasAdd(x, bias, Kernels.impl(), buffer(inv, x, x.rows(), x.cols())));
        }
      case "relu":
        {
          DenseMatrix x = inv.dense(0);
          return one(Activations.relu(x, Kernels.impl(), buffer(inv, x, x.rows(), x.cols())));
        }
      default: // softmax
        return one(Activations.softmax(inv.dense(0)));
    }
  }

  /**
   * The geometry from five pairs of size arguments starting at the given indexes: (numImages,
   * numChannels), (height, width), (window h, w), (stride h, w), (padding h, w).
   */
  private static ConvGeometry geometry(
      Invocation inv, String window, int images, int hw, int win, int stride, int pad) {
    return ConvGeometry.of(
        inv.name(),
        window,
        inv.asSize(images),
        inv.asSize(images + 1),
        inv.asSize(hw),
        inv.asSize(hw + 1),
        inv.asSize(win),
        inv.asSize(win + 1),
        inv.asSize(stride),
        inv.asSize(stride + 1),
        inv.asSize(pad),
        inv.asSize(pad + 1));
  }

  /**
   * A result array of x's value type from the engine (a reused one where it has one), or null for a
   * kernel to allocate when x is not f32/f64 (the kernel then reports the value type).
   */
  private static DenseMatrix buffer(Invocation inv, DenseMatrix x, long rows, long cols) {
    if (!x.type().isFloat() || rows * cols > DenseMatrix.MAX_CELLS) {
      return null;
    }
    return inv.ops().resultMatrix(x.type(), rows, cols);
  }

  private static List<Value> one(DenseMatrix m) {
    return List.of(new MatrixValue(m));
  }

  private static List<Value> withSize(DenseMatrix m, ConvGeometry g) {
    return List.of(
        new MatrixValue(m),
        new ScalarValue(Scalar.size(g.outH())),
        new ScalarValue(Scalar.size(g.outW())));
  }
}
