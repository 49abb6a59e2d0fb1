package daphnegrid.grid.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import daphnegrid.config.GridSettings;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.BlockSeal;
import daphnegrid.config.serial.CsrBlock;
import daphnegrid.config.testing.TestGrid;
import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Indexing;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.io.MatrixMarket;
import daphnegrid.kernels.pipeline.RowBlocks;
import daphnegrid.kernels.random.Generators;
import daphnegrid.kernels.sparse.CsrAggregation;
import daphnegrid.kernels.sparse.CsrConvert;
import daphnegrid.kernels.sparse.CsrElementwise;
import daphnegrid.kernels.sparse.CsrMatMul;
import daphnegrid.kernels.sparse.CsrMatrix;
import daphnegrid.kernels.sparse.CsrReorg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CsrTask} on two members, sent through the grid's serialization as the coordinator sends
 * it: per-block partials and output blocks against the sparse kernels run on the whole matrix.
 */
class CsrTaskTest {
  private static TestGrid grid;
  private static final int ROWS = 3 * 1024 - 7; // 3 row blocks, the last one short
  private static final int COLS = 40;
  private static final int[] ALL = {0, 1, 2};
  private static long nextId = 100;

  @BeforeAll
  static void start() {
    grid = TestGrid.start(2);
  }

  @AfterAll
  static void stop() {
    grid.close();
  }

  private static HazelcastInstance hz() {
    return grid.member(0);
  }

  private static MatrixRef ref(String name, ValueType t) {
    long id = nextId++;
    return new MatrixRef(
        "blocks.test." + name + id, id, ROWS, COLS, t, RowBlocks.rowsPerBlock(ROWS), COLS);
  }

  /** Stores x as the CSR row blocks of a new matrix and returns it. */
  private static MatrixRef store(String name, CsrMatrix x) {
    MatrixRef m = ref(name, x.type());
    IMap<BlockKey, CsrBlock> map = hz().getMap(m.map());
    for (int b = 0; b < m.rowBlocks(); b++) {
      map.set(m.key(b, 0), new CsrBlock(m.rowStart(b), rows(x, m, b)));
    }
    return m;
  }

  private static CsrMatrix rows(CsrMatrix x, MatrixRef m, int b) {
    return CsrReorg.slice(
        x,
        new Indexing.Range((int) m.rowStart(b), (int) m.rowEnd(b)),
        new Indexing.Range(0, x.cols()));
  }

  private static CsrMatrix sample(long seed) {
    return Generators.randCsr(ROWS, COLS, Scalar.f64(-3), Scalar.f64(5), 0.05, seed);
  }

  /** Runs task as the coordinator would: serialized, then called on a member. */
  private static CsrResult run(CsrTask task) throws Exception {
    SerializationService ss = ((SerializationServiceSupport) hz()).getSerializationService();
    CsrTask sent = ss.toObject(ss.toData(task));
    sent.setHazelcastInstance(grid.member(1));
    CsrResult r = sent.call();
    CsrResult back = ss.toObject(ss.toData(r));
    assertNull(back.failure());
    assertEquals(ALL.length, back.parts().size());
    return back;
  }

  @Test
  void aggregationPartialsCombineToTheWholeMatrixResult() throws Exception {
    CsrMatrix x = sample(1);
    MatrixRef m = store("agg", x);
    for (AggOp op : new AggOp[] {AggOp.SUM, AggOp.MIN, AggOp.MAX, AggOp.MEAN}) {
      List<Scalar> partials = new ArrayList<>();
      for (CsrResult.Part p : run(CsrTask.aggregate(CsrTask.Kind.FULL, op, m, ALL)).parts()) {
        partials.add(p.partial());
      }
      assertEquals(
          CsrAggregation.full(op, x),
          CsrAggregation.fullCombine(op, x.type(), ROWS, COLS, x.nnz(), partials),
          op.name());
      List<CsrAggregation.ColPartial> cols = new ArrayList<>();
      for (CsrResult.Part p : run(CsrTask.aggregate(CsrTask.Kind.COLS, op, m, ALL)).parts()) {
        cols.add(new CsrAggregation.ColPartial(p.values(), p.counts()));
      }
      assertTrue(
          CsrAggregation.cols(op, x)
              .sameContents(CsrAggregation.colsCombine(op, x.type(), ROWS, COLS, cols)),
          op.name());
      DenseMatrix rows = CsrAggregation.rows(op, x);
      for (CsrResult.Part p : run(CsrTask.aggregate(CsrTask.Kind.ROWS, op, m, ALL)).parts()) {
        int r0 = (int) m.rowStart(p.blockRow());
        for (int r = 0; r < p.values().rows(); r++) {
          assertEquals(rows.get(r0 + r), p.values().get(r), op.name() + " row " + (r0 + r));
        }
      }
    }
  }

