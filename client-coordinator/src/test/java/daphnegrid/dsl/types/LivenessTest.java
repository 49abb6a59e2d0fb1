package daphnegrid.dsl.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.dsl.Diagnostic;
import daphnegrid.dsl.Parser;
import daphnegrid.dsl.ast.Script;
import daphnegrid.dsl.ast.Stmt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LivenessTest {
  private static Script parse(String src) {
    List<Diagnostic> errs = new ArrayList<>();
    Script s = Parser.parse(src, Path.of("t"), "t", errs);
    assertTrue(errs.isEmpty(), errs.toString());
    return s;
  }

  @Test
  void temporariesOverwrittenInTheNextIterationAreDeadAtTheEndOfTheBody() {
    Script s =
        parse(
            "X = 1; C = 2;\n"
                + "for (it in 1:3) {\n"
                + "  D = X + C;\n"
                + "  P = D * 2;\n"
                + "  C = P + X;\n"
                + "}\n"
                + "print(C);\n");
    Liveness l = Liveness.of(s.statements());
    Stmt.Block body = (Stmt.Block) ((Stmt.For) s.statements().get(2)).body();
    Set<String> atLast = l.during(body.body().get(2));
    assertTrue(atLast.containsAll(Set.of("C", "P", "X")), atLast.toString());
    assertTrue(!atLast.contains("D"), atLast.toString());
    Set<String> atFirst = l.during(body.body().get(0));
    assertTrue(atFirst.containsAll(Set.of("X", "C", "D")), atFirst.toString());
    assertTrue(!atFirst.contains("P"), atFirst.toString());
  }

  @Test
  void loopCarriedAndBranchVariablesStayLive() {
    Script s =
        parse(
            "s = 0; k = 5;\n"
                + "while (k > 0) { s = s + k; k = k - 1; }\n"
                + "if (s > 3) { y = s; } else { y = 0; }\n"
                + "print(k);\n");
    Liveness l = Liveness.of(s.statements());
    Stmt.While w = (Stmt.While) s.statements().get(2);
    Set<String> inBody = l.during(((Stmt.Block) w.body()).body().get(0));
    assertTrue(inBody.containsAll(Set.of("s", "k")), inBody.toString());
    assertEquals(Set.of("s", "k"), l.during(s.statements().get(3)));
  }

  @Test
  void leftIndexingReadsItsTarget() {
    Script s = parse("X = 1; i = 0;\nX[i, ] = 2;\n");
    Liveness l = Liveness.of(s.statements());
    assertTrue(l.during(s.statements().get(1)).contains("X"));
    assertTrue(l.during(s.statements().get(2)).containsAll(Set.of("X", "i")));
  }
}
