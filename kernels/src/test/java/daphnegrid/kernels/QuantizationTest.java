package daphnegrid.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantizationTest {
  private static DenseMatrix f32(int rows, int cols, float... v) {
    DenseMatrix m = DenseMatrix.allocate(ValueType.F32, rows, cols);
    System.arraycopy(v, 0, m.f32(), 0, v.length);
    return m;
  }

  private static long[] codes(DenseMatrix m) {
    long[] out = new long[m.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = m.getLong(i);
    }
    return out;
  }

  /**
   * One cell's code, from spec 7.10 step by step in f32, with an independent rounding: halves away
   * from zero as floor(v + 1/2) in double, exact for any float in [0, 255].
   */
  private static long reference(float x, float min, float max) {
    float lo = Math.min(min, 0f);
    float hi = Math.max(max, 0f);
    float scale = (hi - lo) / 256f;
    float zero = (float) Math.floor(Math.max(0.0, Math.min(255.0, 255f - hi / scale)) + 0.5);
    float code = zero + x / scale;
    if (Float.isNaN(code)) {
      return 0;
    }
    return (long) Math.floor(Math.max(0f, Math.min(255f, code)) + 0.5);
  }

  @Test
  void daphnesKernelTest() {
    DenseMatrix q = Quantization.quantize(f32(2, 2, 0f, 1.0f, 0.5f, 1.1f), 0f, 1f);
    assertEquals(ValueType.UI8, q.type());
    assertEquals(2, q.rows());
    assertEquals(2, q.cols());
    assertArrayEquals(new long[] {0, 255, 128, 255}, codes(q));
  }

  @Test
  void handComputedCodes() {
    // [-1, 1]: scale 1/128, zero 127; the halves 127.5 and 126.5 round up
    DenseMatrix q =
        Quantization.quantize(
            f32(1, 7, -1f, 0f, 1f, 0.5f, -0.5f, 0.00390625f, -0.00390625f), -1f, 1f);
    assertArrayEquals(new long[] {0, 127, 255, 191, 63, 128, 127}, codes(q));
    // [2, 4] widens to [0, 4]: scale 1/64, zero 0
    q = Quantization.quantize(f32(4, 1, 2f, 4f, 1f, -1f), 2f, 4f);
    assertArrayEquals(new long[] {128, 255, 64, 0}, codes(q));
    // [-4, -2] widens to [-4, 0]: scale 1/64, zero 255
    q = Quantization.quantize(f32(2, 2, -4f, -2f, 0f, 1f), -4f, -2f);
    assertArrayEquals(new long[] {0, 127, 255, 255}, codes(q));
  }

  @Test
  void specialCells() {
    DenseMatrix q =
        Quantization.quantize(
            f32(1, 3, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY), -1f, 1f);
    assertArrayEquals(new long[] {0, 255, 0}, codes(q));
  }

  @Test
  void matchesTheCellByCellReference() {
    SplittableRandom r = new SplittableRandom(20260205L);
    float[][] ranges = {{0f, 1f}, {-1f, 1f}, {-3.7f, 0.2f}, {0.5f, 9f}, {-8f, -1f}, {-1e-3f, 1e3f}};
    for (int n : TestData.LENGTHS) {
      float[] v = TestData.toFloats(TestData.specials(n, n));
      for (float[] range : ranges) {
        float[] cells = v.clone();
        for (int i = 0; i < n; i++) {
          cells[i] = cells[i] * range[1] / 8 + (float) r.nextGaussian();
        }
        int cols = n % 3 == 0 && n > 0 ? 3 : 1;
        DenseMatrix q = Quantization.quantize(f32(n / cols, cols, cells), range[0], range[1]);
        assertEquals(n / cols, q.rows());
        assertEquals(cols, q.cols());
        for (int i = 0; i < n; i++) {
          assertEquals(
              reference(cells[i], range[0], range[1]),
              q.getLong(i),
              "cell " + cells[i] + " in [" + range[0] + ", " + range[1] + "]");
        }
      }
    }
  }

  @Test
  void emptyMatricesStayEmpty() {
    DenseMatrix q = Quantization.quantize(DenseMatrix.allocate(ValueType.F32, 0, 4), 0f, 1f);
    assertEquals(0, q.rows());
    assertEquals(4, q.cols());
    assertEquals(ValueType.UI8, q.type());
  }

  @Test
  void badArguments() {
    DenseMatrix x = f32(1, 1, 0.5f);
    KernelException e =
        assertThrows(
            KernelException.class,
            () -> Quantization.quantize(DenseMatrix.ofDoubles(1, 1, 0.5), 0f, 1f));
    assertEquals("quantize: the argument must be an f32 matrix, got f64", e.getMessage());
    e = assertThrows(KernelException.class, () -> Quantization.quantize(x, Float.NaN, 1f));
    assertEquals("quantize: min and max must be finite, got nan and 1", e.getMessage());
    e =
        assertThrows(
            KernelException.class, () -> Quantization.quantize(x, 0f, Float.POSITIVE_INFINITY));
    assertEquals("quantize: min and max must be finite, got 0 and inf", e.getMessage());
    e = assertThrows(KernelException.class, () -> Quantization.quantize(x, 0f, 0f));
    assertEquals("quantize: min must be below 0 or max above 0, got 0 and 0", e.getMessage());
    e = assertThrows(KernelException.class, () -> Quantization.quantize(x, 3f, -3f));
    assertEquals("quantize: min must be below 0 or max above 0, got 3 and -3", e.getMessage());
  }
}
