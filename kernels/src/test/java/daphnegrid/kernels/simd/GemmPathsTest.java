package daphnegrid.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import daphnegrid.kernels.Kernels;
import daphnegrid.kernels.MatMulKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every path of {@link F64Gemm#path} and {@link F32Gemm#path} against the plain twin, bit for bit,
 * on 1 and 2 threads, with the operands inside larger arrays. Shapes are declared per path in terms
 * of each twin's own vector length and blocking constants (1 x 1, 1 x n, n x 1, k = 0, n not a
 * multiple of the vector length, every narrow n up to one vector, the register tile, k-block and
 * thread-split edges), and each first asserts the path it is meant to take: a change of the
 * cut-overs fails here instead of leaving a path untested.
 */
class GemmPathsTest {
  static final ForkJoinPool TWO_THREADS = new ForkJoinPool(2);
  static final MatMulKernels VECTOR = new SimdMatMul(); // ungated: always F64Gemm and F32Gemm
  static final MatMulKernels PLAIN = Kernels.plain().matmul();

  /** Where a, b and c start inside their arrays; the cells around c must stay as they were. */
  static final int A_OFF = 3;

  static final int B_OFF = 5;
  static final int C_OFF = 9;
  static final double UNTOUCHED = -7.0;

  /** The names of the path constants of both twins. */
  static final String[] PATHS = {"GEMV", "NARROW", "DIRECT", "PACKED"};

  @AfterAll
  static void shutdown() {
    TWO_THREADS.shutdown();
  }

  /** The GEMM twins, each read through its own constants and path choice. */
  enum Twin {
    F64,
    F32;

    Class<?> type() {
      return this == F64 ? F64Gemm.class : F32Gemm.class;
    }

    /** The twin's int or long constant of that name: VL, MR, NR, KC, MC, PACK_MIN_WORK, a path. */
    long constant(String name) {
      try {
        return type().getDeclaredField(name).getLong(null);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(type().getSimpleName() + " has no constant " + name, e);
      }
    }

    int path(int m, int k, int n) {
      return this == F64 ? F64Gemm.path(m, k, n) : F32Gemm.path(m, k, n);
    }

    /** c = a @ b by mk at the offsets above; f32 on float copies, widened back exactly. */
    void gemm(MatMulKernels mk, double[] a, double[] b, double[] c, int m, int k, int n, Pool p) {
      if (this == F64) {
        mk.gemm(a, A_OFF, b, B_OFF, c, C_OFF, m, k, n, p.pool());
        return;
      }
      float[] fc = floats(c);
      mk.gemm(floats(a), A_OFF, floats(b), B_OFF, fc, C_OFF, m, k, n, p.pool());
      for (int i = 0; i < c.length; i++) {
        c[i] = fc[i];
      }
    }
  }

  /** The thread counts the vector products run with. */
  enum Pool {
    ONE,
    TWO;

    ForkJoinPool pool() {
      return this == ONE ? null : TWO_THREADS;
    }
  }

