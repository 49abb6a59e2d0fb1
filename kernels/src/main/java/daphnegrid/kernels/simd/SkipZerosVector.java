package daphnegrid.kernels.simd;

import daphnegrid.kernels.plain.SkipZeros;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The vector twin of {@link SkipZeros}: t(a) @ b skipping the zero cells of a, f64 only. */
final class SkipZerosVector {
  private SkipZerosVector() {}

  private static final VectorSpecies<Double> S = F64Gemm.S;
  private static final int VL = F64Gemm.VL;
  private static final VectorSpecies<Long> LS = S.withLanes(long.class);

  /** Runs the vector loops once on the probe arrays of {@link Warmup} (4 x 4 by 4 x 64). */
  static void probe() {
    tmatmulSkipZeros(Warmup.D_IN, 0, 4, 4, Warmup.D_IN, 0, 64, Warmup.D_OUT, 0);
  }

  /**
   * c (k x n) = t(a) @ b skipping the zero cells of a; see {@link
   * daphnegrid.kernels.MatMulKernels#tmatmulSkipZeros}. Row r of b is folded into row i of c for
   * each non-zero a[r][i], vectors across the columns. A non-finite value in such a row leaves its
   * row of c non-finite (NaN and infinities never cancel to a finite value), so only the rows of b
   * with no non-zero a cell are checked directly, and c once at the end.
   */
  static boolean tmatmulSkipZeros(
      double[] a, int aOff, int m, int k, double[] b, int bOff, int n, double[] c, int cOff) {
    java.util.Arrays.fill(c, cOff, cOff + k * n, 0.0);
    int jEnd = S.loopBound(n);
    for (int r = 0; r < m; r++) {
      int bo = bOff + r * n;
      int ar = aOff + r * k;
      boolean folded = false;
      for (int i = 0; i < k; i++) {
        double ai = a[ar + i];
        if (ai == 0) {
          continue;
        }
        folded = true;
        DoubleVector av = DoubleVector.broadcast(S, ai);
        int co = cOff + i * n;
        int j = 0;
        for (; j < jEnd; j += VL) {
          av.fma(DoubleVector.fromArray(S, b, bo + j), DoubleVector.fromArray(S, c, co + j))
              .intoArray(c, co + j);
        }
        for (; j < n; j++) {
          c[co + j] = Math.fma(ai, b[bo + j], c[co + j]);
        }
      }
      if (!folded && !SkipZeros.allFinite(b, bo, n)) {
        return false;
      }
    }
    return finiteNoNegativeZero(c, cOff, k * n);
  }

  /**
   * {@link SkipZeros#finiteNoNegativeZero} by vectors: v - v is NaN exactly for the non-finite
   * cells, and -0.0 has the smallest bit pattern of all doubles read as signed longs
   * (Long.MIN_VALUE). Called once per tile of a t(P) @ X, so it must cost little next to the tile's
   * products.
   */
  static boolean finiteNoNegativeZero(double[] c, int cOff, int len) {
    int end = S.loopBound(len);
    DoubleVector nan0 = DoubleVector.zero(S);
    DoubleVector nan1 = nan0;
    LongVector min0 = LongVector.broadcast(LS, Long.MAX_VALUE);
    LongVector min1 = min0;
    int i = 0;
    for (; i + 2 * VL <= end; i += 2 * VL) {
      DoubleVector v0 = DoubleVector.fromArray(S, c, cOff + i);
      DoubleVector v1 = DoubleVector.fromArray(S, c, cOff + i + VL);
      nan0 = nan0.add(v0.sub(v0));
      nan1 = nan1.add(v1.sub(v1));
      min0 = min0.min(v0.reinterpretAsLongs());
      min1 = min1.min(v1.reinterpretAsLongs());
    }
    for (; i < end; i += VL) {
      DoubleVector v0 = DoubleVector.fromArray(S, c, cOff + i);
      nan0 = nan0.add(v0.sub(v0));
      min0 = min0.min(v0.reinterpretAsLongs());
    }
    if (Double.isNaN(nan0.add(nan1).reduceLanes(VectorOperators.ADD))
        || min0.min(min1).reduceLanes(VectorOperators.MIN) == Long.MIN_VALUE) {
      return false;
    }
    return SkipZeros.finiteNoNegativeZero(c, cOff + i, len - i);
  }
}
