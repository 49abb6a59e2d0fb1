package daphnegrid.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.format.NumberFormat;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Queries of DAPHNE's CLI tests (test/api/cli/sql) and the features beyond them, on kernels frames.
 */
class SqlTest {
  static Column longs(long... v) {
    return Column.of(DenseMatrix.ofLongs(ValueType.SI64, v.length, 1, v));
  }

  static Column doubles(double... v) {
    return Column.of(DenseMatrix.ofDoubles(v.length, 1, v));
  }

  static Column strs(String... v) {
    return Column.of(DenseMatrix.wrap(ValueType.STR, v.length, 1, v));
  }

  static Frame frame(Object... labelsAndColumns) {
    List<String> l = new ArrayList<>();
    List<Column> c = new ArrayList<>();
    for (int i = 0; i < labelsAndColumns.length; i += 2) {
      l.add((String) labelsAndColumns[i]);
      c.add((Column) labelsAndColumns[i + 1]);
    }
    return Frame.of(l, c);
  }

  /** Frame as DAPHNE prints it (spec 8.5). */
  static String show(Frame f) {
    StringBuilder sb = new StringBuilder(f.header()).append('\n');
    for (int i = 0; i < f.rows(); i++) {
      for (int j = 0; j < f.cols(); j++) {
        if (j > 0) sb.append(' ');
        sb.append(NumberFormat.scalar(f.column(j).get(i)));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static String run(String q, Map<String, Frame> views) {
    return show(Sql.run(q, views, null));
  }

  static final Map<String, Frame> F = new HashMap<>();

  static {
    F.put(
        "f",
        frame("a", longs(0, 1, 2, 2, 3, 3, 6, 3, 8, 2), "b", longs(1, 2, 3, 3, 3, 4, 5, 4, 1, 1)));
    F.put(
        "s",
        frame(
            "a", longs(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
            "b", strs("a", "b", "a", "a", "b", "a", "a", "c", "a", "a")));
    F.put(
        "l",
        frame(
            "a",
            longs(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
            "b",
            longs(100, 400, 500, 100, 700, 800, 200, 300, 500, 900)));
    F.put("r", frame("a", longs(0, 5, 10), "b", longs(750, 450, 50)));
  }

  @Test
  void aQueryTextIsParsedOnceAndItsErrorsEveryTime() {
    String q = "SELECT s.a FROM s WHERE s.b = \"b\" OR s.b = 'e';";
    Sql.Parsed first = Sql.parse(q);
    org.junit.jupiter.api.Assertions.assertSame(first, Sql.parse(q));
    assertEquals(List.of("b", "e"), first.strings());
    // the reused parse runs as a fresh one does
    assertEquals("Frame(2x1, [s.a:int64_t])\n1\n4\n", run(q, F));
    assertEquals("Frame(2x1, [s.a:int64_t])\n1\n4\n", run(q, F));
    for (int i = 0; i < 2; i++) {
      SqlError e = assertThrows(SqlError.class, () -> Sql.parse("SELECT s.a FROM s WHERE;"));
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("syntax error"));
    }
  }

  @Test
  void aggregatesWithDaphneLabelsAndTypes() {
    assertEquals(
        "Frame(1x2, [sum(f.a):int64_t, avg(f.b):double])\n30 2.7\n",
        run("SELECT sum(f.a), avg(f.b) FROM f;", F));
    assertEquals("Frame(1x1, [count(f.a):int64_t])\n10\n", run("SELECT count(f.a) FROM f", F));
    assertEquals(
        "Frame(1x1, [1*2.5:double])\n2.5\n",
        run("SELECT 1 * 2.5 FROM r;", Map.of("r", frame("a", longs(1)))));
  }

  @Test
  void groupsComeInKeyOrder() {
    assertEquals(
        "Frame(6x2, [f.a:int64_t, sum(f.b):int64_t])\n0 1\n1 2\n2 7\n3 11\n6 5\n8 1\n",
        run("SELECT f.a, sum(f.b) FROM f GROUP BY f.a", F));
    assertEquals(
        "Frame(8x2, [f.a:int64_t, f.b:int64_t])\n0 1\n1 2\n2 1\n2 3\n3 3\n3 4\n6 5\n8 1\n",
        run("SELECT DISTINCT f.a, f.b FROM f;", F));
    assertEquals(
        "Frame(2x2, [f.a:int64_t, n:int64_t])\n2 3\n3 3\n",
        run("SELECT f.a, count(f.b) AS n FROM f GROUP BY f.a HAVING count(f.b) > 1", F));
  }

  @Test
  void stringsWithDaphneQuotesAndSymmetricBetween() {
    assertEquals(
        "Frame(2x1, [s.a:int64_t])\n1\n4\n", run("SELECT s.a FROM s WHERE s.b = \"b\";", F));
    assertEquals(
        "Frame(3x1, [s.a:int64_t])\n1\n4\n7\n",
        run("SELECT s.a FROM s WHERE s.b BETWEEN 'b' AND 'd';", F));
    assertEquals(
        "Frame(3x1, [s.a:int64_t])\n1\n4\n7\n",
        run("SELECT s.a FROM s WHERE s.b BETWEEN 'd' AND 'b';", F));
    Map<String, Frame> q = Map.of("f", frame("a", longs(2, 9), "b", strs("'2", "\"9")));
    assertEquals(
        "Frame(2x2, [f.a:int64_t, f.b:std::string])\n2 '2\n9 \"9\n",
        run("SELECT f.a, f.b FROM f WHERE f.b = \"\\\"9\" OR f.b = '\\'2';", q));
  }

  @Test
  void joinsAreLhsMajor() {
    assertEquals(
        "Frame(2x2, [l.a:int64_t, l.b:int64_t])\n0 100\n5 800\n",
        run("SELECT l.a, l.b FROM l JOIN r ON l.a = r.a;", F));
    String lt = run("SELECT l.a, r.a FROM l JOIN r ON l.a < r.a;", F);
    assertEquals(16, lt.split("\n").length); // header and 15 rows, as DAPHNE's thetaJoin_lessThan_1
    assertEquals(
        "Frame(4x4, [l.a:int64_t, l.b:int64_t, r.a:int64_t, r.b:int64_t])\n0 100 0 750\n0 100 5 450\n1 400 0 750\n1 400 5 450\n",
        run("SELECT * FROM l, r WHERE l.a < 2 AND r.a < 6", F));
    assertEquals(
        "Frame(2x2, [l.a:int64_t, r.b:int64_t])\n0 750\n5 450\n",
        run("SELECT l.a, r.b FROM l, r WHERE l.a = r.a", F));
  }

  @Test
  void beyondDaphneOrderLimitSubquery() {
    assertEquals(
        "Frame(2x1, [t.a:int64_t])\n8\n6\n",
        run("SELECT t.a FROM (SELECT DISTINCT f.a FROM f) AS t ORDER BY t.a DESC LIMIT 2", F));
    assertEquals(
        "Frame(3x2, [f.a:int64_t, n:int64_t])\n2 3\n3 3\n0 1\n",
        run("SELECT f.a, count(*) AS n FROM f GROUP BY f.a ORDER BY n DESC, f.a LIMIT 3", F));
  }

  @Test
  void errorsCarryTheirPositionInTheQuery() {
    SqlError e = assertThrows(SqlError.class, () -> Sql.run("SELECT f.x FROM f", F, null));
    assertEquals("SQL query 1:8: unknown column f.x", e.render());
    e = assertThrows(SqlError.class, () -> Sql.run("SELECT f.a\nFROM f WHRE f.a = 1", F, null));
    assertEquals(SqlError.Kind.STATIC, e.kind());
    assertEquals(2, e.line());
    e = assertThrows(SqlError.class, () -> Sql.run("SELECT f.a FROM nosuch", F, null));
    assertEquals("SQL query 1:17: unknown view nosuch (register it with registerView)", e.render());
    e = assertThrows(SqlError.class, () -> Sql.run("SELECT f.a, f.b FROM f GROUP BY f.a", F, null));
    assertEquals(
        "SQL query 1:13: the column f.b must be grouped or used in an aggregate", e.render());
    e = assertThrows(SqlError.class, () -> Sql.run("SELECT f.a AS a, f.b AS a FROM f", F, null));
    assertEquals(SqlError.Kind.RUNTIME, e.kind());
    assertThrows(SqlError.class, () -> Sql.run("SELECT f.a FROM f, f", F, null));
  }

  @Test
  void checkOnSchemasAloneReportsNameErrorsAndSkipsOpaqueViews() {
    Map<String, Frame> known = Map.of("f", frame("a", longs(), "b", strs()));
    Sql.check("SELECT f.a, sum(f.a) FROM f GROUP BY f.a;", known, java.util.Set.of());
    SqlError col =
        assertThrows(
            SqlError.class, () -> Sql.check("SELECT f.c FROM f;", known, java.util.Set.of()));
    assertEquals("SQL query 1:8: unknown column f.c", col.render());
    SqlError view =
        assertThrows(
            SqlError.class, () -> Sql.check("SELECT g.a FROM g;", known, java.util.Set.of()));
    assertEquals(SqlError.Kind.STATIC, view.kind());
    SqlError sum =
        assertThrows(
            SqlError.class, () -> Sql.check("SELECT sum(f.b) FROM f;", known, java.util.Set.of()));
    assertEquals(SqlError.Kind.STATIC, sum.kind());
    // g's schema is known only at run time: a query that reads it is left to the run.
    Sql.check("SELECT g.zz FROM f JOIN g ON f.a = g.a;", known, java.util.Set.of("g"));
    // A duplicate label is a run-time error in DAPHNE (exit 3): not reported by the check.
    Sql.check("SELECT f.a AS x, f.b AS x FROM f;", known, java.util.Set.of());
  }
}
