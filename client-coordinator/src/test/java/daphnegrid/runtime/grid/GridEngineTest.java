package daphnegrid.runtime.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import daphnegrid.cli.Daphne;
import daphnegrid.cli.Host;
import daphnegrid.config.GridSettings;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scripts run in-process locally and with {@code --distributed} on an embedded grid, every program
 * placed on the grid ({@code --grid-min-cells=0}), also with 4 KiB chunks (every block moves in
 * pieces): the printed output must be the same text. The runs share one embedded grid. Covers every
 * numeric value type, generators, files, row/column/full aggregates, t(A) @ B, broadcasts, products
 * whose right side is multiplied by a Jet job ({@code --grid-broadcast-max-cells=0}), and grid
 * values held only by a caller's half-evaluated expression while a function runs.
 */
class GridEngineTest {
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

  private static Daphne daphne(StringWriter out, StringWriter err) {
    return new Daphne(out, err, new Host(Path.of(""), System.getenv(), grid));
  }

  private static final String VALUE_TYPES =
      """
      X = rand(3000, 6, 0.0, 100.0, 1.0, 3);
      print(sum(X));
      T = as.TYPE(X);
      print(sum(T));
      print(aggMin(T, 1));
      print(aggMax(T, 0)[1000:1003, ]);
      print(mean(T, 1));
      print(idxMax(T, 1));
      print(idxMin(T, 0)[10:12, ]);
      print(sum(T * T + T));
      print((t(T) @ T)[0:2, ]);
      print(stddev(as.f64(T), 1));
      """;

  private static final String FUNCTIONS =
      """
      def twice(M) { return M * 2.0; }
      def shifted(M, s) { Z = M + s; W = Z - 1.0; return W; }
      A = rand(5000, 4, -1.0, 1.0, 1.0, 5);
      B = rand(5000, 4, -1.0, 1.0, 1.0, 6);
      C = twice(A) + shifted(B, 3.0);
      print(sum(C));
      for (i in 1:3) { A = A + twice(B) / 4.0; }
      print(aggMax(A));
      s = seq(1, 5000, 1);
      f = fill(2.5, 5000, 4);
      print(sum(A * f + s));
      """;

  private static final String READ =
      """
      R = readMatrix("a.csv");
      print(sum(R));
      print(aggMax(R, 0)[0:4, ]);
      print(sum(R @ t(R[0:2, ])));
      """;

  private static final String TRANSPOSE =
      """
      X = rand(70000, 7, 0.0, 1.0, 1.0, 42);
      T = t(X);
      print(T[0:3, 0:4]);
      print(sum(T));
      print(sum(t(T) * 2.0));
      S = fill("ab", 3000, 2);
      print(t(S)[0:2, 0:3]);
      print(idxMax(X, 1));
      print(idxMin(X * -1.0, 1));
      """;

  private static final String ROW_RANGES =
      """
      X = rand(70000, 7, 0.0, 1.0, 1.0, 42);
      print(X[5:9, 1:3]);
      print(X[69997:70000, ]);
      C = X[2047:2050, ];
      print(sum(C));
      print(X[0, ]);
      p = [1, 3];
      print(X[p, 0:2]);
      print(X[, 6][65534:65537, ]);
      Y = X * 2.0;
      print(Y[30000:30002, 4:7]);
      """;

  /**
   * Aggregates of a random mix of +0 and -0 (rand's zeros and signs times -0) and of -0 alone,
   * whose zero signs depend on the order of evaluation: row, column and full, f64 and f32.
   */
  private static final String SIGNED_ZEROS =
      """
      def show(T) {
        print(sum(T, 1));
        print(mean(T, 1));
        print(aggMin(T, 1));
        print(aggMax(T, 1));
        print(sum(T));
        print(aggMin(T));
        print(aggMax(T));
        print(sum(T, 0)[69995:70000, ]);
        print(aggMin(T, 0)[0:5, ]);
        print(aggMax(T, 0)[40000:40005, ]);
        print(sum(sum(T, 0), 1));
        print(aggMin(aggMax(T, 0)));
      }
      X = rand(70000, 40, -1.0, 1.0, 0.5, 11) * -0.0;
      N = fill(-0.0, 70000, 3);
      show(X);
      show(as.f32(X));
      show(N);
      show(as.f32(N));
      """;

  /** Products with both sides on the grid or large: 11 products ('@'). */
  private static final String PRODUCTS =
      """
      X = rand(3000, 40, -1.0, 1.0, 1.0, 7);
      Y = rand(40, 700, -1.0, 1.0, 1.0, 8);
      Z = X @ Y;
      print(sum(Z));
      print(Z[2999, 0:4]);
      print(aggMax(Z, 0)[1023:1026, ]);
      r = X[5, ] @ Y;
      print(r[0, 0:5]);
      c = X @ Y[, 3];
      print(sum(c));
      print(c[2999, 0]);
      o = X[, 2] @ Y[2, ];
      print(sum(o));
      print(o[1024, 0:3]);
      F = as.f32(X) @ Y;
      print(sum(F));
      print(F[1500, 0:3]);
      I = as.si64(X * 10.0) @ Y;
      print(sum(I));
      J = as.si64(X * 10.0) @ as.si64(Y * 10.0);
      print(sum(J));
      print(J[0, 0:5]);
      A = rand(1500, 40, 0.0, 1.0, 1.0, 9);
      G = X @ t(A);
      print(sum(G));
      print(G[2999, 1495:1500]);
      L = reshape(seq(1.0, 2800.0, 1.0), 40, 70);
      M = X @ L;
      print(sum(M));
      print(M[1024, 0:3]);
      W = X @ Y @ t(Y);
      print(sum(W));
      print(W[2048:2050, 0:2]);
      """;

