package daphnegrid.kernels.simd;

import daphnegrid.kernels.plain.CsrDenseLoops;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector twin of {@link CsrDenseLoops}: rows of x @ d for a CSR x and a dense d, f64 ({@link
 * F32CsrDense} is its f32 twin).
 *
 * <p>Each output row is cut into strips of four vectors (then at most one of two vectors, then one
 * vector, then single columns). For a strip, the accumulators stay in registers while the row's
 * stored cells go by in order: each cell broadcasts its value, multiplies it with the strip of d's
 * row it names and adds the products to the accumulators, which are written once at the end. So
 * every lane runs the plain chain of its cell (+0, then add(mul) per stored cell in order, never
 * fused) and the output row is written once instead of loaded and stored per stored cell. With d's
 * 32 columns and 8-lane vectors one strip is the whole row.
 */
final class F64CsrDense {
  private F64CsrDense() {}

  private static final VectorSpecies<Double> S = F64Gemm.S;
  private static final int VL = F64Gemm.VL;

  // probe: 4 rows of 4 stored cells each, over d = Warmup.D_IN read as 16 x 64
  private static final int[] PROBE_OFF = {0, 4, 8, 12, 16};
  private static final int[] PROBE_IDX = {0, 3, 7, 15, 1, 2, 9, 14, 0, 5, 6, 8, 4, 10, 11, 13};

  /** Runs the vector loops once on the probe arrays of {@link Warmup} (4 rows of a 16 x 64 d). */
  static void probe() {
    rows(Warmup.D_IN, PROBE_OFF, PROBE_IDX, Warmup.D_IN, 64, Warmup.D_OUT, 0, 4);
  }

  /** See {@link CsrDenseLoops#rows(double[], int[], int[], double[], int, double[], int, int)}. */
  static void rows(
      double[] xv, int[] off, int[] idx, double[] d, int n, double[] out, int r0, int r1) {
    int w4 = 4 * VL;
    for (int r = r0; r < r1; r++) {
      int k0 = off[r];
      int k1 = off[r + 1];
      int ob = r * n;
      int j = 0;
      for (; j + w4 <= n; j += w4) {
        strip4(xv, idx, k0, k1, d, n, j, out, ob + j);
      }
      if (j + 2 * VL <= n) {
        strip2(xv, idx, k0, k1, d, n, j, out, ob + j);
        j += 2 * VL;
      }
      for (; j + VL <= n; j += VL) {
        DoubleVector acc = DoubleVector.zero(S);
        for (int k = k0; k < k1; k++) {
          DoubleVector a = DoubleVector.broadcast(S, xv[k]);
          acc = acc.add(a.mul(DoubleVector.fromArray(S, d, idx[k] * n + j)));
        }
        acc.intoArray(out, ob + j);
      }
      for (; j < n; j++) {
        double acc = 0.0;
        for (int k = k0; k < k1; k++) {
          acc += xv[k] * d[idx[k] * n + j];
        }
        out[ob + j] = acc;
      }
    }
  }

  /** Columns [j, j + 2 * VL) of one output row (at out[o]) over stored cells [k0, k1). */
  private static void strip2(
      double[] xv, int[] idx, int k0, int k1, double[] d, int n, int j, double[] out, int o) {
    DoubleVector acc0 = DoubleVector.zero(S);
    DoubleVector acc1 = acc0;
    for (int k = k0; k < k1; k++) {
      DoubleVector a = DoubleVector.broadcast(S, xv[k]);
      int db = idx[k] * n + j;
      acc0 = acc0.add(a.mul(DoubleVector.fromArray(S, d, db)));
      acc1 = acc1.add(a.mul(DoubleVector.fromArray(S, d, db + VL)));
    }
    acc0.intoArray(out, o);
    acc1.intoArray(out, o + VL);
  }

  /** Columns [j, j + 4 * VL) of one output row (at out[o]) over stored cells [k0, k1). */
  private static void strip4(
      double[] xv, int[] idx, int k0, int k1, double[] d, int n, int j, double[] out, int o) {
    DoubleVector acc0 = DoubleVector.zero(S);
    DoubleVector acc1 = acc0;
    DoubleVector acc2 = acc0;
    DoubleVector acc3 = acc0;
    for (int k = k0; k < k1; k++) {
      DoubleVector a = DoubleVector.broadcast(S, xv[k]);
      int db = idx[k] * n + j;
      acc0 = acc0.add(a.mul(DoubleVector.fromArray(S, d, db)));
      acc1 = acc1.add(a.mul(DoubleVector.fromArray(S, d, db + VL)));
      acc2 = acc2.add(a.mul(DoubleVector.fromArray(S, d, db + 2 * VL)));
      acc3 = acc3.add(a.mul(DoubleVector.fromArray(S, d, db + 3 * VL)));
    }
    acc0.intoArray(out, o);
    acc1.intoArray(out, o + VL);
    acc2.intoArray(out, o + 2 * VL);
    acc3.intoArray(out, o + 3 * VL);
  }
}
