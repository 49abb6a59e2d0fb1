package daphnegrid.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.dsl.ast.Expr;
import daphnegrid.dsl.ast.Script;
import daphnegrid.dsl.ast.Stmt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParserTest {
  /** The expression as a fully parenthesised prefix form, to check grouping. */
  static String show(Expr e) {
    if (e instanceof Expr.Literal l) {
      return l.value().toDisplayString();
    } else if (e instanceof Expr.Ref r) {
      return r.name();
    } else if (e instanceof Expr.Unary u) {
      return "(" + (u.negate() ? "-" : "+") + " " + show(u.operand()) + ")";
    } else if (e instanceof Expr.Binary b) {
      return "(" + b.op().symbol() + " " + show(b.left()) + " " + show(b.right()) + ")";
    } else if (e instanceof Expr.Ternary t) {
      return "(? " + show(t.cond()) + " " + show(t.then()) + " " + show(t.otherwise()) + ")";
    } else if (e instanceof Expr.Call c) {
      return "("
          + c.name()
          + c.args().stream().map(a -> " " + show(a.value())).collect(Collectors.joining())
          + ")";
    } else if (e instanceof Expr.Index ix) {
      return "(index " + show(ix.target()) + ")";
    }
    return e.getClass().getSimpleName();
  }

  private static Expr expr(String src) {
    List<Diagnostic> errs = new ArrayList<>();
    Script s = Parser.parse("x = " + src + ";", Path.of("t.daph"), "t.daph", errs);
    assertTrue(errs.isEmpty(), "unexpected errors: " + errs);
    return ((Stmt.Assign) s.statements().get(0)).value();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "-2 ^ 2 # (^ (- 2) 2)",
        "2 ^ 3 ^ 2 # (^ (^ 2 3) 2)",
        "2 * 3 % 2 # (* 2 (% 3 2))",
        "a % b * c # (* (% a b) c)",
        "2 * A @ B # (* 2 (@ A B))",
        "A @ B ^ 2 # (^ (@ A B) 2)",
        "-a @ b # (@ (- a) b)",
        "a < b < c # (< (< a b) c)",
        "1 + 2 * 3 == 7 && 1 < 2 # (&& (== (+ 1 (* 2 3)) 7) (< 1 2))",
        "a ? b : c ? d : e # (? (? a b c) d e)",
        "a || b && c # (|| a (&& b c))",
        "10.0 ^ -3 # (^ 10.000000 (- 3))",
        "--2 # (- (- 2))",
        "-X[1, 0] # (- (index X))"
      })
  void precedenceAndAssociativityFollowTheGrammar(String src, String tree) {
    assertEquals(tree, show(expr(src)));
  }

  @Test
  void everySyntaxErrorIsReportedInOneRun() {
    List<Diagnostic> errs = new ArrayList<>();
    Parser.parse("x = 1 +;\ny = 2\nprint(y);\nz = X[0];\n", Path.of("t"), "t", errs);
    assertEquals(3, errs.size(), errs.toString());
    assertEquals(1, errs.get(0).at().line());
    assertEquals(3, errs.get(1).at().line());
    assertEquals(4, errs.get(2).at().line());
  }

  @Test
  void statementsParseIntoTheirRecords() {
    List<Diagnostic> errs = new ArrayList<>();
    Script s =
        Parser.parse(
            "def f(a: si64, b: matrix<f64>,) -> si64, f64 { return a, 1.0; }\n"
                + "x, Y[1, ] = f(1, b = [2.0]);\n"
                + "for (i in 1:10:2) { } \n"
                + "do x = x + 1; while (x < 3)\n"
                + "import \"lib.daph\" as \"l\";\n",
            Path.of("t"),
            "t",
            errs);
    assertTrue(errs.isEmpty(), errs.toString());
    List<Stmt> st = s.statements();
    Stmt.FuncDef f = (Stmt.FuncDef) st.get(0);
    assertEquals(2, f.params().size());
    assertEquals("matrix<f64>", f.params().get(1).type().toString());
    assertEquals(2, f.results().size());
    Stmt.Assign a = (Stmt.Assign) st.get(1);
    assertTrue(a.targets().get(1).indexed());
    assertEquals("b", ((Expr.Call) a.value()).args().get(1).name());
    assertTrue(((Stmt.For) st.get(2)).step() != null);
    assertTrue(st.get(3) instanceof Stmt.DoWhile);
    assertEquals("l", ((Stmt.Import) st.get(4)).alias());
  }

  @Test
  void indexingNeedsItsComma() {
    List<Diagnostic> errs = new ArrayList<>();
    Parser.parse("x = X[0];\ny = X[];\n", Path.of("t"), "t", errs);
    assertEquals(2, errs.size(), errs.toString());
  }
}
