package daphnegrid.kernels.pipeline;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.Convert;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Kernels;
import daphnegrid.kernels.MatMulKernels;
import daphnegrid.kernels.ReductionKernels;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.Transpose;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-block partial results of the reducing outputs, and how blocks combine, always in block order.
 * A block is run tile by tile (the tile height of {@link BlockExecutor}, a function of the
 * program), and the evaluation order is part of the contract (it fixes the bits of floating-point
 * results):
 *
 * <ul>
 *   <li>column sums, minima, maxima: down each column in row order, continuing from tile to tile,
 *       from -0 for sums (see {@link ReductionKernels}: exactly the fold from the column's first
 *       cell, so a column of -0 cells sums to -0; a column of no rows sums to +0) and from +inf /
 *       -inf for minima / maxima;
 *   <li>full sums, minima, maxima: each tile's cells (row-major) are reduced by {@link
 *       ReductionKernels#aggregate} in its fixed layout of {@link ReductionKernels#F64_LANES} (f32:
 *       {@link ReductionKernels#F32_LANES}) accumulators: cell k goes to accumulator k mod L below
 *       the largest multiple of L, the accumulators combine by halving (acc[j] with acc[j + h] for
 *       h = L/2, ..., 1), then the remaining cells fold in one by one; the tile results then fold
 *       into the block's value in row order, from the neutral element (+0 for sums, so a full sum
 *       is never -0). Integer cells fold one by one in row-major order instead. Which zero a float
 *       minimum or maximum gives, when the extreme is a zero, is DAPHNE's (see {@link
 *       FullAccumulator});
 *   <li>var and stddev: count, mean and sum of squared deviations per tile (two passes over the
 *       tile, in f64), merged tile by tile and block by block with Chan's formula; population
 *       variance;
 *   <li>t(A) @ B in f64: per tile with the matrix-product kernels (one fused multiply-add chain per
 *       cell over the tile's rows), tile results added into the block's sum in row order; when A
 *       and B are both f64 split inputs, one product over all the rows of the block instead;
 *       exactly symmetric when A and B are the same slot (crossprod). In f32, one fused
 *       multiply-add chain per cell over all the block's rows; in integer types, a wrapping
 *       multiply-add chain; for the same slot, only the upper triangle is computed and mirrored;
 *   <li>idxMin and idxMax of columns: see {@link IndexPartials};
 *   <li>blocks combine left to right: sums (and t(A) @ B) add cell by cell, minima and maxima fold
 *       (the earlier block's value kept on ties), variances merge with Chan's formula.
 * </ul>
 *
 * Means are sums divided by the row (or cell) count at the end: in f32 for f32 cells, in f64
 * otherwise (integer cells are summed as doubles for a mean). Integer sums wrap in their type.
 */
public final class Partials {
  private Partials() {}

  private static double neutral(AggOp op) {
    return op == AggOp.MIN
        ? Double.POSITIVE_INFINITY
        : (op == AggOp.MAX ? Double.NEGATIVE_INFINITY : 0.0);
  }

  /** Where a float column accumulator starts: as {@link #neutral}, but -0 for sums and means. */
  private static double columnStart(AggOp op) {
    return op == AggOp.MIN || op == AggOp.MAX ? neutral(op) : -0.0;
  }

  private static double fold(AggOp op, double acc, double x) {
    return switch (op) {
      case MIN -> x < acc ? x : acc;
      case MAX -> acc < x ? x : acc;
      default -> acc + x;
    };
  }

  private static float foldF(AggOp op, float acc, float x) {
    return switch (op) {
      case MIN -> x < acc ? x : acc;
      case MAX -> acc < x ? x : acc;
      default -> acc + x;
    };
  }

  private static long neutralLong(AggOp op, ValueType t) {
    if (op != AggOp.MIN && op != AggOp.MAX) {
      return 0;
    }
    boolean min = op == AggOp.MIN;
    return switch (t) {
      case BOOL -> min ? 1 : 0;
      case SI8 -> min ? Byte.MAX_VALUE : Byte.MIN_VALUE;
      case UI8 -> min ? 0xFF : 0;
      case SI32 -> min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
      case UI32 -> min ? 0xFFFFFFFFL : 0;
      case SI64 -> min ? Long.MAX_VALUE : Long.MIN_VALUE;
      default -> min ? -1L : 0; // ui64, size
    };
  }

  private static long foldLong(AggOp op, long acc, long x, ValueType t) {
    boolean u = t == ValueType.UI64 || t == ValueType.SIZE;
    return switch (op) {
      case MIN -> (u ? Long.compareUnsigned(x, acc) : Long.compare(x, acc)) < 0 ? x : acc;
      case MAX -> (u ? Long.compareUnsigned(acc, x) : Long.compare(acc, x)) < 0 ? x : acc;
      default -> acc + x;
    };
  }

  /** Mode of accumulation for a value type and op: float, double or integer arithmetic. */
  private enum Mode {
    F64,
    F32,
    INT
  }

  private static Mode mode(AggOp op, ValueType t) {
    if (t == ValueType.F32) {
      return Mode.F32;
    }
    if (t == ValueType.F64 || op == AggOp.MEAN) {
      return Mode.F64;
    }
    return Mode.INT;
  }

  private static boolean isMoment(AggOp op) {
    return op == AggOp.VAR || op == AggOp.STDDEV;
  }

  // ---- column aggregates ---------------------------------------------------------------------

  /**
   * Column sums/min/max (1 x cols in the accumulation type) or moments (3 x cols f64: the counts,
   * the means and the sums of squared deviations).
   */
  static final class ColAccumulator extends BlockExecutor.Accumulator {
    private final AggOp op;
    private final int slot;
    private final ValueType type;
    private final Mode mode;
    private final int cols;
    private final double[] d;
    private final float[] f;
    private final long[] l;
    private long count;
    private final double[] mean;
    private final double[] m2;

    ColAccumulator(AggOp op, int slot, SlotInfo info) {
      this.op = op;
      this.slot = slot;
      this.type = info.type();
      this.mode = mode(op, type);
      this.cols = (int) info.cols();
      boolean moment = isMoment(op);
      d = !moment && mode == Mode.F64 ? new double[cols] : null;
      f = !moment && mode == Mode.F32 ? new float[cols] : null;
      l = !moment && mode == Mode.INT ? new long[cols] : null;
      if (d != null) {
        Arrays.fill(d, columnStart(op));
      }
      if (f != null) {
        Arrays.fill(f, (float) columnStart(op));
      }
      if (l != null) {
        Arrays.fill(l, neutralLong(op, type));
      }
      mean = moment ? new double[cols] : null;
      m2 = moment ? new double[cols] : null;
    }

    @Override
    void add(BlockExecutor x) {
      int rows = x.rows;
      if (type == ValueType.F64 && (d != null || isMoment(op)) && !x.general) {
        double[] a = (double[]) x.arr[slot];
        int ao = x.off[slot];
        if (isMoment(op)) {
          addMomentsF64(a, ao, rows);
        } else {
          AggOp k = op == AggOp.MEAN ? AggOp.SUM : op;
          Kernels.impl().reductions().columnAggregate(k, a, ao, rows, cols, d, 0, true);
        }
        return;
      }
      if (f != null) {
        AggOp k = op == AggOp.MEAN ? AggOp.SUM : op;
        Kernels.impl()
            .reductions()
            .columnAggregate(k, (float[]) x.arr[slot], x.off[slot], rows, cols, f, 0, true);
        return;
      }
      DenseMatrix m = x.view(slot);
      if (type == ValueType.F64 && (d != null || isMoment(op))) {
        if (isMoment(op)) {
          addMoments(m, rows);
        } else {
          for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
              d[c] = fold(op, d[c], m.f64()[r * cols + c]);
            }
          }
        }
        return;
      }
      if (isMoment(op)) {
        addMoments(m, rows);
      } else if (d != null) {
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            d[c] = fold(op, d[c], m.getDouble(r * cols + c));
          }
        }
      } else {
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            l[c] = foldLong(op, l[c], m.getLong(r * cols + c), type);
          }
        }
      }
    }

    private double[] tm;
    private double[] tq;

    /**
     * The tile's column means and sums of squared deviations by the column kernels, in the same
     * order as {@link #addMoments}: sums down each column in row order, then (x - mean)^2 summed in
     * row order.
     */
    private void addMomentsF64(double[] a, int ao, int rows) {
      if (rows == 0) {
        return;
      }
      if (tm == null) {
        tm = new double[cols];
        tq = new double[cols];
      }
      ReductionKernels rk = Kernels.impl().reductions();
      rk.columnAggregate(AggOp.SUM, a, ao, rows, cols, tm, 0, false);
      for (int c = 0; c < cols; c++) {
        tm[c] /= rows;
      }
      rk.columnSumSquaredDeviations(a, ao, rows, cols, tm, 0, tq, 0, false);
      merge(rows, tm, tq);
    }

    /**
     * Chan's merge ({@link #chan}) of every column at once: the two count ratios are the same for
     * all columns, so they are divided once per tile instead of once per column (the same values,
     * so the same bits), and nothing is allocated.
     */
    private void merge(int rows, double[] tileMean, double[] tileM2) {
      if (count == 0) {
        System.arraycopy(tileMean, 0, mean, 0, cols);
        System.arraycopy(tileM2, 0, m2, 0, cols);
      } else {
        double n = (double) count + rows;
        double tileWeight = (double) rows / n;
        double crossWeight = (double) count * rows / n;
        for (int c = 0; c < cols; c++) {
          double delta = tileMean[c] - mean[c];
          m2[c] = m2[c] + tileM2[c] + delta * delta * crossWeight;
          mean[c] = mean[c] + delta * tileWeight;
        }
      }
      count += rows;
    }

    private void addMoments(DenseMatrix x, int rows) {
      if (rows == 0) {
        return;
      }
      double[] tm = new double[cols];
      double[] tq = new double[cols];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          tm[c] += x.getDouble(r * cols + c);
        }
      }
      for (int c = 0; c < cols; c++) {
        tm[c] /= rows;
      }
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          double dlt = x.getDouble(r * cols + c) - tm[c];
          tq[c] += dlt * dlt;
        }
      }
      merge(rows, tm, tq);
    }

    @Override
    DenseMatrix finish() {
      if (isMoment(op)) {
        DenseMatrix out = DenseMatrix.allocate(ValueType.F64, 3, cols);
        double[] o = out.f64();
        for (int c = 0; c < cols; c++) {
          o[c] = count;
          o[cols + c] = mean[c];
          o[2 * cols + c] = m2[c];
        }
        return out;
      }
      if (d != null) {
        return DenseMatrix.wrap(ValueType.F64, 1, cols, d);
      }
      if (f != null) {
        return DenseMatrix.wrap(ValueType.F32, 1, cols, f);
      }
      DenseMatrix out = DenseMatrix.allocate(type, 1, cols);
      for (int c = 0; c < cols; c++) {
        out.setLong(c, Convert.narrow(l[c], type));
      }
      return out;
    }
  }

  /** Chan's merge of (n_a, mean_a, M2_a) with (n_b, mean_b, M2_b): {mean, M2}. */
  static double[] chan(long na, double ma, double qa, long nb, double mb, double qb) {
    if (na == 0) {
      return new double[] {mb, qb};
    }
    if (nb == 0) {
      return new double[] {ma, qa};
    }
    double n = (double) na + nb;
    double delta = mb - ma;
    double mean = ma + delta * ((double) nb / n);
    double m2 = qa + qb + delta * delta * ((double) na * nb / n);
    return new double[] {mean, m2};
  }

  // ---- full aggregates ------------------------------------------------------------------------

  /**
   * Full sum/min/max (1x1 in the accumulation type; float minima and maxima: 1 x 3 f64, below) or
   * moments (1 x 3 f64: n, mean, M2). A tile accumulated in f64 or f32 (f64 and f32 cells, and
   * integer cells for a mean, converted to double) is reduced by {@link ReductionKernels#aggregate}
   * (its fixed lane layout) and the tile results fold into the block's value in row order; integer
   * cells otherwise fold one by one.
   *
   * <h2>Which zero a float minimum or maximum gives</h2>
   *
   * +0 and -0 compare equal, so the value does not fix the sign when the extreme is a zero;
   * DAPHNE's AggAll does. It gives cell k of the N cells (row-major) to accumulator k mod 4 for k
   * below K = 4 floor(N/4); each accumulator keeps the first zero it meets; they combine as {@code
   * op(op(a0, a1), op(a2, a3))}, which keeps the lowest-numbered accumulator among tied zeros; the
   * last N - K cells fold in one by one and only replace a value that is not a zero. So the result
   * is the zero cell of least class, where cell k's class is k mod 4 below K and 4 from K on, the
   * first such cell in row-major order among equals. A block records the class of its first zero of
   * least class and that zero ({@link #noteZeros}: only tiles whose extreme is a zero are scanned);
   * blocks combine in block order keeping the least class, the earlier block on ties. The partial
   * is [value, that zero (NaN if none), its class (5 if none)].
   */
  static final class FullAccumulator extends BlockExecutor.Accumulator {
    private static final int NO_ZERO = 5;

    private final AggOp op;
    private final int slot;
    private final ValueType type;
    private final Mode mode;
    private double accD;
    private float accF;
    private long acc;
    private long count;
    private double mean;
    private double m2;

    /** A float minimum or maximum: the zero DAPHNE gives is tracked. */
    private final boolean zeros;

    /** K = 4 floor(N/4): cells from K on fold in one by one after DAPHNE's four accumulators. */
    private final long laneCells;

    private int zeroClass = NO_ZERO;
    private double zero = Double.NaN;

    FullAccumulator(AggOp op, int slot, SlotInfo info, long rows) {
      this.op = op;
      this.slot = slot;
      this.type = info.type();
      this.mode = mode(op, type);
      accD = neutral(op);
      accF = (float) neutral(op);
      acc = neutralLong(op, type);
      zeros = (op == AggOp.MIN || op == AggOp.MAX) && type.isFloat();
      laneCells = rows * info.cols() & ~3L;
    }

    /** Whether the extreme so far is past zero (then the result is no zero, whatever follows). */
    private boolean pastZero(double value) {
      return op == AggOp.MIN ? value < 0 : value > 0;
    }

    /** The class of cell k (see the class comment). */
    private int zeroClass(long k) {
      return k < laneCells ? (int) (k & 3) : 4;
    }

    /**
     * Notes the zero cells of a tile whose extreme is a zero; the tile's cell i is cell first + i
     * of the whole. Cells come in row-major order, so the first zero of a class is the one kept.
     */
    private void noteZeros(double[] a, int off, int n, long first) {
      for (int i = 0; i < n && zeroClass > 0; i++) {
        if (a[off + i] == 0) {
          int c = zeroClass(first + i);
          if (c < zeroClass) {
            zeroClass = c;
            zero = a[off + i];
          }
        }
      }
    }

    private void noteZeros(float[] a, int off, int n, long first) {
      for (int i = 0; i < n && zeroClass > 0; i++) {
        if (a[off + i] == 0) {
          int c = zeroClass(first + i);
          if (c < zeroClass) {
            zeroClass = c;
            zero = a[off + i];
          }
        }
      }
    }

    @Override
    void add(BlockExecutor x) {
      int n = x.rows * (int) x.slot(slot).cols();
      ReductionKernels rk = Kernels.impl().reductions();
      if (isMoment(op)) {
        if (n == 0) {
          return;
        }
        double[] v;
        int vo;
        if (type == ValueType.F64 && !x.general) {
          v = (double[]) x.arr[slot];
          vo = x.off[slot];
        } else {
          v = toDoubles(x.view(slot));
          vo = 0;
        }
        double tm = rk.aggregate(AggOp.SUM, v, vo, n) / n;
        double q = rk.sumSquaredDeviations(v, vo, n, tm);
        double[] merged = chan(count, mean, m2, n, tm, q);
        mean = merged[0];
        m2 = merged[1];
        count += n;
        return;
      }
      AggOp k = op == AggOp.MEAN ? AggOp.SUM : op;
      long first = x.tileRow * x.slot(slot).cols();
      switch (mode) {
        case F64 -> {
          double[] a;
          int ao;
          if (type == ValueType.F64 && !x.general) {
            a = (double[]) x.arr[slot];
            ao = x.off[slot];
          } else {
            a = toDoubles(x.view(slot));
            ao = 0;
          }
          double t = rk.aggregate(k, a, ao, n);
          accD = fold(k, accD, t);
          if (zeros && t == 0 && !pastZero(accD)) {
            noteZeros(a, ao, n, first);
          }
        }
        case F32 -> {
          float[] a = (float[]) x.arr[slot];
          float t = rk.aggregate(k, a, x.off[slot], n);
          accF = foldF(k, accF, t);
          if (zeros && t == 0 && !pastZero(accF)) {
            noteZeros(a, x.off[slot], n, first);
          }
        }
        case INT -> {
          DenseMatrix m = x.view(slot);
          for (int i = 0; i < n; i++) {
            acc = foldLong(op, acc, m.getLong(i), type);
          }
        }
      }
    }

    private static double[] toDoubles(DenseMatrix x) {
      int n = x.size();
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = x.getDouble(i);
      }
      return v;
    }

    @Override
    DenseMatrix finish() {
      if (isMoment(op)) {
        return DenseMatrix.ofDoubles(1, 3, count, mean, m2);
      }
      if (zeros) {
        return DenseMatrix.ofDoubles(1, 3, mode == Mode.F32 ? accF : accD, zero, zeroClass);
      }
      switch (mode) {
        case F64 -> {
          return DenseMatrix.ofDoubles(1, 1, accD);
        }
        case F32 -> {
          DenseMatrix m = DenseMatrix.allocate(ValueType.F32, 1, 1);
          m.f32()[0] = accF;
          return m;
        }
        default -> {
          DenseMatrix m = DenseMatrix.allocate(type, 1, 1);
          m.setLong(0, Convert.narrow(acc, type));
          return m;
        }
      }
    }
  }

  // ---- t(A) @ B ------------------------------------------------------------------------------

  /**
   * Sums t(left) @ right over the rows of a block: left.cols x right.cols, accumulated in the
   * slots' value type (f64 per tile by the kernels, f32 and integers cell by cell over the block's
   * rows).
   */
  static final class TMatMulAccumulator extends BlockExecutor.Accumulator {
    private final int left;
    private final int right;
    private final boolean symmetric;
    private final ValueType type;
    private final int k;
    private final int m;
    private final double[] d;
    private final float[] f;
    private final long[] l;

    TMatMulAccumulator(int left, int right, SlotInfo li, SlotInfo ri) {
      if (li.type() != ri.type()) {
        throw new IllegalArgumentException(
            "t(A) @ B operands differ: " + li.type() + ", " + ri.type());
      }
      this.left = left;
      this.right = right;
      this.symmetric = left == right;
      this.type = li.type();
      this.k = (int) li.cols();
      this.m = (int) ri.cols();
      d = type == ValueType.F64 ? new double[k * m] : null;
      f = type == ValueType.F32 ? new float[k * m] : null;
      l = d == null && f == null ? new long[k * m] : null;
    }

    private double[] tmp;
    private double[] aT;

    /** t(a) @ b over rows rows at once (a block of f64 split inputs), added into the sum. */
    void addBlock(double[] a, int ao, double[] b, int bo, int rows) {
      addF64(a, ao, b, bo, rows);
    }

    @Override
    void add(BlockExecutor x) {
      int rows = x.rows;
      if (d != null) {
        if (x.general) {
          addF64(x.view(left).f64(), 0, x.view(right).f64(), 0, rows);
        } else {
          addF64((double[]) x.arr[left], x.off[left], (double[]) x.arr[right], x.off[right], rows);
        }
        return;
      }
      DenseMatrix a = x.view(left);
      DenseMatrix b = x.view(right);
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < k; i++) {
          int j0 = symmetric ? i : 0;
          if (f != null) {
            float ai = a.f32()[r * k + i];
            float[] bb = b.f32();
            for (int j = j0; j < m; j++) {
              f[i * m + j] = Math.fma(ai, bb[r * m + j], f[i * m + j]);
            }
          } else {
            long ai = a.getLong(r * k + i);
            for (int j = j0; j < m; j++) {
              l[i * m + j] += ai * b.getLong(r * m + j);
            }
          }
        }
      }
    }

    /**
     * A left operand this narrow (k-means' assignment matrix t(P), k centroids) and at least half
     * zeros first tries the product that skips its zero cells, which gives the full product's bits
     * or declines.
     */
    static final int SKIP_ZEROS_MAX_K = 32;

    /**
     * True when at least half of the len cells of a from ao are zero: then skipping them saves at
     * least half of the product's multiply-adds, which pays for the skipping kernel's loads and
     * stores of c (the full product keeps c in registers).
     */
    static boolean mostlyZeros(double[] a, int ao, int len) {
      int zeros = 0;
      for (int i = ao; i < ao + len; i++) {
        if (a[i] == 0) {
          zeros++;
        }
      }
      return 2 * zeros >= len;
    }

    /**
     * How often the left operand's zeros are counted: at a block's first tile and then every this
     * many tiles, the tiles between taking the last count's answer. The answer only picks the
     * faster kernel (both give the same bits), and the count cost 2-5% of a k-means pass when it
     * ran for every tile.
     */
    static final int RECOUNT_TILES = 16;

    private int tilesSinceCount = RECOUNT_TILES;
    private boolean sparseLeft;

    private boolean skipZerosPays(double[] a, int ao, int len) {
      if (tilesSinceCount >= RECOUNT_TILES) {
        sparseLeft = mostlyZeros(a, ao, len);
        tilesSinceCount = 0;
      }
      tilesSinceCount++;
      return sparseLeft;
    }

    /** t(a) @ b of rows rows (a tile, or a whole block) by the selected kernels, added into d. */
    private void addF64(double[] a, int ao, double[] b, int bo, int rows) {
      if (tmp == null) {
        tmp = new double[k * m];
      }
      MatMulKernels mk = Kernels.implFor((long) rows * k * m).matmul();
      if (symmetric) {
        mk.crossprod(a, ao, rows, k, tmp, 0, null);
      } else if (m == 1) {
        mk.gemvTransposed(a, ao, rows, k, b, bo, tmp, 0);
      } else if (k > SKIP_ZEROS_MAX_K
          || !skipZerosPays(a, ao, rows * k)
          || !mk.tmatmulSkipZeros(a, ao, rows, k, b, bo, m, tmp, 0)) {
        if (aT == null || aT.length < k * rows) {
          aT = new double[k * rows];
        }
        Transpose.transpose(a, ao, rows, k, aT, 0);
        mk.gemm(aT, 0, b, bo, tmp, 0, k, rows, m, null);
      }
      for (int i = 0; i < k * m; i++) {
        d[i] += tmp[i];
      }
    }

    @Override
    DenseMatrix finish() {
      if (d != null) {
        return DenseMatrix.wrap(ValueType.F64, k, m, d);
      }
      DenseMatrix out = DenseMatrix.allocate(type, k, m);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < m; j++) {
          int src = symmetric && j < i ? j * m + i : i * m + j;
          if (d != null) {
            out.f64()[i * m + j] = d[src];
          } else if (f != null) {
            out.f32()[i * m + j] = f[src];
          } else {
            out.setLong(i * m + j, Convert.narrow(l[src], type));
          }
        }
      }
      return out;
    }
  }

  // ---- combining blocks ---------------------------------------------------------------------

  /**
   * The final values of a program's outputs from its blocks' partials in block order: null for row
   * outputs, a {@link Scalar} for full aggregates, a {@link DenseMatrix} otherwise.
   */
  public static List<Object> combine(BlockProgram p, List<BlockPartial> blocks) {
    List<SlotInfo> slots = SlotInfo.of(p);
    List<Object> out = new ArrayList<>();
    for (int o = 0; o < p.outputs().size(); o++) {
      BlockProgram.Output spec = p.outputs().get(o);
      if (spec instanceof BlockProgram.Rows) {
        out.add(null);
        continue;
      }
      List<DenseMatrix> parts = new ArrayList<>(blocks.size());
      for (BlockPartial b : blocks) {
        parts.add(b.values().get(o));
      }
      if (spec instanceof BlockProgram.ColAgg c) {
        out.add(finishCols(c.op(), slots.get(c.slot()).type(), parts, p.rows()));
      } else if (spec instanceof BlockProgram.FullAgg f) {
        SlotInfo s = slots.get(f.slot());
        out.add(finishFull(f.op(), s.type(), parts, p.rows() * s.cols()));
      } else {
        DenseMatrix acc = parts.get(0).copy();
        for (int i = 1; i < parts.size(); i++) {
          addInto(acc, parts.get(i));
        }
        out.add(acc);
      }
    }
    return out;
  }

  private static void addInto(DenseMatrix acc, DenseMatrix x) {
    int n = acc.size();
    switch (acc.type()) {
      case F64 -> {
        double[] a = acc.f64();
        double[] b = x.f64();
        for (int i = 0; i < n; i++) {
          a[i] += b[i];
        }
      }
      case F32 -> {
        float[] a = acc.f32();
        float[] b = x.f32();
        for (int i = 0; i < n; i++) {
          a[i] += b[i];
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          acc.setLong(i, Convert.narrow(acc.getLong(i) + x.getLong(i), acc.type()));
        }
      }
    }
  }

  private static void foldInto(AggOp op, DenseMatrix acc, DenseMatrix x, ValueType t) {
    if (op == AggOp.SUM || op == AggOp.MEAN) {
      addInto(acc, x);
      return;
    }
    int n = acc.size();
    for (int i = 0; i < n; i++) {
      if (acc.type() == ValueType.F64) {
        acc.f64()[i] = fold(op, acc.f64()[i], x.f64()[i]);
      } else if (acc.type() == ValueType.F32) {
        acc.f32()[i] = foldF(op, acc.f32()[i], x.f32()[i]);
      } else {
        acc.setLong(i, foldLong(op, acc.getLong(i), x.getLong(i), t));
      }
    }
  }

  private static DenseMatrix finishCols(AggOp op, ValueType t, List<DenseMatrix> parts, long n) {
    if (op.isIndex()) {
      return IndexPartials.finish(op, t, parts, n);
    }
    int cols = parts.get(0).cols();
    ValueType rt = op.resultType(t);
    if (isMoment(op)) {
      DenseMatrix out = DenseMatrix.allocate(rt, 1, cols);
      for (int c = 0; c < cols; c++) {
        long cnt = 0;
        double mean = 0;
        double m2 = 0;
        for (DenseMatrix p : parts) {
          long nb = (long) p.f64()[c];
          double[] merged = chan(cnt, mean, m2, nb, p.f64()[cols + c], p.f64()[2 * cols + c]);
          mean = merged[0];
          m2 = merged[1];
          cnt += nb;
        }
        double var = m2 / cnt;
        out.setDouble(c, op == AggOp.VAR ? var : Math.sqrt(var));
      }
      return out;
    }
    DenseMatrix acc = parts.get(0).copy();
    for (int i = 1; i < parts.size(); i++) {
      foldInto(op, acc, parts.get(i), t);
    }
    if (n == 0 && op == AggOp.SUM) {
      // the columns are left at their start, -0; a sum of nothing is +0
      return DenseMatrix.allocate(rt, 1, cols);
    }
    if (op == AggOp.MEAN) {
      DenseMatrix out = DenseMatrix.allocate(rt, 1, cols);
      for (int c = 0; c < cols; c++) {
        if (acc.type() == ValueType.F32) {
          out.f32()[c] = acc.f32()[c] / n;
        } else {
          out.setDouble(c, acc.getDouble(c) / n);
        }
      }
      return out;
    }
    return acc;
  }

  private static Scalar finishFull(AggOp op, ValueType t, List<DenseMatrix> parts, long cells) {
    ValueType rt = op.resultType(t);
    if (isMoment(op)) {
      long cnt = 0;
      double mean = 0;
      double m2 = 0;
      for (DenseMatrix p : parts) {
        long nb = (long) p.f64()[0];
        double[] merged = chan(cnt, mean, m2, nb, p.f64()[1], p.f64()[2]);
        mean = merged[0];
        m2 = merged[1];
        cnt += nb;
      }
      double var = m2 / cnt;
      double r = op == AggOp.VAR ? var : Math.sqrt(var);
      return rt == ValueType.F32 ? Scalar.ofDouble(rt, r) : Scalar.f64(r);
    }
    if ((op == AggOp.MIN || op == AggOp.MAX) && t.isFloat()) {
      double v = neutral(op);
      double zero = Double.NaN;
      double zeroClass = FullAccumulator.NO_ZERO;
      for (DenseMatrix p : parts) {
        double[] q = p.f64();
        v = fold(op, v, q[0]);
        if (q[2] < zeroClass) {
          zero = q[1];
          zeroClass = q[2];
        }
      }
      return Scalar.ofDouble(rt, v == 0 ? zero : v);
    }
    DenseMatrix acc = parts.get(0).copy();
    for (int i = 1; i < parts.size(); i++) {
      foldInto(op, acc, parts.get(i), t);
    }
    if (op == AggOp.MEAN) {
      if (acc.type() == ValueType.F32) {
        return Scalar.ofDouble(ValueType.F32, acc.f32()[0] / cells);
      }
      return Scalar.f64(acc.getDouble(0) / cells);
    }
    return acc.get(0);
  }
}
