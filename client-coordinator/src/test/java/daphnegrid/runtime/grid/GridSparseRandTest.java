package daphnegrid.runtime.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.map.IMap;
import daphnegrid.config.GridMaps;
import daphnegrid.config.GridSettings;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.CsrBlock;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.random.Generators;
import daphnegrid.kernels.sparse.CsrMatrix;
import daphnegrid.runtime.MatrixValue;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sparse {@code rand} made on the members of an embedded grid: every CSR block is, bit for bit,
 * its rows of the local generator's matrix, for shapes whose rows fill one block, many, or end in a
 * short one, and for the empty and the full sparsity; lost blocks are made again from the seed;
 * scripts print what they print locally, and --explain names the generation on the members.
 */
class GridSparseRandTest {
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

  /** Rows [r0, r1) of x, cut out cell by cell (the plain reference of a member's block). */
  private static CsrMatrix rowsOf(CsrMatrix x, int r0, int r1) {
    int[] off = x.rowOffsets();
    int[] offsets = new int[r1 - r0 + 1];
    for (int r = r0; r < r1; r++) {
      offsets[r - r0 + 1] = off[r + 1] - off[r0];
    }
    int[] cols = Arrays.copyOfRange(x.colIdxs(), off[r0], off[r1]);
    var values = daphnegrid.kernels.DenseMatrix.allocate(x.type(), 1, off[r1] - off[r0]);
    for (int k = off[r0]; k < off[r1]; k++) {
      values.set(k - off[r0], x.value(k));
    }
    return CsrMatrix.wrap(x.type(), r1 - r0, x.cols(), offsets, cols, values.data());
  }

  /** Checks every CSR block of g against the rows of the local generator's matrix. */
  private static void assertBlocksAreTheLocalRows(GridEngine engine, GridMatrix g, CsrMatrix x) {
    IMap<BlockKey, CsrBlock> map = engine.hz().getMap(g.ref.map());
    assertEquals(g.ref.rowBlocks(), map.size());
    long nnz = 0;
    for (int b = 0; b < g.ref.rowBlocks(); b++) {
      CsrBlock block = map.get(g.ref.key(b, 0));
      assertNotNull(block, "block " + b);
      assertNotNull(block.seal(), "block " + b + " is sealed");
      int r0 = (int) g.ref.rowStart(b);
      int r1 = (int) g.ref.rowEnd(b);
      assertEquals(r0, block.rowOffset());
      assertTrue(
          rowsOf(x, r0, r1).sameContents(block.matrix()),
          "block " + b + " (rows " + r0 + ".." + r1 + ") of " + x);
      assertEquals(g.blockNnz[b], block.nnz());
      nnz += block.nnz();
    }
    assertEquals(x.nnz(), nnz);
  }

  private record Case(int rows, int cols, Scalar min, Scalar max, double sparsity, long seed) {}

  @Test
  void everyCsrBlockIsItsRowsOfTheLocalGenerator() {
    Scalar lo = Scalar.f64(-1.0);
    Scalar hi = Scalar.f64(3.0);
    List<Case> cases =
        List.of(
            new Case(1, 1, lo, hi, 1.0, 3),
            new Case(1, 1, lo, hi, 0.0, 3),
            new Case(1, 4000, lo, hi, 0.01, 4),
            new Case(5000, 1, lo, hi, 0.2, 5), // 1024 rows a block: four full ones and a short one
            new Case(3000, 70, lo, hi, 0.05, 6),
            new Case(3000, 70, lo, hi, 0.0, 6),
            new Case(2100, 9, lo, hi, 1.0, 7),
            new Case(2100, 9, lo, hi, 0.8, 7), // the branch that takes cells out of full rows
            new Case(
                2500,
                40,
                Scalar.ofDouble(ValueType.F32, 0.5),
                Scalar.ofDouble(ValueType.F32, 1.5),
                0.1,
                8),
            new Case(2500, 40, Scalar.si64(-9), Scalar.si64(9), 0.1, 9));
    GridEngine engine = new GridEngine(grid::lease, GridOptions.defaults(), null);
    try {
      for (Case c : cases) {
        long nnz = Generators.randCsrNonZeros(c.rows, c.cols, c.min, c.max, c.sparsity);
        MatrixValue v = engine.sparse().rand(c.rows, c.cols, c.min, c.max, c.sparsity, c.seed, nnz);
        assertTrue(v.isCsr());
        assertFalse(v.isLocal(), "made on the members only");
        assertEquals(c.sparsity, v.knownDensity());
        GridMatrix g = (GridMatrix) v.remote();
        assertTrue(g.csr);
        assertTrue(GridMaps.isGenerated(g.ref.map()), "no backups: made again if lost");
        assertNotNull(g.regeneration());
        CsrMatrix x = Generators.randCsr(c.rows, c.cols, c.min, c.max, c.sparsity, c.seed);
        assertBlocksAreTheLocalRows(engine, g, x);
        assertTrue(x.sameContents(v.csr()), "collected whole");
      }
    } finally {
      engine.close();
    }
  }

