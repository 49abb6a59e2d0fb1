package daphnegrid.config.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.StringColumn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameBlockSerializerTest {
  private final FrameBlockSerializer serializer = new FrameBlockSerializer();

  /** One column of every value type a frame may hold (all but bool), with awkward values. */
  private static Frame everyType(int rows) {
    List<String> labels = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    int j = 0;
    for (ValueType t : ValueType.values()) {
      if (t == ValueType.BOOL) {
        continue;
      }
      labels.add(j++ % 2 == 0 ? "c" + t.dslName() : "col é " + t.dslName());
      columns.add(Column.of(DenseBlockSerializerTest.random(t, rows, 1, 17 + j)));
    }
    return Frame.of(labels, columns);
  }

  private static void assertSameFrame(Frame expected, Frame actual) {
    assertEquals(expected.labels(), actual.labels());
    assertEquals(expected.rows(), actual.rows());
    for (int j = 0; j < expected.cols(); j++) {
      DenseMatrix e = expected.column(j).toMatrix();
      DenseMatrix a = actual.column(j).toMatrix();
      assertTrue(e.sameContents(a), "column " + expected.label(j));
    }
  }

  @ParameterizedTest(name = "{0} rows")
  @ValueSource(ints = {0, 1, 2, 7, 1000})
  void roundTripsEveryColumnType(int rows) throws IOException {
    Frame f = everyType(rows);
    FrameBlock back = serializer.read(serializer.write(new FrameBlock(123L * rows, f)));
    assertEquals(123L * rows, back.rowOffset());
    assertSameFrame(f, back.frame());
  }

  @ParameterizedTest(name = "{0} rows")
  @ValueSource(ints = {0, 1, 7, 1000})
  void serializedBytesIsTheLengthWriteMakes(int rows) throws IOException {
    FrameBlock b = new FrameBlock(9, everyType(rows));
    assertEquals(serializer.write(b).length, FrameBlockSerializer.serializedBytes(b));
    FrameBlock empty = new FrameBlock(0, Frame.empty(rows));
    assertEquals(serializer.write(empty).length, FrameBlockSerializer.serializedBytes(empty));
  }

  @Test
  void roundTripsAFrameWithoutColumns() throws IOException {
    FrameBlock back = serializer.read(serializer.write(new FrameBlock(5, Frame.empty(3))));
    assertEquals(3, back.rows());
    assertEquals(0, back.frame().cols());
  }

  @Test
  void sizeIsTheHeaderLabelsAndRawColumns() throws IOException {
    Frame f =
        Frame.of(
            List.of("a", "b"),
            List.of(
                Column.of(DenseMatrix.ofDoubles(3, 1, 1, 2, 3)),
                Column.of(DenseMatrix.wrap(ValueType.STR, 3, 1, new String[] {"x", "yy", ""}))));
    byte[] bytes = serializer.write(new FrameBlock(0, f));
    long expected = FrameBlockSerializer.HEADER_BYTES + (1 + 4 + 1 + 24) + (1 + 4 + 1 + 4 + 16 + 3);
    assertEquals(expected, bytes.length);
  }

  @Test
  void rejectsEveryTruncationAndTrailingBytes() throws IOException {
    byte[] bytes = serializer.write(new FrameBlock(0, everyType(5)));
    for (int n = 0; n < bytes.length; n++) {
      byte[] cut = Arrays.copyOf(bytes, n);
      assertThrows(IOException.class, () -> serializer.read(cut), "cut at " + n);
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(IOException.class, () -> serializer.read(longer));
  }

  @Test
  void rejectsAnUnknownVersionAndTypeCode() throws IOException {
    byte[] bytes = serializer.write(new FrameBlock(0, everyType(2)));
    byte[] version = bytes.clone();
    version[0] = 9;
    assertThrows(IOException.class, () -> serializer.read(version));
    byte[] code = bytes.clone();
    code[FrameBlockSerializer.HEADER_BYTES] = 100;
    assertThrows(IOException.class, () -> serializer.read(code));
  }

  @Test
  void rowsWithinCutsPiecesAtRowsThatFitTheirBytes() {
    int n = 500;
    long[] k = new long[n];
    String[] s = new String[n];
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < n; i++) {
      k[i] = i;
      s[i] = "x".repeat(r.nextInt(40)) + (i % 7 == 0 ? "\u00e9" : "");
    }
    Frame f =
        Frame.of(
            List.of("k", "s"),
            List.of(Column.of(DenseMatrix.wrap(ValueType.SI64, n, 1, k)), StringColumn.of(s, n)));
    for (long max : new long[] {1, 60, 100, 777, 1_000_000}) {
      int covered = 0;
      while (covered < n) {
        int m = FrameBlockSerializer.rowsWithin(f, covered, max);
        assertTrue(m >= 1);
        long bytes =
            FrameBlockSerializer.serializedBytes(
                new FrameBlock(0, f.sliceRows(covered, covered + m)));
        // at most max, unless one row alone is larger; one more row would not fit
        assertTrue(m == 1 || bytes <= max, max + " " + covered + " " + m);
        if (covered + m < n) {
          long more =
              FrameBlockSerializer.serializedBytes(
                  new FrameBlock(0, f.sliceRows(covered, covered + m + 1)));
          assertTrue(more > max);
        }
        covered += m;
      }
      assertEquals(n, covered);
    }
    assertEquals(0, FrameBlockSerializer.rowsWithin(f, n, 100));
  }

  /** k (si64), few (str, distinct values of the pool in a random order), unique (str). */
  private static Frame fewDistinct(int rows, String[] pool, long seed) {
    java.util.Random r = new java.util.Random(seed);
    long[] k = new long[rows];
    String[] few = new String[rows];
    String[] unique = new String[rows];
    for (int i = 0; i < rows; i++) {
      k[i] = r.nextLong();
      few[i] = pool[r.nextInt(pool.length)];
      unique[i] = "u" + i + (i % 3 == 0 ? "\u00e4\u00df" : "");
    }
    return Frame.of(
        List.of("k", "few", "unique"),
        List.of(
            Column.of(DenseMatrix.wrap(ValueType.SI64, rows, 1, k)),
            StringColumn.of(few, rows),
            StringColumn.of(unique, rows)));
  }

  private static final String[] POOL = {"north", "", "s\u00fcd, west", "say \"hi\"", "east"};

  @ParameterizedTest(name = "{0} rows")
  @ValueSource(ints = {40, 100, 5000})
  void aStrColumnOfFewValuesTravelsAsADictionaryAndReadsBackTheSame(int rows) throws IOException {
    Frame f = fewDistinct(rows, POOL, rows);
    FrameBlock b = new FrameBlock(7, f);
    byte[] bytes = serializer.write(b);
    assertEquals(bytes.length, FrameBlockSerializer.serializedBytes(b));
    assertEquals(1, bytes[2]); // the flag: str columns carry their encoding
    assertTrue(bytes.length < FrameBlockSerializer.heldBytes(b), rows + " rows");
    FrameBlock back = serializer.read(bytes);
    assertEquals(7, back.rowOffset());
    assertSameFrame(f, back.frame());
    // the decoded column is the plain one: same offsets and bytes
    StringColumn want = (StringColumn) f.column(1), got = (StringColumn) back.frame().column(1);
    assertTrue(Arrays.equals(want.offsets(), 0, rows + 1, got.offsets(), 0, rows + 1));
    assertEquals(FrameBlockSerializer.heldBytes(b), FrameBlockSerializer.heldBytes(back));
  }

  @Test
  void moreThan256ValuesTakeTwoByteCodes() throws IOException {
    String[] pool = new String[300];
    for (int v = 0; v < pool.length; v++) pool[v] = "value-" + v;
    Frame f = fewDistinct(20_000, pool, 3);
    FrameBlock b = new FrameBlock(0, f);
    byte[] bytes = serializer.write(b);
    assertEquals(bytes.length, FrameBlockSerializer.serializedBytes(b));
    assertSameFrame(f, serializer.read(bytes).frame());
    FrameBlockSerializer.Dictionary d =
        FrameBlockSerializer.dictionary((StringColumn) f.column(1), f.rows());
    assertEquals(300, d.firstRow().length);
    assertEquals(2, d.codeWidth());
  }

  @Test
  void columnsOfManyValuesStayPlain() throws IOException {
    Frame f = fewDistinct(1000, POOL, 4).sliceRows(0, 1000);
    Frame unique = Frame.of(List.of("unique"), List.of(f.column(2)));
    FrameBlock b = new FrameBlock(0, unique);
    byte[] bytes = serializer.write(b);
    assertEquals(0, bytes[2]);
    assertEquals(FrameBlockSerializer.heldBytes(b), bytes.length);
    assertSameFrame(unique, serializer.read(bytes).frame());
    assertEquals(null, FrameBlockSerializer.dictionary((StringColumn) f.column(2), 1000));
  }

  @Test
  void rejectsATruncatedDictionaryAndACodeOutOfRange() throws IOException {
    Frame f = fewDistinct(40, POOL, 5);
    byte[] bytes = serializer.write(new FrameBlock(0, f));
    for (int n = 0; n < bytes.length; n++) {
      byte[] cut = Arrays.copyOf(bytes, n);
      assertThrows(IOException.class, () -> serializer.read(cut), "cut at " + n);
    }
    // the codes of the dictionary column end where the plain unique column starts
    byte[] bad = bytes.clone();
    int uniqueAt = indexOf(bad, "unique".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    bad[uniqueAt - 4 - 1 - 1] = 9; // the last code of few: only 5 values
    IOException x = assertThrows(IOException.class, () -> serializer.read(bad));
    assertTrue(x.getMessage().contains("code 9 of 5 values"), x.getMessage());
  }

  private static int indexOf(byte[] a, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= a.length; i++) {
      for (int k = 0; k < part.length; k++) {
        if (a[i + k] != part[k]) continue outer;
      }
      return i;
    }
    return -1;
  }
}
