package daphnegrid.kernels;

import static daphnegrid.kernels.TestData.assertBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Elementwise kernels: the plain twin against ElementOps cell by cell, and the vector kernels
 * against both, bit for bit, over every op, every broadcast shape and awkward lengths.
 */
class ElementwiseKernelsTest {
  static ElementwiseKernels plain;
  static ElementwiseKernels simd;

  @BeforeAll
  static void kernels() {
    plain = Kernels.plain().elementwise();
    KernelImpl v = Kernels.simdOrNull();
    assertNotNull(v, "tests run with --add-modules jdk.incubator.vector");
    simd = v.elementwise();
  }

  static Stream<Arguments> binaryCases() {
    return Arrays.stream(BinaryOp.values())
        .flatMap(op -> Arrays.stream(TestData.LENGTHS).mapToObj(n -> Arguments.of(op, n)));
  }

  static Stream<Arguments> unaryCases() {
    return Arrays.stream(UnaryOp.values())
        .filter(op -> !op.isStringOp())
        .flatMap(op -> Arrays.stream(TestData.LENGTHS).mapToObj(n -> Arguments.of(op, n)));
  }

  @ParameterizedTest
  @MethodSource("binaryCases")
  void matrixMatrixAndScalar(BinaryOp op, int n) {
    double[] a = TestData.specials(n, n);
    double[] b = TestData.specials(1000 + n, n);
    double[] ref = new double[n];
    for (int i = 0; i < n; i++) {
      ref[i] = ElementOps.f64(op, a[i], b[i]);
    }
    for (ElementwiseKernels k : new ElementwiseKernels[] {plain, simd}) {
      double[] out = new double[n + 3];
      k.binary(op, a, 0, b, 0, out, 2, n);
      assertBits(ref, 0, out, 2, n, op + " " + k.getClass().getSimpleName());
      assertEquals(0.0, out[0] + out[1] + out[n + 2], "cells outside the range stay untouched");
    }
    for (double s : new double[] {2.5, -0.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      double[] sref = new double[n];
      for (int i = 0; i < n; i++) {
        sref[i] = ElementOps.f64(op, a[i], s);
      }
      double[] o1 = new double[n];
      double[] o2 = new double[n];
      plain.binaryScalar(op, a, 0, s, o1, 0, n);
      simd.binaryScalar(op, a, 0, s, o2, 0, n);
      assertBits(sref, o1, op + " scalar plain " + s);
      assertBits(sref, o2, op + " scalar simd " + s);
    }
    // f32
    float[] fa = TestData.toFloats(a);
    float[] fb = TestData.toFloats(b);
    float[] fref = new float[n];
    float[] fs = new float[n];
    for (int i = 0; i < n; i++) {
      fref[i] = ElementOps.f32(op, fa[i], fb[i]);
      fs[i] = ElementOps.f32(op, fa[i], -1.5f);
    }
    for (ElementwiseKernels k : new ElementwiseKernels[] {plain, simd}) {
      float[] out = new float[n];
      k.binary(op, fa, 0, fb, 0, out, 0, n);
      assertBits(fref, out, op + " f32 " + k.getClass().getSimpleName());
      k.binaryScalar(op, fa, 0, -1.5f, out, 0, n);
      assertBits(fs, out, op + " f32 scalar " + k.getClass().getSimpleName());
    }
  }

  @ParameterizedTest
  @MethodSource("binaryCases")
  void broadcastRowAndColumnVectors(BinaryOp op, int cols) {
    for (int rows : new int[] {0, 1, 3, 17}) {
      double[] a = TestData.specials(rows * 31L + cols, rows * cols);
      double[] row = TestData.specials(7 + cols, cols);
      double[] col = TestData.specials(9 + rows, rows);
      double[] rref = new double[rows * cols];
      double[] cref = new double[rows * cols];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          rref[r * cols + c] = ElementOps.f64(op, a[r * cols + c], row[c]);
          cref[r * cols + c] = ElementOps.f64(op, a[r * cols + c], col[r]);
        }
      }
      for (ElementwiseKernels k : new ElementwiseKernels[] {plain, simd}) {
        double[] out = new double[rows * cols];
        k.binaryRowVector(op, a, 0, row, 0, out, 0, rows, cols);
        assertBits(rref, out, op + " row vector " + rows + "x" + cols);
        k.binaryColVector(op, a, 0, col, 0, out, 0, rows, cols);
        assertBits(cref, out, op + " column vector " + rows + "x" + cols);
      }
      float[] fa = TestData.toFloats(a);
      float[] frow = TestData.toFloats(row);
      float[] fcol = TestData.toFloats(col);
      float[] p = new float[rows * cols];
      float[] v = new float[rows * cols];
      plain.binaryRowVector(op, fa, 0, frow, 0, p, 0, rows, cols);
      simd.binaryRowVector(op, fa, 0, frow, 0, v, 0, rows, cols);
      assertBits(p, v, op + " f32 row vector");
      plain.binaryColVector(op, fa, 0, fcol, 0, p, 0, rows, cols);
      simd.binaryColVector(op, fa, 0, fcol, 0, v, 0, rows, cols);
      assertBits(p, v, op + " f32 column vector");
      for (int i = 0; i < p.length; i++) {
        assertBits(ElementOps.f32(op, fa[i], fcol[i / cols]), p[i], "f32 column reference");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("unaryCases")
  void unaryOps(UnaryOp op, int n) {
    double[] a = TestData.specials(n + 77, n);
    if (op == UnaryOp.SQRT || op == UnaryOp.LN) {
      a = Arrays.stream(a).map(x -> x < 0 ? -x : x).toArray(); // -(-0.0) is +0: in the domain
    } else if (op == UnaryOp.ASIN || op == UnaryOp.ACOS) {
      a = Arrays.stream(a).map(x -> Double.isNaN(x) ? x : Math.sin(x)).toArray();
    }
    double[] ref = new double[n];
    for (int i = 0; i < n; i++) {
      ref[i] = ElementOps.f64(op, a[i]);
    }
    float[] fa = TestData.toFloats(a);
    float[] fref = new float[n];
    for (int i = 0; i < n; i++) {
      fref[i] = ElementOps.f32(op, fa[i]);
    }
    for (ElementwiseKernels k : new ElementwiseKernels[] {plain, simd}) {
      double[] out = new double[n];
      k.unary(op, a, 0, out, 0, n);
      assertBits(ref, out, op + " " + k.getClass().getSimpleName());
      float[] fout = new float[n];
      k.unary(op, fa, 0, fout, 0, n);
      assertBits(fref, fout, op + " f32 " + k.getClass().getSimpleName());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = UnaryOp.class,
      names = {"SQRT", "LN", "ASIN", "ACOS"})
  void domainErrorsMatchElementOps(UnaryOp op) {
    for (int bad : new int[] {0, 5, 37, 699}) {
      double[] a = new double[702];
      Arrays.fill(a, 0.25);
      a[bad] = -3.5;
      String expected =
          assertThrows(KernelException.class, () -> ElementOps.f64(op, -3.5)).getMessage();
      for (ElementwiseKernels k : new ElementwiseKernels[] {plain, simd}) {
        KernelException e =
            assertThrows(KernelException.class, () -> k.unary(op, a, 0, new double[702], 0, 702));
        assertEquals(expected, e.getMessage());
        float[] fa = TestData.toFloats(a);
        KernelException f =
            assertThrows(KernelException.class, () -> k.unary(op, fa, 0, new float[702], 0, 702));
        assertEquals(expected, f.getMessage());
      }
    }
  }

  @Test
  void inPlaceUpdateOfTheLeftOperand() {
    double[] a = TestData.specials(5, 702);
    double[] b = TestData.specials(6, 702);
    for (BinaryOp op : BinaryOp.values()) {
      double[] ref = new double[702];
      plain.binary(op, a, 0, b, 0, ref, 0, 702);
      double[] x = a.clone();
      simd.binary(op, x, 0, b, 0, x, 0, 702);
      assertBits(ref, x, op + " out == a");
      double[] y = b.clone();
      simd.binary(op, a, 0, y, 0, y, 0, 702);
      assertBits(ref, y, op + " out == b");
    }
    double[] x = a.clone();
    simd.unary(UnaryOp.ABS, x, 0, x, 0, 702);
    for (int i = 0; i < 702; i++) {
      assertBits(Math.abs(a[i]), x[i], "abs in place");
    }
  }

  @Test
  void rowTilesOfALargerArray() {
    int rows = 50;
    int cols = 37;
    double[] a = TestData.specials(11, rows * cols);
    double[] row = TestData.specials(12, cols);
    double[] whole = new double[rows * cols];
    simd.binaryRowVector(BinaryOp.SUB, a, 0, row, 0, whole, 0, rows, cols);
    double[] tiled = new double[rows * cols];
    for (int r0 = 0; r0 < rows; r0 += 16) {
      int nr = Math.min(16, rows - r0);
      simd.binaryRowVector(BinaryOp.SUB, a, r0 * cols, row, 0, tiled, r0 * cols, nr, cols);
    }
    assertBits(whole, tiled, "tiles");
  }

  @Test
  void knownAnswersForNaNAndSignedZero() {
    double nan = Double.NaN;
    double[] a = {nan, 1, 0.0, -0.0, nan, 3, 3, -1, 2, 2, 2, 2, 2, 2, 2, 2, 2};
    double[] b = {1, nan, -0.0, 0.0, nan, 3, 4, -2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
    double[] min = new double[a.length];
    simd.binary(BinaryOp.MIN, a, 0, b, 0, min, 0, a.length);
    // std::min(a, b) = b < a ? b : a: NaN on the left stays, NaN on the right is ignored
    assertBits(nan, min[0], "min(NaN, 1)");
    assertBits(1.0, min[1], "min(1, NaN)");
    assertBits(0.0, min[2], "min(0, -0)");
    assertBits(-0.0, min[3], "min(-0, 0)");
    assertBits(-2.0, min[7], "min(-1, -2)");
    double[] ne = new double[a.length];
    simd.binary(BinaryOp.NE, a, 0, b, 0, ne, 0, a.length);
    assertEquals(1.0, ne[4], "NaN != NaN");
    assertEquals(0.0, ne[2], "0 != -0 is false");
  }
}
