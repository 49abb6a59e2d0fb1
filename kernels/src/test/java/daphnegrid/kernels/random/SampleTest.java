package daphnegrid.kernels.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** sample against the reference values of spec 9.3. */
class SampleTest {

  private static long[] si64(long range, long size, boolean replace, long seed) {
    DenseMatrix m = Generators.sample(Scalar.si64(range), size, replace, seed);
    assertEquals(size, m.rows());
    assertEquals(1, m.cols());
    return m.i64();
  }

  @Test
  void withoutReplacementIsSelectionSamplingThenShuffle() {
    assertArrayEquals(new long[] {4, 9, 2, 3, 0}, si64(10, 5, false, 42));
    assertArrayEquals(new long[] {4, 7, 1, 6, 2, 3, 0, 9, 5, 8}, si64(10, 10, false, 42));
    assertArrayEquals(new long[] {20, 32, 11, 80, 78, 43, 13}, si64(100, 7, false, 3));
  }

  @Test
  void withReplacement() {
    assertArrayEquals(new long[] {3, 7, 9, 1, 7, 7}, si64(10, 6, true, 42));
  }

  @Test
  void floatsBelowRange() {
    DenseMatrix m = Generators.sample(Scalar.f64(5.0), 3, true, 42);
    assertArrayEquals(
        new double[] {3.982714921439229, 0.9171739394668422, 3.8984549880633055}, m.f64());
  }

  @Test
  void floatsWithoutReplacementAreDistinct() {
    DenseMatrix m = Generators.sample(Scalar.f64(1e-300), 2000, false, 1);
    Set<Double> seen = new HashSet<>();
    for (double v : m.f64()) {
      assertTrue(v >= 0 && v < 1e-300);
      assertTrue(seen.add(v));
    }
    DenseMatrix f = Generators.sample(Scalar.ofDouble(ValueType.F32, 2.0), 1000, false, 1);
    assertEquals(ValueType.F32, f.type());
    Set<Float> fs = new HashSet<>();
    for (float v : f.f32()) {
      assertTrue(v >= 0 && v < 2.0f);
      assertTrue(fs.add(v));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ValueType.class,
      names = {"SI8", "UI8", "SI32", "UI32", "UI64", "SIZE"})
  void otherIntegerTypesDrawLikeSi64(ValueType t) {
    DenseMatrix m = Generators.sample(Scalar.ofLong(t, 100), 7, false, 3);
    assertEquals(t, m.type());
    long[] expected = {20, 32, 11, 80, 78, 43, 13};
    for (int i = 0; i < 7; i++) {
      assertEquals(expected[i], m.getLong(i));
    }
  }

  @Test
  void fullPermutationOfALargeRange() {
    long[] p = si64(70_000, 70_000, false, 5); // shuffle's one-draw-per-position branch
    boolean[] seen = new boolean[70_000];
    for (long v : p) {
      assertTrue(!seen[(int) v]);
      seen[(int) v] = true;
    }
  }

  @Test
  void validationErrors() {
    assertSampleError("size must be > 0", () -> si64(10, 0, true, 1));
    assertSampleError("range must be > 0", () -> si64(0, 3, true, 1));
    assertSampleError("range must be > 0", () -> si64(-5, 3, true, 1));
    assertSampleError("range must be > 0", () -> Generators.sample(Scalar.f64(0.0), 3, true, 1));
    assertSampleError("must not be smaller than size", () -> si64(3, 5, false, 1));
    assertSampleError(
        "floating-point values below range",
        () -> Generators.sample(Scalar.f64(Double.MIN_VALUE), 2, false, 1));
    assertEquals(5, si64(3, 5, true, 1).length);
  }

  private static void assertSampleError(String fragment, Runnable call) {
    KernelException e = assertThrows(KernelException.class, call::run);
    assertTrue(e.getMessage().startsWith("sample: "), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