  private static void assertBlocks(CsrMatrix want, MatrixRef out, CsrResult r) {
    IMap<BlockKey, CsrBlock> map = hz().getMap(out.map());
    for (CsrResult.Part p : r.parts()) {
      CsrBlock b = map.get(out.key(p.blockRow(), 0));
      assertEquals(out.rowStart(p.blockRow()), b.rowOffset());
      assertEquals(p.nnz(), b.nnz());
      assertTrue(rows(want, out, p.blockRow()).sameContents(b.matrix()), "block " + p.blockRow());
    }
  }

  @Test
  void elementwiseBlocksAreTheWholeMatrixResultCutByRows() throws Exception {
    CsrMatrix x = sample(2);
    CsrMatrix y = sample(3);
    MatrixRef mx = store("x", x);
    MatrixRef my = store("y", y);
    MatrixRef scaled = ref("scaled", ValueType.F64);
    Scalar s = Scalar.f64(-2.5);
    assertBlocks(
        CsrElementwise.binaryScalar(BinaryOp.MUL, x, s),
        scaled,
        run(CsrTask.scalar(BinaryOp.MUL, mx, s, ValueType.F64, scaled, ALL)));
    for (BinaryOp op : new BinaryOp[] {BinaryOp.MUL, BinaryOp.ADD, BinaryOp.SUB}) {
      MatrixRef out = ref("xy", ValueType.F64);
      assertBlocks(
          CsrElementwise.binary(op, x, y),
          out,
          run(CsrTask.binary(op, mx, my, ValueType.F64, out, ALL)));
    }
    DenseMatrix row = Generators.rand(1, COLS, Scalar.f64(-1), Scalar.f64(1), 1.0, 5);
    MatrixRef rowOut = ref("row", ValueType.F64);
    assertBlocks(
        CsrElementwise.binaryDense(BinaryOp.MUL, x, row),
        rowOut,
        run(CsrTask.row(BinaryOp.MUL, mx, row, ValueType.F64, rowOut, ALL)));
    // integer operands converted to f64 first, as the coordinator does
    CsrMatrix ints = CsrConvert.cast(x, ValueType.SI64);
    MatrixRef mi = store("ints", ints);
    MatrixRef out = ref("intsxy", ValueType.F64);
    assertBlocks(
        CsrElementwise.binary(BinaryOp.ADD, CsrConvert.cast(ints, ValueType.F64), y),
        out,
        run(CsrTask.binary(BinaryOp.ADD, mi, my, ValueType.F64, out, ALL)));
  }

  @Test
  void eachMemberReadsItsBlockRowsOfAMatrixMarketFile(@TempDir Path dir) throws Exception {
    CsrMatrix x = sample(6);
    StringBuilder text = new StringBuilder("%%MatrixMarket matrix coordinate real general\n");
    text.append(ROWS).append(' ').append(COLS).append(' ').append(x.nnz()).append('\n');
    // column order, as most files list their entries
    for (int c = 0; c < COLS; c++) {
      for (int r = 0; r < ROWS; r++) {
        Scalar v = x.get(r, c);
        if (v.doubleValue() != 0) {
          text.append(r + 1).append(' ').append(c + 1).append(' ').append(v.doubleValue());
          text.append('\n');
        }
      }
    }
    Path f = Files.writeString(dir.resolve("x.mtx"), text);
    CsrMatrix want = MatrixMarket.readCsr(f, ValueType.F64);
    MatrixRef out = ref("mtx", ValueType.F64);
    SerializationService ss = ((SerializationServiceSupport) hz()).getSerializationService();
    long nnz = 0;
    int[][] split = {{0, 2}, {1}};
    for (int m = 0; m < 2; m++) {
      CsrTask sent =
          ss.toObject(ss.toData(CsrTask.matrixMarket(out, f.toString(), "x.mtx", split[m])));
      sent.setHazelcastInstance(grid.member(m));
      CsrResult r = sent.call();
      assertNull(r.failure());
      assertBlocks(want, out, r);
      for (CsrResult.Part p : r.parts()) {
        nnz += p.nnz();
      }
    }
    assertEquals(x.nnz(), nnz);
  }

  @Test
  void eachMemberMakesItsBlockRowsOfASparseRand() throws Exception {
    for (ValueType t : new ValueType[] {ValueType.F64, ValueType.F32, ValueType.SI64}) {
      Scalar lo = t.isFloat() ? Scalar.ofDouble(t, -1) : Scalar.ofLong(t, -5);
      Scalar hi = t.isFloat() ? Scalar.ofDouble(t, 2) : Scalar.ofLong(t, 5);
      CsrMatrix want = Generators.randCsr(ROWS, COLS, lo, hi, 0.05, 17);
      MatrixRef out = ref("rand", t);
      SerializationService ss = ((SerializationServiceSupport) hz()).getSerializationService();
      long nnz = 0;
      int[][] split = {{2, 0}, {1}}; // a member's block rows need not come in order
      for (int m = 0; m < 2; m++) {
        CsrTask sent = ss.toObject(ss.toData(CsrTask.rand(out, lo, hi, 0.05, 17, split[m])));
        sent.setHazelcastInstance(grid.member(m));
        CsrResult r = ss.toObject(ss.toData(sent.call()));
        assertNull(r.failure());
        assertEquals(split[m].length, r.parts().size());
        assertBlocks(want, out, r);
        for (CsrResult.Part p : r.parts()) {
          nnz += p.nnz();
        }
      }
      assertEquals(want.nnz(), nnz, t.name());
    }
  }

