package daphnegrid.kernels;

import daphnegrid.kernels.plain.ScalarElementwise;
import daphnegrid.kernels.plain.ScalarMatMul;
import daphnegrid.kernels.plain.ScalarReductions;
import daphnegrid.kernels.simd.SimdKernels;

/**
 * Chooses the kernel implementation once per JVM: the Vector API kernels when the {@code
 * jdk.incubator.vector} module is readable (JVM option {@code --add-modules jdk.incubator.vector}),
 * the plain-loop twins otherwise or when the system property {@value #FORCE_PLAIN} is {@code true}.
 * The reason is logged at DEBUG, never printed. Both give the same bits, so the choice is about
 * speed only.
 */
public final class Kernels {
  private Kernels() {}

  /** System property that forces the plain-loop kernels. */
  public static final String FORCE_PLAIN = "daphnegrid.kernels.plain";

  private static final System.Logger LOG = System.getLogger(Kernels.class.getName());
  private static final KernelImpl PLAIN =
      new KernelImpl("plain", new ScalarElementwise(), new ScalarReductions(), new ScalarMatMul());
  private static final KernelImpl IMPL = select();

  /** The implementation this JVM uses. */
  public static KernelImpl impl() {
    return IMPL;
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

  /** The Vector API implementation, or null when this JVM cannot run it. */
  public static KernelImpl simdOrNull() {
    return simdOrNull(false);
  }

  private static KernelImpl simdOrNull(boolean gated) {
    try {
      return SimdKernels.create(gated);
    } catch (LinkageError | UnsupportedOperationException e) {
      LOG.log(System.Logger.Level.DEBUG, "Vector API kernels unavailable: {0}", e.toString());
      return null;
    }
  }

  private static KernelImpl select() {
    if (Boolean.getBoolean(FORCE_PLAIN)) {
      LOG.log(System.Logger.Level.DEBUG, "plain kernels: -D{0}=true", FORCE_PLAIN);
      return PLAIN;
    }
    KernelImpl simd = simdOrNull(!Boolean.getBoolean(NO_WARMUP));
    if (simd == null) {
      return PLAIN;
    }
    LOG.log(System.Logger.Level.DEBUG, "vector kernels: {0}", simd.name());
    return simd;
  }
}
