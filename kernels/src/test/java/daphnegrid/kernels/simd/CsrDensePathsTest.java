package daphnegrid.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Kernels;
import daphnegrid.kernels.MatMulKernels;
import daphnegrid.kernels.Parallel;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrMatMul;
import daphnegrid.kernels.sparse.CsrMatrix;
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
 * x @ d for a CSR x and a dense d: the vector loops ({@link F64CsrDense}, ungated), the gated
 * implementation this JVM chose and the plain twin, each on 1 and 2 threads, against a naive
 * reference of the defined chain (per cell: +0, then add the rounded product per stored cell in
 * order), bit for bit, on values with rounding (so any other order or a fused multiply-add shows).
 * Column counts go around the vector length and the four-vector strip; rows include empty ones,
 * rows with one stored cell and a dense row; d holds -0.0, NaN and infinities in some cases.
 */
class CsrDensePathsTest {
  static final ForkJoinPool TWO_THREADS = new ForkJoinPool(2);
  static final MatMulKernels VECTOR = new SimdMatMul(); // ungated: the vector loops from the start
  static final MatMulKernels PLAIN = Kernels.plain().matmul();
  static final MatMulKernels CHOSEN = Kernels.impl().matmul();

  @AfterAll
  static void shutdown() {
    TWO_THREADS.shutdown();
  }

  static Stream<Arguments> shapes() {
    int vl = F64Gemm.VL;
    List<Arguments> s = new ArrayList<>();
    int[][] mk = {{1, 1}, {1, 9}, {9, 1}, {7, 13}, {40, 33}, {300, 257}};
    int[] ns = {1, 2, vl - 1, vl, vl + 1, 2 * vl + 3, 4 * vl - 1, 4 * vl, 4 * vl + 1, 5 * vl + 5};
    for (int[] d : mk) {
      for (int n : ns) {
        for (double p : new double[] {0.0, 0.05, 0.4, 1.0}) {
          s.add(Arguments.of(d[0], d[1], n, p, false));
        }
      }
      s.add(Arguments.of(d[0], d[1], 4 * vl, 0.4, true));
      s.add(Arguments.of(d[0], d[1], vl + 1, 0.4, true));
    }
    return s.stream();
  }

  @ParameterizedTest(name = "{0}x{1} @ {1}x{2}, density {3}, specials {4}")
  @MethodSource("shapes")
  void everyTwinGivesTheChainOfTheReference(int m, int k, int n, double p, boolean specials) {
    long seed = m * 1_000_003L + k * 1009L + n * 31L + (long) (p * 100);
    CsrMatrix x = randomCsr(m, k, p, seed);
    double[] d = randomDense(k, n, seed + 1, specials);
    double[] want = reference(x, d, n);
    for (MatMulKernels impl : new MatMulKernels[] {VECTOR, CHOSEN, PLAIN}) {
      for (ForkJoinPool pool : new ForkJoinPool[] {null, TWO_THREADS}) {
        double[] out = new double[m * n];
        java.util.Arrays.fill(out, 99.0); // overwritten, never read
        impl.csrDense(x.f64(), x.rowOffsets(), x.colIdxs(), d, n, out, m, pool);
        assertBits(want, out, impl.getClass().getSimpleName() + (pool == null ? "" : " pool"));
      }
    }
    DenseMatrix dm = DenseMatrix.wrap(ValueType.F64, k, n, d);
    assertBits(want, CsrMatMul.csrDense(x, dm, null).f64(), "CsrMatMul");
    assertBits(want, CsrMatMul.csrDense(x, dm, TWO_THREADS).f64(), "CsrMatMul pool");
  }

