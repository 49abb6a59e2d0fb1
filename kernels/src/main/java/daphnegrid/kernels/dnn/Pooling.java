package daphnegrid.kernels.dnn;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import java.util.concurrent.ForkJoinPool;

/**
 * Max and average pooling (DaphneDSL {@code max_pool2d}, {@code avg_pool2d}) and their gradients
 * ({@code max_pool2d_backward}, {@code avg_pool2d_backward}), channel by channel; windows are
 * {@code windowH x windowW} of g. Padding cells count as 0 (see {@link F64Pool}). Images run in
 * parallel with a pool; each output cell is computed by one thread in a fixed order, so the pool
 * changes nothing but speed.
 */
public final class Pooling {
  private Pooling() {}

  /**
   * The pooled images: N x (C * outH * outW), the maximum (max) or average of every window. Does
   * not modify x; writes into out if that is not null (its cells are overwritten).
   */
  public static DenseMatrix forward(
      boolean max, DenseMatrix x, ConvGeometry g, ForkJoinPool pool, DenseMatrix out) {
    String op = max ? "max_pool2d" : "avg_pool2d";
    ValueType t = DnnChecks.floatType(op, x);
    g.requireImages(op, "input", x);
    int hw = g.height() * g.width();
    int pq = g.outCells();
    DenseMatrix y = DnnChecks.output(out, t, g.images(), (long) g.channels() * pq);
    Convolution.perImage(
        g.images(),
        pool,
        () -> null,
        (n, unused, p) -> {
          for (int c = 0; c < g.channels(); c++) {
            int xo = n * g.imageCells() + c * hw;
            int oo = (n * g.channels() + c) * pq;
            if (t == ValueType.F64) {
              F64Pool.forward(max, x.f64(), xo, g, y.f64(), oo);
            } else {
              F32Pool.forward(max, x.f32(), xo, g, y.f32(), oo);
            }
          }
        });
    return y;
  }

  /**
   * The gradient of the pooling's input (N x CHW) from the input x and the output gradient dOut (N
   * x C * outH * outW): max pooling routes each output gradient to the first maximum of its window,
   * average pooling spreads it evenly over the window. Does not modify x or dOut.
   */
  public static DenseMatrix backward(
      boolean max, DenseMatrix x, DenseMatrix dOut, ConvGeometry g, ForkJoinPool pool) {
    String op = max ? "max_pool2d_backward" : "avg_pool2d_backward";
    ValueType t = DnnChecks.floatType(op, x, dOut);
    g.requireImages(op, "input", x);
    g.requireOutput(op, "the output gradient", dOut, g.channels());
    int hw = g.height() * g.width();
    int pq = g.outCells();
    DenseMatrix dx = DenseMatrix.allocate(t, g.images(), g.imageCells());
    Convolution.perImage(
        g.images(),
        pool,
        () -> null,
        (n, unused, p) -> {
          for (int c = 0; c < g.channels(); c++) {
            int xo = n * g.imageCells() + c * hw;
            int d = (n * g.channels() + c) * pq;
            if (t == ValueType.F64) {
              F64Pool.backward(max, x.f64(), xo, dOut.f64(), d, g, dx.f64());
            } else {
              F32Pool.backward(max, x.f32(), xo, dOut.f32(), d, g, dx.f32());
            }
          }
        });
    return dx;
  }
}
