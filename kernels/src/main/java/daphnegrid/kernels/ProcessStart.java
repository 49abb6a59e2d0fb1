package daphnegrid.kernels;

/**
 * When this process started, as far as the kernels need to know, and its quiet time.
 *
 * <p>The start is the {@link System#nanoTime} of the first touch of this class. The launchers'
 * entry points touch it first thing ({@link #mark}), so it is the start of {@code main}; in a
 * process that never marks it (a test, an embedding application), it is the first use of the
 * kernels.
 *
 * <p>For {@link #QUIET_NANOS} after the start, the process is in its quiet time: the calls use the
 * plain kernels ({@link Kernels#impl}), and no vector loop is warmed up. On two cores, loading the
 * Vector API (about 35 ms) and warming its loops (the probes, and C2 compiling what they reach,
 * which takes a core from the script for one to two seconds) is only paid for by a process that
 * ends sooner. Measured on 7 December 2026 (2 cores, JDK 25, eight interleaved runs each): the lm
 * script of {@code bench/compare.py} (100,000 x 100) took 0.71 s with the vector kernels, 0.40 s
 * with the plain ones; the k-means one (100,000 x 20, 10 iterations) 0.46 s against 0.35 s; a
 * script multiplying two 3 x 3 matrices 124-175 ms against 87-105.
 */
public final class ProcessStart {
  private ProcessStart() {}

  /** The nanoTime of the start. */
  public static final long NANOS = System.nanoTime();

  /** The quiet time: {@code -Ddaphnegrid.kernels.quiet-ms} (0: none), 400 ms by default. */
  public static final long QUIET_NANOS =
      Long.getLong("daphnegrid.kernels.quiet-ms", 400) * 1_000_000L;

  private static volatile boolean quietOver = QUIET_NANOS <= 0;

  /** Fixes the start at this call, unless something touched the class before. */
  public static void mark() {
    // initializing the class is the whole effect
  }

  /** True while the process is in its quiet time. */
  public static boolean quiet() {
    if (quietOver) {
      return false;
    }
    if (!quietAt(System.nanoTime(), NANOS, QUIET_NANOS)) {
      quietOver = true;
      return false;
    }
    return true;
  }

  /** Whether a process started at start is still quiet at now, for a quiet time of quietNanos. */
  static boolean quietAt(long now, long start, long quietNanos) {
    return now - start < quietNanos;
  }
}
