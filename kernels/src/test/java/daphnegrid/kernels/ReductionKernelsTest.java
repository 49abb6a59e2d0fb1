package daphnegrid.kernels;

import static daphnegrid.kernels.TestData.assertBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reductions: the plain twin against references written from the documented order (the layout of
 * {@link ReductionKernels} for full and row reductions, sequential scans for columns, indexes and
 * running aggregates), and the vector kernels against the plain twin bit for bit. Zero signs are
 * checked against DAPHNE's definitions: row and column folds from the first cell, full sums from
 * +0.
 */
class ReductionKernelsTest {
  static final ReductionKernels PLAIN = Kernels.plain().reductions();
  static final ReductionKernels SIMD = Kernels.simdOrNull().reductions();
  static final AggOp[] PLAIN_OPS = {AggOp.SUM, AggOp.MIN, AggOp.MAX};
  static final long MINUS_ZERO = Double.doubleToRawLongBits(-0.0);
  static final int MINUS_ZERO_F = Float.floatToRawIntBits(-0f);

  static IntStream lengths() {
    return Arrays.stream(TestData.LENGTHS);
  }

  /** The documented layout, written out: k mod L accumulators, halving tree, sequential tail. */
  static double layout(AggOp op, double[] a, int off, int len, int lanes) {
    double neutral =
        op == AggOp.SUM
            ? 0.0
            : op == AggOp.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    double[] acc = new double[lanes];
    Arrays.fill(acc, neutral);
    int full = len / lanes * lanes;
    for (int k = 0; k < full; k++) {
      acc[k % lanes] = fold(op, acc[k % lanes], a[off + k]);
    }
    for (int h = lanes / 2; h >= 1; h /= 2) {
      for (int j = 0; j < h; j++) {
        acc[j] = fold(op, acc[j], acc[j + h]);
      }
    }
    double r = acc[0];
    for (int k = full; k < len; k++) {
      r = fold(op, r, a[off + k]);
    }
    return r;
  }

  /**
   * A row sum as DAPHNE's AggRow computes it, from its first cell, in the accumulator layout: each
   * accumulator starts from the first cell it receives, accumulators that received nothing take no
   * part in the halving, and the tail continues from the result (or from its own first cell). This
   * is what a start at -0 must equal, for every lane combination.
   */
  static double sumFromFirstCells(double[] a, int off, int len, int lanes) {
    double[] acc = new double[lanes];
    boolean[] has = new boolean[lanes];
    int full = len / lanes * lanes;
    for (int k = 0; k < full; k++) {
      int j = k % lanes;
      acc[j] = has[j] ? acc[j] + a[off + k] : a[off + k];
      has[j] = true;
    }
    for (int h = lanes / 2; h >= 1; h /= 2) {
      for (int j = 0; j < h; j++) {
        if (has[j + h]) {
          acc[j] = has[j] ? acc[j] + acc[j + h] : acc[j + h];
          has[j] = true;
        }
      }
    }
    boolean any = has[0];
    double r = acc[0];
    for (int k = full; k < len; k++) {
      r = any ? r + a[off + k] : a[off + k];
      any = true;
    }
    return any ? r : 0.0; // an empty row sums to +0
  }

  /** f32 twin of {@link #sumFromFirstCells(double[], int, int, int)}. */
  static float sumFromFirstCells(float[] a, int off, int len, int lanes) {
    float[] acc = new float[lanes];
    boolean[] has = new boolean[lanes];
    int full = len / lanes * lanes;
    for (int k = 0; k < full; k++) {
      int j = k % lanes;
      acc[j] = has[j] ? acc[j] + a[off + k] : a[off + k];
      has[j] = true;
    }
    for (int h = lanes / 2; h >= 1; h /= 2) {
      for (int j = 0; j < h; j++) {
        if (has[j + h]) {
          acc[j] = has[j] ? acc[j] + acc[j + h] : acc[j + h];
          has[j] = true;
        }
      }
    }
    boolean any = has[0];
    float r = acc[0];
    for (int k = full; k < len; k++) {
      r = any ? r + a[off + k] : a[off + k];
      any = true;
    }
    return any ? r : 0f;
  }

