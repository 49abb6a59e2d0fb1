package daphnegrid.kernels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
 * {@link FrameCsvReader#readRanges} with a {@link FrameCsvReader.LineIndex} (a file without str
 * columns, scanned from the last indexed offset before its ranges) against the same call without
 * one (scanned from the file's start): the same cells, failures and messages for every range set
 * and every cut of the file into indexed byte ranges, with and without a last line break.
 */
class FrameCsvIndexTest {
  @TempDir Path dir;

  private static final List<ValueType> TYPES =
      List.of(ValueType.SI64, ValueType.F64, ValueType.UI8);
  private static final List<String> LABELS = List.of("k", "v", "u");

  private static String csv(int n, long seed, boolean lastBreak) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(r.nextInt(100000) - 50000).append(',');
      sb.append((r.nextInt(4001) - 2000) * 0.25).append(',').append(r.nextInt(256));
      if (i % 17 == 3) {
        sb.append(",extra"); // after the last column: skipped
      }
      if (i < n - 1 || lastBreak) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** An index of file cut at cuts random byte offsets. */
  private static FrameCsvReader.LineIndex index(Path file, int cuts, long seed) throws Exception {
    long size = Files.size(file);
    Random r = new Random(seed);
    long[] at = new long[cuts + 1];
    for (int k = 1; k <= cuts; k++) at[k] = size == 0 ? 0 : (long) (r.nextDouble() * size);
    java.util.Arrays.sort(at);
    long[] lines = new long[at.length];
    for (int k = 1; k < at.length; k++) {
      lines[k] = lines[k - 1] + FrameCsvReader.countLineBreaks(file, at[k - 1], at[k]);
    }
    return new FrameCsvReader.LineIndex(at, lines);
  }

  private static void assertSame(FrameCsvReader.Ranges want, FrameCsvReader.Ranges got) {
    assertEquals(want.failedRange(), got.failedRange());
    assertEquals(
        want.failure() == null ? null : want.failure().getMessage(),
        got.failure() == null ? null : got.failure().getMessage());
    assertEquals(want.columns().size(), got.columns().size());
    for (int i = 0; i < want.columns().size(); i++) {
      List<Column> a = want.columns().get(i), b = got.columns().get(i);
      for (int j = 0; j < a.size(); j++) {
        assertEquals(a.get(j).size(), b.get(j).size());
        for (int x = 0; x < a.get(j).size(); x++) {
          assertEquals(
              a.get(j).get(x), b.get(j).get(x), "range " + i + " column " + j + " row " + x);
        }
      }
    }
  }

  /** Every single block, and the blocks from b on, of a file of rows records. */
  private static List<long[][]> rangeSets(long rows) {
    List<long[][]> out = new ArrayList<>();
    int blocks = RowBlocks.count(rows);
    for (int b = 0; b < blocks; b++) {
      out.add(new long[][] {{RowBlocks.start(rows, b)}, {Math.min(rows, RowBlocks.end(rows, b))}});
      long[] s = new long[blocks - b], e = new long[blocks - b];
      for (int i = b; i < blocks; i++) {
        s[i - b] = RowBlocks.start(rows, i);
        e[i - b] = Math.min(rows, RowBlocks.end(rows, i));
      }
      out.add(new long[][] {s, e});
    }
    return out;
  }

  @Test
  void indexedReadsGiveTheCellsOfAScanFromTheStart() throws Exception {
    for (int n : new int[] {1, 1023, 1025, 5000}) {
      for (boolean lastBreak : new boolean[] {true, false}) {
        Path file = dir.resolve("f" + n + lastBreak + ".csv");
        Files.writeString(file, csv(n, n, lastBreak));
        for (int cuts : new int[] {1, 3, 40}) {
          FrameCsvReader.LineIndex ix = index(file, cuts, cuts * 31L + n);
          assertEquals(
              n - (lastBreak ? 0 : 1) - ix.lines()[cuts],
              FrameCsvReader.countLineBreaks(file, ix.offsets()[cuts], Files.size(file)));
          for (long[][] rs : rangeSets(n)) {
            FrameCsvReader.Ranges want =
                FrameCsvReader.readRanges(file, n, TYPES, LABELS, rs[0], rs[1], false);
            FrameCsvReader.Ranges got =
                FrameCsvReader.readRanges(file, n, TYPES, LABELS, rs[0], rs[1], false, ix);
            assertSame(want, got);
          }
        }
      }
    }
  }

  @Test
  void badFieldsAndShortFilesFailWithTheSameMessages() throws Exception {
    String text = csv(4000, 9, true);
    int at = text.indexOf('\n', text.length() * 3 / 4) + 1; // a record in the last block
    String bad = text.substring(0, at) + "12,x.5,3" + text.substring(text.indexOf('\n', at));
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, bad);
    FrameCsvReader.LineIndex ix = index(file, 5, 1);
    for (long[][] rs : rangeSets(4000)) {
      assertSame(
          FrameCsvReader.readRanges(file, 4000, TYPES, LABELS, rs[0], rs[1], false),
          FrameCsvReader.readRanges(file, 4000, TYPES, LABELS, rs[0], rs[1], false, ix));
    }
    // the file has 4000 records, the meta file says 6000
    Path shortFile = dir.resolve("short.csv");
    Files.writeString(shortFile, text);
    FrameCsvReader.LineIndex sx = index(shortFile, 7, 2);
    for (long[][] rs : rangeSets(6000)) {
      FrameCsvReader.Ranges want =
          FrameCsvReader.readRanges(shortFile, 6000, TYPES, LABELS, rs[0], rs[1], false);
      assertSame(
          want, FrameCsvReader.readRanges(shortFile, 6000, TYPES, LABELS, rs[0], rs[1], false, sx));
    }
  }

  @Test
  void anIndexIsRefusedForStrColumns() throws Exception {
    Path file = dir.resolve("s.csv");
    Files.writeString(file, "1,\"a\nb\"\n");
    FrameCsvReader.LineIndex ix = new FrameCsvReader.LineIndex(new long[] {0}, new long[] {0});
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FrameCsvReader.readRanges(
                file,
                1,
                List.of(ValueType.SI64, ValueType.STR),
                List.of("k", "s"),
                new long[] {0},
                new long[] {1},
                false,
                ix));
  }
}