  /**
   * The f64 shapes' rows and inner sizes with column counts around the f32 vector length and strip
   * (twice the f64 ones), and seeded random shapes.
   */
  static Stream<Arguments> f32Shapes() {
    int vl = F32Gemm.VL;
    List<Arguments> s = new ArrayList<>();
    int[][] mk = {{1, 1}, {1, 9}, {9, 1}, {7, 13}, {40, 33}, {300, 257}};
    int[] ns = {1, 2, vl - 1, vl, vl + 1, 2 * vl + 3, 4 * vl - 1, 4 * vl, 4 * vl + 1, 5 * vl + 5};
    for (int[] d : mk) {
      for (int n : ns) {
        for (double p : new double[] {0.0, 0.05, 0.4, 1.0}) {
          s.add(Arguments.of(d[0], d[1], n, p, false));
        }
      }
      s.add(Arguments.of(d[0], d[1], 4 * vl, 0.4, true));
      s.add(Arguments.of(d[0], d[1], vl + 1, 0.4, true));
    }
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < 24; i++) {
      int m = 1 + rnd.nextInt(i % 3 == 0 ? 2 : 120);
      int k = 1 + rnd.nextInt(i % 3 == 1 ? 2 : 90);
      int n = 1 + rnd.nextInt(6 * vl);
      s.add(Arguments.of(m, k, n, rnd.nextDouble(), i % 4 == 0));
    }
    return s.stream();
  }

  @ParameterizedTest(name = "f32 {0}x{1} @ {1}x{2}, density {3}, specials {4}")
  @MethodSource("f32Shapes")
  void f32GivesTheChainOfTheReference(int m, int k, int n, double p, boolean specials) {
    long seed = m * 7L + k * 13L + n;
    CsrMatrix x64 = randomCsr(m, k, p, seed);
    float[] xv = new float[x64.nnz()];
    for (int i = 0; i < xv.length; i++) {
      xv[i] = (float) x64.f64()[i];
    }
    double[] d64 = randomDense(k, n, seed + 1, specials);
    float[] d = new float[d64.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) d64[i];
    }
    float[] want = new float[m * n];
    int[] off = x64.rowOffsets();
    int[] idx = x64.colIdxs();
    for (int r = 0; r < m; r++) {
      for (int j = 0; j < n; j++) {
        float acc = 0.0f;
        for (int q = off[r]; q < off[r + 1]; q++) {
          float prod = xv[q] * d[idx[q] * n + j];
          acc = acc + prod;
        }
        want[r * n + j] = acc;
      }
    }
    for (MatMulKernels impl : new MatMulKernels[] {VECTOR, CHOSEN, PLAIN}) {
      for (ForkJoinPool pool : new ForkJoinPool[] {null, TWO_THREADS}) {
        float[] out = new float[m * n];
        java.util.Arrays.fill(out, 99.0f); // overwritten, never read
        impl.csrDense(xv, off, idx, d, n, out, m, pool);
        for (int i = 0; i < want.length; i++) {
          if (!(Float.isNaN(want[i]) && Float.isNaN(out[i]))) {
            assertEquals(
                Float.floatToRawIntBits(want[i]),
                Float.floatToRawIntBits(out[i]),
                impl.getClass().getSimpleName() + (pool == null ? "" : " pool") + " cell " + i);
          }
        }
      }
    }
    // the vector loops directly, so a gate or a fallback cannot hide them
    float[] out = new float[m * n];
    F32CsrDense.rows(xv, off, idx, d, n, out, 0, m);
    for (int i = 0; i < want.length; i++) {
      if (!(Float.isNaN(want[i]) && Float.isNaN(out[i]))) {
        assertEquals(
            Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(out[i]), "F32CsrDense " + i);
      }
    }
  }

  @Test
  void f32KnownAnswerAndUnfusedChain() {
    // [[2 0 1], [0 0 0], [0 -1 0]] @ [[1 2], [3 4], [5 6]] = [[7 10], [0 0], [-3 -4]], on a d of
    // 4 * VL + 1 columns (the pattern repeated) so the strip, single-vector and tail loops all run
    int n = 4 * F32Gemm.VL + F32Gemm.VL + 1;
    float[] d = new float[3 * n];
    for (int j = 0; j < n; j++) {
      d[j] = j % 2 == 0 ? 1 : 2;
      d[n + j] = j % 2 == 0 ? 3 : 4;
      d[2 * n + j] = j % 2 == 0 ? 5 : 6;
    }
    float[] out = new float[3 * n];
    VECTOR.csrDense(
        new float[] {2, 1, -1}, new int[] {0, 2, 2, 3}, new int[] {0, 2, 1}, d, n, out, 3, null);
    for (int j = 0; j < n; j++) {
      assertEquals(j % 2 == 0 ? 7f : 10f, out[j], "row 0 col " + j);
      assertEquals(0f, out[n + j], "row 1 col " + j);
      assertEquals(j % 2 == 0 ? -3f : -4f, out[2 * n + j], "row 2 col " + j);
    }
    // -1 * 1, then 0.1f * 10 (rounds to 1.0f): 0; fused, the product's rounding error would stay
    float[] d2 = new float[2 * n];
    java.util.Arrays.fill(d2, 0, n, 1.0f);
    java.util.Arrays.fill(d2, n, 2 * n, 10.0f);
    float[] out2 = new float[n];
    VECTOR.csrDense(
        new float[] {-1.0f, 0.1f}, new int[] {0, 2}, new int[] {0, 1}, d2, n, out2, 1, null);
    assertTrue(Math.fma(0.1f, 10.0f, -1.0f) != 0f, "the case tells fused from unfused");
    for (float v : out2) {
      assertEquals(0.0f, v);
    }
  }

  @Test
  void knownAnswer() {
    // [[2 0 1], [0 0 0], [0 -1 0]] @ [[1 2], [3 4], [5 6]] = [[7 10], [0 0], [-3 -4]]
    CsrMatrix x =
        CsrMatrix.wrap(
            ValueType.F64,
            3,
            3,
            new int[] {0, 2, 2, 3},
            new int[] {0, 2, 1},
            new double[] {2, 1, -1});
    DenseMatrix d = DenseMatrix.wrap(ValueType.F64, 3, 2, new double[] {1, 2, 3, 4, 5, 6});
    assertArrayEquals(new double[] {7, 10, 0, 0, -3, -4}, CsrMatMul.csrDense(x, d, null).f64());
  }

  @Test
  void theChainIsNotFused() {
    // -1.0 * 1.0, then 0.1 * 10.0, which rounds to 1.0: the sum is 0; fused, fma(0.1, 10.0, -1.0)
    // would keep the product's rounding error (about 5.6e-17)
    CsrMatrix x =
        CsrMatrix.wrap(
            ValueType.F64, 1, 2, new int[] {0, 2}, new int[] {0, 1}, new double[] {-1.0, 0.1});
    int n = 4 * F64Gemm.VL + 1;
    double[] d = new double[2 * n];
    java.util.Arrays.fill(d, 0, n, 1.0);
    java.util.Arrays.fill(d, n, 2 * n, 10.0);
    double[] out = new double[n];
    VECTOR.csrDense(x.f64(), x.rowOffsets(), x.colIdxs(), d, n, out, 1, null);
    for (double v : out) {
      assertEquals(0.0, v);
    }
  }

  @Test
  void partsCoverTheRowsInOrderWithBalancedNonZeros() {
    // 1000 rows, the stored cells crowded into the first 100
    int m = 1000;
    int[] off = new int[m + 1];
    for (int r = 0; r < m; r++) {
      off[r + 1] = off[r] + (r < 100 ? 400 : 1);
    }
    ForkJoinPool four = new ForkJoinPool(4);
    try {
      assertEquals(4, Parallel.storedParts(off, m, four));
      List<int[]> ranges = java.util.Collections.synchronizedList(new ArrayList<>());
      Parallel.forEachStoredPart(off, m, four, (r0, r1) -> ranges.add(new int[] {r0, r1}));
      ranges.sort(java.util.Comparator.comparingInt(r -> r[0]));
      assertEquals(4, ranges.size());
      assertEquals(0, ranges.get(0)[0]);
      assertEquals(m, ranges.get(3)[1]);
      for (int t = 0; t < 4; t++) {
        if (t > 0) {
          assertEquals(ranges.get(t - 1)[1], ranges.get(t)[0]);
        }
        int cells = off[ranges.get(t)[1]] - off[ranges.get(t)[0]];
        assertTrue(Math.abs(cells - off[m] / 4) <= 400, "part " + t + " holds " + cells);
      }
    } finally {
      four.shutdown();
    }
    // few stored cells: one part
    assertEquals(1, Parallel.storedParts(new int[] {0, 5}, 1, TWO_THREADS));
  }

  /** The defined chain, written out. */
  static double[] reference(CsrMatrix x, double[] d, int n) {
    int m = x.rows();
    int[] off = x.rowOffsets();
    int[] idx = x.colIdxs();
    double[] v = x.f64();
    double[] out = new double[m * n];
    for (int r = 0; r < m; r++) {
      for (int j = 0; j < n; j++) {
        double acc = 0.0;
        for (int q = off[r]; q < off[r + 1]; q++) {
          double prod = v[q] * d[idx[q] * n + j];
          acc = acc + prod;
        }
        out[r * n + j] = acc;
      }
    }
    return out;
  }

  /**
   * m x k with about density p stored cells, every third row empty, row 1 (if any) with one stored
   * cell and the last row full; values with rounding, some negative.
   */
  static CsrMatrix randomCsr(int m, int k, double p, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] off = new int[m + 1];
    List<Integer> idx = new ArrayList<>();
    List<Double> val = new ArrayList<>();
    for (int r = 0; r < m; r++) {
      for (int c = 0; c < k; c++) {
        boolean store;
        if (r == m - 1 && m > 1) {
          store = true;
        } else if (r == 1) {
          store = c == k / 2;
        } else {
          store = r % 3 != 2 && rnd.nextDouble() < p;
        }
        if (store) {
          idx.add(c);
          val.add((rnd.nextDouble() - 0.3) * 1e3 * rnd.nextDouble());
        }
      }
      off[r + 1] = idx.size();
    }
    return CsrMatrix.wrap(
        ValueType.F64,
        m,
        k,
        off,
        idx.stream().mapToInt(Integer::intValue).toArray(),
        val.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static double[] randomDense(int k, int n, long seed, boolean specials) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] d = new double[k * n];
    for (int i = 0; i < d.length; i++) {
      d[i] = rnd.nextDouble() * 2 - 0.7;
      if (specials) {
        int pick = rnd.nextInt(40);
        if (pick == 0) {
          d[i] = -0.0;
        } else if (pick == 1) {
          d[i] = Double.NaN;
        } else if (pick == 2) {
          d[i] = rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        } else if (pick == 3) {
          d[i] = 1e308;
        }
      }
    }
    return d;
  }

  static void assertBits(double[] want, double[] got, String what) {
    assertEquals(want.length, got.length, what);
    for (int i = 0; i < want.length; i++) {
      // every NaN is the same value to DaphneDSL (the hardware may pick either operand's payload)
      boolean bothNaN = Double.isNaN(want[i]) && Double.isNaN(got[i]);
      if (!bothNaN && Double.doubleToRawLongBits(want[i]) != Double.doubleToRawLongBits(got[i])) {
        assertEquals(
            Double.doubleToRawLongBits(want[i]),
            Double.doubleToRawLongBits(got[i]),
            what + " cell " + i + ": " + want[i] + " vs " + got[i]);
      }
    }
  }
}
