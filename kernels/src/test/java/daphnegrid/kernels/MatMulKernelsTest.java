package daphnegrid.kernels;

import static daphnegrid.kernels.TestData.assertBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Matrix products: the plain twin against the defining fma chain (a textbook triple loop, exact)
 * and against {@code sum += a * b} (within rounding), and the blocked vector kernels against the
 * plain twin bit for bit over shapes around the register tile (8 x 2 vectors), the k block (256)
 * and the thread split, with 1 and 2 threads. {@code simd.GemmPathsTest} declares shapes per GEMM
 * path in terms of the machine's vector length.
 */
class MatMulKernelsTest {
  static final MatMulKernels PLAIN = Kernels.plain().matmul();
  static final MatMulKernels SIMD = Kernels.simdOrNull().matmul();
  static final ForkJoinPool TWO = new ForkJoinPool(2);

  @AfterAll
  static void shutdown() {
    TWO.shutdown();
  }

  static Stream<Arguments> shapes() {
    int[][] s = {
      {0, 3, 4},
      {3, 0, 4},
      {3, 4, 0},
      {1, 1, 1},
      {1, 1, 2},
      {1, 9, 16},
      {5, 0, 1},
      {9, 1, 15},
      {17, 7, 31},
      {1, 300, 1},
      {1, 17, 33},
      {33, 17, 1},
      {7, 9, 15},
      {8, 8, 16},
      {9, 5, 17},
      {13, 13, 13},
      {16, 255, 31},
      {17, 256, 32},
      {15, 257, 33},
      {64, 64, 64},
      {65, 100, 47},
      {193, 129, 95},
      {207, 207, 207},
      {31, 520, 401},
      {300, 40, 702},
      {702, 13, 9},
      {250, 300, 260},
      {200, 20, 5},
      {1001, 20, 5},
      {5, 200, 20},
      {11, 3, 7},
      {9, 20, 9},
      {12, 7, 24},
      {17, 2, 15},
      {8, 6, 8},
      {16, 5, 3},
      {4, 64, 12}
    };
    return Stream.of(s).map(x -> Arguments.of(x[0], x[1], x[2]));
  }

