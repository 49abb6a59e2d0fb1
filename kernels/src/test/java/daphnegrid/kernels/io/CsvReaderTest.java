package daphnegrid.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  // ---- the corpus data files (conformance cases io/) ------------------------------------------

  @Test
  void corpusGrades() throws IOException {
    Path p = file("grades.csv", "88.5,92,79.5,95\n72,68.5,81,77.5\n90,85.5,93.5,89\n");
    DenseMatrix m = CsvReader.read(p, 3, 4, ValueType.F64);
    assertArrayEquals(
        new double[] {88.5, 92, 79.5, 95, 72, 68.5, 81, 77.5, 90, 85.5, 93.5, 89}, m.f64());
  }

  @Test
  void corpusCountsAsSi64() throws IOException {
    Path p = file("counts.csv", "3,-1,4\n10,0,-7\n");
    assertArrayEquals(
        new long[] {3, -1, 4, 10, 0, -7}, CsvReader.read(p, 2, 3, ValueType.SI64).i64());
  }

  @Test
  void corpusSpecialAndScientific() throws IOException {
    double[] s =
        CsvReader.read(file("special.csv", "1.5,nan,inf,-inf\n"), 1, 4, ValueType.F64).f64();
    assertEquals(1.5, s[0]);
    assertTrue(Double.isNaN(s[1]));
    assertEquals(Double.POSITIVE_INFINITY, s[2]);
    assertEquals(Double.NEGATIVE_INFINITY, s[3]);
    double[] e =
        CsvReader.read(file("sci.csv", "1e-3,2.5E2\n-0.125,3\n"), 2, 2, ValueType.F64).f64();
    assertArrayEquals(new double[] {0.001, 250, -0.125, 3}, e);
  }

  @Test
  void daphneReferenceFile() throws IOException {
    // test/api/cli/io/ref/matrix_f64_ref.csv
    Path p = file("ref.csv", "1.1,-22.2,3.3,-44.4,5.5\n-66.6,0.0,nan,inf,-inf\n");
    double[] a = CsvReader.read(p, 2, 5, ValueType.F64).f64();
    assertArrayEquals(new double[] {1.1, -22.2, 3.3, -44.4, 5.5, -66.6, 0.0}, Arrays.copyOf(a, 7));
    assertTrue(Double.isNaN(a[7]));
    assertEquals(Double.NEGATIVE_INFINITY, a[9]);
  }

  // ---- dialect details --------------------------------------------------------------------------

  @Test
  void extraLinesAndFieldsAreIgnoredAndTheLastNewlineIsOptional() throws IOException {
    Path p = file("extra.csv", "1,2,3\n4,5,6\n7,8,9");
    assertArrayEquals(new long[] {1, 2, 4, 5}, CsvReader.read(p, 2, 2, ValueType.SI64).i64());
    assertArrayEquals(
        new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, CsvReader.read(p, 3, 3, ValueType.SI64).i64());
  }

  @Test
  void emptyAndGarbageFloatFieldsAreNaNAndCrlfIsTolerated() throws IOException {
    Path p = file("holes.csv", ",x,2.5\r\n 1 , -3e1 ,\r\n");
    double[] a = CsvReader.read(p, 2, 3, ValueType.F64).f64();
    assertTrue(Double.isNaN(a[0]) && Double.isNaN(a[1]) && Double.isNaN(a[5]));
    assertEquals(2.5, a[2]);
    assertEquals(1, a[3]);
    assertEquals(-30, a[4]);
  }

  @Test
  void integerTypesAreNarrowedAndUnsignedReadInFull() throws IOException {
    Path p = file("ints.csv", "300,-1,abc\n18446744073709551615,  +42,7.9\n");
    assertArrayEquals(
        new byte[] {44, -1, 0, -1, 42, 7}, CsvReader.read(p, 2, 3, ValueType.UI8).i8());
    DenseMatrix u = CsvReader.read(p, 2, 3, ValueType.UI64);
    assertEquals(-1L, u.i64()[3]);
    assertEquals(-1L, u.i64()[1]);
    DenseMatrix s = CsvReader.read(p, 2, 3, ValueType.SI64);
    assertEquals(Long.MAX_VALUE, s.i64()[3]);
    assertArrayEquals(new byte[] {1, 1, 0, 1, 1, 1}, CsvReader.read(p, 2, 3, ValueType.BOOL).i8());
    assertArrayEquals(
        new int[] {300, -1, 0, -1, 42, 7}, CsvReader.read(p, 2, 3, ValueType.SI32).i32());
  }

  @Test
  void f32IsRoundedFromTheDouble() throws IOException {
    Path p = file("f.csv", "0.1,1e40\n");
    assertArrayEquals(
        new float[] {0.1f, Float.POSITIVE_INFINITY}, CsvReader.read(p, 1, 2, ValueType.F32).f32());
  }

  @Test
  void quotedStrings() throws IOException {
    String csv =
        "plain,\"a,b\",\"say \"\"hi\"\"\"\n"
            + "\"two\nlines\",\"\",x\r\n"
            + "\"cr\r\nlf\",\"back\\\"slash\",last\r\n"
            + ",\"\"\"\",é€\n";
    Path p = file("s.csv", csv);
    DenseMatrix m = CsvReader.read(p, 4, 3, ValueType.STR);
    assertArrayEquals(
        new String[] {
          "plain", "a,b", "say \"hi\"",
          "two\nlines", "", "x",
          "cr\nlf", "back\\\"slash", "last",
          "", "\"", "é€"
        },
        m.str());
  }

  @Test
  void rowRangesSkipWholeRecords() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < 50; r++) {
      sb.append(r).append(',').append(r * 0.5).append('\n');
    }
    Path p = file("range.csv", sb.toString());
    DenseMatrix all = CsvReader.read(p, 50, 2, ValueType.F64);
    for (int[] range : new int[][] {{0, 50}, {0, 0}, {13, 29}, {49, 50}, {50, 50}}) {
      DenseMatrix part = CsvReader.readRows(p, 2, ValueType.F64, range[0], range[1]);
      assertEquals(range[1] - range[0], part.rows());
      assertArrayEquals(Arrays.copyOfRange(all.f64(), range[0] * 2, range[1] * 2), part.f64());
    }
    Path s = file("strs.csv", "\"a\nb\",1\nc,\"2\n3\"\nd,4\n");
    DenseMatrix last = CsvReader.readRows(s, 2, ValueType.STR, 2, 3);
    assertArrayEquals(new String[] {"d", "4"}, last.str());
  }

  @Test
  void tooFewRecordsNamesTheFile() throws IOException {
    Path p = file("short.csv", "1,2\n3,4\n");
    KernelException e =
        assertThrows(KernelException.class, () -> CsvReader.read(p, 3, 2, ValueType.F64));
    assertTrue(e.getMessage().contains("getFileLine failed"), e.getMessage());
    assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    assertThrows(KernelException.class, () -> CsvReader.read(p, 3, 2, ValueType.STR));
    assertThrows(KernelException.class, () -> CsvReader.readRows(p, 2, ValueType.SI64, 2, 3));
    assertThrows(KernelException.class, () -> CsvReader.read(p, 3, 0, ValueType.STR));
    assertThrows(KernelException.class, () -> CsvReader.read(p, 3, 0, ValueType.F64));
  }

  @Test
  void tooFewFieldsNamesTheRecord() throws IOException {
    Path p = file("narrow.csv", "1,2,3\n4,5\n");
    KernelException e =
        assertThrows(KernelException.class, () -> CsvReader.read(p, 2, 3, ValueType.F64));
    assertTrue(e.getMessage().contains("record 2"), e.getMessage());
    assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    assertThrows(KernelException.class, () -> CsvReader.read(p, 2, 3, ValueType.STR));
  }

  @Test
  void missingFile() {
    Path p = dir.resolve("nope.csv");
    KernelException e =
        assertThrows(KernelException.class, () -> CsvReader.read(p, 1, 1, ValueType.F64));
    assertTrue(e.getMessage().contains("nope.csv"), e.getMessage());
  }

  @Test
  void linesLongerThanTheBufferAndEmptyShapes() throws IOException {
    int cols = 300_000; // about 2.4 MB in one line: the buffer has to grow
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cols; c++) {
      sb.append(c == 0 ? "" : ",").append(c % 1000).append(".25");
    }
    sb.append('\n');
    Path p = file("wide.csv", sb.toString() + sb);
    DenseMatrix m = CsvReader.read(p, 2, cols, ValueType.F64);
    assertEquals(999.25, m.f64()[cols + 999]);
    assertEquals(0, CsvReader.read(p, 0, 5, ValueType.F64).size());
    assertEquals(2, CsvReader.read(p, 2, 0, ValueType.F64).rows());
  }
}
