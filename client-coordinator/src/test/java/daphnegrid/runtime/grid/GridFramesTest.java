package daphnegrid.runtime.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import daphnegrid.config.GridSettings;
import daphnegrid.runtime.grid.InProcessRuns.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames on the grid: scripts run in-process locally and with {@code --distributed
 * --grid-min-cells=0} on an embedded grid, where createFrame and readFrame keep their frames as row
 * blocks on the members; the printed output must be the same text, and --explain must show the
 * frames going to the grid and coming back.
 */
class GridFramesTest {
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

  private static Run daphne(List<String> argv) {
    return InProcessRuns.run(grid, argv);
  }

  private Run run(String text, String... options) throws Exception {
    Path script = Files.writeString(dir.resolve("s.daph"), text);
    List<String> argv = new ArrayList<>(List.of(options));
    argv.add(script.toString());
    return daphne(argv);
  }

  private static final String[] GRID = {"--distributed", "--grid-min-cells=0"};

  /** Runs text locally and on the grid; both must succeed with the same output. */
  private String compare(String text) throws Exception {
    Run local = run(text);
    assertEquals(0, local.code(), local.err());
    Run onGrid = run(text, "--distributed", "--grid-min-cells=0", "--explain");
    assertEquals(0, onGrid.code(), onGrid.err());
    assertEquals(local.out(), onGrid.out());
    return onGrid.err();
  }

  private static long lines(String text, String containing) {
    return text.lines().filter(l -> l.contains(containing)).count();
  }

