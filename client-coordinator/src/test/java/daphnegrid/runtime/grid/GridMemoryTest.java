package daphnegrid.runtime.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import daphnegrid.config.GridSettings;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admission control on an embedded grid: a matrix larger than the grid's heap fails before any
 * block is made, with exit 3 and the figures, and the grid then runs the next script.
 */
class GridMemoryTest {
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

  private int run(String text, StringWriter out, StringWriter err) throws Exception {
    Path script = Files.writeString(dir.resolve("s.daph"), text);
    return InProcessRuns.run(grid, out, err, InProcessRuns.argv(script, "--distributed"));
  }

  @Test
  void aMatrixLargerThanTheGridFailsWithTheFiguresAndTheGridRunsOn() throws Exception {
    long rows = Runtime.getRuntime().maxMemory() / 80 + 1_000_000; // 10 f64 columns: > the heap
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run("X = rand(" + rows + ", 10, 0.0, 1.0, 1, 42);\nprint(sum(X));\n", out, err);
    assertEquals(3, code, err.toString());
    assertEquals("", out.toString());
    String line = err.toString().strip();
    assertEquals(1, line.lines().count(), line);
    Pattern expected =
        Pattern.compile(
            ".*s\\.daph:1:5: error: rand: grid: rand "
                + rows
                + "x10 f64 needs [0-9.]+ GB on the grid \\([0-9.]+ GB, no backup: lost blocks are"
                + " generated again\\), [0-9.]+ [GMk]B free on 1"
                + " worker: 127\\.0\\.0\\.1:[0-9]+ needs [0-9.]+ GB and has [0-9.]+ [GMk]B below its"
                + " high-water mark \\(85% of [0-9.]+ [GM]B\\); give the workers more heap.*");
    assertTrue(expected.matcher(line).matches(), line);

    out = new StringWriter();
    err = new StringWriter();
    code = run("X = rand(200000, 10, 1.0, 1.0, 1, 42);\nprint(sum(X));\n", out, err);
    assertEquals(0, code, err.toString());
    assertEquals("2e+06\n", out.toString());
  }
}
