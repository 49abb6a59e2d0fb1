package daphnegrid.runtime.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.map.IMap;
import daphnegrid.config.GridSettings;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.BlockSeal;
import daphnegrid.config.serial.CsrBlock;
import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.random.Generators;
import daphnegrid.kernels.sparse.CsrAggregation;
import daphnegrid.kernels.sparse.CsrConvert;
import daphnegrid.kernels.sparse.CsrElementwise;
import daphnegrid.kernels.sparse.CsrMatrix;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Reachable;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CSR matrices on an embedded grid: held as CSR row blocks (one per row block, the dense row cut),
 * fetched only when a kernel here needs them, freed when unreachable; aggregations, elementwise
 * operations and products with a dense right side run on the members and print exactly what the
 * local run prints, with one thread and with several.
 */
class GridCsrTest {
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

  private static CsrMatrix sample(ValueType t, int rows, int cols, double sparsity, long seed) {
    Scalar lo = t.isFloat() ? Scalar.ofDouble(t, -2.5) : Scalar.ofLong(t, -20);
    Scalar hi = t.isFloat() ? Scalar.ofDouble(t, 7.0) : Scalar.ofLong(t, 70);
    return Generators.randCsr(rows, cols, lo, hi, sparsity, seed);
  }

  private static List<String> mapsOf(GridEngine engine) {
    List<String> names = new ArrayList<>();
    for (DistributedObject o : engine.hz().getDistributedObjects()) {
      if (o.getServiceName().equals("hz:impl:mapService") && !o.getName().startsWith("__")) {
        names.add(o.getName());
      }
    }
    return names;
  }

  @Test
  void aStoredCsrMatrixIsOneCsrBlockPerRowBlockAndComesBackWhole() {
    GridEngine engine = new GridEngine(grid::lease, GridOptions.defaults(), null);
    try {
      CsrMatrix x = sample(ValueType.F64, 3000, 70, 0.05, 4);
      MatrixValue local = new MatrixValue(x, 0.05);
      MatrixValue v = engine.sparse().store(local);
      assertTrue(v.isCsr());
      assertFalse(v.isLocal(), "the coordinator keeps no copy");
      assertEquals(0.05, v.knownDensity());
      GridMatrix g = (GridMatrix) v.remote();
      assertTrue(g.csr);
      assertEquals(3, g.ref.rowBlocks()); // 1024 rows per block, as a dense 3000-row matrix
      IMap<BlockKey, CsrBlock> map = engine.hz().getMap(g.ref.map());
      assertEquals(3, map.size());
      long nnz = 0;
      for (int b = 0; b < 3; b++) {
        CsrBlock block = map.get(g.ref.key(b, 0));
        assertEquals(1024L * b, block.rowOffset());
        assertEquals(g.ref.rowEnd(b) - g.ref.rowStart(b), block.rows());
        assertEquals(g.blockNnz[b], block.nnz());
        nnz += block.nnz();
      }
      assertEquals(x.nnz(), nnz);
      assertTrue(x.sameContents(v.csr()), "fetched back");
      assertTrue(v.isLocal(), "fetched once, then held here");
      // the grid folds per block; the combined result is the local kernel's
      for (AggOp op : new AggOp[] {AggOp.SUM, AggOp.MIN, AggOp.MAX, AggOp.MEAN}) {
        assertEquals(CsrAggregation.full(op, x), engine.sparse().fullAgg(op, v), op.name());
        assertTrue(
            CsrAggregation.cols(op, x).sameContents(engine.sparse().colAgg(op, v)), op.name());
        assertTrue(
            CsrAggregation.rows(op, x).sameContents(engine.sparse().rowAgg(op, v)), op.name());
      }
    } finally {
      engine.close();
    }
  }

