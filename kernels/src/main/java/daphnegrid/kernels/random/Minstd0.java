package daphnegrid.kernels.random;

/**
 * {@code std::minstd_rand0}, libstdc++'s {@code std::default_random_engine}: {@code x <- 16807 * x
 * mod (2^31 - 1)}, outputs in [1, 2^31 - 2], seeded with the seed read as unsigned 64-bit modulo
 * 2^31 - 1 (a zero state becomes 1). DAPHNE's sparse {@code rand} uses it (spec 9.5), with the
 * libstdc++ distributions over it implemented here too (they differ from the {@link Mt19937} ones
 * because this engine's range is not a power of two). Not thread-safe.
 */
public final class Minstd0 {
  static final long MODULUS = 2147483647L;

  /** max() - min() of the engine. */
  static final long RANGE = 2147483645L;

  private long x;

  public Minstd0(long seed) {
    long s = Long.remainderUnsigned(seed, MODULUS);
    x = s == 0 ? 1 : s;
  }

  /** An engine in this one's state, drawing the same outputs from here on. */
  public Minstd0 copy() {
    Minstd0 c = new Minstd0(1);
    c.x = x;
    return c;
  }

  /** The next output, in [1, 2147483646]. */
  public long next() {
    x = x * 16807 % MODULUS; // < 2^46: exact in a long
    return x;
  }

  /**
   * {@code generate_canonical<double, 53>}: two draws, {@code ((a - 1) + (b - 1) * R) / R^2} with R
   * = 2147483646 and R^2 rounded to double, clamped below 1.
   */
  public double canonicalF64() {
    double r = RANGE + 1;
    double sum = next() - 1;
    sum += (double) (next() - 1) * r;
    double u = sum / (r * r); // r * r: exact in long double, then rounded to double
    return u >= 1.0 ? Math.nextDown(1.0) : u;
  }

  /** {@code generate_canonical<float, 24>}: one draw, {@code (float) (a - 1) / (float) R}. */
  public float canonicalF32() {
    float u = (float) (next() - 1) / (float) (RANGE + 1);
    return u >= 1.0f ? Math.nextDown(1.0f) : u;
  }

  public double uniformF64(double lo, double hi) {
    return canonicalF64() * (hi - lo) + lo;
  }

  public float uniformF32(float lo, float hi) {
    return canonicalF32() * (hi - lo) + lo;
  }

  /** {@code uniform_int_distribution(lo, hi)}: lo + a uniform value in [0, hi - lo] (wrapping). */
  public long uniformInt(long lo, long hi) {
    return lo + uniformUnsigned(hi - lo);
  }

  /**
   * A uniform value in [0, range] (range unsigned 64-bit) by libstdc++'s rules for an engine of
   * range R = 2147483645: "two divisions" downscaling for smaller ranges, the plain draw for R, and
   * for larger ranges a recursive draw for the high part times R + 1 plus one draw, rejecting
   * overflow.
   */
  public long uniformUnsigned(long range) {
    if (Long.compareUnsigned(range, RANGE) < 0) {
      long n = range + 1;
      long scaling = RANGE / n;
      long past = n * scaling;
      long r;
      do {
        r = next() - 1;
      } while (r >= past);
      return r / scaling;
    }
    if (range == RANGE) {
      return next() - 1;
    }
    long r;
    long tmp;
    do {
      tmp = (RANGE + 1) * uniformUnsigned(Long.divideUnsigned(range, RANGE + 1));
      r = tmp + (next() - 1);
    } while (Long.compareUnsigned(r, range) > 0 || Long.compareUnsigned(r, tmp) < 0);
    return r;
  }
}
