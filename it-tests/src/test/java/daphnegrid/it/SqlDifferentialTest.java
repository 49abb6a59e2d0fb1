package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hazelcast.client.config.ClientConfig;
import daphnegrid.config.GridSettings;
import daphnegrid.it.golden.CaseRun;
import daphnegrid.it.golden.GoldenCase;
import daphnegrid.it.golden.InProcessRunner;
import daphnegrid.it.golden.ScratchFolders;
import daphnegrid.runtime.grid.SharedGrid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Randomized differential test of {@code sql}: seeded random frames (si64, f64, str columns, with
 * duplicate keys) written as CSV + .meta, generated queries of the supported SQL (filters, joins,
 * grouped aggregates with HAVING, DISTINCT, ORDER BY with LIMIT, subqueries), run in process
 * through the {@code daphne} entry point (locally and on an embedded grid) and, as the reference,
 * through Python's sqlite3 (DuckDB's Python package when it is installed). Rows are compared as
 * multisets (as ordered lists for ORDER BY), numbers through the 6-significant-digit form both
 * sides print.
 *
 * <p>The generator keeps to where DAPHNE's SQL and standard SQL agree: BETWEEN bounds in order
 * (DAPHNE's BETWEEN is symmetric), aggregates only with GROUP BY (no NULL for empty input), no
 * integer division, single-quoted strings.
 */
class SqlDifferentialTest {
  private static final long SEED = 20261205L;
  private static final int QUERIES = 40;
  private static final String[] WORDS = {"ant", "bee", "cat", "dog", "eel"};
  private static Path scratch;
  private static SharedGrid grid;

  @BeforeAll
  static void setUp() throws IOException {
    scratch = Files.createTempDirectory("daphne-sqldiff");
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (grid != null) {
      grid.close();
    }
    ScratchFolders.deleteTree(scratch);
  }

  /** "duckdb", "sqlite3", or null when python3 has neither. */
  private static String reference() {
    for (String module : new String[] {"duckdb", "sqlite3"}) {
      try {
        Process p = new ProcessBuilder("python3", "-c", "import " + module).start();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return module;
        }
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void sqlAgreesWithTheReference(boolean distributed) throws Exception {
    String ref = reference();
    assumeTrue(
        ref != null,
        "SKIPPED: the SQL differential test needs python3 with sqlite3 or duckdb; neither was found");
    Random r = new Random(SEED);
    Path area = Files.createDirectories(scratch.resolve("sqldiff" + (distributed ? "-grid" : "")));
    int tn = 60, un = 12;
    writeTable(area, "t", r, tn, new String[] {"a", "b", "s"});
    writeTable(area, "u", r, un, new String[] {"a", "c", "w"});
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < QUERIES; i++) {
      queries.add(query(r, i));
    }
    StringBuilder script = new StringBuilder();
    script.append("t = readFrame(\"t.csv\");\nu = readFrame(\"u.csv\");\n");
    script.append("registerView(\"t\", t);\nregisterView(\"u\", u);\n");
    for (String q : queries) {
      script.append("print(sql(\"").append(q).append("\"));\n");
    }
    Files.writeString(area.resolve("diff.daph"), script.toString(), StandardCharsets.UTF_8);
    if (distributed && grid == null) {
      grid = SharedGrid.embedded(GridSettings.of(new ClientConfig()));
    }
    InProcessRunner runner =
        new InProcessRunner(Map.of(), distributed ? grid : null, scratch, Duration.ofSeconds(300));
    List<String> options = distributed ? List.of("--distributed", "--grid-min-cells=0") : List.of();
    CaseRun run =
        runner.run(new GoldenCase("diff", area, "diff", area.resolve("none.stderr")), options);
    assertEquals(0, run.exit(), "daphne failed:\n" + run.stderr());
    List<List<String>> ours = parseFrames(run.stdout());
    List<List<String>> theirs = runReference(ref, area, queries);
    assertEquals(queries.size(), ours.size(), "one printed frame per query");
    assertEquals(queries.size(), theirs.size(), "one reference result per query");
    int rows = 0;
    for (List<String> f : theirs) rows += f.size();
    assertTrue(rows > 100, "the generated queries should return rows, got " + rows);
    for (int i = 0; i < queries.size(); i++) {
      List<String> a = ours.get(i), b = theirs.get(i);
      if (!queries.get(i).contains("ORDER BY")) {
        a = sorted(a);
        b = sorted(b);
      }
      assertEquals(b, a, "query " + i + ": " + queries.get(i));
    }
    ScratchFolders.deleteTree(run.workDir());
  }

  private static List<String> sorted(List<String> l) {
    List<String> c = new ArrayList<>(l);
    Collections.sort(c);
    return c;
  }

  /** Columns: si64 in a small range, f64 multiples of 0.25 (exact sums), str from five words. */
  private static void writeTable(Path dir, String name, Random r, int n, String[] labels)
      throws IOException {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < n; i++) {
      csv.append(r.nextInt(9) - 2)
          .append(',')
          .append((r.nextInt(80) - 20) * 0.25)
          .append(',')
          .append(WORDS[r.nextInt(WORDS.length)])
          .append('\n');
    }
    Files.writeString(dir.resolve(name + ".csv"), csv.toString(), StandardCharsets.UTF_8);
    String meta =
        "{\"numRows\":"
            + n
            + ",\"numCols\":3,\"schema\":[{\"label\":\""
            + labels[0]
            + "\",\"valueType\":\"si64\"},{\"label\":\""
            + labels[1]
            + "\",\"valueType\":\"f64\"},{\"label\":\""
            + labels[2]
            + "\",\"valueType\":\"str\"}]}";
    Files.writeString(dir.resolve(name + ".csv.meta"), meta, StandardCharsets.UTF_8);
  }

  private static String cond(Random r, String t) {
    String num = t.equals("t") ? "b" : "c";
    String word = t.equals("t") ? "s" : "w";
    String c =
        switch (r.nextInt(5)) {
          case 0 -> t + ".a " + pick(r, "<", "<=", ">", ">=", "=", "<>") + " " + (r.nextInt(9) - 2);
          case 1 -> t + "." + num + " " + pick(r, "<", ">=") + " " + (r.nextInt(40) - 10) * 0.5;
          case 2 ->
              t + "." + word + " " + pick(r, "=", "<>", "<", ">=") + " '" + pick(r, WORDS) + "'";
          case 3 -> {
            int lo = r.nextInt(6) - 2;
            yield t + ".a BETWEEN " + lo + " AND " + (lo + r.nextInt(4));
          }
          default -> t + ".a * 2 + 1 > " + (r.nextInt(10) - 2);
        };
    if (r.nextInt(3) == 0) {
      return "(" + c + " " + pick(r, "AND", "OR") + " " + cond(r, t) + ")";
    }
    return c;
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  private static String query(Random r, int i) {
    return switch (i % 8) {
      case 0 -> "SELECT t.a, t.b, t.s FROM t WHERE " + cond(r, "t");
      case 1 ->
          "SELECT t.s, sum(t.a), count(t.b), min(t.b), max(t.a), avg(t.b) FROM t WHERE "
              + cond(r, "t")
              + " GROUP BY t.s";
      case 2 -> "SELECT t.a, t.s, u.c FROM t JOIN u ON t.a = u.a WHERE " + cond(r, "u");
      case 3 -> "SELECT DISTINCT t.a, t.s FROM t WHERE " + cond(r, "t");
      case 4 ->
          "SELECT t.a * 2 + u.c AS x, u.w FROM t, u WHERE t.a = u.a AND t.s = u.w AND "
              + cond(r, "t");
      case 5 ->
          "SELECT t.a, t.s, count(t.b) AS n, sum(t.b) AS total FROM t GROUP BY t.a, t.s HAVING count(t.b) > "
              + r.nextInt(3);
      case 6 ->
          "SELECT t.a, t.b, t.s FROM t WHERE "
              + cond(r, "t")
              + " ORDER BY t.b DESC, t.a, t.s LIMIT "
              + (1 + r.nextInt(10));
      default ->
          "SELECT q.s, q.n FROM (SELECT t.s, count(t.a) AS n FROM t WHERE "
              + cond(r, "t")
              + " GROUP BY t.s) AS q WHERE q.n > "
              + r.nextInt(4)
              + " ORDER BY q.s";
    };
  }

  /** The rows of each printed frame (header lines start each frame). */
  private static List<List<String>> parseFrames(String out) {
    List<List<String>> frames = new ArrayList<>();
    List<String> current = null;
    int remaining = 0;
    for (String line : out.split("\n")) {
      if (remaining == 0 && line.startsWith("Frame(")) {
        current = new ArrayList<>();
        frames.add(current);
        remaining = Integer.parseInt(line.substring(6, line.indexOf('x')));
        continue;
      }
      assertTrue(current != null && remaining > 0, "unexpected output line: " + line);
      current.add(line);
      remaining--;
    }
    return frames;
  }

  /** Runs every query in python3 and returns the rows, values printed as %g (as C++ prints). */
  private static List<List<String>> runReference(String module, Path dir, List<String> queries)
      throws IOException, InterruptedException {
    Path qf = dir.resolve("queries.txt");
    Files.writeString(qf, String.join("\n", queries) + "\n", StandardCharsets.UTF_8);
    String py =
        String.join(
            "\n",
            "import csv, sys",
            "mod = sys.argv[1]",
            "if mod == 'duckdb':",
            "    import duckdb; con = duckdb.connect(); con.execute('SET threads=1')",
            "else:",
            "    import sqlite3; con = sqlite3.connect(':memory:')",
            "for name, cols in (('t', ('a', 'b', 's')), ('u', ('a', 'c', 'w'))):",
            "    con.execute('CREATE TABLE %s (%s BIGINT, %s DOUBLE, %s VARCHAR)' % ((name,) + cols))",
            "    rows = [(int(a), float(b), s) for a, b, s in csv.reader(open(name + '.csv'))]",
            "    con.executemany('INSERT INTO %s VALUES (?, ?, ?)' % name, rows)",
            "def fmt(v):",
            "    if isinstance(v, float):",
            "        s = '%g' % v",
            "        return '-0' if s == '-0' else s",
            "    return str(v)",
            "for q in open('queries.txt').read().splitlines():",
            "    print('#QUERY')",
            "    for row in con.execute(q).fetchall():",
            "        print(' '.join(fmt(v) for v in row))");
    Files.writeString(dir.resolve("reference.py"), py, StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder("python3", "reference.py", module)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 reference did not finish");
    assertEquals(0, p.exitValue(), "python3 reference failed:\n" + out);
    List<List<String>> res = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.equals("#QUERY")) {
        res.add(new ArrayList<>());
      } else if (!line.isEmpty() || !res.isEmpty()) {
        res.get(res.size() - 1).add(line);
      }
    }
    return res;
  }
}
