package daphnegrid.kernels.random;

/**
 * The 32-bit Mersenne Twister {@code std::mt19937} (n = 624, m = 397, matrix 0x9908B0DF, tempering
 * 11/7/15/18 with masks 0x9D2C5680 and 0xEFC60000), seeded from a signed 64-bit seed as DAPHNE
 * does: {@code x[0] = seed mod 2^32}, {@code x[i] = 1812433253 * (x[i-1] ^ (x[i-1] >>> 30)) + i}.
 *
 * <p>Like libstdc++, the state is a block of 624 words regenerated all at once ("twist") when it
 * has been consumed. {@link #discard} skips outputs in O(log n) time for large n (see {@link
 * Mt19937Jump}), so that a grid member can start generating in the middle of a stream. Not
 * thread-safe: one generator per thread.
 */
public final class Mt19937 {
  static final int N = 624;
  static final int M = 397;
  static final int MATRIX_A = 0x9908B0DF;
  static final int UPPER_MASK = 0x80000000;
  static final int LOWER_MASK = 0x7fffffff;

  /**
   * Discards of at least this many outputs use the jump polynomial (tens of milliseconds, see
   * {@link Mt19937Jump}) instead of twisting block after block (a few nanoseconds per output).
   */
  static final long JUMP_THRESHOLD = 1L << 25;

  private final int[] mt = new int[N];
  private int index;

  /** A generator seeded with the low 32 bits of seed. */
  public Mt19937(long seed) {
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  /** The next output as an unsigned value in [0, 2^32). */
  public long next32() {
    return nextInt() & 0xFFFFFFFFL;
  }

  /** The next output, its 32 bits in an int. */
  public int nextInt() {
    if (index >= N) {
      twist();
      index = 0;
    }
    return temper(mt[index++]);
  }

  /** The output of state word y (the tempering). */
  private static int temper(int y) {
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9D2C5680;
    y ^= (y << 15) & 0xEFC60000;
    return y ^ (y >>> 18);
  }

  /**
   * Fills a[from, to) with non-zero {@link Distributions#uniformF64} draws, as a loop of {@code do
   * v = uniformF64(g, lo, hi); while (v == 0)} per cell would, and returns the number of outputs
   * taken (two per draw). The difference is speed: the draws go through the block a pair of words
   * at a time, with the block's bounds checked once per pass instead of once per word.
   */
  public long fillUniformF64(double[] a, int from, int to, double lo, double hi) {
    double range = hi - lo;
    long taken = 0;
    int i = from;
    int[] x = mt;
    while (i < to) {
      if (index >= N) {
        twist();
        index = 0;
      }
      if (index == N - 1) { // a draw across two blocks (after an odd number of outputs)
        double v = Distributions.uniformF64(this, lo, hi);
        taken += 2;
        if (v != 0) {
          a[i++] = v;
        }
        continue;
      }
      int k = index;
      for (; k < N - 1 && i < to; k += 2) {
        double v = Distributions.canonicalF64(tempered(x[k]), tempered(x[k + 1])) * range + lo;
        if (v != 0) {
          a[i++] = v;
        }
      }
      taken += k - index;
      index = k;
    }
    return taken;
  }

  /**
   * Fills a[from, to) with non-zero {@link Distributions#uniformF32} draws, as {@link
   * #fillUniformF64} does for f64; returns the outputs taken (one per draw).
   */
  public long fillUniformF32(float[] a, int from, int to, float lo, float hi) {
    float range = hi - lo;
    long taken = 0;
    int i = from;
    int[] x = mt;
    while (i < to) {
      if (index >= N) {
        twist();
        index = 0;
      }
      int k = index;
      for (; k < N && i < to; k++) {
        float v = Distributions.canonicalF32(tempered(x[k])) * range + lo;
        if (v != 0) {
          a[i++] = v;
        }
      }
      taken += k - index;
      index = k;
    }
    return taken;
  }

  /** The output of state word y, as an unsigned value in a long. */
  private static long tempered(int y) {
    return temper(y) & 0xFFFFFFFFL;
  }

  /** Skips n outputs (n >= 0), as if {@link #nextInt} had been called n times. */
  public void discard(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative discard: " + n);
    }
    if (n <= N - index) {
      index += (int) n;
      return;
    }
    n -= N - index;
    index = N; // the block is consumed: mt holds the 624 most recent words of the stream
    if (n >= JUMP_THRESHOLD) {
      Mt19937Jump.advance(mt, n);
      return;
    }
    while (n > 0) {
      twist();
      int k = (int) Math.min(n, N);
      index = k;
      n -= k;
    }
  }

  /** Like {@link #discard}, but always by the jump polynomial (tests compare the two). */
  void jump(long n) {
    int inBlock = (int) Math.min(n, N - index);
    index += inBlock;
    if (n > inBlock) {
      Mt19937Jump.advance(mt, n - inBlock);
      index = N;
    }
  }

  /** Regenerates all 624 words of the block (the recurrence applied 624 times in place). */
  private void twist() {
    int[] x = mt;
    int i = 0;
    for (; i < N - M; i++) {
      int y = (x[i] & UPPER_MASK) | (x[i + 1] & LOWER_MASK);
      x[i] = x[i + M] ^ (y >>> 1) ^ ((y & 1) * MATRIX_A);
    }
    for (; i < N - 1; i++) {
      int y = (x[i] & UPPER_MASK) | (x[i + 1] & LOWER_MASK);
      x[i] = x[i + M - N] ^ (y >>> 1) ^ ((y & 1) * MATRIX_A);
    }
    int y = (x[N - 1] & UPPER_MASK) | (x[0] & LOWER_MASK);
    x[N - 1] = x[M - 1] ^ (y >>> 1) ^ ((y & 1) * MATRIX_A);
  }
}
