package daphnegrid.kernels.simd;

import daphnegrid.kernels.KernelImpl;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/** Builds the Vector API implementation; the one entry point into this package. */
public final class SimdKernels {
  private SimdKernels() {}

  /**
   * The vector kernels, after touching the Vector API so that a JVM without the incubator module
   * fails here (with a LinkageError) rather than in the middle of a kernel.
   *
   * @throws UnsupportedOperationException if the preferred vectors hold fewer than two doubles
   */
  public static KernelImpl create() {
    return create(false);
  }

  /**
   * The vector kernels; gated, each loop runs its plain twin until it is compiled (see {@link
   * Warmup}), which is what a short-lived process wants. Results are the same bits either way.
   *
   * @throws UnsupportedOperationException if the preferred vectors hold fewer than two doubles
   */
  public static KernelImpl create(boolean gated) {
    int lanes = DoubleVector.SPECIES_PREFERRED.length();
    if (lanes < 2 || FloatVector.SPECIES_PREFERRED.length() < 4) {
      throw new UnsupportedOperationException("vectors of " + lanes + " doubles are too short");
    }
    return new KernelImpl(
        "simd-" + DoubleVector.SPECIES_PREFERRED.vectorBitSize() + (gated ? "-gated" : ""),
        new SimdElementwise(gated),
        new SimdReductions(F64VectorReduce.MODE, F32VectorReduce.MODE, gated),
        new SimdMatMul(gated));
  }
}
