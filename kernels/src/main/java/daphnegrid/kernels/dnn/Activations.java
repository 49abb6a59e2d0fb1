package daphnegrid.kernels.dnn;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.KernelImpl;
import daphnegrid.kernels.ValueType;
import java.util.concurrent.ForkJoinPool;

/**
 * The per-cell and per-row layers: ReLU, softmax, bias addition per channel ({@code biasAdd}) and
 * the affine layer. ReLU and the additions run on the elementwise kernels of the given
 * implementation.
 */
public final class Activations {
  private Activations() {}

  /** max(x, 0) per cell (a NaN stays NaN), into out if that is not null (it may be x). */
  public static DenseMatrix relu(DenseMatrix x, KernelImpl impl, DenseMatrix out) {
    ValueType t = DnnChecks.floatType("relu", x);
    out = DnnChecks.output(out, t, x.rows(), x.cols());
    if (t == ValueType.F64) {
      impl.elementwise().binaryScalar(BinaryOp.MAX, x.f64(), 0, 0.0, out.f64(), 0, x.size());
    } else {
      impl.elementwise().binaryScalar(BinaryOp.MAX, x.f32(), 0, 0.0f, out.f32(), 0, x.size());
    }
    return out;
  }

  /** Softmax of every row: exp(x - row max) / the row's sum of those. Does not modify x. */
  public static DenseMatrix softmax(DenseMatrix x) {
    ValueType t = DnnChecks.floatType("softmax", x);
    DenseMatrix out = DenseMatrix.allocate(t, x.rows(), x.cols());
    if (t == ValueType.F64) {
      F64Norm.softmax(x.f64(), x.rows(), x.cols(), out.f64());
    } else {
      F32Norm.softmax(x.f32(), x.rows(), x.cols(), out.f32());
    }
    return out;
  }

  /**
   * x + bias[c] on every cell of channel c, where bias holds C values (C x 1 or 1 x C) and an input
   * row is C channels of equal size; into out if that is not null (it may be x).
   */
  public static DenseMatrix biasAdd(
      DenseMatrix x, DenseMatrix bias, KernelImpl impl, DenseMatrix out) {
    String op = "biasAdd";
    ValueType t = DnnChecks.floatType(op, x, bias);
    int c = bias.size();
    if (c == 0 || (bias.rows() != 1 && bias.cols() != 1) || x.cols() % c != 0) {
      throw new KernelException(
          op
              + ": bias must be a vector of one value per channel and the input's columns a"
              + " multiple of its length, got input "
              + x.rows()
              + "x"
              + x.cols()
              + " and bias "
              + bias.rows()
              + "x"
              + bias.cols());
    }
    int hw = x.cols() / c;
    out = DnnChecks.output(out, t, x.rows(), x.cols());
    for (int n = 0; n < x.rows(); n++) {
      for (int k = 0; k < c; k++) {
        int o = (n * c + k) * hw;
        if (t == ValueType.F64) {
          impl.elementwise()
              .binaryScalar(BinaryOp.ADD, x.f64(), o, bias.f64()[k], out.f64(), o, hw);
        } else {
          impl.elementwise()
              .binaryScalar(BinaryOp.ADD, x.f32(), o, bias.f32()[k], out.f32(), o, hw);
        }
      }
    }
    return out;
  }

  /**
   * x (N x D) @ weights (D x M) + bias (1 x M) on every row. Does not modify its arguments.
   *
   * @throws KernelException if the shapes do not line up
   */
  public static DenseMatrix affine(
      DenseMatrix x, DenseMatrix weights, DenseMatrix bias, KernelImpl impl, ForkJoinPool pool) {
    String op = "affine";
    ValueType t = DnnChecks.floatType(op, x, weights, bias);
    if (x.cols() != weights.rows()) {
      throw new KernelException(
          op
              + ": #cols of the input and #rows of the weights must be the same: "
              + x.rows()
              + "x"
              + x.cols()
              + " vs "
              + weights.rows()
              + "x"
              + weights.cols());
    }
    if (bias.rows() != 1 || bias.cols() != weights.cols()) {
      throw new KernelException(
          op
              + ": the bias must be 1x"
              + weights.cols()
              + " (one value per column of the weights), got "
              + bias.rows()
              + "x"
              + bias.cols());
    }
    DenseMatrix out = DenseMatrix.allocate(t, x.rows(), weights.cols());
    int m = x.rows();
    int n = weights.cols();
    if (t == ValueType.F64) {
      impl.matmul().gemm(x.f64(), 0, weights.f64(), 0, out.f64(), 0, m, x.cols(), n, pool);
      impl.elementwise()
          .binaryRowVector(BinaryOp.ADD, out.f64(), 0, bias.f64(), 0, out.f64(), 0, m, n);
    } else {
      impl.matmul().gemm(x.f32(), 0, weights.f32(), 0, out.f32(), 0, m, x.cols(), n, pool);
      impl.elementwise()
          .binaryRowVector(BinaryOp.ADD, out.f32(), 0, bias.f32(), 0, out.f32(), 0, m, n);
    }
    return out;
  }
}
