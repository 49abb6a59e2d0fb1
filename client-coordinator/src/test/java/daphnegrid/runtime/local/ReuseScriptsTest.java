package daphnegrid.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import daphnegrid.cli.ScriptRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts whose large results reuse arrays: every value that may still be read keeps its cells —
 * variables read later, values a statement holds while a function it calls runs other statements,
 * values pending computations refer to, variables of imported scripts, matrices held by lists. Each
 * script computes the same quantity twice, once through the reuse-prone path, and prints whether
 * they agree.
 */
class ReuseScriptsTest {
  @TempDir Path dir;

  private void assertAllTrue(String script, int checks) throws Exception {
    for (String threads : new String[] {"--num-threads=1", "--num-threads=2"}) {
      ScriptRun r = ScriptRun.run(dir, script, threads);
      assertEquals(0, r.exitCode(), r.err());
      assertEquals("1\n".repeat(checks), r.out(), r.err());
    }
  }

  @Test
  void aLoopRewritingAVariableKeepsEveryValueItStillReads() throws Exception {
    assertAllTrue(
        "X = rand(2000, 300, 0.0, 1.0, 1.0, 1);\n"
            + "Y = rand(2000, 300, 0.0, 1.0, 1.0, 2);\n"
            + "Z = X + Y;\n"
            + "first = Z;\n"
            + "s0 = sum(Z);\n"
            + "s = 0.0;\n"
            + "for (i in 1:5) {\n"
            + "  Z = X + Y * i;\n"
            + "  W = Z - X;\n"
            + "  s = sum(W);\n"
            + "}\n"
            + "print(abs(s - 5 * sum(Y)) < 0.000001 * s);\n"
            + "print(sum(first) == s0);\n",
        2);
  }

  @Test
  void valuesAStatementHoldsSurviveTheStatementsOfFunctionsItCalls() throws Exception {
    assertAllTrue(
        "def twice(A: matrix<f64>) -> matrix<f64> {\n"
            + "  B = A * 2.0;\n"
            + "  s = sum(B);\n"
            + "  return B;\n"
            + "}\n"
            + "def churn(A: matrix<f64>) -> matrix<f64> {\n"
            + "  R = A;\n"
            + "  for (i in 1:4) {\n"
            + "    Q = A + i;\n"
            + "    s = sum(Q);\n"
            + "    R = A * 3.0;\n"
            + "    s = sum(R);\n"
            + "  }\n"
            + "  return R;\n"
            + "}\n"
            + "X = rand(1500, 300, 0.0, 1.0, 1.0, 3);\n"
            + "Z = twice(X) + churn(X);\n"
            + "print(aggMax(abs(Z - X * 5.0)) < 0.000001);\n"
            + "G = (X @ t(X[0:300, ])) + churn(X[, 0:300]);\n"
            + "print(abs(sum(G) - sum(X @ t(X[0:300, ])) - 3 * sum(X[, 0:300])) < 0.001);\n",
        2);
  }

  @Test
  void operandsOfPendingComputationsKeepTheirCells() throws Exception {
    assertAllTrue(
        "X = rand(3000, 200, 0.0, 1.0, 1.0, 4);\n"
            + "A = X * 2.0;\n"
            + "s = sum(A);\n"
            + "P = A + 1.0;\n"
            + "A = X * 7.0;\n"
            + "t = sum(A);\n"
            + "print(abs(sum(P) - (s + 3000 * 200)) < 0.000001 * s);\n"
            + "print(abs(t - 3.5 * s) < 0.000001 * t);\n",
        2);
  }

  @Test
  void matricesInListsKeepTheirCells() throws Exception {
    assertAllTrue(
        "def churn(l) {\n"
            + "  for (i in 1:4) {\n"
            + "    Q = rand(2500, 200, 0.0, 1.0, 1.0, 10 + i) * 3.0;\n"
            + "    s = sum(Q);\n"
            + "  }\n"
            + "  return length(l);\n"
            + "}\n"
            + "X = rand(2500, 200, 0.0, 1.0, 1.0, 7);\n"
            + "s = sum(X);\n"
            + "l = createList(X * 2.0);\n"
            + "X = rand(2500, 200, 0.0, 1.0, 1.0, 8) + 1.0;\n"
            + "t = sum(X);\n"
            + "l = append(l, X - 1.0);\n"
            + "X = 0;\n"
            + "n = churn(l) + churn(append(l, rand(2500, 200, 0.0, 1.0, 1.0, 9)));\n"
            + "l, b = remove(l, 1);\n"
            + "l, a = remove(l, 0);\n"
            + "print(abs(sum(a) - 2.0 * s) < 0.000001 * s);\n"
            + "print(abs(sum(b) - (t - 2500 * 200)) < 0.000001 * t);\n",
        2);
  }

  @Test
  void variablesOfImportedScriptsKeepTheirCells() throws Exception {
    java.nio.file.Files.writeString(
        dir.resolve("lib.daph"),
        "M = rand(2000, 200, 0.0, 1.0, 1.0, 5) * 2.0;\n"
            + "m = sum(M);\n"
            + "N = rand(2000, 200, 0.0, 1.0, 1.0, 6) + 1.0;\n"
            + "n = sum(N);\n");
    assertAllTrue(
        "import \"lib.daph\";\n"
            + "T = lib.M * 1.0;\n"
            + "print(sum(T) == lib.m);\n"
            + "print(sum(lib.N) == lib.n);\n",
        2);
  }
}