  /**
   * A row minimum or maximum as a sequential fold in cell order from +inf / -inf: NaN cells are
   * skipped, and a zero extreme is the first zero cell (+0 and -0 tie, and a tie keeps the
   * accumulator), which is what DAPHNE's fold from the first cell keeps.
   */
  static double sequential(AggOp op, double[] a, int off, int stride, int len) {
    double acc = op == AggOp.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    for (int k = 0; k < len; k++) {
      acc = fold(op, acc, a[off + k * stride]);
    }
    return acc;
  }

  static double fold(AggOp op, double acc, double x) {
    return switch (op) {
      case SUM -> acc + x;
      case MIN -> ElementOps.f64(BinaryOp.MIN, acc, x);
      case MAX -> ElementOps.f64(BinaryOp.MAX, acc, x);
      default -> throw new IllegalArgumentException();
    };
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void fullAggregatesFollowTheLayout(int n) {
    double[] a = TestData.specials(n * 3L, n + 5);
    double[] finite = TestData.doubles(n * 5L, n + 5);
    for (AggOp op : PLAIN_OPS) {
      for (double[] data : new double[][] {a, finite}) {
        double ref = layout(op, data, 5, n, ReductionKernels.F64_LANES);
        assertBits(ref, PLAIN.aggregate(op, data, 5, n), op + " plain n=" + n);
        assertBits(ref, SIMD.aggregate(op, data, 5, n), op + " simd n=" + n);
      }
      float[] f = TestData.toFloats(finite);
      assertBits(PLAIN.aggregate(op, f, 5, n), SIMD.aggregate(op, f, 5, n), op + " f32 n=" + n);
    }
    double mean = 0.75;
    assertBits(
        PLAIN.sumSquaredDeviations(finite, 5, n, mean),
        SIMD.sumSquaredDeviations(finite, 5, n, mean),
        "sum of squared deviations");
    float[] f = TestData.toFloats(finite);
    assertBits(
        PLAIN.sumSquaredDeviations(f, 5, n, 0.75f),
        SIMD.sumSquaredDeviations(f, 5, n, 0.75f),
        "f32 sum of squared deviations");
  }

  @Test
  void integerSumsAndExtremesAgreeWithAnyOrder() {
    double[] a = TestData.integers(3, 10007);
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double ssd = 0;
    for (double x : a) {
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
      ssd += (x - 2) * (x - 2);
    }
    for (ReductionKernels k : new ReductionKernels[] {PLAIN, SIMD}) {
      assertEquals(sum, k.aggregate(AggOp.SUM, a, 0, a.length));
      assertEquals(min, k.aggregate(AggOp.MIN, a, 0, a.length));
      assertEquals(max, k.aggregate(AggOp.MAX, a, 0, a.length));
      assertEquals(ssd, k.sumSquaredDeviations(a, 0, a.length, 2.0));
    }
  }

  @Test
  void nanIsSkippedAndEmptyGivesTheNeutralElement() {
    double nan = Double.NaN;
    double[] a = new double[40];
    Arrays.fill(a, nan);
    a[33] = 4;
    a[7] = -2;
    for (ReductionKernels k : new ReductionKernels[] {PLAIN, SIMD}) {
      assertEquals(-2.0, k.aggregate(AggOp.MIN, a, 0, 40));
      assertEquals(4.0, k.aggregate(AggOp.MAX, a, 0, 40));
      assertEquals(Double.POSITIVE_INFINITY, k.aggregate(AggOp.MIN, a, 0, 5));
      assertEquals(Double.NEGATIVE_INFINITY, k.aggregate(AggOp.MAX, a, 8, 20));
      assertBits(0.0, k.aggregate(AggOp.SUM, a, 0, 0), "empty sum");
      assertEquals(Float.POSITIVE_INFINITY, k.aggregate(AggOp.MIN, new float[0], 0, 0));
    }
  }

  /** The row reference: sums in the layout from each row's first cells, extremes sequential. */
  static double rowReference(AggOp op, double[] a, int off, int len) {
    return op == AggOp.SUM
        ? sumFromFirstCells(a, off, len, ReductionKernels.F64_LANES)
        : sequential(op, a, off, 1, len);
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void rowAggregatesFoldFromTheFirstCellInTheLayout(int cols) {
    int rows = 9;
    double[] a = TestData.specials(cols * 7L, rows * cols);
    float[] f = TestData.toFloats(a);
    for (AggOp op : PLAIN_OPS) {
      double[] p = new double[rows];
      double[] v = new double[rows];
      PLAIN.rowAggregate(op, a, 0, rows, cols, p, 0);
      SIMD.rowAggregate(op, a, 0, rows, cols, v, 0);
      for (int r = 0; r < rows; r++) {
        assertBits(rowReference(op, a, r * cols, cols), p[r], op + " row");
      }
      assertBits(p, v, op + " rows simd");
      float[] fp = new float[rows];
      float[] fv = new float[rows];
      PLAIN.rowAggregate(op, f, 0, rows, cols, fp, 0);
      SIMD.rowAggregate(op, f, 0, rows, cols, fv, 0);
      assertBits(fp, fv, op + " f32 rows");
    }
    double[] means = TestData.doubles(1, rows);
    double[] p = new double[rows];
    double[] v = new double[rows];
    PLAIN.rowSumSquaredDeviations(a, 0, rows, cols, means, 0, p, 0);
    SIMD.rowSumSquaredDeviations(a, 0, rows, cols, means, 0, v, 0);
    assertBits(p, v, "row deviations");
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void columnAggregatesFoldDownEachColumnInRowOrder(int cols) {
    int rows = 23;
    double[] a = TestData.specials(cols * 11L, rows * cols);
    double[] means = TestData.doubles(2, cols);
    for (AggOp op : PLAIN_OPS) {
      double[] ref = columnReference(op, a, rows, cols);
      for (ReductionKernels k : new ReductionKernels[] {PLAIN, SIMD}) {
        double[] out = new double[cols];
        k.columnAggregate(op, a, 0, rows, cols, out, 0, false);
        assertBits(ref, out, op + " columns");
        // the same as two chained row tiles
        double[] tiled = new double[cols];
        k.columnAggregate(op, a, 0, 10, cols, tiled, 0, false);
        k.columnAggregate(op, a, 10 * cols, rows - 10, cols, tiled, 0, true);
        assertBits(ref, tiled, op + " tiled columns");
      }
      float[] f = TestData.toFloats(a);
      float[] fp = new float[cols];
      float[] fv = new float[cols];
      PLAIN.columnAggregate(op, f, 0, rows, cols, fp, 0, false);
      SIMD.columnAggregate(op, f, 0, rows, cols, fv, 0, false);
      assertBits(fp, fv, op + " f32 columns");
    }
    double[] ref = new double[cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double d = a[r * cols + c] - means[c];
        ref[c] = ref[c] + d * d;
      }
    }
    for (ReductionKernels k : new ReductionKernels[] {PLAIN, SIMD}) {
      double[] out = new double[cols];
      k.columnSumSquaredDeviations(a, 0, rows, cols, means, 0, out, 0, false);
      assertBits(ref, out, "column deviations");
    }
  }

  /**
   * Column aggregates by their definitions: sums from each column's first cell (DAPHNE's AggCol),
   * minima and maxima sequentially from +inf / -inf (NaN skipped, the first zero kept).
   */
  static double[] columnReference(AggOp op, double[] a, int rows, int cols) {
    double[] ref = new double[cols];
    for (int c = 0; c < cols; c++) {
      if (op != AggOp.SUM) {
        ref[c] = sequential(op, a, c, cols, rows);
        continue;
      }
      double acc = a[c];
      for (int r = 1; r < rows; r++) {
        acc = acc + a[r * cols + c];
      }
      ref[c] = acc;
    }
    return ref;
  }

  static IntStream zeroKinds() {
    return IntStream.range(0, 4);
  }

  /**
   * Rows and columns made of -0, of -0 with one +0, of both zeros at random, and of zeros with
   * small integers and NaN: row and column sums, minima and maxima keep the zero sign of DAPHNE's
   * fold from the first cell (in f64 and f32, plain and vector, whole and in row tiles); full sums,
   * which DAPHNE starts at +0, never give -0.
   */
  @ParameterizedTest
  @MethodSource("zeroKinds")
  void zeroSignsOfRowsAndColumnsAreDaphnes(int kind) {
    for (int n : TestData.LENGTHS) {
      int rows = 5;
      double[] a = TestData.signedZeros(n * 31L + kind, rows * n, kind);
      float[] f = TestData.toFloats(a);
      for (AggOp op : PLAIN_OPS) {
        String what = op + " kind " + kind + " n=" + n;
        double[] ref = new double[rows];
        float[] fref = new float[rows];
        for (int r = 0; r < rows; r++) {
          ref[r] = rowReference(op, a, r * n, n);
          fref[r] =
              op == AggOp.SUM
                  ? sumFromFirstCells(f, r * n, n, ReductionKernels.F32_LANES)
                  : (float) ref[r];
        }
        double[] cref = columnReference(op, a, rows, n);
        for (ReductionKernels k : new ReductionKernels[] {PLAIN, SIMD}) {
          String who = what + " " + k.getClass().getSimpleName();
          double[] out = new double[rows];
          k.rowAggregate(op, a, 0, rows, n, out, 0);
          assertBits(ref, out, who + " rows");
          float[] fout = new float[rows];
          k.rowAggregate(op, f, 0, rows, n, fout, 0);
          assertBits(fref, fout, who + " f32 rows");
          double[] cols = new double[n];
          k.columnAggregate(op, a, 0, 2, n, cols, 0, false);
          k.columnAggregate(op, a, 2 * n, rows - 2, n, cols, 0, true);
          assertBits(cref, cols, who + " columns in two tiles");
          float[] fcols = new float[n];
          k.columnAggregate(op, f, 0, rows, n, fcols, 0, false);
          assertBits(TestData.toFloats(cref), fcols, who + " f32 columns");
        }
        if (op == AggOp.SUM && n > 0) {
          for (ReductionKernels k : new ReductionKernels[] {PLAIN, SIMD}) {
            double full = k.aggregate(op, a, 0, rows * n);
            float ffull = k.aggregate(op, f, 0, rows * n);
            assertNotEquals(MINUS_ZERO, Double.doubleToRawLongBits(full), what + " full sum");
            assertNotEquals(MINUS_ZERO_F, Float.floatToRawIntBits(ffull), what + " f32 full sum");
          }
        }
      }
    }
  }

  @Test
  void zeroSignsKnownAnswers() {
    double[] negatives = new double[40];
    java.util.Arrays.fill(negatives, -0.0);
    double[] oneLatePositive = negatives.clone();
    oneLatePositive[37] = 0.0;
    // +0 first in lane 1 (cell 1), -0 in lane 0 (cell 16): the layout's tree keeps lane 0
    double[] lanes = new double[40];
    java.util.Arrays.fill(lanes, 5.0);
    lanes[1] = 0.0;
    lanes[16] = -0.0;
    for (ReductionKernels k : new ReductionKernels[] {PLAIN, SIMD}) {
      double[] out = new double[1];
      k.rowAggregate(AggOp.SUM, negatives, 0, 1, 40, out, 0);
      assertBits(-0.0, out[0], "row of -0 sums to -0");
      k.rowAggregate(AggOp.SUM, negatives, 0, 1, 3, out, 0);
      assertBits(-0.0, out[0], "short row of -0 sums to -0");
      k.rowAggregate(AggOp.SUM, oneLatePositive, 0, 1, 40, out, 0);
      assertBits(0.0, out[0], "one +0 makes the sum +0");
      k.rowAggregate(AggOp.SUM, negatives, 0, 1, 0, out, 0);
      assertBits(0.0, out[0], "empty row sums to +0");
      assertBits(0.0, k.aggregate(AggOp.SUM, negatives, 0, 40), "full sum starts at +0");
      k.rowAggregate(AggOp.MIN, lanes, 0, 1, 40, out, 0);
      assertBits(0.0, out[0], "row minimum is the first zero");
      k.rowAggregate(AggOp.MAX, oneLatePositive, 0, 1, 40, out, 0);
      assertBits(-0.0, out[0], "row maximum is the first zero");
      double[] col = new double[1];
      k.columnAggregate(AggOp.SUM, negatives, 0, 40, 1, col, 0, false);
      assertBits(-0.0, col[0], "column of -0 sums to -0");
    }
  }

  /** Sequential first-best scan, the definition of idxMin/idxMax. */
  static int firstBest(boolean min, double[] a, int off, int stride, int n) {
    double best = a[off];
    int idx = 0;
    for (int i = 1; i < n; i++) {
      double x = a[off + i * stride];
      if (min ? x < best : best < x) {
        best = x;
        idx = i;
      }
    }
    return idx;
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void indexesOfFirstExtremes(int cols) {
    if (cols == 0) {
      return;
    }
    int rows = 31;
    double[] a = TestData.specials(cols * 13L, rows * cols);
    a[0] = Double.NaN; // row 0 starts with NaN: index 0
    if (cols > 40) {
      a[cols + 3] = -1e9; // ties in row 1
      a[cols + 39] = -1e9;
    }
    float[] f = TestData.toFloats(a);
    for (AggOp op : new AggOp[] {AggOp.IDXMIN, AggOp.IDXMAX}) {
      boolean min = op == AggOp.IDXMIN;
      long[] rowRef = new long[rows];
      for (int r = 0; r < rows; r++) {
        rowRef[r] = firstBest(min, a, r * cols, 1, cols);
      }
      long[] colRef = new long[cols];
      for (int c = 0; c < cols; c++) {
        colRef[c] = 100 + firstBest(min, a, c, cols, rows);
      }
      for (ReductionKernels k : new ReductionKernels[] {PLAIN, SIMD}) {
        long[] out = new long[rows];
        k.rowIndex(op, a, 0, rows, cols, out, 0);
        assertArrayEquals(rowRef, out, op + " rows " + k.getClass().getSimpleName());
        long[] fout = new long[rows];
        k.rowIndex(op, f, 0, rows, cols, fout, 0);
        assertArrayEquals(rowRef, fout, op + " f32 rows");
        double[] best = new double[cols];
        long[] idx = new long[cols];
        k.columnIndex(op, a, 0, 12, cols, 100, best, idx, 0, true);
        k.columnIndex(op, a, 12 * cols, rows - 12, cols, 112, best, idx, 0, false);
        assertArrayEquals(colRef, idx, op + " columns " + k.getClass().getSimpleName());
        float[] fbest = new float[cols];
        long[] fidx = new long[cols];
        k.columnIndex(op, f, 0, rows, cols, 100, fbest, fidx, 0, true);
        assertArrayEquals(colRef, fidx, op + " f32 columns");
      }
    }
    assertThrows(
        KernelException.class, () -> SIMD.rowIndex(AggOp.IDXMIN, a, 0, 1, 0, new long[1], 0));
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void cumulativeAggregatesRunDownColumns(int cols) {
    int rows = 19;
    double[] a = TestData.specials(cols * 17L, rows * cols);
    for (CumOp op : CumOp.values()) {
      BinaryOp b =
          switch (op) {
            case SUM -> BinaryOp.ADD;
            case PROD -> BinaryOp.MUL;
            case MIN -> BinaryOp.MIN;
            case MAX -> BinaryOp.MAX;
          };
      double[] ref = a.clone();
      for (int r = 1; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          ref[r * cols + c] = ElementOps.f64(b, ref[(r - 1) * cols + c], a[r * cols + c]);
        }
      }
      for (ReductionKernels k : new ReductionKernels[] {PLAIN, SIMD}) {
        double[] out = new double[rows * cols];
        k.cumulative(op, a, 0, rows, cols, null, 0, out, 0);
        assertBits(ref, out, op + " cumulative");
        double[] inPlace = a.clone();
        k.cumulative(op, inPlace, 0, 7, cols, null, 0, inPlace, 0);
        k.cumulative(op, inPlace, 7 * cols, rows - 7, cols, inPlace, 6 * cols, inPlace, 7 * cols);
        assertBits(ref, inPlace, op + " cumulative in place, two tiles");
      }
      float[] f = TestData.toFloats(a);
      float[] fp = new float[f.length];
      float[] fv = new float[f.length];
      PLAIN.cumulative(op, f, 0, rows, cols, null, 0, fp, 0);
      SIMD.cumulative(op, f, 0, rows, cols, null, 0, fv, 0);
      assertBits(fp, fv, op + " f32 cumulative");
    }
  }
}
