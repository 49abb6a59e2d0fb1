package daphnegrid.runtime.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import daphnegrid.config.GridSettings;
import daphnegrid.runtime.grid.InProcessRuns.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL joins of two grid views shuffled by key in a Jet job ({@code --grid-shuffle-min-cells=0}
 * forces the shuffle for small frames): on seeded random frames with duplicate keys, si64, f64,
 * str, mixed and two-column keys and an empty side, the output equals the local run's text (rows in
 * the local join's order), whatever the chunk size; --explain names the strategy that ran.
 */
class GridShuffleJoinTest {
  @TempDir Path dir;
  private static SharedGrid grid;

  @BeforeAll
  static void startGrid() {
    grid = SharedGrid.embedded(GridSettings.of(new ClientConfig()));
  }

  @AfterAll
  static void stopGrid() {
    grid.close();
  }

  private Run run(String text, String... options) throws Exception {
    Path script = Files.writeString(dir.resolve("s.daph"), text);
    return InProcessRuns.run(grid, InProcessRuns.argv(script, options));
  }

  private static long lines(String text, String containing) {
    return text.lines().filter(l -> l.contains(containing)).count();
  }

  private static final String[] STRINGS = {
    "plain", "\"with, comma\"", "\"say \"\"hi\"\"\"", "x", "", "\"two\nlines\"", "zz"
  };

  /**
   * A CSV file of n seeded random records — k si64 in 0..keys-1, x f64 (k / 4, so keys repeat), s
   * str (commas, quotes, line breaks, empty), v f64 in [0, 1) — and its meta file.
   */
  private String writeCsv(String name, int n, int keys, long seed) throws Exception {
    return writeCsv(name, n, keys, seed, "");
  }

  /** As {@link #writeCsv(String, int, int, long)} with labels prefix + k, x, s, v. */
  private String writeCsv(String name, int n, int keys, long seed, String prefix) throws Exception {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(keys);
      sb.append(k).append(',').append(k / 4 * 0.5).append(',');
      sb.append(STRINGS[r.nextInt(STRINGS.length)]).append(',').append(r.nextDouble());
      sb.append('\n');
    }
    Path csv = dir.resolve(name + ".csv");
    Files.writeString(csv, sb.toString());
    Files.writeString(
        dir.resolve(name + ".csv.meta"),
        "{\"numRows\": "
            + n
            + ", \"numCols\": 4, \"schema\": [{\"label\": \""
            + prefix
            + "k\", \"valueType\": \"si64\"},"
            + " {\"label\": \""
            + prefix
            + "x\", \"valueType\": \"f64\"}, {\"label\": \""
            + prefix
            + "s\", \"valueType\":"
            + " \"str\"}, {\"label\": \""
            + prefix
            + "v\", \"valueType\": \"f64\"}]}");
    return csv.toString();
  }

  private String script(int an, int bn) throws Exception {
    String a = writeCsv("a", an, 120, 11L * an + 1);
    String b = writeCsv("b", bn, 150, 13L * bn + 2);
    return """
        a = readFrame("%s");
        registerView("a", a);
        b = readFrame("%s");
        registerView("b", b);
        print(sql("SELECT a.k, a.v, b.v FROM a JOIN b ON a.k = b.k WHERE a.v > 0.5 AND b.v < 0.3;"));
        print(sql("SELECT a.x, b.k, a.s FROM a JOIN b ON a.x = b.x WHERE a.v < 0.2;"));
        print(sql("SELECT b.s, a.k, b.k FROM b JOIN a ON b.s = a.s WHERE a.k < 9 AND b.v > 0.6;"));
        print(sql("SELECT a.k, b.x, b.v FROM a JOIN b ON a.k = b.x WHERE a.v >= 0.7;"));
        print(sql("SELECT a.v, b.v FROM a, b WHERE a.k = b.k AND b.s = a.s AND a.v > b.v;"));
        print(sql("SELECT a.k, b.k FROM a JOIN b ON a.k = b.k WHERE b.v > 2.0;"));
        print(sql("SELECT x.k, y.v FROM a x JOIN a y ON x.k = y.k WHERE x.v > 0.9 AND y.v < 0.1;"));
        """
        .formatted(a, b);
  }

  private static final int QUERIES = 7;

  @Test
  void shuffledJoinsEqualTheLocalJoinRowOrderIncluded() throws Exception {
    for (int[] n : new int[][] {{3000, 2500}, {1, 5000}, {2100, 1}}) {
      String text = script(n[0], n[1]);
      Run local = run(text);
      assertEquals(0, local.code(), local.err());
      Run shuffled =
          run(
              text,
              "--distributed",
              "--grid-min-cells=0",
              "--grid-shuffle-min-cells=0",
              "--explain");
      assertEquals(0, shuffled.code(), shuffled.err());
      assertEquals(local.out(), shuffled.out(), "sizes " + n[0] + ", " + n[1]);
      assertEquals(QUERIES, lines(shuffled.err(), " shuffled by key in "), shuffled.err());
      assertEquals(0, lines(shuffled.err(), "with a broadcast"), shuffled.err());
    }
  }

  @Test
  void smallPiecesGiveTheSameRows() throws Exception {
    String text = script(2600, 1900);
    Run local = run(text);
    assertEquals(0, local.code(), local.err());
    Run pieces =
        run(
            text,
            "--distributed",
            "--grid-min-cells=0",
            "--grid-shuffle-min-cells=0",
            "--max-distr-chunk-size=700");
    assertEquals(0, pieces.code(), pieces.err());
    assertEquals(local.out(), pieces.out());
  }

  @Test
  void belowTheThresholdTheSmallerSideIsBroadcast() throws Exception {
    String text = script(2000, 1500);
    Run local = run(text);
    Run broadcast = run(text, "--distributed", "--grid-min-cells=0", "--explain");
    assertEquals(0, broadcast.code(), broadcast.err());
    assertEquals(local.out(), broadcast.out());
    assertEquals(0, lines(broadcast.err(), " shuffled by key in "), broadcast.err());
    assertTrue(lines(broadcast.err(), "with a broadcast") >= QUERIES - 1, broadcast.err());
  }

  @Test
  void innerJoinOfTwoGridFramesIsShuffledWithTheLocalResult() throws Exception {
    String a = writeCsv("a", 2600, 90, 3);
    String b = writeCsv("b", 1800, 70, 4, "b");
    String text =
        """
        a = readFrame("%s");
        b = readFrame("%s");
        print(innerJoin(a, b, "k", "bk"));
        print(innerJoin(b, a, "bs", "s"));
        print(innerJoin(a, b, "x", "bk"));
        """
            .formatted(a, b);
    Run local = run(text);
    assertEquals(0, local.code(), local.err());
    Run shuffled =
        run(text, "--distributed", "--grid-min-cells=0", "--grid-shuffle-min-cells=0", "--explain");
    assertEquals(0, shuffled.code(), shuffled.err());
    assertEquals(local.out(), shuffled.out());
    assertEquals(3, lines(shuffled.err(), " shuffled by key in "), shuffled.err());
  }

  @Test
  void aNegativeThresholdIsRefused() throws Exception {
    Run r = run("print(1);", "--grid-shuffle-min-cells=-1");
    assertEquals("daphne: --grid-shuffle-min-cells must not be negative, got -1\n", r.err());
    assertTrue(r.code() != 0);
  }
}
