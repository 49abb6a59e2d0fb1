package daphnegrid.kernels.dnn;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;

/**
 * 2D batch normalization (DaphneDSL {@code batch_norm2d}, inference form) and its gradient ({@code
 * batch_norm2d_backward}). The channel count C is the number of values in gamma; an input row of n
 * cells is C channels of n / C cells each.
 */
public final class BatchNorm2d {
  private BatchNorm2d() {}

  /**
   * gamma[c] * ((x - emaMean[c]) / sqrt(emaVar[c] + eps)) + beta[c] for every cell of channel c.
   * gamma, beta, emaMean and emaVar hold C values each (C x 1 or 1 x C). Writes into out if that is
   * not null (it may be x); does not modify the arguments otherwise.
   */
  public static DenseMatrix forward(
      DenseMatrix x,
      DenseMatrix gamma,
      DenseMatrix beta,
      DenseMatrix emaMean,
      DenseMatrix emaVar,
      double eps,
      DenseMatrix out) {
    String op = "batch_norm2d";
    ValueType t = DnnChecks.floatType(op, x, gamma, beta, emaMean, emaVar);
    int c = channels(op, x, gamma);
    DnnChecks.requireVector(op, "beta", beta, c, "channel");
    DnnChecks.requireVector(op, "emaMean", emaMean, c, "channel");
    DnnChecks.requireVector(op, "emaVar", emaVar, c, "channel");
    int hw = x.cols() / c;
    out = DnnChecks.output(out, t, x.rows(), x.cols());
    if (t == ValueType.F64) {
      F64Norm.batchNorm(
          x.f64(),
          x.rows(),
          c,
          hw,
          gamma.f64(),
          beta.f64(),
          emaMean.f64(),
          emaVar.f64(),
          eps,
          out.f64());
    } else {
      F32Norm.batchNorm(
          x.f32(),
          x.rows(),
          c,
          hw,
          gamma.f32(),
          beta.f32(),
          emaMean.f32(),
          emaVar.f32(),
          (float) eps,
          out.f32());
    }
    return out;
  }

  /**
   * The gradients {dX, dGamma, dBeta} of batch normalization, from the batch mean and invVar (1 /
   * sqrt(variance + eps)) per channel, the input x, the output gradient dOut and gamma. dX is
   * shaped like x; dGamma and dBeta are C x 1. eps is not used (invVar already includes it), as in
   * DAPHNE.
   */
  public static DenseMatrix[] backward(
      DenseMatrix mean,
      DenseMatrix invVar,
      DenseMatrix x,
      DenseMatrix dOut,
      DenseMatrix gamma,
      double eps) {
    String op = "batch_norm2d_backward";
    ValueType t = DnnChecks.floatType(op, mean, invVar, x, dOut, gamma);
    int c = channels(op, x, gamma);
    DnnChecks.requireVector(op, "mean", mean, c, "channel");
    DnnChecks.requireVector(op, "invVar", invVar, c, "channel");
    if (dOut.rows() != x.rows() || dOut.cols() != x.cols()) {
      throw new KernelException(
          op
              + ": the output gradient must have the input's shape "
              + x.rows()
              + "x"
              + x.cols()
              + ", got "
              + dOut.rows()
              + "x"
              + dOut.cols());
    }
    int hw = x.cols() / c;
    DenseMatrix dx = DenseMatrix.allocate(t, x.rows(), x.cols());
    DenseMatrix dGamma = DenseMatrix.allocate(t, c, 1);
    DenseMatrix dBeta = DenseMatrix.allocate(t, c, 1);
    if (t == ValueType.F64) {
      F64Norm.batchNormBackward(
          mean.f64(),
          invVar.f64(),
          x.f64(),
          dOut.f64(),
          gamma.f64(),
          x.rows(),
          c,
          hw,
          dx.f64(),
          dGamma.f64(),
          dBeta.f64());
    } else {
      F32Norm.batchNormBackward(
          mean.f32(),
          invVar.f32(),
          x.f32(),
          dOut.f32(),
          gamma.f32(),
          x.rows(),
          c,
          hw,
          dx.f32(),
          dGamma.f32(),
          dBeta.f32());
    }
    return new DenseMatrix[] {dx, dGamma, dBeta};
  }

  private static int channels(String op, DenseMatrix x, DenseMatrix gamma) {
    int c = gamma.size();
    if (c == 0 || (gamma.rows() != 1 && gamma.cols() != 1)) {
      throw new KernelException(
          op
              + ": gamma must be a vector of one value per channel, got "
              + gamma.rows()
              + "x"
              + gamma.cols());
    }
    if (x.cols() % c != 0) {
      throw new KernelException(
          op
              + ": the input's "
              + x.cols()
              + " columns are not a whole number of cells for each of the "
              + c
              + " channels");
    }
    return c;
  }
}