  @Test
  void unreachableCsrMatricesAndTheirDenseFormsAreFreed() {
    GridEngine engine = new GridEngine(grid::lease, GridOptions.defaults(), null);
    try {
      CsrMatrix x = sample(ValueType.F32, 2100, 9, 0.2, 5);
      MatrixValue v = engine.sparse().store(new MatrixValue(x, 0.2));
      GridMatrix g = (GridMatrix) v.remote();
      GridMatrix twin = engine.sparse() instanceof GridSparse s ? s.denseTwin(g) : null;
      assertEquals(twin, g.denseTwin);
      assertTrue(CsrConvert.toDense(x).sameContents(engine.transfer().collect(twin.ref)));
      assertEquals(2, engine.liveMatrices());
      assertTrue(mapsOf(engine).containsAll(List.of(g.ref.map(), twin.ref.map())));
      engine.retain(new Reachable());
      assertEquals(0, engine.liveMatrices());
      assertFalse(mapsOf(engine).contains(g.ref.map()));
      assertFalse(mapsOf(engine).contains(twin.ref.map()));
    } finally {
      engine.close();
    }
  }

  @Test
  void admissionCountsTheCsrBytesNotTheCells() throws Exception {
    // 4e10 cells (320 GB as f64) but 200,000 non-zeros (2.4 MB): fits any heap
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String text =
        """
        X = rand(200000, 200000, 1.0, 1.0, 0.000005, 3);
        print(sum(X));
        print(sum(X * 2.0));
        """;
    int code =
        run(
            text,
            out,
            err,
            "--distributed",
            "--grid-min-cells=100000",
            "--select-matrix-repr",
            "--explain");
    assertEquals(0, code, err.toString());
    assertEquals("200000\n400000\n", out.toString());
    assertTrue(
        err.toString()
            .contains(
                "grid rand 200000x200000 f64 sparse generated on the members as 200000x200000 f64"
                    + " CSR (49 blocks, 200000 non-zeros)"),
        err.toString());
    assertFalse(err.toString().contains("grid scatter"), err.toString());
    assertTrue(err.toString().contains("grid X * s on the CSR blocks"), err.toString());
  }

  @Test
  void aCsrMatrixLargerThanTheGridIsRefusedWithTheFigures() {
    GridEngine engine = new GridEngine(grid::lease, GridOptions.defaults(), null);
    try {
      long heap = Runtime.getRuntime().maxMemory();
      GridFailure f =
          org.junit.jupiter.api.Assertions.assertThrows(
              GridFailure.class,
              () -> engine.memory.admit(new long[] {heap, heap}, false, 0, "a CSR matrix"));
      assertTrue(f.getMessage().contains("a CSR matrix needs "), f.getMessage());
    } finally {
      engine.close();
    }
  }

  /** m with every stored value 2.0: the same pattern, other cells. */
  private static CsrMatrix twos(CsrMatrix m) {
    double[] v = new double[m.nnz()];
    java.util.Arrays.fill(v, 2.0);
    return CsrMatrix.wrap(ValueType.F64, m.rows(), m.cols(), m.rowOffsets(), m.colIdxs(), v);
  }

