package daphnegrid.kernels.random;

import static daphnegrid.kernels.random.MatrixText.lines;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.format.NumberFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * rand against the reference values of spec 9.2 and the outputs of the conformance corpus
 * (generators/, aggregation/rand_aggregates, compare/count_with_sum, cumulative/cumsum_rand,
 * linalg/matmul_rand, scriptargs/args_drive_rand), recomputing the scripts' aggregates here.
 */
class RandTest {

  private static DenseMatrix f64(
      long rows, long cols, double min, double max, double sp, long seed) {
    return Generators.rand(rows, cols, Scalar.f64(min), Scalar.f64(max), sp, seed);
  }

  private static DenseMatrix si64(long rows, long cols, long min, long max, double sp, long seed) {
    return Generators.rand(rows, cols, Scalar.si64(min), Scalar.si64(max), sp, seed);
  }

  // ---- spec 9.2 reference values ----------------------------------------------------------------

  @Test
  void firstCellsOfSeed7() {
    double[] a = f64(1, 3, 0.0, 1.0, 1.0, 7).f64();
    assertArrayEquals(
        new double[] {0.22733907496470684, 0.31897222781086315, 0.97822289621420422}, a);
  }

  @Test
  void integerRand() {
    assertArrayEquals(
        new long[] {1, 7, 5, 2, 7, 10, 4, 1, 5, 2, 9, 5}, si64(3, 4, 0, 10, 1.0, 11).i64());
  }

  @Test
  void sparsityHalfKeepsPhaseOneValues() {
    assertEquals(
        lines(
            "DenseMatrix(2x5, double)",
            "0 0.329441 -0.611769 0.852566 -0.78965",
            "-0.548575 0 0 0 0"),
        MatrixText.of(f64(2, 5, -1.0, 1.0, 0.5, 11)));
  }

  @Test
  void lowSparsityDrawsValuesInCellOrder() {
    assertEquals(
        lines(
            "DenseMatrix(4x4, double)",
            "0 0 0.0551801 0",
            "0.831328 0.363737 0 0",
            "0 0.979445 0 0",
            "0 0 0 0"),
        MatrixText.of(f64(4, 4, 0.0, 1.0, 0.25, 5)));
  }

  @Test
  void floatRandTakesOneDrawPerCell() {
    DenseMatrix m =
        Generators.rand(
            1, 4, Scalar.ofDouble(ValueType.F32, 0), Scalar.ofDouble(ValueType.F32, 1), 1.0, 42);
    assertEquals(ValueType.F32, m.type());
    assertArrayEquals(new float[] {0.37454012f, 0.796543f, 0.9507143f, 0.18343478f}, m.f32());
    assertEquals(
        lines("DenseMatrix(1x4, float)", "0.37454 0.796543 0.950714 0.183435"), MatrixText.of(m));
  }

  @Test
  void largeMatrixAggregates() {
    double[] a = f64(10000, 1000, 0.0, 1.0, 1.0, 7).f64();
    assertEquals("5.00153e+06", NumberFormat.general6(sum(a, 0, a.length, 1)));
    assertEquals("5.5247e-08", NumberFormat.general6(min(a)));
    assertEquals("1", NumberFormat.general6(max(a)));
  }

  // ---- conformance corpus -----------------------------------------------------------------------

  @Test
  void corpusRandF64Exact() {
    assertEquals(
        lines(
            "DenseMatrix(3x4, double)",
            "0.796543 0.183435 0.779691 0.59685",
            "0.445833 0.0999749 0.459249 0.333709",
            "0.142867 0.650888 0.0564116 0.721999"),
        MatrixText.of(f64(3, 4, 0.0, 1.0, 1.0, 42)));
  }

  @Test
  void corpusRandInt() {
    assertEquals(
        lines("DenseMatrix(3x3, int64_t)", "19 7 2", "67 47 20", "73 93 43"),
        MatrixText.of(si64(3, 3, 1, 100, 1.0, 11)));
    assertEquals(
        lines("DenseMatrix(2x4, int64_t)", "-2 -3 3 2", "-2 -1 3 3"),
        MatrixText.of(si64(2, 4, -3, 3, 1.0, 5)));
  }