  static float[] floats(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  /** The shapes {m, k, n} meant to take the named path of twin t. */
  static List<int[]> shapes(Twin t, String path) {
    int vl = (int) t.constant("VL");
    int mr = (int) t.constant("MR");
    int nr = (int) t.constant("NR");
    int kc = (int) t.constant("KC");
    int mc = (int) t.constant("MC");
    int below = Math.max(2, vl - 1); // a narrow n short of a whole vector (where vl > 2)
    List<int[]> s = new ArrayList<>();
    switch (path) {
      case "GEMV" -> { // n == 1
        s.add(new int[] {1, 1, 1});
        s.add(new int[] {1, 300, 1});
        s.add(new int[] {3, 0, 1});
        s.add(new int[] {4, vl + 1, 1});
        s.add(new int[] {mr + 3, 2 * vl - 1, 1});
        s.add(new int[] {33, 17, 1});
      }
      case "NARROW" -> { // n up to one vector
        s.add(new int[] {1, 1, 2});
        s.add(new int[] {1, 17, vl});
        s.add(new int[] {1, 0, below});
        s.add(new int[] {mr - 1, 300, vl});
        s.add(new int[] {mr, 1, vl});
        s.add(new int[] {2 * mr + 3, 4, vl});
        s.add(new int[] {300, 9, below});
        IntStream.rangeClosed(2, vl).forEach(n -> s.add(new int[] {mr + 1, 7, n}));
      }
      case "DIRECT" -> { // unpacked, n above one vector
        s.add(new int[] {1, 1, vl + 1});
        s.add(new int[] {1, 17, 2 * vl + 1});
        s.add(new int[] {3, 0, vl + 1});
        s.add(new int[] {3, 5, 2 * vl});
        s.add(new int[] {4, 9, 3 * vl - 1});
        s.add(new int[] {5, 13, 3 * vl});
        s.add(new int[] {mr - 1, 300, 2 * vl + 3}); // fewer rows than a register tile
        s.add(new int[] {mr, 20, vl + 1});
        s.add(new int[] {mr + 1, 13, 2 * vl + 1});
        s.add(new int[] {mr + 1, 4, 3 * vl + 1});
        s.add(new int[] {4 * mr + 1, 3, 5 * vl - 1});
      }
      case "PACKED" -> { // k raised where needed to reach the packing cut-over
        s.add(packed(t, mr, kc + 1, vl));
        s.add(packed(t, mr + 1, kc + 1, nr + 1));
        s.add(packed(t, 2 * mr - 1, 2 * kc + 1, nr - 1));
        s.add(packed(t, mc + 1, 29, 3 * vl - 1));
        s.add(packed(t, 70, 75, 4 * nr + 3)); // column split on two threads
        s.add(packed(t, 37, 2 * kc + 3, nr + 1)); // row split on two threads
      }
      default -> throw new IllegalArgumentException(path);
    }
    return s;
  }

  static int[] packed(Twin t, int m, int k, int n) {
    long cells = (long) m * n;
    long need = (t.constant("PACK_MIN_WORK") + cells - 1) / cells;
    return new int[] {m, (int) Math.max(k, need), n};
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Twin t : Twin.values()) {
      for (String path : PATHS) {
        for (int[] s : shapes(t, path)) {
          out.add(Arguments.of(t, path, s[0], s[1], s[2]));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}: {2} x {3} x {4}")
  @MethodSource("cases")
  void everyPathGivesThePlainBits(Twin t, String path, int m, int k, int n) {
    assertEquals(t.constant(path), t.path(m, k, n), m + " x " + k + " x " + n + " takes " + path);
    SplittableRandom r = new SplittableRandom(31L * m + 7L * k + n);
    double[] a = r.doubles(A_OFF + m * k + 7, -10, 10).toArray();
    double[] b = r.doubles(B_OFF + k * n + 6, -10, 10).toArray();
    double[] ref = new double[C_OFF + m * n + 11];
    java.util.Arrays.fill(ref, UNTOUCHED);
    t.gemm(PLAIN, a, b, ref, m, k, n, Pool.ONE);
    for (Pool p : Pool.values()) {
      double[] c = new double[ref.length];
      java.util.Arrays.fill(c, UNTOUCHED);
      t.gemm(VECTOR, a, b, c, m, k, n, p);
      for (int i = 0; i < c.length; i++) {
        if (Double.doubleToLongBits(ref[i]) != Double.doubleToLongBits(c[i])) {
          String cell = "cell " + (i - C_OFF) + " of " + m + " x " + n;
          fail(t + " " + path + " " + p + ": " + cell + ": " + ref[i] + " but was " + c[i]);
        }
      }
    }
  }

  /**
   * Shapes {m, k, n} for the staged products (partial sums between k-slices kept in a staging
   * buffer), run with a threshold of zero cells: more than one k-slice, edge tiles in both
   * directions, several row blocks, column and row splits on two threads.
   */
  static Stream<Arguments> stagedCases() {
    List<Arguments> out = new ArrayList<>();
    for (Twin t : Twin.values()) {
      int mr = (int) t.constant("MR");
      int nr = (int) t.constant("NR");
      int kc = (int) t.constant("KC");
      int mc = (int) t.constant("MC");
      int[][] shapes = {
        {mr, kc + 1, nr},
        {mr + 1, kc + 1, nr + 1},
        {2 * mr - 1, 2 * kc + 1, nr - 1},
        {mc + mr + 3, kc + 7, 3 * nr - 1},
        {70, 2 * kc, 4 * nr + 3},
        {37, 3 * kc + 3, nr + 1},
      };
      for (int[] sh : shapes) {
        for (boolean upper : new boolean[] {false, true}) {
          out.add(Arguments.of(t, sh[0], sh[1], sh[2], upper));
        }
      }
    }
    return out.stream();
  }

  /**
   * Staged products against the plain twin, bit for bit, on 1 and 2 threads: a @ b, and with upper
   * set the triangle products t(a) @ a mirror, as crossprod runs them.
   */
  @ParameterizedTest(name = "{0}: {1} x {2} x {3}, triangle {4}")
  @MethodSource("stagedCases")
  void stagedProductsGiveThePlainBits(Twin t, int m, int k, int n, boolean upper) {
    assertTrue(k > t.constant("KC"), "more than one k-slice");
    SplittableRandom r = new SplittableRandom(131L * m + 17L * k + n);
    int rows = upper ? k : m; // crossprod: a is k x n, c is n x n
    double[] a = r.doubles(A_OFF + (upper ? k * n : m * k) + 7, -10, 10).toArray();
    double[] b = r.doubles(B_OFF + k * n + 6, -10, 10).toArray();
    int cm = upper ? n : m;
    double[] ref = new double[C_OFF + cm * n + 11];
    java.util.Arrays.fill(ref, UNTOUCHED);
    staged(t, PLAIN, a, b, ref, rows, k, n, upper, Pool.ONE, false);
    for (Pool p : Pool.values()) {
      double[] c = new double[ref.length];
      java.util.Arrays.fill(c, UNTOUCHED);
      staged(t, VECTOR, a, b, c, rows, k, n, upper, p, true);
      for (int i = 0; i < c.length; i++) {
        if (Double.doubleToLongBits(ref[i]) != Double.doubleToLongBits(c[i])) {
          String cell = "cell " + (i - C_OFF) + " of " + cm + " x " + n;
          fail(t + " staged " + p + ": " + cell + ": " + ref[i] + " but was " + c[i]);
        }
      }
    }
  }

  /**
   * With vector set, the twin's blocked product itself with a staging threshold of zero; otherwise
   * mk's gemm (or crossprod of the k x n a, for upper).
   */
  static void staged(
      Twin t,
      MatMulKernels mk,
      double[] a,
      double[] b,
      double[] c,
      int m,
      int k,
      int n,
      boolean upper,
      Pool p,
      boolean vector) {
    if (!vector) {
      if (upper) {
        if (t == Twin.F64) {
          mk.crossprod(a, A_OFF, k, n, c, C_OFF, p.pool());
        } else {
          float[] fc = floats(c);
          mk.crossprod(floats(a), A_OFF, k, n, fc, C_OFF, p.pool());
          widen(fc, c);
        }
      } else {
        t.gemm(mk, a, b, c, m, k, n, p);
      }
      return;
    }
    if (t == Twin.F64) {
      if (upper) {
        F64Gemm.multiply(a, A_OFF, 1, n, a, A_OFF, n, 1, c, C_OFF, n, n, k, true, p.pool(), 0);
        daphnegrid.kernels.plain.F64MatMul.mirrorUpper(c, C_OFF, n);
      } else {
        F64Gemm.multiply(a, A_OFF, k, 1, b, B_OFF, n, 1, c, C_OFF, m, n, k, false, p.pool(), 0);
      }
      return;
    }
    float[] fa = floats(a);
    float[] fc = floats(c);
    if (upper) {
      F32Gemm.multiply(fa, A_OFF, 1, n, fa, A_OFF, n, 1, fc, C_OFF, n, n, k, true, p.pool(), 0);
      daphnegrid.kernels.plain.F32MatMul.mirrorUpper(fc, C_OFF, n);
    } else {
      float[] fb = floats(b);
      F32Gemm.multiply(fa, A_OFF, k, 1, fb, B_OFF, n, 1, fc, C_OFF, m, n, k, false, p.pool(), 0);
    }
    widen(fc, c);
  }

  static void widen(float[] f, double[] d) {
    for (int i = 0; i < d.length; i++) {
      d[i] = f[i];
    }
  }

  /**
   * One product on one thread whose output is large enough to be staged by the default threshold,
   * through the kernels' entry.
   */
  @Test
  void largeOutputsAreStagedAndGiveThePlainBits() {
    int m = 1400;
    int n = 1520;
    int k = (int) F64Gemm.KC + 5;
    assertTrue((long) m * n >= F64Gemm.STAGE_MIN_CELLS, "the output stages");
    SplittableRandom r = new SplittableRandom(5);
    double[] a = r.doubles(A_OFF + m * k, -1, 1).toArray();
    double[] b = r.doubles(B_OFF + k * n, -1, 1).toArray();
    double[] ref = new double[C_OFF + m * n];
    double[] c = new double[C_OFF + m * n];
    PLAIN.gemm(a, A_OFF, b, B_OFF, ref, C_OFF, m, k, n, null);
    VECTOR.gemm(a, A_OFF, b, B_OFF, c, C_OFF, m, k, n, null);
    for (int i = 0; i < c.length; i++) {
      if (Double.doubleToLongBits(ref[i]) != Double.doubleToLongBits(c[i])) {
        fail("cell " + (i - C_OFF) + ": " + ref[i] + " but was " + c[i]);
      }
    }
  }

  /** The warm-up probes of the gated products stay inside the Warmup arrays on this machine. */
  @Test
  void everyVectorPathHasAProbe() {
    for (int p : new int[] {F64Gemm.NARROW, F64Gemm.DIRECT, F64Gemm.PACKED}) {
      F64Gemm.probe(p);
    }
    for (int p : new int[] {F32Gemm.NARROW, F32Gemm.DIRECT, F32Gemm.PACKED}) {
      F32Gemm.probe(p);
    }
    F64Gemm.probeGemvTransposed();
    F32Gemm.probeGemvTransposed();
    assertThrows(IllegalArgumentException.class, () -> F64Gemm.probe(F64Gemm.GEMV));
    assertThrows(IllegalArgumentException.class, () -> F32Gemm.probe(F32Gemm.GEMV));
  }
}
