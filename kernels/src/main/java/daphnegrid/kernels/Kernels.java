package daphnegrid.kernels;

import daphnegrid.kernels.plain.ScalarElementwise;
import daphnegrid.kernels.plain.ScalarMatMul;
import daphnegrid.kernels.plain.ScalarReductions;
import daphnegrid.kernels.simd.SimdKernels;

/**
 * Chooses the kernel implementation once per JVM: the Vector API kernels when the {@code
 * jdk.incubator.vector} module is readable (JVM option {@code --add-modules jdk.incubator.vector},
 * or defined at run time by {@link VectorModule}), the plain-loop twins otherwise or when the
 * system property {@value #FORCE_PLAIN} is {@code true}. The reason is logged at DEBUG, never
 * printed. Both give the same bits, so the choice is about speed only.
 *
 * <p>The choice is made at the first call after the process's quiet time ({@link ProcessStart}), or
 * at the first product of at least {@link #QUIET_BIG_WORK} multiply-adds ({@link #implFor}); until
 * then the calls use the plain kernels, and a process that ends within its quiet time never loads
 * the Vector API. Callers therefore ask {@link #impl} for each operation instead of keeping what it
 * returned.
 */
public final class Kernels {
  private Kernels() {}

  /** System property that forces the plain-loop kernels. */
  public static final String FORCE_PLAIN = "daphnegrid.kernels.plain";

  /**
   * The logger, created at the first message (only when the Vector API cannot be used; {@code
   * --version} names the kernels chosen): {@code System.getLogger} starts the platform's logging,
   * 10-16 ms in a fresh JVM, which the first elementwise operation of every script paid when this
   * class held it from its initialization on.
   */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(Kernels.class.getName());
  }

  private static final KernelImpl PLAIN =
      new KernelImpl("plain", new ScalarElementwise(), new ScalarReductions(), new ScalarMatMul());

  /**
   * In the quiet time, products take the chosen (vector) kernels from this many multiply-adds on. A
   * single 1024^3 product (2^30) in a fresh process took 230-290 ms with the plain kernels and
   * 350-500 ms with the vector ones, their cold calls included (2 cores, 7 December 2026).
   */
  public static final long QUIET_BIG_WORK = 1L << 31;

  /** Whether the choice waits for the quiet time to end (not when an option fixes it). */
  private static final boolean DEFERRED =
      !Boolean.getBoolean(FORCE_PLAIN) && !Boolean.getBoolean(Kernels.NO_WARMUP);

  private static volatile KernelImpl current = PLAIN;
  private static volatile boolean chosen;

  /** The implementation for an operation now: the plain one in the quiet time, then the choice. */
  public static KernelImpl impl() {
    return implFor(0);
  }

  /**
   * As {@link #impl}, for a matrix product of work multiply-adds: one of at least {@link
   * #QUIET_BIG_WORK} makes the choice in the quiet time too.
   */
  public static KernelImpl implFor(long work) {
    if (!chosen && (work >= QUIET_BIG_WORK || !DEFERRED || !ProcessStart.quiet())) {
      choose();
    }
    return current;
  }

  /** The implementation this JVM chooses (choosing now if it has not yet). */
  public static KernelImpl chosen() {
    if (!chosen) {
      choose();
    }
    return current;
  }

  private static synchronized void choose() {
    if (!chosen) {
      current = select();
      chosen = true;
    }
  }

  /** The plain-loop implementation (the reference the vector kernels are tested against). */
  public static KernelImpl plain() {
    return PLAIN;
  }

  /**
   * System property that makes the vector kernels run from the first call, without first running
   * the plain twins while they are cold (for benchmarks of the warm-up itself).
   */
  public static final String NO_WARMUP = "daphnegrid.kernels.nowarmup";

  /**
   * System property that, with {@value #FORCE_PLAIN}, still defines the Vector API's module when
   * the JVM lacks it ({@link VectorModule}): the training runs of the start-up cache use it, so
   * that the cache holds the module system's code for that step, while no class of the vector
   * kernels gets into the cache's class list (the step that writes the cache could not load them).
   */
  public static final String DEFINE_MODULE = "daphnegrid.kernels.define-module";

  /** The Vector API implementation, or null when this JVM cannot run it. */
  public static KernelImpl simdOrNull() {
    return simdOrNull(false);
  }

  private static KernelImpl simdOrNull(boolean gated) {
    if (VectorModule.ensure().isEmpty()) {
      Log.LOG.log(
          System.Logger.Level.DEBUG,
          "Vector API kernels unavailable: no module {0}",
          VectorModule.NAME);
      return null;
    }
    try {
      return SimdKernels.create(gated);
    } catch (LinkageError | UnsupportedOperationException e) {
      Log.LOG.log(System.Logger.Level.DEBUG, "Vector API kernels unavailable: {0}", e.toString());
      return null;
    }
  }

  private static KernelImpl select() {
    if (Boolean.getBoolean(FORCE_PLAIN)) {
      if (Boolean.getBoolean(DEFINE_MODULE)) {
        VectorModule.ensure();
      }
      return PLAIN;
    }
    KernelImpl simd = simdOrNull(!Boolean.getBoolean(NO_WARMUP));
    if (simd == null) {
      return PLAIN;
    }
    return simd;
  }
}