  @Test
  void corpusRandRange() {
    assertEquals(
        lines(
            "DenseMatrix(2x5, double)",
            "-2.72661 -1.81028 4.78223 -0.444151 -1.91987",
            "-2.36129 -4.13257 -0.806278 -4.8409 0.277648"),
        MatrixText.of(f64(2, 5, -5.0, 5.0, 1, 7)));
    assertEquals(
        lines("DenseMatrix(1x3, double)", "175.715 173.875 159.512"),
        MatrixText.of(f64(1, 3, 100.0, 200.0, 1.0, 2024)));
  }

  @Test
  void corpusRandSameSeed() {
    DenseMatrix a = f64(30, 20, 0.0, 1.0, 1.0, 314);
    DenseMatrix b = f64(30, 20, 0.0, 1.0, 1.0, 314);
    DenseMatrix c = f64(30, 20, 0.0, 1.0, 1.0, 315);
    int equalAb = 0;
    int equalAc = 0;
    for (int i = 0; i < 600; i++) {
      equalAb += a.f64()[i] == b.f64()[i] ? 1 : 0;
      equalAc += a.f64()[i] == c.f64()[i] ? 1 : 0;
    }
    assertEquals(600, equalAb);
    assertEquals(0, equalAc);
  }

  @Test
  void corpusRandSparsityHalf() {
    DenseMatrix x = f64(4, 5, 1.0, 2.0, 0.5, 3);
    assertEquals(
        lines(
            "DenseMatrix(4x5, double)",
            "0 0 1.12133 1.56931 1.43706",
            "0 0 1.24789 0 0",
            "1.14537 1.45317 0 0 1.49264",
            "1.9133 0 1.97365 0 1.55277"),
        MatrixText.of(x));
    assertEquals(10, countNonZero(x.f64()));
  }