  private static void assertSealError(RuntimeException e, String block) {
    assertTrue(e.getMessage().contains(block), e.getMessage());
    assertTrue(e.getMessage().contains("fails its seal check"), e.getMessage());
    assertTrue(e.getMessage().contains("tampering"), e.getMessage());
    // the check's own words, also when the coordinator's collect caught it
    assertTrue(e.getMessage().startsWith("grid: "), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    assertFalse(e.getMessage().contains("moving blocks"), e.getMessage());
  }

  @Test
  void aChangedCsrBlockFailsTheNextOperationWithTheSealError() {
    // the embedded grid has a random secret: CSR blocks are sealed where they are made
    GridEngine engine = new GridEngine(grid::lease, GridOptions.defaults(), null);
    try {
      CsrMatrix x = sample(ValueType.F64, 3000, 70, 0.05, 8);
      MatrixValue v = engine.sparse().store(new MatrixValue(x, 0.05));
      MatrixValue a = engine.sparse().scalar(BinaryOp.MUL, v, Scalar.f64(2.5), ValueType.F64, 0.05);
      assertEquals(CsrAggregation.full(AggOp.SUM, x), engine.sparse().fullAgg(AggOp.SUM, v));
      assertEquals(
          CsrAggregation.full(
              AggOp.SUM, CsrElementwise.binaryScalar(BinaryOp.MUL, x, Scalar.f64(2.5))),
          engine.sparse().fullAgg(AggOp.SUM, a));
      GridMatrix g = (GridMatrix) v.remote();
      IMap<BlockKey, CsrBlock> map = engine.hz().getMap(g.ref.map());
      BlockKey key = g.ref.key(1, 0);
      CsrBlock stored = map.get(key);
      assertNotNull(stored.seal(), "sealed by the coordinator's scatter");

      // other cells under the block's own seal: the members' next read and this collect fail
      map.set(key, new CsrBlock(stored.rowOffset(), twos(stored.matrix()), stored.seal()));
      String block = "CSR row block 1 of matrix " + g.ref.id();
      assertSealError(
          assertThrows(RuntimeException.class, () -> engine.sparse().fullAgg(AggOp.SUM, v)), block);
      assertSealError(
          assertThrows(RuntimeException.class, () -> engine.sparse().colAgg(AggOp.MAX, v)), block);
      assertSealError(
          assertThrows(RuntimeException.class, () -> ((GridSparse) engine.sparse()).collect(g)),
          block);
      // no seal at all, and block 0 (sealed for its own place) copied here
      map.set(key, new CsrBlock(stored.rowOffset(), twos(stored.matrix())));
      RuntimeException none =
          assertThrows(RuntimeException.class, () -> engine.sparse().fullAgg(AggOp.SUM, v));
      assertTrue(none.getMessage().contains("carries no seal"), none.getMessage());
      map.set(key, map.get(g.ref.key(0, 0)));
      assertSealError(
          assertThrows(RuntimeException.class, () -> engine.sparse().fullAgg(AggOp.SUM, v)), block);
      // the seal restored with the block: the same work succeeds again
      map.set(key, stored);
      assertEquals(CsrAggregation.full(AggOp.SUM, x), engine.sparse().fullAgg(AggOp.SUM, v));

      // a block a member computed and sealed, changed the same way
      GridMatrix ga = (GridMatrix) a.remote();
      IMap<BlockKey, CsrBlock> amap = engine.hz().getMap(ga.ref.map());
      CsrBlock made = amap.get(ga.ref.key(2, 0));
      assertNotNull(made.seal(), "sealed by the member that computed it");
      amap.set(ga.ref.key(2, 0), new CsrBlock(made.rowOffset(), twos(made.matrix()), made.seal()));
      assertSealError(
          assertThrows(RuntimeException.class, () -> engine.sparse().rowAgg(AggOp.SUM, a)),
          "CSR row block 2 of matrix " + ga.ref.id());
      assertSealError(assertThrows(RuntimeException.class, a::csr), "CSR row block 2");
    } finally {
      engine.close();
    }
  }

  /**
   * 3000 x 70 (three row blocks, the last one short) of type t: every fifth row empty, row 1500
   * full, the others with a few cells.
   */
  private static CsrMatrix awkward(ValueType t) {
    DenseMatrix d = DenseMatrix.allocate(t, 3000, 70);
    java.util.SplittableRandom r = new java.util.SplittableRandom(17);
    for (int i = 0; i < 3000; i++) {
      for (int j = 0; j < 70; j++) {
        boolean stored = i == 1500 || (i % 5 != 0 && r.nextInt(20) == 0);
        d.setLong(i * 70 + j, stored ? 1 + r.nextInt(100) : 0);
      }
    }
    return CsrConvert.fromDense(d);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 700, 4096})
  void csrBlocksLargerThanOneMessageTravelInPiecesOfRowsAndComeBackTheSame(long chunk) {
    GridOptions options =
        new GridOptions(
            chunk,
            GridOptions.DEFAULT_PLACEMENT_MIN_CELLS,
            GridOptions.DEFAULT_BROADCAST_MAX_CELLS);
    GridEngine engine = new GridEngine(grid::lease, options, null);
    try {
      for (ValueType t : new ValueType[] {ValueType.F64, ValueType.UI8}) {
        CsrMatrix x = awkward(t);
        MatrixValue v = engine.sparse().store(new MatrixValue(x, x.density()));
        GridMatrix g = (GridMatrix) v.remote();
        // stored as the blocks one message each makes, sealed for their place
        IMap<BlockKey, CsrBlock> map = engine.hz().getMap(g.ref.map());
        BlockSeal seal = BlockSeal.of(engine.hz());
        for (int b = 0; b < g.ref.rowBlocks(); b++) {
          BlockKey key = g.ref.key(b, 0);
          CsrBlock stored = seal.check(g.ref.map(), key, map.get(key));
          CsrMatrix want =
              daphnegrid.kernels.sparse.CsrReorg.slice(
                  x,
                  new daphnegrid.kernels.Indexing.Range(
                      (int) g.ref.rowStart(b), (int) g.ref.rowEnd(b)),
                  new daphnegrid.kernels.Indexing.Range(0, 70));
          assertTrue(want.sameContents(stored.matrix()), t + " block " + b);
          assertEquals(g.ref.rowStart(b), stored.rowOffset());
        }
        GridSparse sparse = (GridSparse) engine.sparse();
        assertTrue(x.sameContents(sparse.collect(g)), t + " collected");
        // a block the members made, collected in pieces too
        MatrixValue a = engine.sparse().scalar(BinaryOp.MUL, v, Scalar.ofLong(t, 3), t, 0.05);
        assertTrue(
            CsrElementwise.binaryScalar(BinaryOp.MUL, x, Scalar.ofLong(t, 3))
                .sameContents(sparse.collect((GridMatrix) a.remote())),
            t + " X * 3");
        // a changed block is caught once its pieces are put together
        BlockKey key = g.ref.key(1, 0);
        CsrBlock stored = map.get(key);
        CsrMatrix m = stored.matrix();
        DenseMatrix sevens = DenseMatrix.allocate(t, 1, m.nnz());
        for (int k = 0; k < m.nnz(); k++) {
          sevens.setLong(k, 7);
        }
        CsrMatrix forged =
            CsrMatrix.wrap(t, m.rows(), m.cols(), m.rowOffsets(), m.colIdxs(), sevens.data());
        map.set(key, new CsrBlock(stored.rowOffset(), forged, stored.seal()));
        assertSealError(
            assertThrows(RuntimeException.class, () -> sparse.collect(g)),
            "CSR row block 1 of matrix " + g.ref.id());
      }
    } finally {
      engine.close();
    }
  }

