package daphnegrid.kernels.simd;

import daphnegrid.kernels.plain.NearestAssign;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector twin of {@link NearestAssign} for rows of at most one vector (k centroids up to the
 * vector length): one row per step, the minimum of the row with its NaN cells replaced by +inf (the
 * minimum of the other cells, or +inf, as the NaN-skipping fold gives; only its zero sign may
 * differ, which no {@code <=} sees), the ties by the mask's count. A row shorter than a vector
 * ({@link #rowsNarrow}) is read as the vector from its first cell, whose last lanes belong to the
 * rows after it and are masked out.
 *
 * <p>The minimum comes from {@link #lanesMin}, swaps and compares, not from {@code
 * reduceLanes(MIN)}, whose Java semantics (NaN, signed zeros) cost a longer sequence per step: on
 * an Intel Xeon (AVX-512, JDK 25) rows of five cells took 7.4-7.6 ns each that way against 11-12.
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
    rowsNarrow(PROBE_NARROW, 0, PROBE_NARROW_ROWS, PROBE_K, -2.0, Warmup.D_IN, 0, Warmup.D_OUT, 0);
  }

  /** The probe of {@link #rowsNarrow}: rows of five cells, one with a tie. */
  private static final int PROBE_K = 5;

  private static final int PROBE_NARROW_ROWS = 8;

  private static final double[] PROBE_NARROW = probeNarrowDistances();

  private static double[] probeNarrowDistances() {
    double[] d = new double[PROBE_NARROW_ROWS * PROBE_K];
    for (int r = 0; r < PROBE_NARROW_ROWS; r++) {
      for (int i = 0; i < PROBE_K; i++) {
        d[r * PROBE_K + i] = (i * 3 + r) % PROBE_K; // distinct within a row
      }
    }
    d[2 * PROBE_K] = d[2 * PROBE_K + 3] = PROBE_K; // the third row: a tie for the maximum
    return d;
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
      DoubleVector min = lanesMin(e.blend(inf, e.compare(VectorOperators.NE, e)));
      VectorMask<Double> hit = e.compare(VectorOperators.LE, min);
      DoubleVector pv = zero.blend(one, hit);
      int ties = hit.trueCount();
      if (ties != 1) {
        pv = pv.div(ties);
      }
      pv.intoArray(p, pOff + r * VL);
    }
  }

  private static final VectorShuffle<Double> SWAP_1 = swap(1);
  private static final VectorShuffle<Double> SWAP_2 = swap(2);
  private static final VectorShuffle<Double> SWAP_4 = swap(4);

  /** The shuffle that swaps each lane i with lane i ^ distance (the identity past VL). */
  private static VectorShuffle<Double> swap(int distance) {
    return VectorShuffle.fromOp(S, i -> distance < VL ? i ^ distance : i);
  }

  /**
   * The least lane of m (which holds no NaN) in every lane: each step keeps, per lane, the smaller
   * of the lane and its partner at distance 1, 2, 4. Of an equal -0.0 and +0.0 either may stay.
   */
  private static DoubleVector lanesMin(DoubleVector m) {
    if (VL > 8) {
      return DoubleVector.broadcast(S, m.reduceLanes(VectorOperators.MIN));
    }
    DoubleVector t = m.rearrange(SWAP_1);
    m = m.blend(t, t.compare(VectorOperators.LT, m));
    if (VL > 2) {
      t = m.rearrange(SWAP_2);
      m = m.blend(t, t.compare(VectorOperators.LT, m));
    }
    if (VL > 4) {
      t = m.rearrange(SWAP_4);
      m = m.blend(t, t.compare(VectorOperators.LT, m));
    }
    return m;
  }

  private static final double[] IOTA = iota();

  private static double[] iota() {
    double[] a = new double[VL];
    for (int i = 0; i < VL; i++) {
      a[i] = i;
    }
    return a;
  }

  /**
   * Whether a row's cells are stored by a masked store. From JDK 18 on that is one masked move on
   * AVX-512; JDK 17 runs it as a load, a blend and a store, and there it took 19 ns a row of five
   * cells against 13.5 for the same load, blend and store written out (which reads the cells the
   * previous row just stored, and waits for them: 11 ns a row on JDK 25, against 4 with the masked
   * store).
   */
  private static final boolean MASKED_STORE = Runtime.version().feature() >= 18;

  /**
   * See {@link daphnegrid.kernels.MatMulKernels#nearestAssign}, for 1 <= k < VL. A row's vector
   * reaches VL - k cells into the rows after it: those lanes take no part in the minimum, the
   * compare or the count, and the row's store leaves them as they were (when p is d, they are the
   * later rows' distances, still unread). The last rows, whose vector would reach past this call's
   * cells of d or p (cells another thread may be writing), run the plain loop, which gives the same
   * bits.
   */
  static void rowsNarrow(
      double[] d,
      int dOff,
      int rows,
      int k,
      double scale,
      double[] shift,
      int shiftOff,
      double[] p,
      int pOff) {
    rowsNarrow(d, dOff, rows, k, scale, shift, shiftOff, p, pOff, MASKED_STORE);
  }

  /** {@link #rowsNarrow}, storing rows by a masked store or by a load, a blend and a store. */
  static void rowsNarrow(
      double[] d,
      int dOff,
      int rows,
      int k,
      double scale,
      double[] shift,
      int shiftOff,
      double[] p,
      int pOff,
      boolean maskedStore) {
    VectorMask<Double> row = DoubleVector.fromArray(S, IOTA, 0).compare(VectorOperators.LT, k);
    VectorMask<Double> after = row.not();
    double[] padded = new double[VL];
    System.arraycopy(shift, shiftOff, padded, 0, k);
    DoubleVector sh = DoubleVector.fromArray(S, padded, 0);
    DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
    DoubleVector one = DoubleVector.broadcast(S, 1.0);
    DoubleVector zero = DoubleVector.zero(S);
    // the last relative offset whose vector stays in this call's rows
    int lastStart = rows * k - VL;
    int r = 0;
    for (; r * k <= lastStart; r++) {
      int o = dOff + r * k;
      int po = pOff + r * k;
      DoubleVector e = DoubleVector.fromArray(S, d, o).mul(scale).add(sh);
      DoubleVector min = lanesMin(e.blend(inf, e.compare(VectorOperators.NE, e).or(after)));
      VectorMask<Double> hit = e.compare(VectorOperators.LE, min).and(row);
      DoubleVector pv = zero.blend(one, hit);
      int ties = hit.trueCount();
      if (ties != 1) {
        pv = pv.div(ties);
      }
      if (maskedStore) {
        pv.intoArray(p, po, row);
      } else {
        DoubleVector.fromArray(S, p, po).blend(pv, row).intoArray(p, po);
      }
    }
    if (r < rows) {
      NearestAssign.rows(d, dOff + r * k, rows - r, k, scale, shift, shiftOff, p, pOff + r * k);
    }
  }
}
