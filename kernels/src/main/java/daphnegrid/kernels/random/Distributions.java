package daphnegrid.kernels.random;

/**
 * The GNU libstdc++ (GCC 11 and later) distributions over a 32-bit engine, as DAPHNE uses them
 * (spec 9.1). Integers are carried in {@code long}s and compared as unsigned 64-bit values, the way
 * libstdc++ computes on the unsigned counterpart of the result type.
 */
public final class Distributions {
  private Distributions() {}

  private static final double TWO_32 = 4294967296.0;
  private static final double TWO_64 = 18446744073709551616.0;
  private static final double BELOW_ONE = Math.nextDown(1.0);
  private static final float BELOW_ONE_F = Math.nextDown(1.0f);

  /**
   * {@code std::generate_canonical<double, 53>}: two draws a, b; {@code u = (a + b * 2^32) / 2^64}
   * with one rounding in the addition, clamped below 1.
   */
  public static double canonicalF64(Mt19937 g) {
    return canonicalF64(g.next32(), g.next32()); // a first: Java evaluates arguments in order
  }

  /** {@link #canonicalF64(Mt19937)} of the two outputs a, b (unsigned, in longs). */
  static double canonicalF64(long a, long b) {
    double u = (a + b * TWO_32) / TWO_64;
    return u >= 1.0 ? BELOW_ONE : u;
  }

  /**
   * {@code std::generate_canonical<float, 24>}: one draw, {@code (float) x / 2^32} in float
   * arithmetic, clamped below 1.
   */
  public static float canonicalF32(Mt19937 g) {
    return canonicalF32(g.next32());
  }

  /** {@link #canonicalF32(Mt19937)} of the output x (unsigned, in a long). */
  static float canonicalF32(long x) {
    float u = (float) x / 4294967296.0f;
    return u >= 1.0f ? BELOW_ONE_F : u;
  }

  /** {@code uniform_real_distribution<double>(lo, hi)}: canonicalF64 * (hi - lo) + lo, unfused. */
  public static double uniformF64(Mt19937 g, double lo, double hi) {
    return canonicalF64(g) * (hi - lo) + lo;
  }

  /** {@code uniform_real_distribution<float>(lo, hi)}: canonicalF32 * (hi - lo) + lo in float. */
  public static float uniformF32(Mt19937 g, float lo, float hi) {
    return canonicalF32(g) * (hi - lo) + lo;
  }

  /**
   * {@code uniform_int_distribution(lo, hi)} over the inclusive range [lo, hi]: {@code lo +
   * uniformUnsigned(g, hi - lo)} in wrapping 64-bit arithmetic. lo and hi may be signed or unsigned
   * values; the caller ensures lo <= hi in its own ordering.
   */
  public static long uniformInt(Mt19937 g, long lo, long hi) {
    return lo + uniformUnsigned(g, hi - lo);
  }

  /**
   * A uniform value in [0, range], range read as unsigned 64-bit: Lemire's multiply-and-reject for
   * range < 2^32 - 1, a plain draw for 2^32 - 1, and for larger ranges libstdc++'s "upscaling" (a
   * recursive draw for the high part plus a draw for the low 32 bits, rejecting overflow).
   */
  public static long uniformUnsigned(Mt19937 g, long range) {
    if (Long.compareUnsigned(range, 0xFFFFFFFFL) < 0) {
      long n = range + 1;
      long p = g.next32() * n; // < 2^64: an exact unsigned product
      if ((p & 0xFFFFFFFFL) < n) {
        long threshold = (0x100000000L - n) % n;
        while ((p & 0xFFFFFFFFL) < threshold) {
          p = g.next32() * n;
        }
      }
      return p >>> 32;
    }
    if (range == 0xFFFFFFFFL) {
      return g.next32();
    }
    long r;
    long base;
    do {
      base = uniformUnsigned(g, range >>> 32) << 32;
      r = base + g.next32();
    } while (Long.compareUnsigned(r, range) > 0 || Long.compareUnsigned(r, base) < 0);
    return r;
  }

  /**
   * {@code std::shuffle(a, a + n, g)} of libstdc++: when n^2 fits in 32 bits, positions are drawn
   * two at a time from one draw over [0, (i+1)(i+2) - 1]; otherwise one draw per position.
   */
  public static void shuffle(long[] a, int n, Mt19937 g) {
    if (n == 0) {
      return;
    }
    if (0xFFFFFFFFL / n >= n) {
      int i = 1;
      if (n % 2 == 0) {
        swap(a, 1, (int) uniformUnsigned(g, 1));
        i = 2;
      }
      while (i != n) {
        long r = i + 1L; // positions 0..i are eligible for a[i]
        long x = uniformUnsigned(g, r * (r + 1) - 1);
        swap(a, i, (int) (x / (r + 1)));
        i++;
        swap(a, i, (int) (x % (r + 1)));
        i++;
      }
    } else {
      for (int i = 1; i < n; i++) {
        swap(a, i, (int) uniformUnsigned(g, i));
      }
    }
  }

  private static void swap(long[] a, int i, int j) {
    long t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
