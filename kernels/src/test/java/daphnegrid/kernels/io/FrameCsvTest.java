package daphnegrid.kernels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.Frames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frame CSV files: written and read back equal the frame, the parallel reader equals the sequential
 * one, and bad fields name their line and column.
 */
class FrameCsvTest {
  @TempDir Path dir;

  private static List<ValueType> types(Frame f) {
    List<ValueType> out = new ArrayList<>();
    for (int j = 0; j < f.cols(); j++) {
      out.add(f.type(j));
    }
    return out;
  }

  private static void assertSameCells(Frame expected, List<Column> actual) {
    assertEquals(expected.cols(), actual.size());
    for (int j = 0; j < expected.cols(); j++) {
      assertEquals(expected.rows(), actual.get(j).size(), "rows of column " + j);
      for (int r = 0; r < expected.rows(); r++) {
        assertEquals(expected.column(j).get(r), actual.get(j).get(r), "cell " + r + "," + j);
      }
    }
  }

  /** A frame whose floats survive %f exactly (quarters) and whose strings need quoting. */
  private static Frame sample(int rows, long seed) {
    Random rnd = new Random(seed);
    DenseMatrix i = DenseMatrix.allocate(ValueType.SI64, rows, 1);
    DenseMatrix d = DenseMatrix.allocate(ValueType.F64, rows, 1);
    DenseMatrix u = DenseMatrix.allocate(ValueType.UI32, rows, 1);
    String[] s = new String[rows];
    String[] pieces = {"a", "b,c", "\"q\"", "line\nbreak", "", "ä", " sp "};
    for (int r = 0; r < rows; r++) {
      i.setLong(r, rnd.nextLong());
      d.setDouble(r, (rnd.nextInt(4001) - 2000) * 0.25);
      u.setLong(r, rnd.nextInt() & 0xffffffffL);
      s[r] = pieces[rnd.nextInt(pieces.length)] + pieces[rnd.nextInt(pieces.length)];
    }
    return Frames.of(
        List.of("i", "d", "u", "s"), List.of(i, d, u, DenseMatrix.wrap(ValueType.STR, rows, 1, s)));
  }

  @Test
  void writtenFramesReadBackEqual() {
    for (int rows : new int[] {0, 1, 13, 702}) {
      Frame f = sample(rows, rows);
      Path file = dir.resolve("f" + rows + ".csv");
      FrameCsvWriter.write(f, file);
      for (boolean parallel : new boolean[] {false, true}) {
        assertSameCells(f, FrameCsvReader.read(file, rows, types(f), f.labels(), parallel));
      }
    }
  }

  @Test
  void largeFilesReadInParallelEqualTheSequentialRead() throws IOException {
    // numeric columns: the file is cut into several ranges at line starts
    int rows = 250_000;
    Frame f = sample(rows, 42).selectColumns(new int[] {0, 1, 2});
    Path file = dir.resolve("big.csv");
    FrameCsvWriter.write(f, file);
    assertTrue(Files.size(file) > 4L * FrameCsvReader.MIN_RANGE_BYTES);
    List<Column> seq = FrameCsvReader.read(file, rows, types(f), f.labels(), false);
    List<Column> par = FrameCsvReader.read(file, rows, types(f), f.labels(), true);
    assertSameCells(f, seq);
    assertSameCells(f, par);
    // a str column without quotes is split too; one with quoted line breaks is read in order
    Frame g = sample(60_000, 43);
    Path quoted = dir.resolve("quoted.csv");
    FrameCsvWriter.write(g, quoted);
    assertSameCells(g, FrameCsvReader.read(quoted, g.rows(), types(g), g.labels(), true));
  }

  /** The smallest and largest of the first rows values of f's si64 column 0. */
  private static Column.Range range(Frame f, int rows) {
    long[] v = f.column(0).toMatrix().i64();
    long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
    for (int r = 0; r < rows; r++) {
      min = Math.min(min, v[r]);
      max = Math.max(max, v[r]);
    }
    return new Column.Range(min, max);
  }

