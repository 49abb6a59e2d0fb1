package daphnegrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --statistics: a summary line, the column heads, one row per script line ranked by time. The times
 * vary, so the tests check the structure and the counts, and which columns are not zero.
 */
class StatisticsTest {
  private static final List<String> HEADS =
      List.of(
          "rank", "line", "time", "runs", "programs", "compute", "generate", "transfer", "connect");

  @TempDir Path dir;

  /** One table row: its cells by column head. */
  private record Row(Map<String, String> cells) {
    double seconds(String column) {
      return Double.parseDouble(cells.get(column));
    }

    long count(String column) {
      return Long.parseLong(cells.get(column));
    }
  }

  private static List<Row> table(String err) {
    List<String> lines = err.lines().filter(l -> l.startsWith("[statistics]")).toList();
    assertTrue(lines.size() >= 2, err);
    assertTrue(
        lines
            .get(0)
            .matches(
                "\\[statistics\\] \\d+ fused program\\(s\\), \\S+ s; \\d+ script"
                    + " line\\(s\\), \\S+ s; connect before the script \\S+ s"),
        lines.get(0));
    assertEquals(
        HEADS, List.of(lines.get(1).substring("[statistics]".length()).trim().split(" +")));
    List<Row> rows = new ArrayList<>();
    for (String l : lines.subList(2, lines.size())) {
      String[] cells = l.substring("[statistics]".length()).trim().split(" +");
      assertEquals(HEADS.size(), cells.length, l);
      Map<String, String> m = new HashMap<>();
      for (int i = 0; i < cells.length; i++) {
        m.put(HEADS.get(i), cells[i]);
      }
      rows.add(new Row(m));
    }
    return rows;
  }

  private static Row row(List<Row> rows, String line) {
    return rows.stream()
        .filter(r -> r.cells().get("line").endsWith("/" + line))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + line + " in " + rows));
  }

  @Test
  void ranksTheScriptLinesByTimeAndCountsRunsAndPrograms() throws Exception {
    String script =
        "X = rand(300000, 4, 0.0, 1.0, 1.0, 3);\n"
            + "s = 0.0;\n"
            + "for (i in 1:5) {\n"
            + "  s = s + sum(X * i);\n"
            + "}\n"
            + "print(s > 0);\n";
    ScriptRun plain = ScriptRun.run(dir, script);
    ScriptRun r = ScriptRun.run(dir, script, "--statistics");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(plain.out(), r.out());
    assertEquals("1\n", r.out());
    List<Row> rows = table(r.err());
    assertEquals(5, rows.size(), r.err()); // lines 1, 2, 3, 4, 6 ('}' is no statement)
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(i + 1, rows.get(i).count("rank"));
      if (i > 0) {
        assertTrue(rows.get(i - 1).seconds("time") >= rows.get(i).seconds("time"), r.err());
      }
    }
    Row body = row(rows, "script.daph:4");
    assertEquals(5, body.count("runs"));
    assertEquals(5, body.count("programs"));
    assertTrue(body.seconds("compute") > 0, r.err());
    assertTrue(row(rows, "script.daph:1").seconds("generate") > 0, r.err());
    assertEquals(1, row(rows, "script.daph:3").count("runs"));
    assertEquals(0, row(rows, "script.daph:3").count("programs"));
    for (Row x : rows) {
      assertEquals(0.0, x.seconds("transfer"));
      assertEquals(0.0, x.seconds("connect"));
    }
  }

  @Test
  void aDistributedRunShowsConnectGenerateAndTransferOnTheirLines() throws Exception {
    String script =
        "X = rand(5000, 3, 0.0, 1.0, 1.0, 3);\n" + "Y = X * 2;\n" + "print(sum(Y[0:3, ]) > 0);\n";
    ScriptRun r = ScriptRun.run(dir, script, "--distributed", "--grid-min-cells=0", "--statistics");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("1\n", r.out());
    List<Row> rows = table(r.err());
    Row first = row(rows, "script.daph:1");
    // without workers the first grid use starts the embedded grid: on the rand line
    assertTrue(first.seconds("connect") > 0, r.err());
    assertTrue(first.seconds("generate") > 0, r.err());
    assertTrue(row(rows, "script.daph:3").seconds("transfer") > 0, r.err());
    assertTrue(rows.stream().mapToLong(x -> x.count("programs")).sum() >= 1, r.err());
  }
}
