package daphnegrid.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both register tiles of the packed products, the eight-row one of AVX-512 and the five-row one of
 * AVX2, against one fma chain per cell in k order, for f64 and f32. A machine runs only one of them
 * inside {@link GemmPathsTest} (the vector width picks it), so each is called here directly: both
 * are checked on every machine; so are both variants of the narrow products' eight-row tile. Each
 * tile is written into a larger c, whose other cells must stay.
 */
class RegisterTilesTest {
  static final double UNTOUCHED = -7.0;

  @ParameterizedTest(name = "f64, {0} rows, kc {1}, from c {2}")
  @CsvSource({"8,1,false", "8,7,true", "8,256,false", "5,1,true", "5,13,false", "5,256,true"})
  void f64TileIsOneFmaChainPerCell(int rows, int kc, boolean load) {
    int nr = F64Gemm.NR;
    int ldc = nr + 3;
    int ao = 2;
    int bo = 5;
    int co = ldc + 1;
    SplittableRandom r = new SplittableRandom(97L * rows + kc);
    double[] ap = r.doubles(ao + rows * kc + 4, -10, 10).toArray();
    double[] bp = r.doubles(bo + nr * kc + 4, -10, 10).toArray();
    double[] c = new double[co + rows * ldc + 2];
    Arrays.fill(c, UNTOUCHED);
    double[] start = r.doubles(rows * nr, -10, 10).toArray();
    for (int i = 0; i < rows; i++) {
      System.arraycopy(start, i * nr, c, co + i * ldc, nr);
    }
    double[] expected = c.clone();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < nr; j++) {
        double s = load ? start[i * nr + j] : 0.0;
        for (int p = 0; p < kc; p++) {
          s = Math.fma(ap[ao + p * rows + i], bp[bo + p * nr + j], s);
        }
        expected[co + i * ldc + j] = s;
      }
    }
    if (rows == 8) {
      F64Gemm.kernel8(kc, ap, ao, bp, bo, c, co, ldc, load, c, co, ldc);
    } else {
      F64Gemm.kernel5(kc, ap, ao, bp, bo, c, co, ldc, load, c, co, ldc);
    }
    for (int i = 0; i < c.length; i++) {
      assertEquals(
          Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(c[i]), "cell " + i);
    }
  }

  /**
   * The tile as a staged product runs it: starting values from a contiguous tile of another array
   * (the staging buffer, row stride NR), sums into c; the starting tile stays as it was.
   */
  @ParameterizedTest(name = "f64 staged, {0} rows, kc {1}, from the stage {2}")
  @CsvSource({"8,3,true", "8,256,false", "5,5,true", "5,256,false"})
  void f64TileReadsOneArrayAndWritesAnother(int rows, int kc, boolean load) {
    int nr = F64Gemm.NR;
    int ldc = 2 * nr + 5;
    int io = 7;
    int co = ldc + 3;
    SplittableRandom r = new SplittableRandom(71L * rows + kc);
    double[] ap = r.doubles(rows * kc, -10, 10).toArray();
    double[] bp = r.doubles(nr * kc, -10, 10).toArray();
    double[] stage = r.doubles(io + rows * nr + 3, -10, 10).toArray();
    double[] stageBefore = stage.clone();
    double[] c = new double[co + rows * ldc + 2];
    Arrays.fill(c, UNTOUCHED);
    double[] expected = c.clone();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < nr; j++) {
        double s = load ? stage[io + i * nr + j] : 0.0;
        for (int p = 0; p < kc; p++) {
          s = Math.fma(ap[p * rows + i], bp[p * nr + j], s);
        }
        expected[co + i * ldc + j] = s;
      }
    }
    if (rows == 8) {
      F64Gemm.kernel8(kc, ap, 0, bp, 0, stage, io, nr, load, c, co, ldc);
    } else {
      F64Gemm.kernel5(kc, ap, 0, bp, 0, stage, io, nr, load, c, co, ldc);
    }
    for (int i = 0; i < c.length; i++) {
      assertEquals(
          Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(c[i]), "cell " + i);
    }
    assertEquals(Arrays.toString(stageBefore), Arrays.toString(stage));
  }

  @ParameterizedTest(name = "f32 staged, {0} rows, kc {1}, from the stage {2}")
  @CsvSource({"8,3,false", "8,256,true", "5,5,false", "5,256,true"})
  void f32TileReadsOneArrayAndWritesAnother(int rows, int kc, boolean load) {
    int nr = F32Gemm.NR;
    int ldc = nr + 9;
    int io = 4;
    int co = 2 * ldc + 1;
    SplittableRandom r = new SplittableRandom(67L * rows + kc);
    float[] ap = floats(r, rows * kc);
    float[] bp = floats(r, nr * kc);
    float[] stage = floats(r, io + rows * nr + 3);
    float[] stageBefore = stage.clone();
    float[] c = new float[co + rows * ldc + 2];
    Arrays.fill(c, (float) UNTOUCHED);
    float[] expected = c.clone();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < nr; j++) {
        float s = load ? stage[io + i * nr + j] : 0.0f;
        for (int p = 0; p < kc; p++) {
          s = Math.fma(ap[p * rows + i], bp[p * nr + j], s);
        }
        expected[co + i * ldc + j] = s;
      }
    }
    if (rows == 8) {
      F32Gemm.kernel8(kc, ap, 0, bp, 0, stage, io, nr, load, c, co, ldc);
    } else {
      F32Gemm.kernel5(kc, ap, 0, bp, 0, stage, io, nr, load, c, co, ldc);
    }
    for (int i = 0; i < c.length; i++) {
      assertEquals(
          Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(c[i]), "cell " + i);
    }
    assertEquals(Arrays.toString(stageBefore), Arrays.toString(stage));
  }

  @ParameterizedTest(name = "f32, {0} rows, kc {1}, from c {2}")
  @CsvSource({"8,1,true", "8,9,false", "8,256,true", "5,1,false", "5,11,true", "5,256,false"})
  void f32TileIsOneFmaChainPerCell(int rows, int kc, boolean load) {
    int nr = F32Gemm.NR;
    int ldc = nr + 1;
    int ao = 3;
    int bo = 1;
    int co = 2 * ldc + 2;
    SplittableRandom r = new SplittableRandom(89L * rows + kc);
    float[] ap = floats(r, ao + rows * kc + 4);
    float[] bp = floats(r, bo + nr * kc + 4);
    float[] c = new float[co + rows * ldc + 3];
    Arrays.fill(c, (float) UNTOUCHED);
    float[] start = floats(r, rows * nr);
    for (int i = 0; i < rows; i++) {
      System.arraycopy(start, i * nr, c, co + i * ldc, nr);
    }
    float[] expected = c.clone();
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < nr; j++) {
        float s = load ? start[i * nr + j] : 0.0f;
        for (int p = 0; p < kc; p++) {
          s = Math.fma(ap[ao + p * rows + i], bp[bo + p * nr + j], s);
        }
        expected[co + i * ldc + j] = s;
      }
    }
    if (rows == 8) {
      F32Gemm.kernel8(kc, ap, ao, bp, bo, c, co, ldc, load, c, co, ldc);
    } else {
      F32Gemm.kernel5(kc, ap, ao, bp, bo, c, co, ldc, load, c, co, ldc);
    }
    for (int i = 0; i < c.length; i++) {
      assertEquals(
          Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(c[i]), "cell " + i);
    }
  }

  /**
   * The eight-row tile of the narrow products (n one vector wide), in both of its variants ({@link
   * NarrowRows}: broadcasts from the rows in place, or from their k-major copy), against one fma
   * chain per cell from +0 in k order; a machine runs only one variant inside the products.
   */
  @ParameterizedTest(name = "f64 narrow, k {0}, in place {1}")
  @CsvSource({"1,true", "1,false", "7,true", "7,false", "100,true", "100,false"})
  void f64NarrowTileIsOneFmaChainPerCell(int k, boolean inPlace) {
    int vl = F64Gemm.VL;
    int a0 = 3;
    int bo = 2;
    int ldc = vl + 5;
    int co = ldc + 1;
    SplittableRandom r = new SplittableRandom(31L * k + (inPlace ? 1 : 0));
    // the eight rows, then 8 k cells that the in-place tile reads ahead and must not use
    double[] a = r.doubles(a0 + 16 * k + 2, -10, 10).toArray();
    double[] b = r.doubles(bo + k * vl + 2, -10, 10).toArray();
    double[] c = new double[co + 8 * ldc + 1];
    Arrays.fill(c, UNTOUCHED);
    double[] expected = c.clone();
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < vl; j++) {
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[a0 + i * k + p], b[bo + p * vl + j], s);
        }
        expected[co + i * ldc + j] = s;
      }
    }
    if (inPlace) {
      F64Gemm.rows8x1(a, a0, k, b, bo, vl, c, co, ldc, a.length - 8 * k);
    } else {
      double[] panel = new double[8 * k];
      F64Gemm.kMajor(a, a0, k, 8, panel);
      F64Gemm.panelRows8x1(panel, k, b, bo, vl, c, co, ldc);
    }
    for (int i = 0; i < c.length; i++) {
      assertEquals(
          Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(c[i]), "cell " + i);
    }
  }

  @ParameterizedTest(name = "f32 narrow, k {0}, in place {1}")
  @CsvSource({"1,true", "1,false", "9,true", "9,false", "100,true", "100,false"})
  void f32NarrowTileIsOneFmaChainPerCell(int k, boolean inPlace) {
    int vl = F32Gemm.VL;
    int a0 = 1;
    int bo = 4;
    int ldc = vl + 3;
    int co = 2 * ldc;
    SplittableRandom r = new SplittableRandom(37L * k + (inPlace ? 1 : 0));
    // the eight rows, then 8 k cells that the in-place tile reads ahead and must not use
    float[] a = floats(r, a0 + 16 * k + 2);
    float[] b = floats(r, bo + k * vl + 2);
    float[] c = new float[co + 8 * ldc + 2];
    Arrays.fill(c, (float) UNTOUCHED);
    float[] expected = c.clone();
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < vl; j++) {
        float s = 0.0f;
        for (int p = 0; p < k; p++) {
          s = Math.fma(a[a0 + i * k + p], b[bo + p * vl + j], s);
        }
        expected[co + i * ldc + j] = s;
      }
    }
    if (inPlace) {
      F32Gemm.rows8x1(a, a0, k, b, bo, vl, c, co, ldc, a.length - 8 * k);
    } else {
      float[] panel = new float[8 * k];
      F32Gemm.kMajor(a, a0, k, 8, panel);
      F32Gemm.panelRows8x1(panel, k, b, bo, vl, c, co, ldc);
    }
    for (int i = 0; i < c.length; i++) {
      assertEquals(
          Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(c[i]), "cell " + i);
    }
  }

  static float[] floats(SplittableRandom r, int n) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) r.nextDouble(-10, 10);
    }
    return f;
  }
}
