package daphnegrid.runtime.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import daphnegrid.config.GridSettings;
import daphnegrid.runtime.grid.InProcessRuns.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * readFrame on the members of a file without str columns reads with a line index (each member from
 * the indexed offset before its blocks, not from the file's start): the same frame, and the same
 * errors for a bad field and a short file, as the local reader; a file with a str column is scanned
 * from its start as before.
 */
class GridReadFrameIndexTest {
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

  private static final String INDEXED = "each from the line index offset before its blocks";

  /** n records (si64, f64[, str]) with meta rows; bad: a broken f64 field at that record. */
  private String writeCsv(String name, int n, int metaRows, boolean str, int bad) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i % 113).append(',').append(i == bad ? "1.x5" : String.valueOf(i * 0.25 - 7));
      if (str) {
        sb.append(',').append(i % 3 == 0 ? "\"a\nb " + i + "\"" : "s" + i);
      }
      sb.append('\n');
    }
    Path csv = dir.resolve(name + ".csv");
    Files.writeString(csv, sb.toString());
    Files.writeString(
        dir.resolve(name + ".csv.meta"),
        "{\"numRows\": "
            + metaRows
            + ", \"numCols\": "
            + (str ? 3 : 2)
            + ", \"schema\": [{\"label\": \"k\", \"valueType\": \"si64\"},"
            + " {\"label\": \"v\", \"valueType\": \"f64\"}"
            + (str ? ", {\"label\": \"s\", \"valueType\": \"str\"}" : "")
            + "]}");
    return csv.toString();
  }

  private static final String[] GRID = {"--distributed", "--grid-min-cells=0", "--explain"};

  private static String script(String csv) {
    return """
        f = readFrame("%s");
        print(nrow(f));
        print(f[0:3, ]);
        print(f[40000:40005, ]);
        print(sum(as.matrix(f[, "v"])));
        print(f[nrow(f) - 2:nrow(f), ]);
        """
        .formatted(csv);
  }

  @Test
  void aFileWithoutStrColumnsIsReadWithALineIndexAndGivesTheLocalFrame() throws Exception {
    String text = script(writeCsv("n", 70_000, 70_000, false, -1));
    Run local = run(text);
    assertEquals(0, local.code(), local.err());
    Run onGrid = run(text, GRID);
    assertEquals(0, onGrid.code(), onGrid.err());
    assertEquals(local.out(), onGrid.out());
    assertTrue(onGrid.err().contains(INDEXED), onGrid.err());
  }

  @Test
  void aFileWithAStrColumnIsScannedFromItsStart() throws Exception {
    String text = script(writeCsv("s", 70_000, 70_000, true, -1));
    Run local = run(text);
    assertEquals(0, local.code(), local.err());
    Run onGrid = run(text, GRID);
    assertEquals(0, onGrid.code(), onGrid.err());
    assertEquals(local.out(), onGrid.out());
    assertTrue(onGrid.err().contains("read on the members"), onGrid.err());
    assertTrue(!onGrid.err().contains(INDEXED), onGrid.err());
  }

  @Test
  void badFieldsAndShortFilesGiveTheLocalErrors() throws Exception {
    for (String csv :
        new String[] {
          writeCsv("bad", 70_000, 70_000, false, 52_345),
          writeCsv("short", 60_000, 70_000, false, -1)
        }) {
      String text = "f = readFrame(\"" + csv + "\");\nprint(nrow(f));\nprint(f[0:2, ]);\n";
      Run local = run(text);
      Run onGrid = run(text, "--distributed", "--grid-min-cells=0");
      assertEquals(3, local.code(), local.err());
      assertEquals(local.code(), onGrid.code());
      assertEquals(local.err(), onGrid.err());
      assertEquals(local.out(), onGrid.out());
    }
  }
}
