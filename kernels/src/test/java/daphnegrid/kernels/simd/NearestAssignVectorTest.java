package daphnegrid.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import daphnegrid.kernels.plain.NearestAssign;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both ways {@link NearestAssignVector#rowsNarrow} stores a row (a masked store from JDK 18 on, a
 * load, blend and store before), each against the plain loop, bit for bit, on rows shorter than a
 * vector: separate output and in place, from offsets, with NaN cells, ties and cells past the
 * call's rows that must stay as they were. (NearestAssignTest checks the kernel facade, which takes
 * one of the two ways.)
 */
class NearestAssignVectorTest {
  @ParameterizedTest(name = "k {0}, {1} rows, masked store {2}")
  @CsvSource({
    "1,9,true",
    "1,9,false",
    "2,40,true",
    "3,41,false",
    "5,200,true",
    "5,200,false",
    "5,2,true",
    "6,3,false",
    "7,64,true",
    "7,64,false"
  })
  void rowsMatchThePlainLoop(int k, int rows, boolean maskedStore) {
    if (k >= F64Gemm.VL) {
      return; // rows of a whole vector take NearestAssignVector.rows
    }
    SplittableRandom r = new SplittableRandom(31L * k + rows);
    int dOff = 3;
    int guard = 11; // cells after the call's rows, which neither loop may touch
    double[] d = new double[dOff + rows * k + guard];
    for (int i = 0; i < d.length; i++) {
      d[i] = r.nextInt(4) - (i % 17 == 0 ? Double.NaN : 1.5);
    }
    double[] shift = new double[k + 2];
    for (int j = 0; j < shift.length; j++) {
      shift[j] = r.nextInt(3) - 1;
    }
    double scale = -2.0;

    double[] want = d.clone();
    NearestAssign.rows(d, dOff, rows, k, scale, shift, 2, want, dOff);
    double[] got = d.clone();
    NearestAssignVector.rowsNarrow(d, dOff, rows, k, scale, shift, 2, got, dOff, maskedStore);
    assertSameBits(want, got, "separate output");

    double[] wantInPlace = d.clone();
    NearestAssign.rows(wantInPlace, dOff, rows, k, scale, shift, 2, wantInPlace, dOff);
    double[] inPlace = d.clone();
    NearestAssignVector.rowsNarrow(
        inPlace, dOff, rows, k, scale, shift, 2, inPlace, dOff, maskedStore);
    assertSameBits(wantInPlace, inPlace, "in place");
  }

  private static void assertSameBits(double[] want, double[] got, String what) {
    for (int i = 0; i < want.length; i++) {
      assertEquals(
          Double.doubleToRawLongBits(want[i]),
          Double.doubleToRawLongBits(got[i]),
          what + ", cell " + i);
    }
  }
}