  @Test
  void lostCsrBlocksAreMadeAgainFromTheSeed() {
    GridEngine engine = new GridEngine(grid::lease, GridOptions.defaults(), null);
    try {
      Scalar lo = Scalar.f64(0.0);
      Scalar hi = Scalar.f64(1.0);
      // 1.0: a CSR rand of full sparsity is still made again as CSR blocks
      for (double sparsity : new double[] {0.03, 1.0}) {
        long nnz = Generators.randCsrNonZeros(6000, 50, lo, hi, sparsity);
        MatrixValue v = engine.sparse().rand(6000, 50, lo, hi, sparsity, 21, nnz);
        GridMatrix g = (GridMatrix) v.remote();
        IMap<BlockKey, CsrBlock> map = engine.hz().getMap(g.ref.map());
        // as a member that leaves takes its blocks: block rows 0, 3 and the last go
        for (int b : new int[] {0, 3, g.ref.rowBlocks() - 1}) {
          map.delete(g.ref.key(b, 0));
        }
        List<Integer> lost = engine.missingRows(g);
        assertEquals(List.of(0, 3, g.ref.rowBlocks() - 1), lost);
        long before = engine.stats.blocksRegenerated.get();
        engine.makeAgain(g, lost);
        assertEquals(before + 3, engine.stats.blocksRegenerated.get());
        assertEquals(List.of(), engine.missingRows(g));
        assertBlocksAreTheLocalRows(engine, g, Generators.randCsr(6000, 50, lo, hi, sparsity, 21));
      }
    } finally {
      engine.close();
    }
  }

  private int run(String text, StringWriter out, StringWriter err, String... options)
      throws Exception {
    Path script = Files.writeString(dir.resolve("r.daph"), text);
    return InProcessRuns.run(grid, out, err, InProcessRuns.argv(script, options));
  }

  private static final String SCRIPT =
      """
      X = rand(5000, 300, -2.0, 5.0, 0.02, 11);
      print(typeOf(X));
      print(sum(X));
      print(X[1023:1025, 0:300]);
      print(sum(X, 0)[4998:5000, ]);
      E = rand(3000, 40, 1.0, 2.0, 0.0, 3);
      print(sum(E));
      I = rand(2100, 30, -4, 4, 0.1, 2);
      print(sum(I, 1)[0, 0:5]);
      C = rand(1, 3000, 0.0, 1.0, 0.01, 5);
      print(sum(C));
      R = rand(3000, 1, 0.0, 1.0, 0.01, 5);
      print(sum(R));
      """;

  @Test
  void scriptsPrintTheLocalOutputAndExplainShowsTheGeneration() throws Exception {
    StringWriter localOut = new StringWriter();
    StringWriter localErr = new StringWriter();
    assertEquals(0, run(SCRIPT, localOut, localErr, "--select-matrix-repr"), localErr.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] grid = {"--select-matrix-repr", "--distributed", "--grid-min-cells=0", "--explain"};
    assertEquals(0, run(SCRIPT, out, err, grid), err.toString());
    assertEquals(localOut.toString(), out.toString());
    String e = err.toString();
    assertTrue(
        e.contains(
            "grid rand 5000x300 f64 sparse generated on the members as 5000x300 f64 CSR"
                + " (5 blocks, 30000 non-zeros)"),
        e);
    // no non-zeros: nothing to keep on the grid (Placement.csrStore), made here
    assertFalse(e.contains("grid rand 3000x40"), e);
    assertTrue(e.contains("grid rand 2100x30 si64 sparse generated on the members"), e);
    assertFalse(e.contains("grid scatter"), e);
  }

  @Test
  void badArgumentsFailAsLocally() throws Exception {
    String text = "X = rand(3000, 300, 5.0, 1.0, 0.01, 1);\nprint(sum(X));\n";
    StringWriter localOut = new StringWriter();
    StringWriter localErr = new StringWriter();
    int local = run(text, localOut, localErr, "--select-matrix-repr");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int distributed =
        run(text, out, err, "--select-matrix-repr", "--distributed", "--grid-min-cells=0");
    assertTrue(local != 0, localErr.toString());
    assertEquals(local, distributed);
    assertEquals(localErr.toString(), err.toString());
    assertTrue(err.toString().contains("r.daph:1:"), err.toString());
  }
}
