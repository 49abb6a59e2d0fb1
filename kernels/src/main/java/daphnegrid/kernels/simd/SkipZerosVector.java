package daphnegrid.kernels.simd;

import daphnegrid.kernels.plain.SkipZeros;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
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
   * per row, so that the fold's vector loop and its tail run. a comes in two widths, one vector
   * (k-means with VL centroids) and one vector and a cell, so that the compares of full vectors and
   * of a tail both run and both outcomes of the tail test are in the profile. The JIT compiles the
   * loops with the profile the probes leave, and a path the probes never took is compiled as a
   * trap: the first real call then deoptimizes the compiled loop and has it compiled again (probes
   * of one width only cost the k-means loop about half a second that way).
   */
  static void probe() {
    tmatmulSkipZeros(PROBE_FULL, 0, 4, VL, Warmup.D_IN, 0, 2 * VL + 3, Warmup.D_OUT, 0);
    tmatmulSkipZeros(PROBE_TAIL, 0, 4, VL + 1, Warmup.D_IN, 0, 2 * VL + 3, Warmup.D_OUT, 0);
  }

  private static final double[] PROBE_FULL = probeAssignment(VL);
  private static final double[] PROBE_TAIL = probeAssignment(VL + 1);

  /** Four rows of k cells: centroids 0, k - 1 and 2, then a tie between 1 and k - 1. */
  private static double[] probeAssignment(int k) {
    double[] a = new double[4 * k];
    a[0] = 1;
    a[k + k - 1] = 1;
    a[2 * k + 2] = 1;
    a[3 * k + 1] = 0.5;
    a[3 * k + k - 1] = 0.5;
    return a;
  }

  /**
   * c (k x n) = t(a) @ b skipping the zero cells of a; see {@link
   * daphnegrid.kernels.MatMulKernels#tmatmulSkipZeros}. Row r of b is folded into row i of c for
   * each non-zero a[r][i], vectors across the columns. The non-zero cells of a row of a are found
   * by vector compares (k is at most {@link #MAX_K}, so a row's non-zero set fits one long) and
   * visited in ascending order; an assignment row (one non-zero) thus costs no branch that depends
   * on which centroid it names. A non-finite value in a folded row of b leaves its row of c
   * non-finite (NaN and infinities never cancel to a finite value), so only the rows of b with no
   * non-zero a cell are checked directly, and c once at the end.
   */
  static boolean tmatmulSkipZeros(
      double[] a, int aOff, int m, int k, double[] b, int bOff, int n, double[] c, int cOff) {
    if (k > MAX_K) {
      return SkipZeros.tmatmulSkipZeros(a, aOff, m, k, b, bOff, n, c, cOff);
    }
    java.util.Arrays.fill(c, cOff, cOff + k * n, 0.0);
    int jEnd = S.loopBound(n);
    int kEnd = S.loopBound(k);
    VectorMask<Double> tail = kEnd < k ? S.indexInRange(kEnd, k) : null;
    DoubleVector zero = DoubleVector.zero(S);
    for (int r = 0; r < m; r++) {
      int bo = bOff + r * n;
      int ar = aOff + r * k;
      long nonZero = 0;
      int i0 = 0;
      for (; i0 < kEnd; i0 += VL) {
        nonZero |=
            DoubleVector.fromArray(S, a, ar + i0).compare(VectorOperators.NE, zero).toLong() << i0;
      }
      if (tail != null) {
        nonZero |=
            DoubleVector.fromArray(S, a, ar + i0, tail)
                    .compare(VectorOperators.NE, zero, tail)
                    .toLong()
                << i0;
      }
      if (nonZero == 0) {
        if (!SkipZeros.allFinite(b, bo, n)) {
          return false;
        }
        continue;
      }
      do {
        int i = Long.numberOfTrailingZeros(nonZero);
        nonZero &= nonZero - 1;
        double ai = a[ar + i];
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
      } while (nonZero != 0);
    }
    // The check that c is finite and holds no -0.0, by vectors: v - v is NaN exactly for the
    // non-finite cells, and -0.0 has the smallest bit pattern of all doubles read as signed longs
    // (Long.MIN_VALUE). It is written out here, not called: as a method of its own it was at times
    // left in a C1 version (the compile log showed it compiled at tier 2 and never at tier 4 while
    // the fold was), which runs the Vector API's Java fallback with boxed vectors; the warm-up
    // thread's probes of this kernel then never turned fast, and the thread allocated about a
    // gigabyte a second for seconds at a time.
    int len = k * n;
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

  /** The widest a whose rows' non-zero sets fit a long; wider ones run the plain twin. */
  static final int MAX_K = 64;
}
