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
      // rows of signed zeros (with a few small integers): sums from -0 and zero extremes must not
      // depend on how the lanes are grouped into vectors
      double[] z = new double[n];
      for (int i = 0; i < n; i++) {
        int u = r.nextInt(12);
        z[i] = u < 5 ? -0.0 : u < 10 ? 0.0 : u - 10;
      }
      if (n % 2 == 1) {
        java.util.Arrays.fill(z, -0.0);
      }
      float[] fz = new float[n];
      for (int i = 0; i < n; i++) {
        fz[i] = (float) z[i];
      }
      for (AggOp op : new AggOp[] {AggOp.SUM, AggOp.MIN, AggOp.MAX}) {
        double[] zp = new double[1];
        plain.rowAggregate(op, z, 0, 1, n, zp, 0);
        float[] fzp = new float[1];
        plain.rowAggregate(op, fz, 0, 1, n, fzp, 0);
        for (ReductionKernels k : new ReductionKernels[] {two, four}) {
          double[] zv = new double[1];
          k.rowAggregate(op, z, 0, 1, n, zv, 0);
          assertEquals(
              Double.doubleToRawLongBits(zp[0]), Double.doubleToRawLongBits(zv[0]), op + " zeros");
          float[] fzv = new float[1];
          k.rowAggregate(op, fz, 0, 1, n, fzv, 0);
          assertEquals(
              Float.floatToRawIntBits(fzp[0]), Float.floatToRawIntBits(fzv[0]), op + " f32 zeros");
        }
      }
      long[] pi = new long[1];
      long[] fi = new long[1];
      plain.rowIndex(AggOp.IDXMAX, a, 0, 1, n, pi, 0);
      four.rowIndex(AggOp.IDXMAX, a, 0, 1, n, fi, 0);
      assertArrayEquals(pi, fi);
    }
  }
}
