package daphnegrid.kernels.dnn;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.KernelImpl;
import daphnegrid.kernels.MatMulKernels;
import daphnegrid.kernels.Parallel;
import daphnegrid.kernels.Transpose;
import daphnegrid.kernels.ValueType;
import java.util.concurrent.ForkJoinPool;

/**
 * 2D convolution (DaphneDSL {@code conv2d}) and its gradients ({@code conv2d_backward_data}, {@code
 * conv2d_backward_filter}) over a batch of images (layout: {@link daphnegrid.kernels.dnn}).
 *
 * <p>Image n's output is {@code filter (F x CRS) @ col_n (CRS x PQ)}, where col_n is the image's
 * patch matrix (im2col); it lands directly in row n of the result, whose layout (filter-major, then
 * output row and column) is exactly that product's. Images are independent: with a pool they are
 * split into one run per thread, each with its own patch buffer, and each product runs on its
 * thread; a batch smaller than the pool runs image by image with the product split over the pool
 * instead. The matrix product gives the same bits either way, so the result does not depend on the
 * pool. Each output cell is one fused multiply-add chain over (c, r, s) in order, plus the bias.
 */
public final class Convolution {
  private Convolution() {}

  /**
   * The convolution of the images x (N x CHW) with the filters (F x CRS), plus bias[f] (F cells, or
   * null for none) on every cell of output channel f: an N x (F * outH * outW) matrix, written into
   * out if that is not null (its cells are overwritten). Does not modify the other arguments.
   *
   * @throws KernelException if a shape does not fit g or the value types are not one of f32/f64
   */
  public static DenseMatrix forward(
      DenseMatrix x,
      DenseMatrix filter,
      DenseMatrix bias,
      ConvGeometry g,
      KernelImpl impl,
      ForkJoinPool pool,
      DenseMatrix out) {
    String op = "conv2d";
    ValueType t = DnnChecks.floatType(op, x, filter, bias);
    g.requireImages(op, "input", x);
    requireFilter(op, filter, filter.rows(), g);
    int f = filter.rows();
    if (bias != null) {
      DnnChecks.requireVector(op, "bias", bias, f, "filter");
    }
    int pq = g.outCells();
    DenseMatrix y = DnnChecks.output(out, t, g.images(), (long) f * pq);
    MatMulKernels mm = impl.matmul();
    perImage(
        g.images(),
        pool,
        () -> newBuffer(t, (long) g.patchCells() * pq),
        (n, col, gemmPool) -> {
          int o = n * f * pq;
          if (t == ValueType.F64) {
            F64Conv.im2col(x.f64(), n * g.imageCells(), g, (double[]) col);
            mm.gemm(
                filter.f64(), 0, (double[]) col, 0, y.f64(), o, f, g.patchCells(), pq, gemmPool);
            if (bias != null) {
              for (int k = 0; k < f; k++) {
                impl.elementwise()
                    .binaryScalar(
                        BinaryOp.ADD, y.f64(), o + k * pq, bias.f64()[k], y.f64(), o + k * pq, pq);
              }
            }
          } else {
            F32Conv.im2col(x.f32(), n * g.imageCells(), g, (float[]) col);
            mm.gemm(filter.f32(), 0, (float[]) col, 0, y.f32(), o, f, g.patchCells(), pq, gemmPool);
            if (bias != null) {
              for (int k = 0; k < f; k++) {
                impl.elementwise()
                    .binaryScalar(
                        BinaryOp.ADD, y.f32(), o + k * pq, bias.f32()[k], y.f32(), o + k * pq, pq);
              }
            }
          }
        });
    return y;
  }

  /**
   * The gradient of the convolution's input: for the filters (numFilters x CRS) and the output
   * gradient dOut (N x numFilters * outH * outW), an N x CHW matrix where each input cell gets the
   * sum of dOut times the filter weight over every output cell it contributed to. Image by image:
   * {@code t(filter) @ dOut_n}, folded back onto the image (col2im).
   */
  public static DenseMatrix backwardData(
      DenseMatrix filter,
      DenseMatrix dOut,
      ConvGeometry g,
      int numFilters,
      KernelImpl impl,
      ForkJoinPool pool) {
    String op = "conv2d_backward_data";
    ValueType t = DnnChecks.floatType(op, filter, dOut);
    requireFilter(op, filter, numFilters, g);
    g.requireOutput(op, "the output gradient", dOut, numFilters);
    int k = g.patchCells();
    int pq = g.outCells();
    DenseMatrix ft =
        Transpose.transpose(filter, DenseMatrix.allocate(t, filter.cols(), filter.rows()));
    DenseMatrix dx = DenseMatrix.allocate(t, g.images(), g.imageCells());
    MatMulKernels mm = impl.matmul();
    perImage(
        g.images(),
        pool,
        () -> newBuffer(t, (long) k * pq),
        (n, dcol, gemmPool) -> {
          int d = n * numFilters * pq;
          if (t == ValueType.F64) {
            mm.gemm(ft.f64(), 0, dOut.f64(), d, (double[]) dcol, 0, k, numFilters, pq, gemmPool);
            F64Conv.col2imAdd((double[]) dcol, g, dx.f64(), n * g.imageCells());
          } else {
            mm.gemm(ft.f32(), 0, dOut.f32(), d, (float[]) dcol, 0, k, numFilters, pq, gemmPool);
            F32Conv.col2imAdd((float[]) dcol, g, dx.f32(), n * g.imageCells());
          }
        });
    return dx;
  }

