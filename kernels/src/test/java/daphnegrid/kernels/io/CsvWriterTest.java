package daphnegrid.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriterTest {
  @TempDir Path dir;

  private String written(DenseMatrix m) throws IOException {
    Path p = dir.resolve("out.csv");
    CsvWriter.write(m, p);
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  void floatsAsPercentF() throws IOException {
    DenseMatrix m =
        DenseMatrix.ofDoubles(
            2,
            4,
            1.1,
            0,
            -0.0,
            1e20,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            2.5e-7);
    assertEquals(
        "1.100000,0.000000,-0.000000,100000000000000000000.000000\nnan,inf,-inf,0.000000\n",
        written(m));
    DenseMatrix f = DenseMatrix.wrap(ValueType.F32, 1, 2, new float[] {0.1f, -3.75f});
    assertEquals("0.100000,-3.750000\n", written(f));
  }

  /** Corpus io/write_f64: the matrix [1.25, -2.5, 3.75, 100.125](2, 2). */
  @Test
  void corpusWriteF64() throws IOException {
    assertEquals(
        "1.250000,-2.500000\n3.750000,100.125000\n",
        written(DenseMatrix.ofDoubles(2, 2, 1.25, -2.5, 3.75, 100.125)));
  }

  /** Corpus io/write_si64: t(C) + 1 for C = [3,-1,4; 10,0,-7]. */
  @Test
  void corpusWriteSi64() throws IOException {
    assertEquals(
        "4,11\n0,1\n5,-6\n",
        written(DenseMatrix.ofLongs(ValueType.SI64, 3, 2, 4, 11, 0, 1, 5, -6)));
  }

  @Test
  void integersAreDecimalAndUnsignedTypesUnsigned() throws IOException {
    assertEquals(
        "18446744073709551615,9223372036854775808\n",
        written(DenseMatrix.ofLongs(ValueType.UI64, 1, 2, -1, Long.MIN_VALUE)));
    assertEquals("4294967295,0\n", written(DenseMatrix.ofLongs(ValueType.UI32, 1, 2, -1, 0)));
    assertEquals("255,0\n", written(DenseMatrix.ofLongs(ValueType.UI8, 1, 2, 255, 0)));
    assertEquals("-128,127\n", written(DenseMatrix.ofLongs(ValueType.SI8, 1, 2, -128, 127)));
    assertEquals(
        "-7\n2147483647\n", written(DenseMatrix.ofLongs(ValueType.SI32, 2, 1, -7, 2147483647)));
    assertEquals("1,0\n", written(DenseMatrix.ofLongs(ValueType.BOOL, 1, 2, 5, 0)));
  }

  @Test
  void stringsQuotedOnlyWhenNeeded() throws IOException {
    DenseMatrix m = DenseMatrix.allocate(ValueType.STR, 2, 3);
    String[] s = {"abc", "d\"e", "mn,op", "two\nlines", "", "cr\rx"};
    System.arraycopy(s, 0, m.str(), 0, 6);
    assertEquals("abc,\"d\"\"e\",\"mn,op\"\n\"two\nlines\",,\"cr\rx\"\n", written(m));
  }

  @Test
  void emptyShapes() throws IOException {
    assertEquals("", written(DenseMatrix.allocate(ValueType.F64, 0, 3)));
    assertEquals("\n\n", written(DenseMatrix.allocate(ValueType.F64, 2, 0)));
  }

  @Test
  void roundTripWithinPercentFPrecision() throws IOException {
    SplittableRandom rnd = new SplittableRandom(1);
    int rows = 500;
    int cols = 37;
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-3, 9));
    }
    Path p = dir.resolve("rt.csv");
    CsvWriter.write(DenseMatrix.ofDoubles(rows, cols, v), p);
    double[] back = CsvReader.read(p, rows, cols, ValueType.F64).f64();
    for (int i = 0; i < v.length; i++) {
      assertEquals(v[i], back[i], 5e-7, "cell " + i);
    }
    // (a string holding \" does not survive: the reader keeps \" inside quotes, spec 10.3)
    String[] strs = {"a", "b,c", "\"q\"", "x\ny", "", "back\\slash", "ü"};
    DenseMatrix sm = DenseMatrix.allocate(ValueType.STR, strs.length, 1);
    System.arraycopy(strs, 0, sm.str(), 0, strs.length);
    Path ps = dir.resolve("rt_str.csv");
    CsvWriter.write(sm, ps);
    assertArrayEquals(strs, CsvReader.read(ps, strs.length, 1, ValueType.STR).str());
  }

  @Test
  void failureLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
    Path p = dir.resolve("keep.csv");
    Files.writeString(p, "old\n");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    p,
                    out -> {
                      out.write("partial".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old\n", Files.readString(p));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void unwritableTargetIsAKernelException() {
    Path p = dir.resolve("no/such/dir/out.csv");
    assertThrows(KernelException.class, () -> CsvWriter.write(DenseMatrix.ofDoubles(1, 1, 1), p));
  }
}