  @Test
  void si64ColumnsKnowTheRangeOfTheirValues() throws IOException {
    for (int rows : new int[] {1, 13, 702, 250_000}) {
      Frame f = sample(rows, rows + 7L).selectColumns(new int[] {0, 1, 2});
      Path file = dir.resolve("r" + rows + ".csv");
      FrameCsvWriter.write(f, file);
      for (boolean parallel : new boolean[] {false, true}) {
        for (int read : new int[] {rows, (rows + 1) / 2}) {
          List<Column> c = FrameCsvReader.read(file, read, types(f), f.labels(), parallel);
          assertEquals(range(f, read), ((Column.Numeric) c.get(0)).range(), rows + "/" + read);
          assertNull(((Column.Numeric) c.get(1)).range(), "f64 columns carry no range");
          assertNull(((Column.Numeric) c.get(2)).range(), "ui32 columns carry no range");
          // a column cut from it does not claim the range of the whole
          assertNull(((Column.Numeric) c.get(0).slice(0, 1)).range());
        }
      }
    }
    // the reader's ranges match the values even where one range ends mid-way
    assertTrue(Files.size(dir.resolve("r250000.csv")) > 4L * FrameCsvReader.MIN_RANGE_BYTES);
  }

  @Test
  void aBadFieldInALaterRangeNamesItsLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    int rows = 300_000;
    for (int r = 0; r < rows; r++) {
      sb.append(r).append(',').append(r % 7).append('\n');
    }
    int badLine = rows - 3;
    String text = sb.toString().replace("\n" + (badLine - 1) + ",", "\n" + (badLine - 1) + "x,");
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, text);
    List<ValueType> t = List.of(ValueType.SI64, ValueType.SI8);
    for (boolean parallel : new boolean[] {false, true}) {
      KernelException e =
          assertThrows(
              KernelException.class,
              () -> FrameCsvReader.read(file, rows, t, List.of("a", "b"), parallel));
      assertTrue(e.getMessage().contains("line " + badLine + ", column 1 ('a')"), e.getMessage());
    }
  }

  /**
   * A file of several pieces (each read and parsed on its own, into its worker's reused buffer):
   * values land at their rows, str columns join in order, and of two bad fields in different pieces
   * the first one in the file is named, on one thread and on several.
   */
  @Test
  void filesOfManyPiecesReadWholeAndNameTheirFirstBadField() throws IOException {
    int rows = 1_000_000;
    String[] words = {"alpha", "beta", "gamma", "delta"};
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      sb.append(r).append(',').append(r % 7).append(',').append(words[r % 4]).append('\n');
    }
    Path file = dir.resolve("pieces.csv");
    Files.writeString(file, sb);
    assertTrue(Files.size(file) > 3L * FrameCsvReader.PIECE_BYTES, "fewer than four pieces");
    List<ValueType> t = List.of(ValueType.SI64, ValueType.SI8, ValueType.STR);
    List<String> labels = List.of("a", "b", "s");
    for (boolean parallel : new boolean[] {false, true}) {
      List<Column> c = FrameCsvReader.read(file, rows, t, labels, parallel);
      long[] a = c.get(0).toMatrix().i64();
      for (int r = 0; r < rows; r++) {
        assertEquals(r, a[r], "a at row " + r);
        assertEquals(r % 7, c.get(1).toMatrix().getLong(r), "b at row " + r);
        assertEquals(
            words[r % 4],
            ((daphnegrid.kernels.frame.StringColumn) c.get(2)).string(r),
            "s at row " + r);
      }
      assertEquals(new Column.Range(0, rows - 1), ((Column.Numeric) c.get(0)).range());
    }
    String text = sb.toString();
    text = text.replace("\n900000,", "\n900000x,").replace("\n300000,", "\n300000x,");
    Files.writeString(file, text);
    for (boolean parallel : new boolean[] {false, true}) {
      KernelException e =
          assertThrows(
              KernelException.class, () -> FrameCsvReader.read(file, rows, t, labels, parallel));
      assertTrue(e.getMessage().contains("line 300001, column 1 ('a')"), e.getMessage());
    }
  }

  @Test
  void quotedLineBreaksAcrossRangesAreFollowed() throws IOException {
    int rows = 120_000;
    DenseMatrix id = DenseMatrix.allocate(ValueType.SI64, rows, 1);
    String[] s = new String[rows];
    for (int r = 0; r < rows; r++) {
      id.setLong(r, r);
      s[r] =
          r % 3 == 0
              ? "two\nlines, \"q\""
              : (r % 3 == 1 ? "back\\slash" : "plain text, padded to some length");
    }
    Frame f =
        Frames.of(List.of("id", "s"), List.of(id, DenseMatrix.wrap(ValueType.STR, rows, 1, s)));
    Path file = dir.resolve("q.csv");
    FrameCsvWriter.write(f, file);
    assertTrue(Files.size(file) > 2L * FrameCsvReader.MIN_RANGE_BYTES);
    List<ValueType> t = List.of(ValueType.SI64, ValueType.STR);
    assertSameCells(f, FrameCsvReader.read(file, rows, t, f.labels(), true));
    // a bad id late in the file: both reads name the same physical line
    String text = Files.readString(file).replace("\n119990,", "\n119990x,");
    Files.writeString(file, text);
    String seq = null;
    for (boolean parallel : new boolean[] {false, true}) {
      KernelException e =
          assertThrows(
              KernelException.class,
              () -> FrameCsvReader.read(file, rows, t, f.labels(), parallel));
      assertTrue(e.getMessage().contains("column 1 ('id')"), e.getMessage());
      if (seq == null) {
        seq = e.getMessage();
      } else {
        assertEquals(seq, e.getMessage());
      }
    }
    // 119990 records before it, 39997 of them (0, 3, ..., 119988) with one line break each
    assertTrue(seq.contains("line " + (119990 + 39997 + 1) + ","), seq);
  }

  @Test
  void strictFieldsAndMissingOnes() throws IOException {
    Path file = dir.resolve("x.csv");
    List<ValueType> t = List.of(ValueType.SI32, ValueType.F32);
    Files.writeString(file, "1,\n 2 ,2.5\n");
    List<Column> c = FrameCsvReader.read(file, 2, t, List.of("a", "b"), false);
    assertTrue(Double.isNaN(c.get(1).get(0).asDouble()));
    assertEquals(2L, c.get(0).get(1).asLong());
    for (String bad :
        new String[] {"1,2\n3\n", "1,2\n,3\n", "2147483648,1\n1,1\n", "1,2e\n1,1\n"}) {
      Files.writeString(file, bad);
      assertThrows(
          KernelException.class,
          () -> FrameCsvReader.read(file, 2, t, List.of("a", "b"), false),
          bad);
    }
    Files.writeString(file, "1,2\n");
    KernelException e =
        assertThrows(
            KernelException.class, () -> FrameCsvReader.read(file, 2, t, List.of("a", "b"), true));
    assertTrue(e.getMessage().contains("ends after 1 records, but 2 are needed"), e.getMessage());
  }

  @Test
  void exactIntegersFitTheirType() {
    assertTrue(exact("127", ValueType.SI8));
    assertFalse(exact("128", ValueType.SI8));
    assertTrue(exact("-128", ValueType.SI8));
    assertTrue(exact("255", ValueType.UI8));
    assertFalse(exact("-1", ValueType.UI8));
    assertTrue(exact("-0", ValueType.UI8));
    assertTrue(exact("4294967295", ValueType.UI32));
    assertFalse(exact("4294967296", ValueType.UI32));
    assertTrue(exact("-9223372036854775808", ValueType.SI64));
    assertFalse(exact("9223372036854775808", ValueType.SI64));
    assertTrue(exact("18446744073709551615", ValueType.UI64));
    assertFalse(exact("18446744073709551616", ValueType.UI64));
    assertTrue(exact("000000000000000000000042", ValueType.SI8));
    assertFalse(exact("", ValueType.SI64));
    assertFalse(exact("1.0", ValueType.SI64));
    assertTrue(exact("", ValueType.F64));
    assertTrue(exact(" -1.5e3 ", ValueType.F64));
    assertTrue(exact("-inf", ValueType.F64));
    assertTrue(exact("NaN", ValueType.F32));
    assertFalse(exact("1.5x", ValueType.F64));
    assertFalse(exact("e5", ValueType.F64));
  }

  private static boolean exact(String s, ValueType t) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return FieldParser.isExact(b, 0, b.length, t);
  }

  @Test
  void stringColumnsStayCompact() {
    Frame f = sample(5000, 9).selectColumns(new int[] {3});
    Path file = dir.resolve("s.csv");
    FrameCsvWriter.write(f, file);
    Column c = FrameCsvReader.read(file, 5000, List.of(ValueType.STR), List.of("s"), true).get(0);
    long raw = 0;
    for (int r = 0; r < 5000; r++) {
      raw += f.column(0).get(r).stringValue().getBytes(StandardCharsets.UTF_8).length;
    }
    assertTrue(c.dataBytes() <= Math.max(1.5 * raw, raw + 4L * 5001), c.dataBytes() + " vs " + raw);
  }
}
