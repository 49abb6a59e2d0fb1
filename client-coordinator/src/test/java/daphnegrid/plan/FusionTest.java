package daphnegrid.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.cli.ScriptRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner's contract seen from scripts: chains fuse into few passes, results do not depend on
 * the thread count, and failures inside fused passes name the operation that failed.
 */
class FusionTest {
  @TempDir Path dir;

  private static long programs(ScriptRun r) {
    return r.err().lines().filter(l -> l.startsWith("[explain]")).count();
  }

  @Test
  void standardizeTakesTwoPassesAndKmeansOnePerIteration() throws Exception {
    String script =
        "X = rand(50000, 8, 0.0, 1.0, 1.0, 3);\n"
            + "Z = (X - mean(X, 1)) / stddev(X, 1);\n"
            + "print(aggMax(abs(mean(Z, 1))) < 0.000001);\n";
    ScriptRun r = ScriptRun.run(dir, script, "--explain");
    assertEquals("1\n", r.out());
    // column statistics, then the standardized rows with their column means
    assertEquals(3, programs(r), r.err());

    String kmeans =
        "X = rand(50000, 6, 0.0, 1.0, 1.0, 5);\n"
            + "C = X[0:3, ];\n"
            + "for (it in 1:4) {\n"
            + "  D = -2.0 * (X @ t(C)) + t(sum(C ^ 2, 0));\n"
            + "  P = D <= aggMin(D, 0);\n"
            + "  P = P / sum(P, 0);\n"
            + "  C = (t(P) @ X) / t(sum(P, 1));\n"
            + "}\n"
            + "print(C[0, 0]);\n";
    ScriptRun k = ScriptRun.run(dir, kmeans, "--explain");
    assertEquals(0, k.exitCode(), k.err());
    assertEquals(4, programs(k), k.err());
  }

  /** The rows outputs of the programs --explain printed. */
  private static long rowsOutputs(ScriptRun r) {
    return r.err().lines().filter(l -> l.startsWith("[explain]") && l.contains("out rows")).count();
  }

  private static String kmeansLoop(String before, String after) {
    return "X = rand(30001, 9, 0.0, 1.0, 1.0, 5);\n"
        + "C = X[0:4, ];\n"
        + "P = fill(0.0, 1, 1);\n"
        + before
        + "for (it in 1:3) {\n"
        + "  D = -2.0 * (X @ t(C)) + t(sum(C ^ 2, 0));\n"
        + "  P = D <= aggMin(D, 0);\n"
        + "  P = P / sum(P, 0);\n"
        + "  C = (t(P) @ X) / t(sum(P, 1));\n"
        + "}\n"
        + "print(C);\n"
        + after;
  }

  /**
   * Issue 12: the k-means pass writes out neither D nor P (n x k each) when no later statement
   * reads them, whether or not D was computed once before the loop; printed after the loop, P is
   * written out by every pass, and the centroids are the same bits in every variant.
   */
  @Test
  void theKmeansPassWritesOutOnlyWhatLaterStatementsRead() throws Exception {
    ScriptRun plain = ScriptRun.run(dir, kmeansLoop("", ""), "--explain");
    ScriptRun withD =
        ScriptRun.run(
            dir,
            kmeansLoop("D = -2.0 * (X @ t(C)) + t(sum(C ^ 2, 0));\ns = sum(D);\n", ""),
            "--explain");
    ScriptRun printsP = ScriptRun.run(dir, kmeansLoop("", "print(sum(P));\n"), "--explain");
    for (ScriptRun r : new ScriptRun[] {plain, withD, printsP}) {
      assertEquals(0, r.exitCode(), r.err());
    }
    assertEquals(0, rowsOutputs(plain), plain.err());
    assertEquals(0, rowsOutputs(withD), withD.err());
    // the loop may end after any iteration, and then P is read: every pass writes it out
    assertEquals(3, rowsOutputs(printsP), printsP.err());
    assertEquals(plain.out(), withD.out());
    assertTrue(printsP.out().startsWith(plain.out()), printsP.out());
    assertTrue(printsP.out().endsWith("30001\n"), printsP.out());
  }

  @Test
  void resultsAreIdenticalForAnyThreadCount() throws Exception {
    String script =
        "X = rand(70001, 13, -1.0, 1.0, 1.0, 9);\n"
            + "y = X @ seq(1.0, 13.0, 1.0);\n"
            + "print(sum(X));\n"
            + "print(sum(X * X, 1));\n"
            + "print(var(X, 1));\n"
            + "print(t(X) @ X);\n"
            + "print(t(X) @ y);\n"
            + "print(aggMin(sum(X, 0)));\n"
            + "print(stddev(X));\n";
    ScriptRun one = ScriptRun.run(dir, script, "--num-threads=1");
    ScriptRun two = ScriptRun.run(dir, script, "--num-threads=2");
    ScriptRun three = ScriptRun.run(dir, script, "--num-threads=3");
    assertEquals(0, one.exitCode(), one.err());
    assertEquals(one.out(), two.out());
    assertEquals(one.out(), three.out());
  }

  @Test
  void productsOfATransposeWithItselfAreExactlySymmetric() throws Exception {
    ScriptRun r =
        ScriptRun.run(
            dir,
            "X = rand(30000, 7, 0.0, 1.0, 1.0, 4);\n"
                + "G = t(X) @ X;\n"
                + "print(isSymmetric(G));\n"
                + "H = X[0:50, ] @ t(X[0:50, ]);\n"
                + "print(isSymmetric(H));\n");
    assertEquals("1\n1\n", r.out(), r.err());
  }

  @Test
  void aFailureInsideAFusedPassNamesTheFailingOperation() throws Exception {
    ScriptRun r =
        ScriptRun.run(
            dir,
            "X = fill(-1.0, 60000, 2);\nY = sqrt(X) + 1;\nprint(\"before\");\nprint(sum(Y));\n");
    assertEquals(3, r.exitCode());
    assertEquals("before\n", r.out());
    assertTrue(r.err().contains(":2:5: error: invalid argument"), r.err());
  }

  @Test
  void fusedAndEagerEvaluationAgree() throws Exception {
    // the same computation on a matrix below and above the fusion threshold, compared cell by cell
    String script =
        "def f(X) { return (X * 2.0 - 1.0) / (abs(X) + 0.5); }\n"
            + "A = rand(100000, 3, -1.0, 1.0, 1.0, 2);\n"
            + "B = f(A);\n"
            + "small = f(A[0:10, ]);\n"
            + "print(sum(B[0:10, ] != small));\n";
    ScriptRun r = ScriptRun.run(dir, script);
    assertEquals("0\n", r.out(), r.err());
  }
}
