package daphnegrid.kernels.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded sparse test matrices and exact comparisons for the CSR kernel tests. */
final class SparseTestData {
  private SparseTestData() {}

  /** rows, cols, density: edge sizes, empty rows, all-zero, sizes off the vector lengths. */
  static List<double[]> shapes() {
    List<double[]> s = new ArrayList<>();
    int[][] dims = {
      {1, 1}, {1, 17}, {17, 1}, {0, 5}, {5, 0}, {13, 7}, {9, 33}, {65, 15}, {207, 13}
    };
    double[] densities = {0.0, 0.1, 0.5, 1.0};
    for (int[] d : dims) {
      for (double p : densities) {
        s.add(new double[] {d[0], d[1], p});
      }
    }
    return s;
  }

  /**
   * A dense matrix with about density * cells non-zeros, every other row empty when the density is
   * below one half; values are multiples of 1/8 in [-5, 5] (so sums and products of a few thousand
   * are exact in any order and the kernels can be compared bit for bit).
   */
  static DenseMatrix dense(ValueType t, int rows, int cols, double density, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    DenseMatrix m = DenseMatrix.allocate(t, rows, cols);
    for (int i = 0; i < rows; i++) {
      if (density < 0.5 && i % 2 == 1) {
        continue;
      }
      for (int j = 0; j < cols; j++) {
        if (r.nextDouble() < density) {
          int v = r.nextInt(1, 41) * (r.nextBoolean() ? 1 : -1);
          if (t.isFloat()) {
            m.setDouble(i * cols + j, v / 8.0);
          } else {
            m.setLong(i * cols + j, t.isUnsigned() ? Math.abs(v) : v);
          }
        }
      }
    }
    return m;
  }

  static void assertSame(DenseMatrix expected, DenseMatrix actual, String what) {
    assertEquals(expected.header(), actual.header(), what);
    for (int i = 0; i < expected.size(); i++) {
      if (expected.type().isFloat()) {
        double e = expected.getDouble(i);
        double a = actual.getDouble(i);
        // zeros compare equal whatever their sign: implicit zeros are +0
        assertTrue(
            e == a || (Double.isNaN(e) && Double.isNaN(a)),
            what + " cell " + i + ": " + e + " vs " + a);
      } else {
        assertEquals(expected.getLong(i), actual.getLong(i), what + " cell " + i);
      }
    }
  }

  static void assertSame(DenseMatrix expected, CsrMatrix actual, String what) {
    assertSorted(actual);
    assertSame(expected, CsrConvert.toDense(actual), what);
  }

  /** Offsets never decrease and the columns of each row ascend strictly. */
  static void assertSorted(CsrMatrix x) {
    int[] off = x.rowOffsets();
    for (int r = 0; r < x.rows(); r++) {
      assertTrue(off[r] <= off[r + 1], "offsets decrease at row " + r);
      for (int k = off[r] + 1; k < off[r + 1]; k++) {
        assertTrue(x.colIdxs()[k - 1] < x.colIdxs()[k], "columns not ascending in row " + r);
      }
      for (int k = off[r]; k < off[r + 1]; k++) {
        assertTrue(x.colIdxs()[k] >= 0 && x.colIdxs()[k] < x.cols(), "column out of range");
      }
    }
  }
}