  /** A CSV file of n records (si64, f64, str with commas, quotes and line breaks) and its meta. */
  private Path writeCsv(int n) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String s =
          switch (i % 5) {
            case 0 -> "plain" + i;
            case 1 -> "\"with, comma " + i + "\"";
            case 2 -> "\"two\nlines " + i + "\"";
            case 3 -> "\"say \"\"hi\"\" " + i + "\"";
            default -> "";
          };
      sb.append(i % 97).append(',').append(i * 0.25 - 3).append(',').append(s).append('\n');
    }
    Path csv = dir.resolve("f.csv");
    Files.writeString(csv, sb.toString());
    Files.writeString(
        dir.resolve("f.csv.meta"),
        "{\"numRows\": "
            + n
            + ", \"numCols\": 3, \"schema\": [{\"label\": \"k\", \"valueType\": \"si64\"},"
            + " {\"label\": \"v\", \"valueType\": \"f64\"}, {\"label\": \"s\", \"valueType\":"
            + " \"str\"}]}");
    return csv;
  }

  @Test
  void createdFramesLiveOnTheGridAndPrintAsLocally() throws Exception {
    String err =
        compare(
            """
            f = createFrame([1, 2, 3], [0.5, -1.0, 2.25], ["a", "b, c", "d"], "k", "v", "s");
            print(f);
            g = createFrame(seq(1, 5000, 1), seq(0.5, 2500.0, 0.5), "x", "y");
            print(nrow(g));
            print(g[4990:5000, ]);
            print(sum(as.matrix(g[, "y"])));
            """);
    assertEquals(2, lines(err, "[explain] grid scatter frame "), err);
    assertTrue(err.contains("grid scatter frame 5000x2 (5 row blocks)"), err);
  }

  @Test
  void readFrameAcrossManyRowBlocksGivesTheLocalFrame() throws Exception {
    Path csv = writeCsv(70_000);
    String err =
        compare(
            """
            f = readFrame("CSV");
            print(nrow(f));
            print(f[0:7, ]);
            print(f[65530:65540, ]);
            registerView("f", f);
            print(sql("SELECT f.k, count(f.v), sum(f.v) FROM f GROUP BY f.k;")[90:97, ]);
            print(sql("SELECT f.s FROM f WHERE f.k = 5 AND f.v > 60000.0;"));
            """
                .replace("CSV", csv.toString()));
    assertTrue(lines(err, "[explain] grid collect frame 70000x3") >= 1, err);
    assertEquals(
        1,
        lines(err, "grid readFrame " + csv + " frame 70000x3 (35 row blocks) read on the members"),
        err);
  }

  @Test
  void queriesScanGridViewsOnTheMembersAndGiveTheLocalResult() throws Exception {
    Path csv = writeCsv(70_000);
    String err =
        compare(
            """
            f = readFrame("CSV");
            registerView("f", f);
            d = createFrame([5, 7, 11], ["five", "seven", "eleven"], "id", "name");
            registerView("d", d);
            print(sql("SELECT f.k, count(f.v), sum(f.v), min(f.s) FROM f WHERE f.v > -2.5 GROUP BY f.k;")[0:5, ]);
            print(sql("SELECT f.s, f.v FROM f WHERE f.k = 5 AND 60000.0 < f.v AND f.v <= 65000.5;"));
            print(sql("SELECT f.k FROM f WHERE f.s = 'plain35' OR f.k = -1;"));
            print(sql("SELECT f.v FROM f WHERE f.k >= 96 AND f.s <> '' AND f.v < -(-10);"));
            print(sql("SELECT d.name, count(f.k) FROM f, d WHERE f.k = d.id AND f.v >= 17000.0 GROUP BY d.name;"));
            print(sql("SELECT * FROM f WHERE f.k = 3 AND f.v < 100.0;"));
            print(sql("SELECT count(*) FROM f;"));
            print(sql("SELECT f.v, d.name, f.s FROM f JOIN d ON d.id = f.k WHERE f.v < -2.0 AND d.name <> 'seven';"));
            print(sql("SELECT * FROM f AS g, d WHERE g.k = d.id AND g.s = d.name;"));
            """
                .replace("CSV", csv.toString()));
    // every query reads f where it lives, with its column-constant terms; none fetched f whole;
    // one view grouped by one column (or not grouped) is aggregated by partials on the members
    assertEquals(0, lines(err, "grid collect frame 70000x3"), err);
    String f = "[explain] grid scan frame 70000x3 (35 row blocks) on the members: ";
    String g = "[explain] grid group frame 70000x3 (35 row blocks) on the members: ";
    String j =
        "[explain] grid join frame 70000x3 (35 row blocks) on the members with a broadcast 3x2"
            + " frame: ";
    assertEquals(
        List.of(
            g + "by #0, 3 aggregates, where #1 GT -2.5",
            f + "3 columns, where #0 EQ 5 and #1 GT 60000.0 and #1 LE 65000.5",
            f + "2 columns", // OR runs here: the scan only drops the column v
            f + "3 columns, where #0 GE 96 and #2 NE  and #1 LT 10",
            "[explain] grid scan frame 3x2 (1 row block) on the members: 2 columns",
            j + "2 columns, where #1 GE 17000.0; grouped by #3, 1 aggregate", // joined and
            // grouped there
            f + "3 columns, where #0 EQ 3 and #1 LT 100.0",
            g + "by nothing, 1 aggregate",
            "[explain] grid scan frame 3x2 (1 row block) on the members: 2 columns, where #1 NE seven",
            j.replace("3x2", "2x2") + "3 columns, where #1 LT -2.0", // d without 'seven'
            "[explain] grid scan frame 3x2 (1 row block) on the members: 2 columns",
            j + "3 columns"),
        err.lines()
            .filter(l -> l.contains("grid scan") || l.contains("grid group") || l.contains("join"))
            .toList());
  }

  @Test
  void groupedFloatSumsAreTheSameBitsWithOneThreadManyThreadsAndOnTheGrid() throws Exception {
    // 200,000 rows in 49 row blocks; values whose sums depend on the order of summation
    String text =
        """
        k = as.si64(floor(rand(200000, 1, 0.0, 50.0, 1.0, 7)));
        v = rand(200000, 1, -1000.0, 1000.0, 1.0, 8) / 3.0;
        f = createFrame(k, v, as.f32(v), "k", "v", "w");
        registerView("f", f);
        r = sql("SELECT f.k, sum(f.v) * 1000000000000.0 AS s, avg(f.v) * 1000000000000000.0 AS a, sum(f.w), min(f.v), count(*) FROM f WHERE f.v <> 0.5 GROUP BY f.k;");
        writeFrame(r, "OUT");
        writeFrame(sql("SELECT sum(f.v) * 1000000000000.0 AS s, avg(f.w) * 1000000000000000.0 AS a FROM f;"), "OUT2");
        print(nrow(r));
        """;
    // the CSV writer's %f shows every digit of numbers this large: sums scaled by 1e12, means by
    // 1e15
    List<String> outputs = new ArrayList<>();
    String[][] modes = {
      {"--num-threads=1"}, {"--num-threads=4"}, {"--distributed", "--grid-min-cells=0", "--explain"}
    };
    for (String[] mode : modes) {
      Path out = dir.resolve("r.csv");
      Path out2 = dir.resolve("s.csv");
      Run r = run(text.replace("OUT2", out2.toString()).replace("OUT", out.toString()), mode);
      assertEquals(0, r.code(), r.err());
      assertEquals("50\n", r.out());
      outputs.add(Files.readString(out) + Files.readString(out2));
      if (mode.length == 3) {
        assertEquals(2, lines(r.err(), "[explain] grid group frame 200000x3 (49 row blocks)"));
      }
    }
    assertEquals(outputs.get(0), outputs.get(1));
    assertEquals(outputs.get(0), outputs.get(2));
  }

  /**
   * Runs text with one thread, four, and on the grid; returns the three outputs and grid stderr.
   */
  private List<String> threeWays(String text, String... outs) throws Exception {
    List<String> outputs = new ArrayList<>();
    String[][] modes = {
      {"--num-threads=1"}, {"--num-threads=4"}, {"--distributed", "--grid-min-cells=0", "--explain"}
    };
    String gridErr = "";
    for (String[] mode : modes) {
      String t = text;
      for (int k = 0; k < outs.length; k++) {
        t = t.replace(outs[k], dir.resolve("out" + k + ".csv").toString());
      }
      Run r = run(t, mode);
      assertEquals(0, r.code(), r.err());
      StringBuilder sb = new StringBuilder(r.out());
      for (int k = 0; k < outs.length; k++) {
        sb.append(Files.readString(dir.resolve("out" + k + ".csv")));
      }
      outputs.add(sb.toString());
      gridErr = r.err();
    }
    outputs.add(gridErr);
    return outputs;
  }

  @Test
  void groupingBySeveralColumnsRunsOnTheMembersWithTheSameBits() throws Exception {
    // 200,000 rows in 49 row blocks; float sums that depend on the order of summation
    String text =
        """
        k = as.si64(floor(rand(200000, 1, 0.0, 7.0, 1.0, 7)));
        j = as.si64(floor(rand(200000, 1, 0.0, 5.0, 1.0, 9)));
        v = rand(200000, 1, -1000.0, 1000.0, 1.0, 8) / 3.0;
        f = createFrame(k, v, as.f32(v), j, "k", "v", "w", "j");
        registerView("f", f);
        r = sql("SELECT f.j, f.k, sum(f.v) * 1000000000000.0 AS s, avg(f.v) * 1000000000000000.0 AS a, sum(f.w), max(f.v), count(*) FROM f WHERE f.v > -900.0 GROUP BY f.j, f.k;");
        writeFrame(r, "OUTA");
        print(nrow(r));
        print(sql("SELECT f.k, f.j, count(f.v) FROM f GROUP BY f.k, f.j HAVING count(*) > 5730;"));
        """;
    List<String> o = threeWays(text, "OUTA");
    assertEquals(o.get(0), o.get(1));
    assertEquals(o.get(0), o.get(2));
    assertTrue(o.get(0).startsWith("35\n"), o.get(0));
    assertEquals(
        List.of(
            "[explain] grid group frame 200000x4 (49 row blocks) on the members: by #3 and #0, 5"
                + " aggregates, where #1 GT -900.0",
            "[explain] grid group frame 200000x4 (49 row blocks) on the members: by #0 and #3, 2"
                + " aggregates"),
        o.get(3).lines().filter(l -> l.contains("grid group")).toList());
  }

  @Test
  void joinsWithTheGridViewOnEitherSideAndGroupingAfterThemRunOnTheMembers() throws Exception {
    Path csv = writeCsv(70_000);
    String err =
        compare(
            """
            f = readFrame("CSV");
            registerView("f", f);
            d = createFrame([5, 7, 11, 5], ["five", "seven", "eleven", "five2"], "id", "name");
            registerView("d", d);
            print(sql("SELECT d.name, f.v FROM d JOIN f ON d.id = f.k WHERE f.v > 17000.0 AND f.v < 17500.0;"));
            print(sql("SELECT d.name, f.k, f.s FROM d, f WHERE f.k = d.id AND d.name <> 'seven' AND f.v < -2.0;"));
            print(sql("SELECT d.name, f.k, count(*), sum(f.v), avg(f.v), max(f.s) FROM f JOIN d ON f.k = d.id GROUP BY d.name, f.k;"));
            print(sql("SELECT d.name, sum(f.v), min(d.id) FROM d, f WHERE d.id = f.k AND f.v > 100.0 GROUP BY d.name;"));
            print(sql("SELECT count(*), sum(f.v) FROM d JOIN f ON d.id = f.k;"));
            """
                .replace("CSV", csv.toString()));
    assertEquals(0, lines(err, "grid collect frame 70000x3"), err);
    String j = "[explain] grid join frame 70000x3 (35 row blocks)";
    assertEquals(
        List.of(
            j
                + " (the right table) on the members with a broadcast 4x2 frame: 2 columns, where #1"
                + " GT 17000.0 and #1 LT 17500.0",
            j
                + " (the right table) on the members with a broadcast 3x2 frame: 3 columns, where #1"
                + " LT -2.0",
            j
                + " on the members with a broadcast 4x2 frame: 3 columns; grouped by #4 and #0, 4"
                + " aggregates",
            j
                + " (the right table) on the members with a broadcast 4x2 frame: 2 columns, where #1"
                + " GT 100.0; grouped by #1, 2 aggregates",
            j
                + " (the right table) on the members with a broadcast 4x1 frame: 2 columns; grouped"
                + " by nothing, 2 aggregates"),
        err.lines().filter(l -> l.contains("grid join")).toList());
  }

  @Test
  void groupingAfterAJoinIsTheSameBitsWithOneThreadManyThreadsAndOnTheGrid() throws Exception {
    String text =
        """
        k = as.si64(floor(rand(200000, 1, 0.0, 40.0, 1.0, 7)));
        v = rand(200000, 1, -1000.0, 1000.0, 1.0, 8) / 3.0;
        f = createFrame(k, v, "k", "v");
        registerView("f", f);
        d = createFrame([3, 5, 7, 3, 39], [1, 1, 2, 2, 1], "id", "g");
        registerView("d", d);
        r = sql("SELECT d.g, sum(f.v) * 1000000000000.0 AS s, avg(f.v) * 1000000000000000.0 AS a, count(*) FROM d JOIN f ON d.id = f.k GROUP BY d.g;");
        writeFrame(r, "OUTA");
        r2 = sql("SELECT f.k, sum(f.v) * 1000000000000.0 AS s FROM f, d WHERE f.k = d.id AND f.v > -500.0 GROUP BY f.k;");
        writeFrame(r2, "OUTB");
        print(nrow(r2));
        """;
    List<String> o = threeWays(text, "OUTA", "OUTB");
    assertEquals(o.get(0), o.get(1));
    assertEquals(o.get(0), o.get(2));
    assertTrue(o.get(0).startsWith("4\n"), o.get(0));
    assertEquals(2, lines(o.get(3), "; grouped by #"), o.get(3));
  }

  @Test
  void framesTravelInPiecesOfAtMostTheChunkSizeWithTheSameResults() throws Exception {
    String text =
        """
        n = 5000;
        k = as.si64(seq(1, n, 1) % 97);
        f = createFrame(k, seq(0.5, 2500.0, 0.5), "k", "v");
        g = cbind(f, createFrame(as.str(seq(1, n, 1)), "s"));
        h = createFrame(as.si64(seq(1, n, 1)), "id");
        registerView("g", g);
        print(g[4990:5000, ]);
        print(sql("SELECT g.k, count(*), sum(g.v), max(g.s) FROM g GROUP BY g.k;")[0:3, ]);
        print(sum(as.matrix(h)));
        """;
    Run local = run(text);
    assertEquals(0, local.code(), local.err());
    for (String chunk : new String[] {"64", "1000", "100000"}) {
      Run onGrid =
          run(
              text,
              "--distributed",
              "--grid-min-cells=0",
              "--max-distr-chunk-size=" + chunk,
              "--explain");
      assertEquals(0, onGrid.code(), onGrid.err());
      assertEquals(local.out(), onGrid.out());
      assertTrue(lines(onGrid.err(), "grid scatter frame 5000x") >= 3, onGrid.err());
      assertTrue(lines(onGrid.err(), "grid collect frame 5000x") >= 2, onGrid.err());
    }
  }

  /** Runs text locally and on the grid; both must fail the same way; returns stderr. */
  private String sameError(String text) throws Exception {
    Run local = run(text);
    Run onGrid = run(text, GRID);
    assertEquals(3, local.code(), local.err());
    assertEquals(local.code(), onGrid.code());
    assertEquals(local.out(), onGrid.out());
    assertEquals(local.err(), onGrid.err());
    return local.err();
  }

  @Test
  void readErrorsNameTheSameFileLineAndColumnAsTheLocalReader() throws Exception {
    Path csv = writeCsv(70_000);
    String text = Files.readString(csv);
    String script = "f = readFrame(\"" + csv + "\");\nprint(nrow(f));\n";
    // a bad si64 field in record 50,000 (after many quoted line breaks)
    int at = text.indexOf("\n" + (50_000 % 97) + ",12497.0,");
    Files.writeString(csv, text.substring(0, at + 1) + "x" + text.substring(at + 1));
    String err = sameError(script);
    assertTrue(
        err.contains("column 1 ('k'): 'x" + (50_000 % 97) + "' is not a value of type si64"), err);
    // a record missing its last field, in an early block
    int cut = text.indexOf("\n" + (1500 % 97) + ",372.0,");
    int end = text.indexOf('\n', cut + 1);
    Files.writeString(
        csv, text.substring(0, cut + 1) + (1500 % 97) + ",372.0" + text.substring(end));
    err = sameError(script);
    assertTrue(err.contains("the record has 2 field(s), but the frame has 3 columns"), err);
    // too few records: the file ends in block 20 of 35
    int stop = text.indexOf("\n" + (40_000 % 97) + ",9997.0,");
    Files.writeString(csv, text.substring(0, stop + 1));
    err = sameError(script);
    assertTrue(err.contains("ends after 40000 records, but 70000 are needed"), err);
  }

  @Test
  void aFrameLargerThanTheGridIsRefusedBeforeAnyBlockIsRead() throws Exception {
    Path csv = writeCsv(10);
    long rows = Runtime.getRuntime().maxMemory() / 8 + 1_000_000; // si64 + f64 + offsets > heap
    String meta =
        Files.readString(dir.resolve("f.csv.meta"))
            .replace("\"numRows\": 10", "\"numRows\": " + rows);
    Files.writeString(dir.resolve("f.csv.meta"), meta);
    Run r = run("f = readFrame(\"" + csv + "\");\nprint(nrow(f));\n", "--distributed");
    assertEquals(3, r.code(), r.err());
    assertTrue(
        r.err().contains("error: readFrame: grid: readFrame " + csv + " " + rows + "x3 needs "),
        r.err());
    assertTrue(r.err().contains("give the workers more heap"), r.err());
  }

  @Test
  void smallFramesStayOnTheCoordinatorByDefault() throws Exception {
    Run r = run("f = createFrame([1, 2, 3], \"k\");\nprint(f);\n", "--distributed", "--explain");
    assertEquals(0, r.code(), r.err());
    assertEquals(0, lines(r.err(), "frame"), r.err());
  }
}