  @Test
  void productAndDenseFormRowBlocksAreTheWholeMatrixResult() throws Exception {
    CsrMatrix x = sample(4);
    MatrixRef mx = store("mm", x);
    DenseMatrix d = Generators.rand(COLS, 3, Scalar.f64(-1), Scalar.f64(1), 1.0, 9);
    MatrixRef out = new MatrixRef("tmp.test.mm", 900, ROWS, 3, ValueType.F64, mx.rowsPerBlock(), 3);
    run(CsrTask.matmul(mx, d, ValueType.F64, out, ALL));
    LocalBlocks blocks = new LocalBlocks(hz());
    assertTrue(CsrMatMul.csrDense(x, d, null).sameContents(blocks.whole(out)), "x @ d");
    MatrixRef dense =
        new MatrixRef("tmp.test.dense", 901, ROWS, COLS, ValueType.F64, mx.rowsPerBlock(), COLS);
    run(CsrTask.toDense(mx, dense, ALL));
    assertTrue(CsrConvert.toDense(x).sameContents(blocks.whole(dense)), "dense form");
  }

  @Test
  void withASecretMembersCheckCsrSealsAndSealOutputsOnlyUnderAWarrant() throws Exception {
    BlockSeal seal = BlockSeal.of("a grid secret of 32 bytes .......".getBytes());
    Supplier<Config> base =
        () -> {
          Config c = new Config();
          seal.install(c.getUserContext());
          return c;
        };
    try (TestGrid sealed = TestGrid.start(1, GridSettings.defaults(), base)) {
      HazelcastInstance member = sealed.member(0);
      SerializationService ss = ((SerializationServiceSupport) member).getSerializationService();
      CsrMatrix x = sample(7);
      MatrixRef m = ref("sealed", x.type());
      IMap<BlockKey, CsrBlock> map = member.getMap(m.map());
      for (int b = 0; b < m.rowBlocks(); b++) {
        BlockKey key = m.key(b, 0);
        map.set(key, seal.seal(m.map(), key, new CsrBlock(m.rowStart(b), rows(x, m, b))));
      }
      java.util.function.Function<CsrTask, CsrResult> call =
          task -> {
            try {
              CsrTask sent = ss.toObject(ss.toData(task));
              sent.setHazelcastInstance(member);
              return sent.call();
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          };
      CsrResult sum = call.apply(CsrTask.aggregate(CsrTask.Kind.FULL, AggOp.SUM, m, ALL));
      assertNull(sum.failure());

      // an output without the coordinator's warrant is refused; with it, its blocks are sealed
      Scalar s = Scalar.f64(2.0);
      MatrixRef out = ref("out", ValueType.F64);
      CsrResult refused = call.apply(CsrTask.scalar(BinaryOp.MUL, m, s, ValueType.F64, out, ALL));
      assertTrue(
          String.valueOf(refused.failure()).contains("without a valid warrant"), refused.failure());
      MatrixRef warranted = out.withWarrant(seal.warrant(out.identity()));
      assertNull(
          call.apply(CsrTask.scalar(BinaryOp.MUL, m, s, ValueType.F64, warranted, ALL)).failure());
      IMap<BlockKey, CsrBlock> outMap = member.getMap(out.map());
      for (int b = 0; b < out.rowBlocks(); b++) {
        BlockKey key = out.key(b, 0);
        seal.check(out.map(), key, outMap.get(key));
      }
      assertNull(
          call.apply(CsrTask.aggregate(CsrTask.Kind.COLS, AggOp.MAX, warranted, ALL)).failure());

      // a block changed without the secret (other values under the old seal) fails the next task
      long failures = GuardCounters.of(member).sealFailures();
      CsrBlock old = map.get(m.key(2, 0));
      CsrMatrix a = old.matrix();
      double[] twos = new double[a.nnz()];
      java.util.Arrays.fill(twos, 2.0);
      CsrMatrix forged =
          CsrMatrix.wrap(ValueType.F64, a.rows(), a.cols(), a.rowOffsets(), a.colIdxs(), twos);
      map.set(m.key(2, 0), new CsrBlock(old.rowOffset(), forged, old.seal()));
      CsrResult r = call.apply(CsrTask.aggregate(CsrTask.Kind.ROWS, AggOp.SUM, m, ALL));
      assertTrue(String.valueOf(r.failure()).contains("fails its seal check"), r.failure());
      assertTrue(r.failure().contains("CSR row block 2 of matrix " + m.id()), r.failure());
      assertEquals(failures + 1, GuardCounters.of(member).sealFailures());
      // block 0, sealed where it belongs, copied to position 2
      map.set(m.key(2, 0), map.get(m.key(0, 0)));
      r = call.apply(CsrTask.aggregate(CsrTask.Kind.FULL, AggOp.MIN, m, ALL));
      assertTrue(String.valueOf(r.failure()).contains("fails its seal check"), r.failure());
    }
  }
}
