package daphnegrid.kernels.dnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.KernelImpl;
import daphnegrid.kernels.Kernels;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DNN kernels against the textbook definitions of {@link NaiveDnn} on random data, over
 * geometries with 1x1 images, one channel, padding, strides above 1 and widths that are not a
 * multiple of any vector length, for f64 and f32; the Vector API implementation against its plain
 * twin and a pool against none (bit for bit); and DAPHNE's own kernel-test answers.
 */
class DnnKernelsTest {
  static final KernelImpl PLAIN = Kernels.plain();
  static final KernelImpl SIMD = Kernels.simdOrNull();
  static final ForkJoinPool POOL = new ForkJoinPool(3);

  @AfterAll
  static void shutdown() {
    POOL.shutdown();
  }

  /** images, channels, height, width, windowH, windowW, strideH, strideW, padH, padW, filters */
  static final int[][] SHAPES = {
    {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1},
    {2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3},
    {3, 1, 5, 5, 3, 3, 1, 1, 1, 1, 2},
    {2, 3, 7, 13, 3, 3, 2, 2, 1, 1, 4},
    {5, 2, 9, 17, 2, 3, 1, 2, 0, 1, 5},
    {4, 3, 6, 33, 5, 4, 3, 1, 2, 0, 7},
    {1, 4, 11, 11, 3, 3, 1, 1, 1, 1, 9},
    {7, 2, 4, 65, 1, 1, 1, 3, 0, 0, 3},
    {2, 1, 3, 3, 3, 3, 1, 1, 0, 0, 1},
    {3, 2, 2, 2, 4, 4, 2, 2, 2, 2, 2}
  };

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (int[] s : SHAPES) {
      for (ValueType t : List.of(ValueType.F64, ValueType.F32)) {
        out.add(Arguments.of(s, t));
      }
    }
    return out.stream();
  }

  static ConvGeometry geometry(int[] s) {
    return ConvGeometry.of(
        "test", "filter", s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9]);
  }

  /**
   * Uniform values in [-1, 1), rounded to t's precision (so the reference sees what the kernel
   * does).
   */
  static double[] values(long seed, int n, ValueType t) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      double v = r.nextDouble() * 2 - 1;
      a[i] = t == ValueType.F32 ? (float) v : v;
    }
    return a;
  }

  static DenseMatrix matrix(ValueType t, int rows, int cols, double[] v) {
    DenseMatrix m = DenseMatrix.allocate(t, rows, cols);
    for (int i = 0; i < v.length; i++) {
      m.setDouble(i, v[i]);
    }
    return m;
  }

  static void assertClose(double[] expected, DenseMatrix actual, ValueType t, String what) {
    assertEquals(expected.length, actual.size(), what + ": cell count");
    double scale = 1;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    double tol = (t == ValueType.F32 ? 2e-5 : 1e-12) * scale;
    for (int i = 0; i < expected.length; i++) {
      double a = actual.getDouble(i);
      assertTrue(
          Math.abs(a - expected[i]) <= tol,
          what + " cell " + i + ": expected " + expected[i] + ", got " + a);
    }
  }

  static void assertSameBits(DenseMatrix a, DenseMatrix b, String what) {
    assertTrue(a.sameContents(b), what + ": results differ");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void convolutionMatchesTheDefinition(int[] s, ValueType t) {
    ConvGeometry g = geometry(s);
    int nf = s[10];
    double[] x = values(1, g.images() * g.imageCells(), t);
    double[] f = values(2, nf * g.patchCells(), t);
    double[] b = values(3, nf, t);
    DenseMatrix xm = matrix(t, g.images(), g.imageCells(), x);
    DenseMatrix fm = matrix(t, nf, g.patchCells(), f);
    DenseMatrix bm = matrix(t, nf, 1, b);
    DenseMatrix out = Convolution.forward(xm, fm, bm, g, SIMD, POOL, null);
    assertEquals(nf * g.outCells(), out.cols());
    assertClose(NaiveDnn.conv(x, f, b, nf, g), out, t, "conv2d");
    assertClose(
        NaiveDnn.conv(x, f, null, nf, g),
        Convolution.forward(xm, fm, null, g, SIMD, null, null),
        t,
        "conv2d without bias");
    assertSameBits(
        out, Convolution.forward(xm, fm, bm, g, PLAIN, null, null), "conv2d simd vs plain");

    double[] dOut = values(4, g.images() * nf * g.outCells(), t);
    DenseMatrix dm = matrix(t, g.images(), nf * g.outCells(), dOut);
    DenseMatrix dx = Convolution.backwardData(fm, dm, g, nf, SIMD, POOL);
    assertClose(NaiveDnn.convBackwardData(f, dOut, nf, g), dx, t, "conv2d_backward_data");
    assertSameBits(dx, Convolution.backwardData(fm, dm, g, nf, PLAIN, null), "backward data twin");
    DenseMatrix dw = Convolution.backwardFilter(xm, dm, g, nf, SIMD, POOL);
    assertClose(NaiveDnn.convBackwardFilter(x, dOut, nf, g), dw, t, "conv2d_backward_filter");
    assertSameBits(
        dw, Convolution.backwardFilter(xm, dm, g, nf, PLAIN, null), "backward filter twin");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void poolingMatchesTheDefinition(int[] s, ValueType t) {
    ConvGeometry g = geometry(s);
    double[] x = values(5, g.images() * g.imageCells(), t);
    DenseMatrix xm = matrix(t, g.images(), g.imageCells(), x);
    double[] dOut = values(6, g.images() * g.channels() * g.outCells(), t);
    DenseMatrix dm = matrix(t, g.images(), g.channels() * g.outCells(), dOut);
    for (boolean max : new boolean[] {true, false}) {
      String op = max ? "max" : "avg";
      DenseMatrix out = Pooling.forward(max, xm, g, POOL, null);
      assertClose(NaiveDnn.pool(max, x, g), out, t, op + "_pool2d");
      assertSameBits(out, Pooling.forward(max, xm, g, null, null), op + " pool vs serial");
      DenseMatrix dx = Pooling.backward(max, xm, dm, g, POOL);
      assertClose(NaiveDnn.poolBackward(max, x, dOut, g), dx, t, op + "_pool2d_backward");
      assertSameBits(dx, Pooling.backward(max, xm, dm, g, null), op + " backward vs serial");
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void normalizationAndActivationsMatchTheDefinition(int[] s, ValueType t) {
    int rows = s[0];
    int c = s[1];
    int hw = s[2] * s[3];
    double[] x = values(7, rows * c * hw, t);
    double[] gamma = values(8, c, t);
    double[] beta = values(9, c, t);
    double[] mean = values(10, c, t);
    double[] var = values(11, c, t);
    for (int i = 0; i < c; i++) {
      var[i] = Math.abs(var[i]) + 0.5;
    }
    DenseMatrix xm = matrix(t, rows, c * hw, x);
    DenseMatrix out =
        BatchNorm2d.forward(
            xm,
            matrix(t, c, 1, gamma),
            matrix(t, 1, c, beta),
            matrix(t, c, 1, mean),
            matrix(t, c, 1, var),
            1e-5,
            null);
    double[] bn = new double[x.length];
    double[] biased = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int ch = (i / hw) % c;
      bn[i] = gamma[ch] * (x[i] - mean[ch]) / Math.sqrt(var[ch] + 1e-5) + beta[ch];
      biased[i] = x[i] + beta[ch];
    }
    assertClose(bn, out, t, "batch_norm2d");
    DenseMatrix bm = matrix(t, c, 1, beta);
    assertClose(biased, Activations.biasAdd(xm, bm, SIMD, null), t, "biasAdd");
    assertSameBits(
        Activations.biasAdd(xm, bm, SIMD, null),
        Activations.biasAdd(xm, bm, PLAIN, null),
        "biasAdd twin");

    double[] relu = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      relu[i] = Math.max(0, x[i]);
    }
    assertClose(relu, Activations.relu(xm, SIMD, null), t, "relu");
    assertSameBits(
        Activations.relu(xm, SIMD, null), Activations.relu(xm, PLAIN, null), "relu twin");

    int cols = c * hw;
    double[] soft = new double[x.length];
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int j = 0; j < cols; j++) {
        sum += Math.exp(x[r * cols + j]);
      }
      for (int j = 0; j < cols; j++) {
        soft[r * cols + j] = Math.exp(x[r * cols + j]) / sum;
      }
    }
    assertClose(soft, Activations.softmax(xm), t, "softmax");

    int m = s[10];
    double[] w = values(12, cols * m, t);
    double[] b = values(13, m, t);
    double[] aff = new double[rows * m];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < m; j++) {
        double sum = 0;
        for (int k = 0; k < cols; k++) {
          sum += x[r * cols + k] * w[k * m + j];
        }
        aff[r * m + j] = sum + b[j];
      }
    }
    DenseMatrix wm = matrix(t, cols, m, w);
    DenseMatrix bv = matrix(t, 1, m, b);
    DenseMatrix affine = Activations.affine(xm, wm, bv, SIMD, POOL);
    assertClose(aff, affine, t, "affine");
    assertSameBits(affine, Activations.affine(xm, wm, bv, PLAIN, null), "affine twin");
  }

  /** dX, dGamma, dBeta against central differences of sum(dOut * batchnorm(x)) (f64). */
  @Test
  void batchNormBackwardIsTheGradient() {
    int n = 3;
    int c = 2;
    int hw = 5;
    double[] x = values(20, n * c * hw, ValueType.F64);
    double[] dOut = values(21, n * c * hw, ValueType.F64);
    double[] gamma = {0.7, -1.3};
    double[] beta = {0.2, 0.4};
    double eps = 1e-5;
    double[] mean = new double[c];
    double[] inv = new double[c];
    stats(x, n, c, hw, eps, mean, inv);
    DenseMatrix[] r =
        BatchNorm2d.backward(
            matrix(ValueType.F64, c, 1, mean),
            matrix(ValueType.F64, c, 1, inv),
            matrix(ValueType.F64, n, c * hw, x),
            matrix(ValueType.F64, n, c * hw, dOut),
            matrix(ValueType.F64, c, 1, gamma),
            eps);
    double h = 1e-6;
    for (int i = 0; i < x.length; i++) {
      double[] xp = x.clone();
      double[] xq = x.clone();
      xp[i] += h;
      xq[i] -= h;
      double num =
          (loss(xp, dOut, gamma, beta, n, c, hw, eps) - loss(xq, dOut, gamma, beta, n, c, hw, eps))
              / (2 * h);
      assertEquals(num, r[0].getDouble(i), 1e-6, "dX cell " + i);
    }
    for (int ch = 0; ch < c; ch++) {
      double[] gp = gamma.clone();
      double[] gq = gamma.clone();
      gp[ch] += h;
      gq[ch] -= h;
      double num =
          (loss(x, dOut, gp, beta, n, c, hw, eps) - loss(x, dOut, gq, beta, n, c, hw, eps))
              / (2 * h);
      assertEquals(num, r[1].getDouble(ch), 1e-6, "dGamma " + ch);
      double sum = 0;
      for (int k = 0; k < n; k++) {
        for (int j = 0; j < hw; j++) {
          sum += dOut[(k * c + ch) * hw + j];
        }
      }
      assertEquals(sum, r[2].getDouble(ch), 1e-12, "dBeta " + ch);
    }
  }

  static void stats(double[] x, int n, int c, int hw, double eps, double[] mean, double[] inv) {
    for (int ch = 0; ch < c; ch++) {
      double s = 0;
      for (int k = 0; k < n; k++) {
        for (int j = 0; j < hw; j++) {
          s += x[(k * c + ch) * hw + j];
        }
      }
      double mu = s / (n * hw);
      double v = 0;
      for (int k = 0; k < n; k++) {
        for (int j = 0; j < hw; j++) {
          double d = x[(k * c + ch) * hw + j] - mu;
          v += d * d;
        }
      }
      mean[ch] = mu;
      inv[ch] = 1 / Math.sqrt(v / (n * hw) + eps);
    }
  }

  static double loss(
      double[] x, double[] dOut, double[] gamma, double[] beta, int n, int c, int hw, double eps) {
    double[] mean = new double[c];
    double[] inv = new double[c];
    stats(x, n, c, hw, eps, mean, inv);
    double l = 0;
    for (int i = 0; i < x.length; i++) {
      int ch = (i / hw) % c;
      l += dOut[i] * (gamma[ch] * (x[i] - mean[ch]) * inv[ch] + beta[ch]);
    }
    return l;
  }

  /** DAPHNE's test/runtime/local/kernels/DNNConv2DForwardTest and DNNConv2DBackwardTest. */
  @Test
  void daphneConvolutionAnswers() {
    for (ValueType t : List.of(ValueType.F64, ValueType.F32)) {
      double[] x = new double[54];
      for (int i = 0; i < 54; i++) {
        x[i] = i % 27 + 1;
      }
      double[] f = {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1};
      ConvGeometry g = ConvGeometry.of("conv2d", "filter", 2, 3, 3, 3, 2, 2, 2, 2, 1, 1);
      DenseMatrix out =
          Convolution.forward(
              matrix(t, 2, 27, x), matrix(t, 1, 12, f), null, g, Kernels.impl(), null, null);
      assertArrayEquals(new double[] {30, 36, 48, 96, 30, 36, 48, 96}, doubles(out));

      double[] f2 = {1, 0, 0, 2, 2, 0, 0, 3, 3, 0, 0, 4, 5, 0, 0, 6, 6, 0, 0, 7, 7, 0, 0, 8};
      double[] dOut = {1, 2, 3, 4, 5, 6, 7, 8};
      ConvGeometry g1 = ConvGeometry.of("conv2d", "filter", 1, 3, 3, 3, 2, 2, 2, 2, 1, 1);
      DenseMatrix dx =
          Convolution.backwardData(
              matrix(t, 2, 12, f2), matrix(t, 1, 8, dOut), g1, 2, Kernels.impl(), null);
      assertArrayEquals(
          new double[] {
            32, 0, 40, 0, 44, 0, 48, 0, 56, 38, 0, 48, 0, 56, 0, 58, 0, 68, 44, 0, 56, 0, 68, 0, 68,
            0, 80
          },
          doubles(dx));
      double[] x1 = new double[27];
      for (int i = 0; i < 27; i++) {
        x1[i] = i % 9 + 1;
      }
      DenseMatrix dw =
          Convolution.backwardFilter(
              matrix(t, 1, 27, x1), matrix(t, 1, 8, dOut), g1, 2, Kernels.impl(), null);
      assertArrayEquals(
          new double[] {
            20, 36, 36, 64, 20, 36, 36, 64, 20, 36, 36, 64, 40, 76, 76, 144, 40, 76, 76, 144, 40,
            76, 76, 144
          },
          doubles(dw));
    }
  }

  /** DAPHNE's DNNPoolingTestForward (2x2, stride 2, padding 1) and DNNPoolingBackwardTest. */
  @Test
  void daphnePoolingAnswers() {
    double[] x = new double[150];
    for (int i = 0; i < 150; i++) {
      x[i] = i + 1;
    }
    ConvGeometry g = ConvGeometry.of("pool", "pool", 2, 3, 5, 5, 2, 2, 2, 2, 1, 1);
    DenseMatrix in = matrix(ValueType.F64, 2, 75, x);
    double[] max = doubles(Pooling.forward(true, in, g, null, null));
    assertArrayEquals(new double[] {1, 3, 5, 11, 13, 15, 21, 23, 25, 26}, slice(max, 10));
    assertEquals(150, max[53]);
    double[] avg = doubles(Pooling.forward(false, in, g, null, null));
    assertArrayEquals(
        new double[] {0.25, 1.25, 2.25, 4.25, 10, 12, 9.25, 20, 22, 6.5, 13.75}, slice(avg, 11));
    assertEquals(147, avg[53]);

    double[] x2 = new double[54];
    double[] d2 = new double[24];
    for (int i = 0; i < 54; i++) {
      x2[i] = i + 1;
    }
    for (int i = 0; i < 24; i++) {
      d2[i] = i % 12 + 1;
    }
    ConvGeometry g2 = ConvGeometry.of("pool", "pool", 2, 3, 3, 3, 2, 2, 2, 2, 1, 1);
    DenseMatrix xin = matrix(ValueType.F64, 2, 27, x2);
    DenseMatrix dm = matrix(ValueType.F64, 2, 12, d2);
    assertArrayEquals(
        new double[] {1, 0, 2, 0, 0, 0, 3, 0, 4, 5, 0, 6, 0, 0, 0, 7, 0, 8, 9, 0, 10, 0, 0, 0, 11},
        slice(doubles(Pooling.backward(true, xin, dm, g2, null)), 25));
    assertArrayEquals(
        new double[] {0.25, 0.5, 0.5, 0.75, 1, 1, 0.75, 1, 1, 1.25, 1.5, 1.5, 1.75, 2},
        slice(doubles(Pooling.backward(false, xin, dm, g2, null)), 14));
  }

  /** A reused result array with stale cells is overwritten completely; relu may write over x. */
  @Test
  void resultBuffersAreOverwrittenAndMayAliasTheInput() {
    int[] s = SHAPES[3];
    ConvGeometry g = geometry(s);
    int nf = s[10];
    double[] x = values(30, g.images() * g.imageCells(), ValueType.F64);
    double[] f = values(31, nf * g.patchCells(), ValueType.F64);
    DenseMatrix xm = matrix(ValueType.F64, g.images(), g.imageCells(), x);
    DenseMatrix fm = matrix(ValueType.F64, nf, g.patchCells(), f);
    DenseMatrix stale = DenseMatrix.allocate(ValueType.F64, g.images(), nf * g.outCells());
    java.util.Arrays.fill(stale.f64(), Double.NaN);
    DenseMatrix fresh = Convolution.forward(xm, fm, null, g, SIMD, POOL, null);
    assertTrue(Convolution.forward(xm, fm, null, g, SIMD, POOL, stale) == stale);
    assertSameBits(fresh, stale, "conv2d into a stale buffer");

    DenseMatrix pooled =
        DenseMatrix.allocate(ValueType.F64, g.images(), g.channels() * g.outCells());
    java.util.Arrays.fill(pooled.f64(), Double.NaN);
    assertSameBits(
        Pooling.forward(true, xm, g, null, null),
        Pooling.forward(true, xm, g, null, pooled),
        "max_pool2d into a stale buffer");

    DenseMatrix expected = Activations.relu(xm, SIMD, null);
    DenseMatrix copy = xm.copy();
    assertTrue(Activations.relu(copy, SIMD, copy) == copy);
    assertSameBits(expected, copy, "relu in place");
    assertThrows(
        IllegalArgumentException.class,
        () -> Activations.relu(xm, SIMD, DenseMatrix.allocate(ValueType.F64, 1, 1)));
  }

  @Test
  void badShapesAreRejectedWithTheirSizes() {
    ConvGeometry g = ConvGeometry.of("conv2d", "filter", 2, 1, 3, 3, 2, 2, 1, 1, 0, 0);
    DenseMatrix x = DenseMatrix.allocate(ValueType.F64, 2, 8);
    KernelException e =
        assertThrows(
            KernelException.class,
            () ->
                Convolution.forward(
                    x, DenseMatrix.allocate(ValueType.F64, 1, 4), null, g, PLAIN, null, null));
    assertTrue(e.getMessage().contains("8 columns"), e.getMessage());
    e =
        assertThrows(
            KernelException.class,
            () -> ConvGeometry.of("conv2d", "filter", 1, 1, 2, 2, 5, 1, 1, 1, 1, 0));
    assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    e =
        assertThrows(
            KernelException.class,
            () -> ConvGeometry.of("max_pool2d", "pool", 1, 1, 2, 2, 1, 1, 0, 1, 0, 0));
    assertEquals("max_pool2d: strideH must be positive, got 0", e.getMessage());
    e =
        assertThrows(
            KernelException.class,
            () -> Activations.relu(DenseMatrix.allocate(ValueType.SI64, 1, 1), PLAIN, null));
    assertEquals("relu is defined for matrices of f32 or f64 only, got si64", e.getMessage());
  }

  static double[] doubles(DenseMatrix m) {
    double[] a = new double[m.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = m.getDouble(i);
    }
    return a;
  }

  static double[] slice(double[] a, int n) {
    return java.util.Arrays.copyOf(a, n);
  }
}
