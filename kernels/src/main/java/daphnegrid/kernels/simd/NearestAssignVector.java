package daphnegrid.kernels.simd;

import daphnegrid.kernels.plain.NearestAssign;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector twin of {@link NearestAssign} for rows of exactly one vector (k centroids = the vector
 * length): one row per step, the minimum by a lane reduction of the row with its NaN cells replaced
 * by +inf (the minimum of the other cells, or +inf, as the NaN-skipping fold gives; only its zero
 * sign may differ, which no {@code <=} sees), the ties by the mask's count.
 */
final class NearestAssignVector {
  private NearestAssignVector() {}

  private static final VectorSpecies<Double> S = F64Gemm.S;
  private static final int VL = F64Gemm.VL;

  /**
   * Runs the vector loop once on probe distances shaped like real ones: one nearest centroid per
   * row but in the last, which has a tie. Probes of equal distances everywhere (as the first ones
   * were) left the JIT a profile where every row has ties, and the first real call deoptimized the
   * compiled loop.
   */
  static void probe() {
    rows(PROBE_D, 0, 4, -2.0, Warmup.D_IN, 0, Warmup.D_OUT, 0);
  }

  private static final double[] PROBE_D = probeDistances();

  private static double[] probeDistances() {
    double[] d = new double[4 * VL];
    for (int r = 0; r < 4; r++) {
      for (int i = 0; i < VL; i++) {
        d[r * VL + i] = (i * 7 + r * 3) % VL; // distinct within a row: one maximum of d
      }
    }
    d[3 * VL + 1] = d[3 * VL + 2] = VL; // the last row: a tie for the maximum
    return d;
  }

  /** See {@link daphnegrid.kernels.MatMulKernels#nearestAssign}, for k = VL. */
  static void rows(
      double[] d,
      int dOff,
      int rows,
      double scale,
      double[] shift,
      int shiftOff,
      double[] p,
      int pOff) {
    DoubleVector sh = DoubleVector.fromArray(S, shift, shiftOff);
    DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    DoubleVector zero = DoubleVector.zero(S);
    for (int r = 0; r < rows; r++) {
      DoubleVector e = DoubleVector.fromArray(S, d, dOff + r * VL).mul(scale).add(sh);
      double min = e.blend(inf, e.test(VectorOperators.IS_NAN)).reduceLanes(VectorOperators.MIN);
      VectorMask<Double> hit = e.compare(VectorOperators.LE, min);
      DoubleVector pv = zero.blend(one, hit);
      int ties = hit.trueCount();
      if (ties != 1) {
        pv = pv.div(ties);
      }
      pv.intoArray(p, pOff + r * VL);
    }
  }
}
