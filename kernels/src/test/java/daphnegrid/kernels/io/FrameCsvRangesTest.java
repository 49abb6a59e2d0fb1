package daphnegrid.kernels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.pipeline.RowBlocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FrameCsvReader#readRanges}, how a grid member reads its row blocks, against the whole-file
 * {@link FrameCsvReader#read} as the reference: the same cells for any set of record ranges (quoted
 * str fields with line breaks, commas, doubled quotes, {@code \"}), and the same messages, with
 * lines counted from the start of the file, for a bad field and for too few records.
 */
class FrameCsvRangesTest {
  @TempDir Path dir;

  private static final List<ValueType> TYPES =
      List.of(ValueType.SI64, ValueType.STR, ValueType.F64);
  private static final List<String> LABELS = List.of("k", "s", "v");

  /** n records whose str field is often quoted, sometimes over two or three lines. */
  private static String csv(int n, long seed) {
    Random r = new Random(seed);
    String[] s = {
      "plain",
      "\"a, b\"",
      "\"two\nlines\"",
      "\"say \"\"hi\"\"\"",
      "\"esc \\\" q\"",
      "",
      "\"x\n\ny\"",
      "\"back\\\\ slash\""
    };
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(r.nextInt(1000) - 500)
          .append(',')
          .append(s[r.nextInt(s.length)])
          .append(',')
          .append((r.nextInt(4001) - 2000) * 0.25)
          .append('\n');
    }
    return sb.toString();
  }

  /** Column j's cells [r0, r1) of the reference read. */
  private static void assertRange(List<Column> all, long r0, List<Column> got) {
    for (int j = 0; j < all.size(); j++) {
      for (int i = 0; i < got.get(j).size(); i++) {
        assertEquals(all.get(j).get((int) r0 + i), got.get(j).get(i), "row " + (r0 + i));
      }
    }
  }

  private static long[][] blocks(int rows, int[] which) {
    long[] s = new long[which.length];
    long[] e = new long[which.length];
    for (int i = 0; i < which.length; i++) {
      s[i] = RowBlocks.start(rows, which[i]);
      e[i] = RowBlocks.end(rows, which[i]);
    }
    return new long[][] {s, e};
  }

  @Test
  void anySetOfRowBlocksReadsAsTheWholeFile() throws Exception {
    for (int rows : new int[] {1, 5, 1024, 5000, 70_001}) {
      Path file = Files.writeString(dir.resolve("f" + rows + ".csv"), csv(rows, rows));
      List<Column> all = FrameCsvReader.read(file, rows, TYPES, LABELS, false);
      int count = RowBlocks.count(rows);
      List<int[]> sets = new ArrayList<>();
      sets.add(java.util.stream.IntStream.range(0, count).toArray());
      sets.add(new int[] {count - 1});
      sets.add(java.util.stream.IntStream.range(0, count).filter(b -> b % 3 == 1).toArray());
      for (int[] which : sets) {
        long[][] r = blocks(rows, which);
        for (boolean parallel : new boolean[] {false, true}) {
          FrameCsvReader.Ranges got =
              FrameCsvReader.readRanges(file, rows, TYPES, LABELS, r[0], r[1], parallel);
          assertEquals(-1, got.failedRange(), String.valueOf(got.failure()));
          assertEquals(which.length, got.columns().size());
          for (int i = 0; i < which.length; i++) {
            assertEquals(r[1][i] - r[0][i], got.columns().get(i).get(0).size());
            assertRange(all, r[0][i], got.columns().get(i));
          }
        }
      }
    }
  }

  @Test
  void aBadFieldNamesTheLineOfTheWholeFile() throws Exception {
    int rows = 5000;
    byte[] b = csv(rows, 7).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // where record 3321 starts (after every line break of the records before it)
    RecordScanner scan = new RecordScanner(TYPES);
    int start = -1;
    for (int i = 0; i < b.length && start < 0; i++) {
      if (scan.accept(b[i]) && scan.records == 3321) {
        start = i + 1;
      }
    }
    String text = new String(b, java.nio.charset.StandardCharsets.UTF_8);
    Path file =
        Files.writeString(
            dir.resolve("bad.csv"), text.substring(0, start) + "9x" + text.substring(start));
    KernelException whole =
        assertThrows(
            KernelException.class, () -> FrameCsvReader.read(file, rows, TYPES, LABELS, false));
    int block = 3321 / RowBlocks.rowsPerBlock(rows);
    long[][] r = blocks(rows, new int[] {0, block, block + 1});
    for (boolean parallel : new boolean[] {false, true}) {
      FrameCsvReader.Ranges got =
          FrameCsvReader.readRanges(file, rows, TYPES, LABELS, r[0], r[1], parallel);
      assertEquals(1, got.failedRange());
      assertEquals(1, got.columns().size());
      assertEquals(whole.getMessage(), got.failure().getMessage());
    }
  }

  @Test
  void tooFewRecordsNameHowManyTheFileHas() throws Exception {
    int rows = 3000;
    int has = 2100; // 1024 rows per block: the file ends in block 2, after 52 of its rows
    // with and without the last line break
    for (String text : new String[] {csv(has, 3), csv(has, 3).stripTrailing()}) {
      Path file = Files.writeString(dir.resolve("short.csv"), text);
      KernelException whole =
          assertThrows(
              KernelException.class, () -> FrameCsvReader.read(file, rows, TYPES, LABELS, false));
      assertEquals(
          "getFileLine failed: file '" + file + "' ends after 2100 records, but 3000 are needed",
          whole.getMessage());
      for (int[] which : new int[][] {{0}, {1}, {2}, {0, 2}, {1, 2}}) {
        long[][] r = blocks(rows, which);
        FrameCsvReader.Ranges got =
            FrameCsvReader.readRanges(file, rows, TYPES, LABELS, r[0], r[1], false);
        int failing = which[which.length - 1] == 2 ? which.length - 1 : -1;
        assertEquals(failing, got.failedRange(), String.valueOf(got.failure()));
        if (failing >= 0) {
          assertEquals(whole.getMessage(), got.failure().getMessage());
        }
      }
    }
    // a file that ends before a range even starts
    Path empty = Files.writeString(dir.resolve("empty.csv"), csv(10, 4));
    FrameCsvReader.Ranges got =
        FrameCsvReader.readRanges(
            empty, rows, TYPES, LABELS, new long[] {2048}, new long[] {3000}, false);
    assertEquals(0, got.failedRange());
    assertEquals(
        "getFileLine failed: file '" + empty + "' ends after 10 records, but 3000 are needed",
        got.failure().getMessage());
  }

  @Test
  void framesWithoutStrColumnsAndWithoutColumns() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      sb.append(i).append(',').append(i * 0.5).append('\n');
    }
    Path file = Files.writeString(dir.resolve("n.csv"), sb.toString());
    List<ValueType> t = List.of(ValueType.SI32, ValueType.F32);
    List<Column> all = FrameCsvReader.read(file, 3000, t, List.of("a", "b"), false);
    long[][] r = blocks(3000, new int[] {1, 2});
    FrameCsvReader.Ranges got =
        FrameCsvReader.readRanges(file, 3000, t, List.of("a", "b"), r[0], r[1], true);
    assertRange(all, r[0][0], got.columns().get(0));
    assertRange(all, r[0][1], got.columns().get(1));
    DenseMatrix last = got.columns().get(1).get(0).toMatrix();
    assertEquals(2999L, last.getLong(last.rows() - 1));
    FrameCsvReader.Ranges none =
        FrameCsvReader.readRanges(file, 3000, List.of(), List.of(), r[0], r[1], false);
    assertEquals(-1, none.failedRange());
  }
}