  /** 700 bytes: pieces of a few rows of X (about 6 cells a row), so every block moves in pieces. */
  @Test
  void theCsrOperationsPrintTheSameWithTinyMessages() throws Exception {
    String local = output(OPERATIONS, "--select-matrix-repr");
    String distributed =
        output(
            OPERATIONS,
            "--select-matrix-repr",
            "--distributed",
            "--grid-min-cells=0",
            "--max-distr-chunk-size=700");
    assertEquals(local, distributed);
  }

  private static final String OPERATIONS =
      """
      X = rand(5000, 300, -2.0, 5.0, 0.02, 11);
      Y = rand(5000, 300, 1.0, 3.0, 0.02, 12);
      Z = rand(5000, 300, 0.5, 1.0, 0.02, 11);
      print(typeOf(X));
      print(sum(X));
      print(aggMin(X));
      print(aggMax(X));
      print(mean(X));
      print(sum(X, 0)[4000:4003, ]);
      print(aggMin(X, 0)[10:13, ]);
      print(aggMax(X, 0)[2047:2050, ]);
      print(mean(X, 0)[0:2, ]);
      print(sum(X, 1)[0, 0:4]);
      print(aggMin(X, 1)[0, 100:104]);
      print(aggMax(X, 1)[0, 296:300]);
      print(mean(X, 1)[0, 7:9]);
      A = X * 2.5;
      print(typeOf(A));
      print(sum(A));
      B = X * Y;
      print(typeOf(B));
      print(sum(B));
      C = X + Z;
      print(typeOf(C));
      print(sum(C, 0)[0:3, ]);
      D = X - Z;
      print(sum(D, 1)[0, 0:3]);
      W = rand(300, 7, -1.0, 1.0, 1.0, 5);
      P = X @ W;
      print(typeOf(P));
      print(sum(P));
      print(P[4999, ]);
      r = rand(1, 300, 0.0, 2.0, 1.0, 3);
      R = X * r;
      print(typeOf(R));
      print(sum(R, 0)[4990:4992, ]);
      print(sum(abs(X)));
      print(sum(X + 1.0));
      print(X[17:19, 0:4]);
      F = as.f32(X);
      print(sum(F * 3.0f));
      I = rand(3000, 50, -9, 9, 0.1, 2);
      print(typeOf(I));
      print(sum(I));
      print(aggMin(I, 0)[0:4, ]);
      print(sum(I * 3, 0)[2998:3000, ]);
      print(sum(I * I));
      """;

