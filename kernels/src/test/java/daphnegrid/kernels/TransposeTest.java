package daphnegrid.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransposeTest {

  @ParameterizedTest
  @CsvSource({"0,5", "5,0", "1,1", "1,9", "9,1", "31,33", "32,32", "33,31", "13,207", "702,65"})
  void everyStorageTypeTransposes(int rows, int cols) {
    double[] d = TestData.specials(rows * 100L + cols, rows * cols);
    double[] dt = new double[d.length];
    Transpose.transpose(d, 0, rows, cols, dt, 0);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        assertEquals(
            Double.doubleToRawLongBits(d[r * cols + c]),
            Double.doubleToRawLongBits(dt[c * rows + r]));
      }
    }
    for (ValueType t : ValueType.values()) {
      DenseMatrix a = DenseMatrix.allocate(t, rows, cols);
      for (int i = 0; i < a.size(); i++) {
        if (t == ValueType.STR) {
          a.set(i, Scalar.str("s" + i));
        } else {
          a.setLong(i, i * 7L % 101);
        }
      }
      DenseMatrix out = Transpose.transpose(a, DenseMatrix.allocate(t, cols, rows));
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          assertEquals(a.get(r, c), out.get(c, r), t + " cell " + r + "," + c);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1,300000", "300000,1", "600,500", "513,1001", "1000,95", "2000,131"})
  void bandsOnThreadsGiveTheSameMatrix(int rows, int cols) {
    double[] d = TestData.specials(rows * 31L + cols, rows * cols);
    double[] one = new double[d.length];
    Transpose.transpose(d, 0, rows, cols, one, 0);
    for (int threads : new int[] {2, 3}) {
      java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
      try {
        DenseMatrix out = DenseMatrix.allocate(ValueType.F64, cols, rows);
        java.util.Arrays.fill(out.f64(), Double.NaN);
        Transpose.transpose(DenseMatrix.wrap(ValueType.F64, rows, cols, d), out, pool);
        assertArrayEquals(one, out.f64(), threads + " threads");
      } finally {
        pool.shutdown();
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"2,3"})
  void wrongShapesAreRejected(int rows, int cols) {
    DenseMatrix a = DenseMatrix.allocate(ValueType.F64, rows, cols);
    assertThrows(
        KernelException.class,
        () -> Transpose.transpose(a, DenseMatrix.allocate(ValueType.F64, rows, cols)));
    assertThrows(
        KernelException.class,
        () -> Transpose.transpose(a, DenseMatrix.allocate(ValueType.F32, cols, rows)));
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] y = new double[6];
    Transpose.transpose(x, 0, 2, 3, y, 0);
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, y);
  }
}
