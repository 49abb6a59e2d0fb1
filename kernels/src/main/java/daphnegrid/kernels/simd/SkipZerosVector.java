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
   * daphnegrid.kernels.MatMulKernels#tmatmulSkipZeros}.
   *
   * <p>The rows of a are first grouped by the column of each non-zero cell ({@link Groups}: per
   * column of a, its rows in increasing order). Then each row of c is summed in registers, a strip
   * of up to eight vectors of columns at a time, over its group's rows of b, and stored once. A
   * cell of c is therefore the same chain as folding row after row into c — the fma chain over the
   * rows with a non-zero a cell, in row order, from +0 — without loading and storing c's row for
   * every row of b (those stores and the loads right after them, a row of c being hit again within
   * a few rows, were most of this kernel's time). A non-finite value in a folded row leaves its row
   * of c non-finite (NaN and infinities never cancel to a finite value), so only the rows of b with
   * no non-zero a cell are checked directly, and c once at the end.
   */
  static boolean tmatmulSkipZeros(
      double[] a, int aOff, int m, int k, double[] b, int bOff, int n, double[] c, int cOff) {
    Groups g = GROUPS.get().of(a, aOff, m, k);
    for (int r = 0; r < m; r++) {
      if (!g.folded[r] && !SkipZeros.allFinite(b, bOff + r * n, n)) {
        return false;
      }
    }
    for (int i = 0; i < k; i++) {
      int from = i * m;
      int to = from + g.count[i];
      int co = cOff + i * n;
      int j = 0;
      for (; j + 8 * VL <= n; j += 8 * VL) {
        strip8(g.rows, from, to, a, aOff, k, i, b, bOff, n, j, c, co);
      }
      for (; j + 2 * VL <= n; j += 2 * VL) {
        strip2(g.rows, from, to, a, aOff, k, i, b, bOff, n, j, c, co);
      }
      for (; j + VL <= n; j += VL) {
        DoubleVector s = DoubleVector.zero(S);
        for (int q = from; q < to; q++) {
          int r = g.rows[q];
          s =
              DoubleVector.broadcast(S, a[aOff + r * k + i])
                  .fma(DoubleVector.fromArray(S, b, bOff + r * n + j), s);
        }
        s.intoArray(c, co + j);
      }
      for (; j < n; j++) {
        double s = 0.0;
        for (int q = from; q < to; q++) {
          int r = g.rows[q];
          s = Math.fma(a[aOff + r * k + i], b[bOff + r * n + j], s);
        }
        c[co + j] = s;
      }
    }
    return finiteNoNegativeZero(c, cOff, k * n);
  }

  /** Columns [j, j + 8 VL) of row co of c: eight independent chains over the group's rows. */
  private static void strip8(
      int[] rows,
      int from,
      int to,
      double[] a,
      int aOff,
      int k,
      int i,
      double[] b,
      int bOff,
      int n,
      int j,
      double[] c,
      int co) {
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    DoubleVector s4 = s0;
    DoubleVector s5 = s0;
    DoubleVector s6 = s0;
    DoubleVector s7 = s0;
    for (int q = from; q < to; q++) {
      int r = rows[q];
      DoubleVector w = DoubleVector.broadcast(S, a[aOff + r * k + i]);
      int bo = bOff + r * n + j;
      s0 = w.fma(DoubleVector.fromArray(S, b, bo), s0);
      s1 = w.fma(DoubleVector.fromArray(S, b, bo + VL), s1);
      s2 = w.fma(DoubleVector.fromArray(S, b, bo + 2 * VL), s2);
      s3 = w.fma(DoubleVector.fromArray(S, b, bo + 3 * VL), s3);
      s4 = w.fma(DoubleVector.fromArray(S, b, bo + 4 * VL), s4);
      s5 = w.fma(DoubleVector.fromArray(S, b, bo + 5 * VL), s5);
      s6 = w.fma(DoubleVector.fromArray(S, b, bo + 6 * VL), s6);
      s7 = w.fma(DoubleVector.fromArray(S, b, bo + 7 * VL), s7);
    }
    s0.intoArray(c, co + j);
    s1.intoArray(c, co + j + VL);
    s2.intoArray(c, co + j + 2 * VL);
    s3.intoArray(c, co + j + 3 * VL);
    s4.intoArray(c, co + j + 4 * VL);
    s5.intoArray(c, co + j + 5 * VL);
    s6.intoArray(c, co + j + 6 * VL);
    s7.intoArray(c, co + j + 7 * VL);
  }

  /** Columns [j, j + 2 VL) of row co of c, as {@link #strip8}. */
  private static void strip2(
      int[] rows,
      int from,
      int to,
      double[] a,
      int aOff,
      int k,
      int i,
      double[] b,
      int bOff,
      int n,
      int j,
      double[] c,
      int co) {
    DoubleVector s0 = DoubleVector.zero(S);
    DoubleVector s1 = s0;
    for (int q = from; q < to; q++) {
      int r = rows[q];
      DoubleVector w = DoubleVector.broadcast(S, a[aOff + r * k + i]);
      int bo = bOff + r * n + j;
      s0 = w.fma(DoubleVector.fromArray(S, b, bo), s0);
      s1 = w.fma(DoubleVector.fromArray(S, b, bo + VL), s1);
    }
    s0.intoArray(c, co + j);
    s1.intoArray(c, co + j + VL);
  }

  private static final ThreadLocal<Groups> GROUPS = ThreadLocal.withInitial(Groups::new);

  /**
   * The rows of an m x k matrix a grouped by column: column i's rows with a non-zero cell are
   * {@code rows[i * m .. i * m + count[i])}, in increasing order; {@code folded[r]} tells whether
   * row r has any. One per thread, grown as needed.
   */
  static final class Groups {
    int[] rows = new int[0];
    int[] count = new int[0];
    boolean[] folded = new boolean[0];

    Groups of(double[] a, int aOff, int m, int k) {
      if (rows.length < m * k) {
        rows = new int[m * k];
      }
      if (count.length < k) {
        count = new int[k];
      }
      if (folded.length < m) {
        folded = new boolean[m];
      }
      java.util.Arrays.fill(count, 0, k, 0);
      for (int r = 0; r < m; r++) {
        boolean any = false;
        for (int i = 0; i < k; i++) {
          boolean nz = a[aOff + r * k + i] != 0;
          rows[i * m + count[i]] = r; // written always, kept only when counted
          count[i] += nz ? 1 : 0;
          any |= nz;
        }
        folded[r] = any;
      }
      return this;
    }
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
