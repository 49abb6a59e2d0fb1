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
   * (one non-zero per row, a tie split over two cells in the last row). In the first probe b has
   * fifteen vectors and 3 cells per row, so that the strips of eight, four, two and one vectors and
   * the tail all run, and b ends with its last row, so that the tail's last load is the masked one;
   * the second is smaller, to keep the probe short (a probe counts as compiled below {@link
   * Warmup#FAST_NANOS}). a comes in two widths, one vector (k-means with VL centroids) and one
   * vector and a cell, so that the compares of full vectors and of a tail both run and both
   * outcomes of the tail test are in the profile. The JIT compiles the loops with the profile the
   * probes leave, and a path the probes never took is compiled as a trap: the first real call then
   * deoptimizes the compiled loop and has it compiled again (probes of one width only cost the
   * k-means loop about half a second that way).
   */
  static void probe() {
    tmatmulSkipZeros(PROBE_FULL, 0, 4, VL, PROBE_B, 0, PROBE_N, Warmup.D_OUT, 0);
    tmatmulSkipZeros(PROBE_TAIL, 0, 4, VL + 1, Warmup.D_IN, 0, 2 * VL + 3, Warmup.D_OUT, 0);
  }

  /** Columns of the first probe's b: strips of eight, four, two and one vectors and a tail. */
  private static final int PROBE_N = 15 * VL + 3;

  /** Four rows of PROBE_N cells, the array ending with the last row. */
  private static final double[] PROBE_B = java.util.Arrays.copyOf(Warmup.D_IN, 4 * PROBE_N);

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
   * daphnegrid.kernels.MatMulKernels#tmatmulSkipZeros}. Each cell of c is the fma chain over the
   * rows r with a[r][i] != 0, in ascending r, from +0.
   *
   * <p>First the rows are listed per row of c: the non-zero cells of a row of a are found by vector
   * compares (k is at most {@link #MAX_K}, so a row's non-zero set fits one long) and the row is
   * appended to the list of each, so the lists stay ascending. Then each row of c is computed from
   * its list in strips of eight, four, two and one vectors held in registers across the list
   * ({@link #strip8} and its narrower twins); the last, partial vector of a row of b is read whole
   * where that stays in b (its lanes past n gather values that are never stored). The strips are
   * methods of their own although the check below is not: written out inside this method, the one
   * large method took longer to reach C2 (the first ten iterations of the k-means loop on 1,000,000
   * x 100 took 3.0-3.5 s against 2.7-2.8) and in one run of three the loop stayed at 150-170 ms an
   * iteration.
   *
   * <p>Folded row by row into the row of c each centroid names, through memory (as this kernel did
   * before), the update cost about 2 ns per vector of c on an Intel Xeon, whatever k was (each
   * row's loads of c follow the stores of the rows before it, which they sometimes alias); with the
   * lists, alone on one thread, 8 centroids and 100 columns in tiles of 40 rows took 19.5 ns a row
   * against 24.8, 5 and 20 in tiles of 200 rows 7.4 against 10.9. A non-finite value in a folded
   * row of b leaves its row of c non-finite (NaN and infinities never cancel to a finite value), so
   * only the rows of b with no non-zero a cell are checked directly, and c once at the end.
   */
  static boolean tmatmulSkipZeros(
      double[] a, int aOff, int m, int k, double[] b, int bOff, int n, double[] c, int cOff) {
    if (k > MAX_K) {
      return SkipZeros.tmatmulSkipZeros(a, aOff, m, k, b, bOff, n, c, cOff);
    }
    int[][] held = LISTS.get();
    int[] lists = rowLists(held, 0, k * m);
    int[] counts = rowLists(held, 1, k);
    java.util.Arrays.fill(counts, 0, k, 0);
    int kEnd = S.loopBound(k);
    VectorMask<Double> tail = kEnd < k ? S.indexInRange(kEnd, k) : null;
    DoubleVector zero = DoubleVector.zero(S);
    for (int r = 0; r < m; r++) {
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
        if (!SkipZeros.allFinite(b, bOff + r * n, n)) {
          return false;
        }
        continue;
      }
      do {
        int i = Long.numberOfTrailingZeros(nonZero);
        nonZero &= nonZero - 1;
        lists[i * m + counts[i]++] = r;
      } while (nonZero != 0);
    }
    int jEnd = S.loopBound(n);
    // the tail's lanes and the buffer its chains are stored through, once per call
    VectorMask<Double> tailCells = jEnd < n ? S.indexInRange(jEnd, n) : null;
    double[] tailOut = jEnd < n ? new double[VL] : null;
    for (int i = 0; i < k; i++) {
      int co = cOff + i * n;
      int l0 = i * m;
      int cnt = counts[i];
      if (cnt == 0) {
        java.util.Arrays.fill(c, co, co + n, 0.0); // no term: each chain stays at +0
        continue;
      }
      int j = 0;
      for (; j + 8 * VL <= jEnd; j += 8 * VL) {
        strip8(a, aOff, k, i, lists, l0, cnt, b, bOff, n, j, c, co);
      }
      if (j + 4 * VL <= jEnd) {
        strip4(a, aOff, k, i, lists, l0, cnt, b, bOff, n, j, c, co);
        j += 4 * VL;
      }
      if (j + 2 * VL <= jEnd) {
        strip2(a, aOff, k, i, lists, l0, cnt, b, bOff, n, j, c, co);
        j += 2 * VL;
      }
      if (j < jEnd) {
        strip1(a, aOff, k, i, lists, l0, cnt, b, bOff, n, j, c, co);
        j += VL;
      }
      if (j < n) {
        stripTail(a, aOff, k, i, lists, l0, cnt, b, bOff, n, j, tailCells, tailOut, c, co);
      }
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

  /** Per thread: the row lists (slot 0) and their lengths (slot 1), grown as needed. */
  private static final ThreadLocal<int[][]> LISTS = ThreadLocal.withInitial(() -> new int[2][0]);

  private static int[] rowLists(int[][] held, int slot, int len) {
    if (held[slot].length < len) {
      held[slot] = new int[Math.max(len, 2 * held[slot].length)];
    }
    return held[slot];
  }

  /**
   * Cells [j, j + 8 VL) of row i of c (from co): eight vector chains over the rows in lists[l0, l0
   * + cnt), in registers.
   */
  private static void strip8(
      double[] a,
      int aOff,
      int k,
      int i,
      int[] lists,
      int l0,
      int cnt,
      double[] b,
      int bOff,
      int n,
      int j,
      double[] c,
      int co) {
    DoubleVector c0 = DoubleVector.zero(S);
    DoubleVector c1 = c0;
    DoubleVector c2 = c0;
    DoubleVector c3 = c0;
    DoubleVector c4 = c0;
    DoubleVector c5 = c0;
    DoubleVector c6 = c0;
    DoubleVector c7 = c0;
    for (int t = l0; t < l0 + cnt; t++) {
      int r = lists[t];
      DoubleVector av = DoubleVector.broadcast(S, a[aOff + r * k + i]);
      int bo = bOff + r * n + j;
      c0 = av.fma(DoubleVector.fromArray(S, b, bo), c0);
      c1 = av.fma(DoubleVector.fromArray(S, b, bo + VL), c1);
      c2 = av.fma(DoubleVector.fromArray(S, b, bo + 2 * VL), c2);
      c3 = av.fma(DoubleVector.fromArray(S, b, bo + 3 * VL), c3);
      c4 = av.fma(DoubleVector.fromArray(S, b, bo + 4 * VL), c4);
      c5 = av.fma(DoubleVector.fromArray(S, b, bo + 5 * VL), c5);
      c6 = av.fma(DoubleVector.fromArray(S, b, bo + 6 * VL), c6);
      c7 = av.fma(DoubleVector.fromArray(S, b, bo + 7 * VL), c7);
    }
    c0.intoArray(c, co + j);
    c1.intoArray(c, co + j + VL);
    c2.intoArray(c, co + j + 2 * VL);
    c3.intoArray(c, co + j + 3 * VL);
    c4.intoArray(c, co + j + 4 * VL);
    c5.intoArray(c, co + j + 5 * VL);
    c6.intoArray(c, co + j + 6 * VL);
    c7.intoArray(c, co + j + 7 * VL);
  }

  /** Cells [j, j + 4 VL) of row i of c: 4 vector chains over the rows of the list. */
  private static void strip4(
      double[] a,
      int aOff,
      int k,
      int i,
      int[] lists,
      int l0,
      int cnt,
      double[] b,
      int bOff,
      int n,
      int j,
      double[] c,
      int co) {
    DoubleVector c0 = DoubleVector.zero(S);
    DoubleVector c1 = c0;
    DoubleVector c2 = c0;
    DoubleVector c3 = c0;
    for (int t = l0; t < l0 + cnt; t++) {
      int r = lists[t];
      DoubleVector av = DoubleVector.broadcast(S, a[aOff + r * k + i]);
      int bo = bOff + r * n + j;
      c0 = av.fma(DoubleVector.fromArray(S, b, bo), c0);
      c1 = av.fma(DoubleVector.fromArray(S, b, bo + VL), c1);
      c2 = av.fma(DoubleVector.fromArray(S, b, bo + 2 * VL), c2);
      c3 = av.fma(DoubleVector.fromArray(S, b, bo + 3 * VL), c3);
    }
    c0.intoArray(c, co + j);
    c1.intoArray(c, co + j + VL);
    c2.intoArray(c, co + j + 2 * VL);
    c3.intoArray(c, co + j + 3 * VL);
  }

  /** Cells [j, j + 2 VL) of row i of c: 2 vector chains over the rows of the list. */
  private static void strip2(
      double[] a,
      int aOff,
      int k,
      int i,
      int[] lists,
      int l0,
      int cnt,
      double[] b,
      int bOff,
      int n,
      int j,
      double[] c,
      int co) {
    DoubleVector c0 = DoubleVector.zero(S);
    DoubleVector c1 = c0;
    for (int t = l0; t < l0 + cnt; t++) {
      int r = lists[t];
      DoubleVector av = DoubleVector.broadcast(S, a[aOff + r * k + i]);
      int bo = bOff + r * n + j;
      c0 = av.fma(DoubleVector.fromArray(S, b, bo), c0);
      c1 = av.fma(DoubleVector.fromArray(S, b, bo + VL), c1);
    }
    c0.intoArray(c, co + j);
    c1.intoArray(c, co + j + VL);
  }

  /** Cells [j, j + VL) of row i of c: one vector chain over the rows of the list. */
  private static void strip1(
      double[] a,
      int aOff,
      int k,
      int i,
      int[] lists,
      int l0,
      int cnt,
      double[] b,
      int bOff,
      int n,
      int j,
      double[] c,
      int co) {
    DoubleVector acc = DoubleVector.zero(S);
    for (int t = l0; t < l0 + cnt; t++) {
      int r = lists[t];
      acc =
          DoubleVector.broadcast(S, a[aOff + r * k + i])
              .fma(DoubleVector.fromArray(S, b, bOff + r * n + j), acc);
    }
    acc.intoArray(c, co + j);
  }

  /**
   * Cells [j, n) of row i of c, fewer than a vector: one vector chain whose loads of b reach past
   * the row (read whole while they stay in b, masked to cells after), stored through out (VL
   * cells), of which only the first n - j lanes are copied to c.
   */
  private static void stripTail(
      double[] a,
      int aOff,
      int k,
      int i,
      int[] lists,
      int l0,
      int cnt,
      double[] b,
      int bOff,
      int n,
      int j,
      VectorMask<Double> cells,
      double[] out,
      double[] c,
      int co) {
    int whole = b.length - VL; // the last offset of b a whole vector can be read from
    DoubleVector acc = DoubleVector.zero(S);
    for (int t = l0; t < l0 + cnt; t++) {
      int r = lists[t];
      int bo = bOff + r * n + j;
      DoubleVector bv =
          bo <= whole ? DoubleVector.fromArray(S, b, bo) : DoubleVector.fromArray(S, b, bo, cells);
      acc = DoubleVector.broadcast(S, a[aOff + r * k + i]).fma(bv, acc);
    }
    acc.intoArray(out, 0);
    System.arraycopy(out, 0, c, co + j, n - j);
  }

  /** The widest a whose rows' non-zero sets fit a long; wider ones run the plain twin. */
  static final int MAX_K = 64;
}
