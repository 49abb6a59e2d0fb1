package daphnegrid.kernels;

import static daphnegrid.kernels.TestData.assertBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reductions: the plain twin against references written from the documented order (the layout of
 * {@link ReductionKernels} for full and row reductions, sequential scans for columns, indexes and
 * running aggregates), and the vector kernels against the plain twin bit for bit.
 */
class ReductionKernelsTest {
  static final ReductionKernels PLAIN = Kernels.plain().reductions();
  static final ReductionKernels SIMD = Kernels.simdOrNull().reductions();
  static final AggOp[] PLAIN_OPS = {AggOp.SUM, AggOp.MIN, AggOp.MAX};

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

  @ParameterizedTest
  @MethodSource("lengths")
  void rowAggregatesAreFullAggregatesPerRow(int cols) {
    int rows = 9;
    double[] a = TestData.specials(cols * 7L, rows * cols);
    float[] f = TestData.toFloats(a);
    for (AggOp op : PLAIN_OPS) {
      double[] p = new double[rows];
      double[] v = new double[rows];
      PLAIN.rowAggregate(op, a, 0, rows, cols, p, 0);
      SIMD.rowAggregate(op, a, 0, rows, cols, v, 0);
      for (int r = 0; r < rows; r++) {
        assertBits(layout(op, a, r * cols, cols, ReductionKernels.F64_LANES), p[r], op + " row");
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
      double[] ref = new double[cols];
      for (int c = 0; c < cols; c++) {
        double acc = layout(op, new double[0], 0, 0, 1);
        for (int r = 0; r < rows; r++) {
          acc = fold(op, acc, a[r * cols + c]);
        }
        ref[c] = acc;
      }
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
