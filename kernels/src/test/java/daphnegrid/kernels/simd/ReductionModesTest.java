package daphnegrid.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.Kernels;
import daphnegrid.kernels.ReductionKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The accumulator layout is held as two wide vectors on AVX-512 and four narrower ones on AVX2;
 * both arrangements (and the plain loops) must give the same bits, whatever this machine prefers.
 */
class ReductionModesTest {

  @Test
  void twoAndFourVectorArrangementsGiveTheSameBits() {
    ReductionKernels plain = Kernels.plain().reductions();
    ReductionKernels two = new SimdReductions(2, 2);
    ReductionKernels four = new SimdReductions(4, 4);
    SplittableRandom r = new SplittableRandom(42);
    for (int n : new int[] {31, 32, 33, 64, 65, 100, 1000, 4099}) {
      double[] a = new double[n];
      float[] f = new float[n];
      for (int i = 0; i < n; i++) {
        a[i] = r.nextDouble() * 1e6 - 5e5;
        f[i] = (float) (r.nextDouble() - 0.5);
      }
      for (AggOp op : new AggOp[] {AggOp.SUM, AggOp.MIN, AggOp.MAX}) {
        long p = Double.doubleToRawLongBits(plain.aggregate(op, a, 0, n));
        assertEquals(p, Double.doubleToRawLongBits(two.aggregate(op, a, 0, n)), op + " 2 x 8");
        assertEquals(p, Double.doubleToRawLongBits(four.aggregate(op, a, 0, n)), op + " 4 x 4");
        int q = Float.floatToRawIntBits(plain.aggregate(op, f, 0, n));
        assertEquals(q, Float.floatToRawIntBits(two.aggregate(op, f, 0, n)), op + " f32 2 x 16");
        assertEquals(q, Float.floatToRawIntBits(four.aggregate(op, f, 0, n)), op + " f32 4 x 8");
      }
      assertEquals(
          Double.doubleToRawLongBits(plain.sumSquaredDeviations(a, 0, n, 3.0)),
          Double.doubleToRawLongBits(four.sumSquaredDeviations(a, 0, n, 3.0)));
      long[] pi = new long[1];
      long[] fi = new long[1];
      plain.rowIndex(AggOp.IDXMAX, a, 0, 1, n, pi, 0);
      four.rowIndex(AggOp.IDXMAX, a, 0, 1, n, fi, 0);
      assertArrayEquals(pi, fi);
    }
  }
}
