package daphnegrid.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/** Seeded test arrays and bitwise comparisons shared by the kernel tests. */
final class TestData {
  private TestData() {}

  /** Shapes that cross every vector and layout boundary: lanes and layout sizes ± 1, odd sizes. */
  static final int[] LENGTHS = {
    0, 1, 2, 3, 7, 8, 9, 13, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 207, 702, 4099
  };

  /** Uniform values in [-10, 10). */
  static double[] doubles(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextDouble() * 20 - 10;
    }
    return a;
  }

  /**
   * Values in [-10, 10) with about one cell in eight replaced by a special value (NaN, +-0, +-inf,
   * +-1, or a duplicate of a neighbour), so comparisons, min/max and ties get exercised.
   */
  static double[] specials(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = doubles(seed + 1, n);
    double[] sp = {
      Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0, -1.0
    };
    for (int i = 0; i < n; i++) {
      int u = r.nextInt(16);
      if (u < sp.length) {
        a[i] = sp[u];
      } else if (u == sp.length && i > 0) {
        a[i] = a[i - 1];
      }
    }
    return a;
  }

  /**
   * Signed zeros for the zero-sign rules of the reductions: with {@code kind} 0 every cell is -0;
   * 1: -0 with one +0 somewhere; 2: +0 and -0 at random; 3: mostly zeros of both signs with some
   * cells -2, -1, 1 or 2 and a few NaN (sums of these small integers are exact in any order, so a
   * zero result can only come from cancellation or from zeros).
   */
  static double[] signedZeros(long seed, int n, int kind) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] =
          switch (kind) {
            case 0, 1 -> -0.0;
            case 2 -> r.nextBoolean() ? 0.0 : -0.0;
            default -> {
              int u = r.nextInt(24);
              yield u < 10 ? -0.0 : u < 18 ? 0.0 : u < 23 ? (double) (u - 20) : Double.NaN;
            }
          };
    }
    if (kind == 1 && n > 0) {
      a[r.nextInt(n)] = 0.0;
    }
    return a;
  }

  static float[] toFloats(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  /** Integer values in [-1000, 1000]: sums of these are exact in any order. */
  static double[] integers(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextInt(2001) - 1000;
    }
    return a;
  }

  /*
   * Bitwise comparisons treat all NaNs as one value: Java leaves the sign and payload of a NaN
   * result open (x86 returns the first operand's NaN when both are NaN, and the JIT may commute
   * the operands of + and *), so no kernel can promise them.
   */

  static long bits(double d) {
    return Double.doubleToLongBits(d);
  }

  static int bits(float f) {
    return Float.floatToIntBits(f);
  }

  static void assertBits(double[] expected, double[] actual, String what) {
    assertBits(expected, 0, actual, 0, expected.length, what);
  }

  static void assertBits(double[] e, int eo, double[] a, int ao, int n, String what) {
    for (int i = 0; i < n; i++) {
      if (bits(e[eo + i]) != bits(a[ao + i])) {
        fail(what + ": cell " + i + " expected " + e[eo + i] + " but was " + a[ao + i]);
      }
    }
  }

  static void assertBits(float[] expected, float[] actual, String what) {
    for (int i = 0; i < expected.length; i++) {
      if (bits(expected[i]) != bits(actual[i])) {
        fail(what + ": cell " + i + " expected " + expected[i] + " but was " + actual[i]);
      }
    }
  }

  static void assertBits(double expected, double actual, String what) {
    if (bits(expected) != bits(actual)) {
      fail(what + ": expected " + expected + " but was " + actual);
    }
  }

  static void assertBits(float expected, float actual, String what) {
    if (bits(expected) != bits(actual)) {
      fail(what + ": expected " + expected + " but was " + actual);
    }
  }
}