  private int run(String text, StringWriter out, StringWriter err, String... options)
      throws Exception {
    Path script = Files.writeString(dir.resolve("s.daph"), text);
    return InProcessRuns.run(grid, out, err, InProcessRuns.argv(script, options));
  }

  private String output(String text, String... options) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = run(text, out, err, options);
    assertEquals(0, code, err.toString());
    return out.toString() + err;
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "4"})
  void operationsOnGridCsrMatricesPrintTheLocalOutput(String threads) throws Exception {
    String local = output(OPERATIONS, "--select-matrix-repr", "--num-threads=" + threads);
    String distributed =
        output(
            OPERATIONS,
            "--select-matrix-repr",
            "--num-threads=" + threads,
            "--distributed",
            "--grid-min-cells=0");
    assertEquals(local, distributed);
  }

  /** A 3000 x 500 Matrix Market file (entries by column, some listed twice) and its meta file. */
  private Path matrixMarket(String name, int metaRows) throws Exception {
    StringBuilder text = new StringBuilder("%%MatrixMarket matrix coordinate real general\n");
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    StringBuilder entries = new StringBuilder();
    int n = 0;
    for (int c = 1; c <= 500; c++) {
      for (int k = 0; k < 12; k++) {
        entries.append(r.nextInt(1, 3001)).append(' ').append(c).append(' ');
        entries.append(r.nextDouble(-4, 4)).append('\n');
        n++;
      }
    }
    text.append("3000 500 ").append(n).append('\n').append(entries);
    Path f = Files.writeString(dir.resolve(name), text);
    Files.writeString(
        dir.resolve(name + ".meta"),
        "{\"numRows\": "
            + metaRows
            + ", \"numCols\": 500, \"valueType\": \"f64\", \"numNonZeros\": "
            + n
            + "}");
    return f;
  }

  @Test
  void aMatrixMarketFileIsReadOnTheMembersAndGivesTheLocalResult() throws Exception {
    Path f = matrixMarket("m.mtx", 3000);
    String text =
        """
        M = readMatrix("FILE");
        print(typeOf(M));
        print(sum(M));
        print(aggMax(M, 1)[0, 0:5]);
        print(sum(M, 0)[2998:3000, ]);
        print(M[1024:1026, 0:3]);
        """
            .replace("FILE", f.toString());
    String local = output(text, "--select-matrix-repr");
    String[] grid = {"--select-matrix-repr", "--distributed", "--grid-min-cells=0"};
    assertEquals(local, output(text, grid));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] explain = {"--select-matrix-repr", "--distributed", "--grid-min-cells=0", "--explain"};
    assertEquals(0, run(text, out, err, explain), err.toString());
    assertTrue(
        err.toString()
            .contains("grid '" + f + "' read on the members as 3000x500 f64 CSR (3 blocks"),
        err.toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {2999, 100})
  void aMatrixMarketFileOfAnotherShapeThanItsMetaFileFailsAsLocally(int metaRows) throws Exception {
    Path f = matrixMarket("wrong.mtx", metaRows);
    String text = "M = readMatrix(\"" + f + "\");\nprint(sum(M));\n";
    StringWriter localOut = new StringWriter();
    StringWriter localErr = new StringWriter();
    int local = run(text, localOut, localErr, "--select-matrix-repr");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int grid = run(text, out, err, "--select-matrix-repr", "--distributed", "--grid-min-cells=0");
    assertEquals(3, local, localErr.toString());
    assertEquals(local, grid);
    assertEquals(localErr.toString(), err.toString());
    assertTrue(
        err.toString().contains("is 3000x500 but its meta file says " + metaRows + "x500"),
        err.toString());
  }

  /**
   * Programs over a CSR matrix on the grid read its CSR blocks a tile at a time: the local output,
   * on one and four threads, and no dense form of X is made on the members.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1", "4"})
  void programsReadCsrBlocksWithoutMakingTheDenseForm(String threads) throws Exception {
    String text =
        """
        X = rand(5000, 300, 0.0, 1.0, 0.05, 7);
        print(sum(abs(X) * 2.0));
        print(aggMax(sqrt(X) + X, 0)[4997:5000, ]);
        print(sum(exp(X) - 1.0, 1)[0, 0:4]);
        """;
    String[] local = {"--select-matrix-repr", "--num-threads=" + threads};
    String[] grid = {
      "--select-matrix-repr", "--num-threads=" + threads, "--distributed", "--grid-min-cells=0"
    };
    assertEquals(output(text, local), output(text, grid));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] explain = {"--select-matrix-repr", "--distributed", "--grid-min-cells=0", "--explain"};
    assertEquals(0, run(text, out, err, explain), err.toString());
    String e = err.toString();
    assertEquals(3, e.lines().filter(l -> l.contains("grid program")).count(), e);
    assertFalse(e.contains("grid dense form"), e);
  }

  @Test
  void explainShowsTheCsrWorkOnTheMembers() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        run(
            OPERATIONS,
            out,
            err,
            "--select-matrix-repr",
            "--distributed",
            "--grid-min-cells=0",
            "--explain");
    assertEquals(0, code, err.toString());
    String e = err.toString();
    // the three sparse rands and the integer one are made on the members, nothing is scattered
    assertEquals(
        3,
        e.lines()
            .filter(l -> l.contains("grid rand 5000x300 f64 sparse generated on the members"))
            .count(),
        e);
    assertEquals(
        1,
        e.lines()
            .filter(l -> l.contains("grid rand 3000x50 si64 sparse generated on the members"))
            .count(),
        e);
    assertEquals(
        0, e.lines().filter(l -> l.contains("grid scatter") && l.contains("CSR")).count(), e);
    assertTrue(e.contains("grid X * s on the CSR blocks of 5000x300 f64 CSR (5 blocks"), e);
    assertTrue(e.contains("grid X * Y on the CSR blocks"), e);
    assertTrue(e.contains("grid X + Y on the CSR blocks"), e);
    assertTrue(e.contains("grid X @ Y of 5000x300 f64 CSR"), e);
    assertTrue(e.contains("grid X * a 1x300 row on the CSR blocks of 5000x300 f64 CSR"), e);
    // the program of sum(abs(X)) reads X's CSR blocks: no dense form of X is made
    assertTrue(e.contains("grid program s.daph:37:FullAgg"), e);
    assertFalse(e.contains("grid dense form"), e);
    assertTrue(e.contains("grid sum of 5000x300 f64 CSR (5 blocks"), e);
    assertTrue(e.contains("grid aggMin over rows of 3000x50 si64 CSR"), e);
  }
}
