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

  /**
   * Runs the vector loops once on probe data shaped like the calls they serve: a is an assignment
   * (one non-zero per row, a tie split over two cells in the last row), b has 2 vectors and 3 cells
   * per row, so that the zero-skipping branch, the vector loop and its tail all run. The JIT
   * compiles the loops with the profile the probes leave: probes whose a had no zero cells (as the
   * first ones did) left the zero-skipping branch as never taken, and the first real call
   * deoptimized the compiled loop and had it compiled again.
   */
  static void probe() {
    tmatmulSkipZeros(PROBE_A, 0, 4, 4, Warmup.D_IN, 0, 2 * VL + 3, Warmup.D_OUT, 0);
  }

  private static final double[] PROBE_A = {
    1, 0, 0, 0,
    0, 0, 1, 0,
    0, 1, 0, 0,
    0, 0.5, 0, 0.5
  };

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