  @Test
  void corpusRandSparsityHigh() {
    DenseMatrix x = f64(10, 10, -1.0, 1.0, 0.8, 19);
    double[] a = x.f64();
    assertEquals(20, a.length - countNonZero(a));
    StringBuilder top = new StringBuilder("DenseMatrix(3x10, double)\n");
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 10; c++) {
        top.append(c > 0 ? " " : "").append(NumberFormat.general6(a[r * 10 + c]));
      }
      top.append('\n');
    }
    assertEquals(
        lines(
            "DenseMatrix(3x10, double)",
            "0 -0.174514 0.430619 -0.484245 0.351265 0 -0.764929 -0.983703 0.960989 0.206488",
            "0.69803 0 -0.896453 0.433905 0 0.194912 0.734233 -0.0607566 -0.636964 0.0462156",
            "0 0.118729 0 0 -0.71321 0.949077 -0.334989 0.821511 0.222202 0"),
        top.toString());
    assertEquals("-0.183628", NumberFormat.general6(sum(a, 0, a.length, 1)));
  }

  @Test
  void corpusRandSparsityLowAndScriptArgs() {
    assertEquals(
        lines(
            "DenseMatrix(5x4, double)",
            "0 0 0.72254 0",
            "0.831948 0 0.734063 0.701009",
            "0 0 0 0",
            "0 0 0 0.193313",
            "0 0 0 0"),
        MatrixText.of(f64(5, 4, 0.0, 1.0, 0.25, 99)));
    DenseMatrix x = f64(3, 4, 0.0, 1.0, 1.0, 99); // scriptargs/args_drive_rand: X[0, ]
    assertEquals(
        lines("DenseMatrix(1x4, double)", "0.72254 0.831948 0.734063 0.701009"),
        MatrixText.of(DenseMatrix.wrap(ValueType.F64, 1, 4, x.f64())));
  }

  @Test
  void corpusRandLargeSums() {
    double[] a = f64(200, 300, 0.0, 1.0, 1.0, 2024).f64();
    assertEquals("29934.1", NumberFormat.general6(sum(a, 0, a.length, 1)));
    assertEquals("2.14768e-06", NumberFormat.general6(min(a)));
    assertEquals("0.99999", NumberFormat.general6(max(a)));
    assertEquals("146.795", NumberFormat.general6(sum(a, 0, 300, 1)));
    assertEquals("97.1847", NumberFormat.general6(sum(a, 299, a.length, 300)));
  }

  @Test
  void corpusRandAggregates() {
    double[] a = f64(50, 40, 0.0, 1.0, 1.0, 123).f64();
    double total = sum(a, 0, a.length, 1);
    assertEquals("1013.95", NumberFormat.general6(total));
    assertEquals("0.506974", NumberFormat.general6(total / 2000));
    assertEquals("0.000375329", NumberFormat.general6(min(a)));
    assertEquals("0.998679", NumberFormat.general6(max(a)));
    double maxColumnSum = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < 40; c++) {
      maxColumnSum = Math.max(maxColumnSum, sum(a, c, a.length, 40));
    }
    assertEquals("30.1107", NumberFormat.general6(maxColumnSum));
  }

  @Test
  void corpusCountWithSum() {
    double[] a = f64(20, 30, 0.0, 1.0, 1.0, 77).f64();
    int above = 0;
    int atMostTenth = 0;
    int middle = 0;
    int aboveNine = 0;
    for (double v : a) {
      above += v > 0.5 ? 1 : 0;
      atMostTenth += v <= 0.1 ? 1 : 0;
      middle += v > 0.25 && v < 0.75 ? 1 : 0;
      aboveNine += v > 0.9 ? 1 : 0;
    }
    assertEquals(297, above);
    assertEquals(52, atMostTenth);
    assertEquals(299, middle);
    assertEquals("0.113333", NumberFormat.general6(aboveNine / 600.0));
  }

  @Test
  void corpusCumsumRand() {
    double[] a = f64(6, 3, -1.0, 1.0, 1.0, 5).f64();
    assertEquals("-0.88964 0.662656 -0.272526", row(a, 0, 3));
    double[] colSums = {sum(a, 0, 18, 3), sum(a, 1, 18, 3), sum(a, 2, 18, 3)};
    assertEquals("-0.71252 -0.118573 1.11914", row(colSums, 0, 3));
  }

  @Test
  void corpusMatmulRand() {
    double[] a = f64(4, 3, 0.0, 1.0, 1.0, 1).f64();
    double[] b = f64(3, 5, -1.0, 1.0, 1.0, 2).f64();
    double[] ab = new double[20];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 5; j++) {
        for (int k = 0; k < 3; k++) {
          ab[i * 5 + j] += a[i * 3 + k] * b[k * 5 + j];
        }
      }
    }
    assertEquals("-1.19105 1.27845 0.183736 -0.0358229 -0.0540338", row(ab, 0, 5));
    assertEquals("-0.415704 1.04704 0.51821 0.0559564 0.00994584", row(ab, 15, 5));
    double[] gram = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int r = 0; r < 4; r++) {
          gram[i * 3 + j] += a[r * 3 + i] * a[r * 3 + j];
        }
      }
    }
    assertEquals("2.85918 1.69072 1.3308", row(gram, 0, 3));
    assertEquals("1.3308 1.00401 1.32408", row(gram, 6, 3));
  }

  // ---- value types, validation, seeds -----------------------------------------------------------

  @ParameterizedTest
  @EnumSource(
      value = ValueType.class,
      names = {"SI8", "UI8", "SI32", "UI32", "SI64", "UI64", "SIZE"})
  void integerTypesStayInRangeAndAvoidZero(ValueType t) {
    DenseMatrix m = Generators.rand(30, 40, Scalar.ofLong(t, 0), Scalar.ofLong(t, 5), 1.0, 13);
    assertEquals(t, m.type());
    for (int i = 0; i < m.size(); i++) {
      long v = m.getLong(i);
      assertTrue(v >= 1 && v <= 5, t + " value " + v);
    }
    // the same draws as si64: the distribution depends on the range only
    DenseMatrix ref = si64(30, 40, 0, 5, 1.0, 13);
    for (int i = 0; i < m.size(); i++) {
      assertEquals(ref.getLong(i), m.getLong(i));
    }
  }

  @Test
  void fullUnsignedRangeUsesUpscaling() {
    DenseMatrix m =
        Generators.rand(
            10, 10, Scalar.ofLong(ValueType.UI64, 0), Scalar.ofLong(ValueType.UI64, -1), 1.0, 3);
    Mt19937 g = new Mt19937(3);
    for (int i = 0; i < 100; i++) {
      long v;
      do {
        v = Distributions.uniformUnsigned(g, -1L);
      } while (v == 0);
      assertEquals(v, m.getLong(i));
    }
  }

  @Test
  void negativeSignedRanges() {
    DenseMatrix m =
        Generators.rand(
            20, 20, Scalar.ofLong(ValueType.SI8, -128), Scalar.ofLong(ValueType.SI8, -100), 1.0, 2);
    for (int i = 0; i < m.size(); i++) {
      assertTrue(m.getLong(i) >= -128 && m.getLong(i) <= -100);
    }
  }

  @Test
  void constantWhenMinEqualsMax() {
    DenseMatrix m = f64(3, 3, 2.5, 2.5, 1.0, 4);
    for (double v : m.f64()) {
      assertEquals(2.5, v);
    }
    DenseMatrix z = f64(3, 3, 2.5, 2.5, 0.0, 4);
    assertEquals(0, countNonZero(z.f64()));
  }

  @Test
  void sparsityRoundsTheNonZeroCount() {
    // 0.3 * 7 * 3 = 6.3 -> 6 non-zeros; 1 - 0.75 = 0.25 of 10 = 2.5 -> 3 zeros (away from zero)
    assertEquals(6, countNonZero(f64(3, 7, 0.0, 1.0, 0.3, 8).f64()));
    assertEquals(7, countNonZero(f64(2, 5, 0.0, 1.0, 0.75, 8).f64()));
    assertEquals(3, RandGenerator.roundHalfAway(2.5));
    assertEquals(0, RandGenerator.roundHalfAway(0.49999999999999994));
  }

  @Test
  void validationErrors() {
    assertRandError("numRows and numCols must be > 0", () -> f64(0, 3, 0, 1, 1, 1));
    assertRandError("numRows and numCols must be > 0", () -> f64(3, 0, 0, 1, 1, 1));
    assertRandError("min must be <= max", () -> f64(2, 2, 1.0, 0.0, 1.0, 1));
    assertRandError(
        "min must be <= max",
        () ->
            Generators.rand(
                1, 1, Scalar.ofLong(ValueType.UI8, 200), Scalar.ofLong(ValueType.UI8, 100), 1, 1));
    assertRandError("must not both be zero", () -> si64(2, 2, 0, 0, 1.0, 1));
    assertRandError("sparsity must be in [0, 1]", () -> f64(2, 2, 0, 1, 1.5, 1));
    assertRandError("sparsity must be in [0, 1]", () -> f64(2, 2, 0, 1, -0.1, 1));
    assertRandError("sparsity must be in [0, 1]", () -> f64(2, 2, 0, 1, Double.NaN, 1));
    assertRandError(
        "same value type", () -> Generators.rand(1, 1, Scalar.f64(0), Scalar.si64(1), 1, 1));
    assertRandError(
        "not supported", () -> Generators.rand(1, 1, Scalar.str("a"), Scalar.str("b"), 1, 1));
    // a negative min with max 0 is a valid integer range
    assertTrue(countNonZero(si64(1, 5, -2, 0, 1.0, 1).i64()) == 5);
  }

  @Test
  void seedMinusOneIsNondeterministic() {
    DenseMatrix a = f64(4, 4, 0, 1, 1, -1);
    DenseMatrix b = f64(4, 4, 0, 1, 1, -1);
    assertTrue(!a.sameContents(b));
  }

  private static void assertRandError(String fragment, Runnable call) {
    KernelException e = assertThrows(KernelException.class, call::run);
    assertTrue(e.getMessage().startsWith("rand: "), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  // ---- helpers --------------------------------------------------------------------------------

  static double sum(double[] a, int from, int to, int stride) {
    double s = 0;
    for (int i = from; i < to; i += stride) {
      s += a[i];
    }
    return s;
  }

  private static double min(double[] a) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : a) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static double max(double[] a) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : a) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static int countNonZero(double[] a) {
    int n = 0;
    for (double v : a) {
      n += v != 0 ? 1 : 0;
    }
    return n;
  }

  private static int countNonZero(long[] a) {
    int n = 0;
    for (long v : a) {
      n += v != 0 ? 1 : 0;
    }
    return n;
  }

  private static String row(double[] a, int from, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append(i > 0 ? " " : "").append(NumberFormat.general6(a[from + i]));
    }
    return sb.toString();
  }
}
