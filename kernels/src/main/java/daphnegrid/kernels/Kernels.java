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
      LOG.log(
          System.Logger.Level.DEBUG,
          "Vector API kernels unavailable: no module {0}",
          VectorModule.NAME);
      return null;
    }
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
      if (Boolean.getBoolean(DEFINE_MODULE)) {
        VectorModule.ensure();
      }
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
