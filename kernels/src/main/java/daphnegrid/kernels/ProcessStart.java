package daphnegrid.kernels;

/**
 * When this process started, as far as the kernels need to know: the {@link System#nanoTime} of the
 * first touch of this class. The launchers' entry points touch it first thing ({@link #mark}), so
 * it is the start of {@code main}; in a process that never marks it (a test, an embedding
 * application), it is the first use of the kernels' warm-up.
 */
public final class ProcessStart {
  private ProcessStart() {}

  /** The nanoTime of the start. */
  public static final long NANOS = System.nanoTime();

  /** Fixes the start at this call, unless something touched the class before. */
  public static void mark() {
    // initializing the class is the whole effect
  }
}