  private String run(Path script, String... options) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> argv = new ArrayList<>(List.of(options));
    argv.add(script.toString());
    int code = daphne(out, err).run(argv.toArray(String[]::new));
    assertEquals(0, code, err.toString());
    assertEquals("", err.toString());
    return out.toString();
  }

  private void compare(String text) throws Exception {
    Path script = Files.writeString(dir.resolve("s.daph"), text);
    String local = run(script);
    assertEquals(local, run(script, "--distributed", "--grid-min-cells=0"));
    assertEquals(
        local, run(script, "--distributed", "--grid-min-cells=0", "--max-distr-chunk-size=4096"));
  }

  /** Runs script in-process expecting success; returns stderr (the --explain lines). */
  private String explain(Path script, String... options) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> argv = new ArrayList<>(List.of(options));
    argv.add("--explain");
    argv.add(script.toString());
    int code = daphne(out, err).run(argv.toArray(String[]::new));
    assertEquals(0, code, err.toString());
    return err.toString();
  }

  private static long lines(String text, String containing) {
    return text.lines().filter(l -> l.contains(containing)).count();
  }

  @ParameterizedTest
  @ValueSource(strings = {"products"})
  void productsWithALargeRightSideGiveTheLocalResult(String unused) throws Exception {
    Path script = Files.writeString(dir.resolve("s.daph"), PRODUCTS);
    String local = run(script);
    String[] jet = {"--distributed", "--grid-min-cells=0", "--grid-broadcast-max-cells=0"};
    assertEquals(local, run(script, jet));
    assertEquals(local, run(script, "--distributed", "--grid-min-cells=0"));
    assertEquals(
        local,
        run(
            script,
            "--distributed",
            "--grid-min-cells=0",
            "--grid-broadcast-max-cells=0",
            "--max-distr-chunk-size=4096"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"products"})
  void explainShowsTheProductJobsWhereTheyRun(String unused) throws Exception {
    Path script = Files.writeString(dir.resolve("s.daph"), PRODUCTS);
    String jet =
        explain(script, "--distributed", "--grid-min-cells=0", "--grid-broadcast-max-cells=0");
    assertEquals(11, lines(jet, "[explain] grid matmul "), jet);
    assertEquals(11, lines(jet, ":MatMul#"), jet);
    assertEquals(1, lines(jet, "@ 40x70 f64 (1 blocks"), jet);
    assertEquals(1, lines(jet, "grid scatter 40x70 f64"), jet); // L is made here, then scattered
    assertTrue(jet.contains("grid matmul 3000x40 f32 (3 blocks, 480000 bytes) @ 40x700 f64"), jet);
    String broadcast = explain(script, "--distributed", "--grid-min-cells=0");
    assertEquals(0, lines(broadcast, "grid matmul"), broadcast);
    assertTrue(lines(broadcast, "grid program") > 0, broadcast);
    String local =
        explain(
            script, "--distributed", "--grid-min-cells=100000000", "--grid-broadcast-max-cells=0");
    assertEquals(0, lines(local, "grid "), local);
  }

  @ParameterizedTest
  @ValueSource(strings = {"f64", "f32", "si64", "si32", "si8", "ui64", "ui32", "ui8"})
  void everyValueTypeGivesTheLocalResult(String type) throws Exception {
    compare(VALUE_TYPES.replace("TYPE", type));
  }

  @ParameterizedTest
  @ValueSource(strings = {"functions"})
  void functionsAndGeneratorsGiveTheLocalResult(String unused) throws Exception {
    compare(FUNCTIONS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"transpose"})
  void transposeAndColumnIndexesGiveTheLocalResult(String unused) throws Exception {
    compare(TRANSPOSE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"signed zeros"})
  void zeroSignsOfAggregatesGiveTheLocalResult(String unused) throws Exception {
    compare(SIGNED_ZEROS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rows"})
  void rowRangesOfGridMatricesGiveTheLocalResult(String unused) throws Exception {
    compare(ROW_RANGES);
  }

  @ParameterizedTest
  @ValueSource(ints = {3000, 70000})
  void readMatrixGivesTheLocalResult(int rows) throws Exception {
    String csv = dir.resolve("a.csv").toString();
    Path write =
        Files.writeString(
            dir.resolve("w.daph"),
            "writeMatrix(rand(" + rows + ", 5, -9.0, 9.0, 1.0, 4), \"" + csv + "\");\n");
    run(write);
    compare(READ.replace("a.csv", csv));
  }
}