  /** The definition: c[i][j] = fma chain over p in order, starting from +0. */
  static double[] chain(double[] a, double[] b, int m, int k, int n) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[i * k + p], b[p * n + j], s);
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  /** The f32 definition, as {@link #chain(double[], double[], int, int, int)}. */
  static float[] chain(float[] a, float[] b, int m, int k, int n) {
    float[] c = new float[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float s = 0f;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[i * k + p], b[p * n + j], s);
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  static double[] transpose(double[] a, int rows, int cols) {
    double[] t = new double[a.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = a[r * cols + c];
      }
    }
    return t;
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void gemmIsTheFmaChainOnAnyPathAndThreadCount(int m, int k, int n) {
    double[] a = TestData.doubles(m * 1000L + k, m * k);
    double[] b = TestData.doubles(n * 1000L + k + 1, k * n);
    double[] ref = chain(a, b, m, k, n);
    for (MatMulKernels mm : new MatMulKernels[] {PLAIN, SIMD}) {
      for (ForkJoinPool pool : new ForkJoinPool[] {null, TWO}) {
        double[] c = new double[m * n + 2];
        c[0] = 99; // offsets: c starts at 1, a and b are used from 0
        mm.gemm(a, 0, b, 0, c, 1, m, k, n, pool);
        assertBits(ref, 0, c, 1, m * n, mm.getClass().getSimpleName() + " pool " + pool);
        assertEquals(99.0, c[0]);
        assertEquals(0.0, c[m * n + 1]);
        // a and b inside larger arrays, c written in the middle of one
        double[] ao = new double[m * k + 10];
        System.arraycopy(a, 0, ao, 3, m * k);
        double[] bo = new double[k * n + 11];
        System.arraycopy(b, 0, bo, 5, k * n);
        double[] co = new double[m * n + 20];
        java.util.Arrays.fill(co, -7.0);
        mm.gemm(ao, 3, bo, 5, co, 9, m, k, n, pool);
        assertBits(ref, 0, co, 9, m * n, "offsets " + mm.getClass().getSimpleName());
        for (int i = 0; i < 9; i++) {
          assertEquals(-7.0, co[i]);
        }
        for (int i = 9 + m * n; i < co.length; i++) {
          assertEquals(-7.0, co[i]);
        }
      }
    }
    // f32: plain and vector agree bit for bit, with and without threads
    float[] fa = TestData.toFloats(a);
    float[] fb = TestData.toFloats(b);
    float[] p = new float[m * n];
    float[] v = new float[m * n];
    float[] v2 = new float[m * n];
    PLAIN.gemm(fa, 0, fb, 0, p, 0, m, k, n, null);
    SIMD.gemm(fa, 0, fb, 0, v, 0, m, k, n, null);
    SIMD.gemm(fa, 0, fb, 0, v2, 0, m, k, n, TWO);
    assertBits(p, v, "f32 gemm");
    assertBits(p, v2, "f32 gemm, 2 threads");
  }

  @Test
  void gemmIsCloseToTheTextbookSum() {
    int m = 120;
    int k = 333;
    int n = 77;
    double[] a = TestData.doubles(1, m * k);
    double[] b = TestData.doubles(2, k * n);
    double[] c = new double[m * n];
    SIMD.gemm(a, 0, b, 0, c, 0, m, k, n, null);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        double abs = 0;
        for (int p = 0; p < k; p++) {
          s += a[i * k + p] * b[p * n + j];
          abs += Math.abs(a[i * k + p] * b[p * n + j]);
        }
        assertEquals(s, c[i * n + j], 1e-14 * k * abs);
      }
    }
    double[] eye = new double[9];
    eye[0] = eye[4] = eye[8] = 1;
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    double[] y = new double[9];
    SIMD.gemm(x, 0, eye, 0, y, 0, 3, 3, 3, null);
    assertBits(x, y, "X @ I");
  }

  @Test
  void largeProductIsIdenticalOnOneAndTwoThreads() {
    int m = 530;
    int k = 600;
    int n = 610;
    double[] a = TestData.doubles(3, m * k);
    double[] b = TestData.doubles(4, k * n);
    double[] one = new double[m * n];
    double[] two = new double[m * n];
    double[] plain = new double[m * n];
    SIMD.gemm(a, 0, b, 0, one, 0, m, k, n, null);
    SIMD.gemm(a, 0, b, 0, two, 0, m, k, n, TWO);
    PLAIN.gemm(a, 0, b, 0, plain, 0, m, k, n, TWO);
    assertBits(one, two, "1 vs 2 threads");
    assertBits(plain, one, "plain vs vector");
    // a row tile of the product is the product of the row tile
    double[] tile = new double[100 * n];
    SIMD.gemm(a, 200 * k, b, 0, tile, 0, 100, k, n, null);
    assertBits(one, 200 * n, tile, 0, 100 * n, "row tile");
  }

  /**
   * The plain crossprod's register tiles (4 x 4 cells, continued over passes of 256 rows of a): on
   * widths that leave edge tiles and heights around a pass, with one part or two, into a c whose
   * old cells are NaN, every cell is the chain of the definition, f64 and f32 alike.
   */
  @ParameterizedTest
  @CsvSource({"1,1", "3,3", "255,4", "256,5", "257,9", "600,7", "513,100", "40,2", "1,6", "700,13"})
  void plainCrossprodTilesGiveTheChainsWhateverCHeld(int m, int n) {
    double[] a = TestData.doubles(m * 7L + n, m * n);
    double[] ata = chain(transpose(a, m, n), a, n, m, n);
    float[] f = TestData.toFloats(a);
    float[] fta = chain(TestData.toFloats(transpose(a, m, n)), f, n, m, n);
    for (ForkJoinPool pool : new ForkJoinPool[] {null, TWO}) {
      double[] c = new double[n * n];
      java.util.Arrays.fill(c, Double.NaN);
      PLAIN.crossprod(a, 0, m, n, c, 0, pool);
      assertBits(ata, c, "f64 crossprod");
      float[] g = new float[n * n];
      java.util.Arrays.fill(g, Float.NaN);
      PLAIN.crossprod(f, 0, m, n, g, 0, pool);
      assertBits(fta, g, "f32 crossprod");
    }
  }

  /**
   * The plain gemm's register tiles (4 x 4 cells, b in blocks of 256 x 256): on shapes that leave
   * edge tiles and cross a block in either direction, with one part or two, into a c whose old
   * cells are NaN, every cell is the chain of the definition, f64 and f32 alike.
   */
  @ParameterizedTest
  @CsvSource({
    "1,1,1",
    "3,5,2",
    "4,4,4",
    "7,257,9",
    "9,3,300",
    "40,100,8",
    "6,520,513",
    "33,256,256",
    "5,1,7"
  })
  void plainGemmTilesGiveTheChainsWhateverCHeld(int m, int k, int n) {
    double[] a = TestData.doubles(m * 13L + k, m * k);
    double[] b = TestData.doubles(n * 17L + k, k * n);
    double[] expected = chain(a, b, m, k, n);
    float[] fa = TestData.toFloats(a);
    float[] fb = TestData.toFloats(b);
    float[] fexpected = chain(fa, fb, m, k, n);
    for (ForkJoinPool pool : new ForkJoinPool[] {null, TWO}) {
      double[] c = new double[m * n];
      java.util.Arrays.fill(c, Double.NaN);
      PLAIN.gemm(a, 0, b, 0, c, 0, m, k, n, pool);
      assertBits(expected, c, "f64 gemm");
      float[] g = new float[m * n];
      java.util.Arrays.fill(g, Float.NaN);
      PLAIN.gemm(fa, 0, fb, 0, g, 0, m, k, n, pool);
      assertBits(fexpected, g, "f32 gemm");
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void symmetricProductsAreExactlySymmetricAndEqualGemm(int m, int k, int unused) {
    int n = k; // a is m x n
    double[] a = TestData.doubles(m * 31L + n, m * n);
    double[] at = transpose(a, m, n);
    double[] ata = chain(at, a, n, m, n);
    double[] aat = chain(a, at, m, n, m);
    for (MatMulKernels mm : new MatMulKernels[] {PLAIN, SIMD}) {
      for (ForkJoinPool pool : new ForkJoinPool[] {null, TWO}) {
        double[] c = new double[n * n];
        mm.crossprod(a, 0, m, n, c, 0, pool);
        double[] d = new double[m * m];
        mm.tcrossprod(a, 0, m, n, d, 0, pool);
        for (int i = 0; i < n; i++) {
          for (int j = i; j < n; j++) {
            assertBits(ata[i * n + j], c[i * n + j], "t(A) @ A upper");
            assertBits(c[i * n + j], c[j * n + i], "t(A) @ A symmetric");
          }
        }
        for (int i = 0; i < m; i++) {
          for (int j = i; j < m; j++) {
            assertBits(aat[i * m + j], d[i * m + j], "A @ t(A) upper");
            assertBits(d[i * m + j], d[j * m + i], "A @ t(A) symmetric");
          }
        }
      }
    }
    float[] f = TestData.toFloats(a);
    float[] p = new float[n * n];
    float[] v = new float[n * n];
    PLAIN.crossprod(f, 0, m, n, p, 0, null);
    SIMD.crossprod(f, 0, m, n, v, 0, TWO);
    assertBits(p, v, "f32 crossprod");
    float[] q = new float[m * m];
    float[] w = new float[m * m];
    PLAIN.tcrossprod(f, 0, m, n, q, 0, null);
    SIMD.tcrossprod(f, 0, m, n, w, 0, TWO);
    assertBits(q, w, "f32 tcrossprod");
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void gemvTransposedIsGemmOfTheTranspose(int m, int n, int unused) {
    double[] a = TestData.doubles(m + 7L * n, m * n);
    double[] x = TestData.doubles(5, m);
    double[] ref = chain(transpose(a, m, n), x, n, m, 1);
    for (MatMulKernels mm : new MatMulKernels[] {PLAIN, SIMD}) {
      double[] y = new double[n];
      mm.gemvTransposed(a, 0, m, n, x, 0, y, 0);
      assertBits(ref, y, "gemv");
      float[] fy = new float[n];
      mm.gemvTransposed(TestData.toFloats(a), 0, m, n, TestData.toFloats(x), 0, fy, 0);
      float[] py = new float[n];
      PLAIN.gemvTransposed(TestData.toFloats(a), 0, m, n, TestData.toFloats(x), 0, py, 0);
      assertBits(py, fy, "f32 gemv");
    }
    assertTrue(ref.length == n);
  }
}