  /**
   * The gradient of the filters: for the images x (N x CHW) and the output gradient dOut (N x
   * numFilters * outH * outW), a numFilters x CRS matrix, the sum over images in order of {@code
   * dOut_n @ t(col_n)}. The per-image products are computed independently (in parallel with a pool)
   * and then added in image order, so the result does not depend on the pool.
   */
  public static DenseMatrix backwardFilter(
      DenseMatrix x,
      DenseMatrix dOut,
      ConvGeometry g,
      int numFilters,
      KernelImpl impl,
      ForkJoinPool pool) {
    String op = "conv2d_backward_filter";
    ValueType t = DnnChecks.floatType(op, x, dOut);
    g.requireImages(op, "input", x);
    g.requireOutput(op, "the output gradient", dOut, numFilters);
    if (numFilters <= 0) {
      throw new KernelException(op + ": the number of filters must be positive, got " + numFilters);
    }
    int k = g.patchCells();
    int pq = g.outCells();
    int fk = numFilters * k;
    if ((long) g.images() * fk > DenseMatrix.MAX_CELLS) {
      throw new KernelException(op + ": too many images for one call");
    }
    DenseMatrix parts = DenseMatrix.allocate(t, g.images(), fk);
    MatMulKernels mm = impl.matmul();
    perImage(
        g.images(),
        pool,
        () -> newBuffer(t, (long) pq * k),
        (n, rows, gemmPool) -> {
          int d = n * numFilters * pq;
          if (t == ValueType.F64) {
            F64Conv.im2row(x.f64(), n * g.imageCells(), g, (double[]) rows, 0);
            mm.gemm(
                dOut.f64(),
                d,
                (double[]) rows,
                0,
                parts.f64(),
                n * fk,
                numFilters,
                pq,
                k,
                gemmPool);
          } else {
            F32Conv.im2row(x.f32(), n * g.imageCells(), g, (float[]) rows, 0);
            mm.gemm(
                dOut.f32(), d, (float[]) rows, 0, parts.f32(), n * fk, numFilters, pq, k, gemmPool);
          }
        });
    DenseMatrix dw = DenseMatrix.allocate(t, numFilters, k);
    for (int n = 0; n < g.images(); n++) {
      if (t == ValueType.F64) {
        impl.elementwise().binary(BinaryOp.ADD, dw.f64(), 0, parts.f64(), n * fk, dw.f64(), 0, fk);
      } else {
        impl.elementwise().binary(BinaryOp.ADD, dw.f32(), 0, parts.f32(), n * fk, dw.f32(), 0, fk);
      }
    }
    return dw;
  }

  private static void requireFilter(String op, DenseMatrix filter, int numFilters, ConvGeometry g) {
    if (filter.cols() != g.patchCells()) {
      throw new KernelException(
          op
              + ": the filter has "
              + filter.cols()
              + " columns but numChannels*filterH*filterW is "
              + g.channels()
              + "*"
              + g.windowH()
              + "*"
              + g.windowW()
              + " = "
              + g.patchCells());
    }
    if (filter.rows() != numFilters || numFilters <= 0) {
      throw new KernelException(
          op + ": the filter has " + filter.rows() + " rows but filterNumFilters is " + numFilters);
    }
  }

  private static Object newBuffer(ValueType t, long cells) {
    if (cells > DenseMatrix.MAX_CELLS) {
      throw new KernelException("convolution: the patch matrix of one image is too large");
    }
    return t == ValueType.F64 ? new double[(int) cells] : new float[(int) cells];
  }

  /** The work for image n with a scratch buffer of its thread and the pool its product may use. */
  interface ImageWork {
    void run(int n, Object scratch, ForkJoinPool gemmPool);
  }

  /**
   * Runs work for every image: split over the pool's threads (one scratch buffer each, products on
   * their thread) when there are at least as many images as threads, else in order with each
   * product split over the pool.
   */
  static void perImage(
      int images, ForkJoinPool pool, java.util.function.Supplier<Object> scratch, ImageWork work) {
    int parts = Parallel.parts(pool);
    if (parts <= 1 || images < parts) {
      Object buf = scratch.get();
      for (int n = 0; n < images; n++) {
        work.run(n, buf, pool);
      }
      return;
    }
    Parallel.forEach(
        pool,
        parts,
        part -> {
          int lo = Parallel.cut(images, parts, part, 1);
          int hi = Parallel.cut(images, parts, part + 1, 1);
          if (lo < hi) {
            Object buf = scratch.get();
            for (int n = lo; n < hi; n++) {
              work.run(n, buf, null);
            }
          }
        });
  }
}
