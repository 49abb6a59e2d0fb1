package daphnegrid.kernels.sparse;

import static daphnegrid.kernels.sparse.SparseTestData.assertSame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.Aggregation;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Elementwise;
import daphnegrid.kernels.Indexing.Range;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.MatMul;
import daphnegrid.kernels.Reorg;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CSR kernel and its plain twin against the dense kernels, over the shapes of {@link
 * SparseTestData#shapes} and the value types f64, f32 and si64.
 */
class CsrKernelsTest {
  private static final ForkJoinPool POOL = new ForkJoinPool(3);

  @AfterAll
  static void shutdown() {
    POOL.shutdown();
  }

  static Stream<Arguments> cases() {
    List<double[]> shapes = SparseTestData.shapes();
    return Stream.of(ValueType.F64, ValueType.F32, ValueType.SI64, ValueType.UI32)
        .flatMap(t -> shapes.stream().map(s -> Arguments.of(t, (int) s[0], (int) s[1], s[2])));
  }

  private static DenseMatrix dense(ValueType t, int rows, int cols, double p, long seed) {
    return SparseTestData.dense(t, rows, cols, p, seed + rows * 31L + cols);
  }

  @ParameterizedTest(name = "{0} {1}x{2} density {3}")
  @MethodSource("cases")
  void conversionsRoundTrip(ValueType t, int rows, int cols, double p) {
    DenseMatrix d = dense(t, rows, cols, p, 1);
    CsrMatrix x = CsrConvert.fromDense(d);
    assertTrue(x.sameContents(CsrPlain.fromDense(d)), "fromDense vs plain");
    assertSame(d, CsrConvert.toDense(x), "toDense");
    assertSame(d, CsrPlain.toDense(x), "plain toDense");
    assertEquals(x.header().replace("CSRMatrix", "DenseMatrix"), d.header());
    int nnz = 0;
    for (int i = 0; i < d.size(); i++) {
      nnz += d.getDouble(i) != 0 ? 1 : 0;
    }
    assertEquals(nnz, x.nnz());
  }

  @ParameterizedTest(name = "{0} {1}x{2} density {3}")
  @MethodSource("cases")
  void elementwiseKeepingZeros(ValueType t, int rows, int cols, double p) {
    DenseMatrix d = dense(t, rows, cols, p, 2);
    DenseMatrix e = dense(t, rows, cols, p, 3);
    CsrMatrix x = CsrConvert.fromDense(d);
    CsrMatrix y = CsrConvert.fromDense(e);
    Scalar two = Scalar.ofLong(t, 2);
    assertTrue(CsrElementwise.keepsZeros(BinaryOp.MUL, t, two));
    assertSame(
        Elementwise.binaryScalar(BinaryOp.MUL, d, two),
        CsrElementwise.binaryScalar(BinaryOp.MUL, x, two),
        "X*2");
    assertSame(
        Elementwise.binaryScalar(BinaryOp.MUL, d, two),
        CsrPlain.binaryScalar(BinaryOp.MUL, x, two),
        "plain X*2");
    for (UnaryOp op : new UnaryOp[] {UnaryOp.ABS, UnaryOp.SQRT, UnaryOp.MINUS, UnaryOp.SIGN}) {
      if (!CsrElementwise.keepsZeros(op, t)) {
        continue;
      }
      // sqrt of a negative is a domain error: it gets the absolute values
      DenseMatrix in = op == UnaryOp.SQRT ? Elementwise.unary(UnaryOp.ABS, d) : d;
      CsrMatrix xin = CsrConvert.fromDense(in);
      DenseMatrix want = Elementwise.unary(op, daphnegrid.kernels.Casts.cast(in, op.resultType(t)));
      assertSame(want, CsrElementwise.unary(op, xin), op.functionName());
      assertSame(want, CsrConvert.toDense(CsrPlain.unary(op, xin)), "plain " + op.functionName());
    }
    for (BinaryOp op : new BinaryOp[] {BinaryOp.MUL, BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MAX}) {
      if (!CsrElementwise.keepsZeros(op, t)) {
        continue;
      }
      DenseMatrix want = Elementwise.binary(op, d, e);
      assertSame(want, CsrElementwise.binary(op, x, y), "X " + op.symbol() + " Y");
      assertSame(want, CsrPlain.binary(op, x, y), "plain X " + op.symbol() + " Y");
    }
    assertSame(
        Elementwise.binary(BinaryOp.MUL, d, e),
        CsrElementwise.binaryDense(BinaryOp.MUL, x, e),
        "X * dense");
    assertSame(
        Elementwise.binary(BinaryOp.MUL, d, e),
        CsrPlain.binary(BinaryOp.MUL, x, e),
        "plain X * dense");
    if (rows > 0 && cols > 0) {
      DenseMatrix row = dense(t, 1, cols, 1.0, 4);
      DenseMatrix col = dense(t, rows, 1, 1.0, 5);
      assertSame(
          Elementwise.binary(BinaryOp.MUL, d, row),
          CsrElementwise.binaryDense(BinaryOp.MUL, x, row),
          "X * row");
      assertSame(
          Elementwise.binary(BinaryOp.MUL, d, col),
          CsrElementwise.binaryDense(BinaryOp.MUL, x, col),
          "X * col");
      assertSame(
          Elementwise.binary(BinaryOp.MUL, d, col),
          CsrPlain.binary(BinaryOp.MUL, x, col),
          "plain X * col");
    }
  }

  @ParameterizedTest(name = "{0} {1}x{2} density {3}")
  @MethodSource("cases")
  void elementwiseDensifying(ValueType t, int rows, int cols, double p) {
    DenseMatrix d = dense(t, rows, cols, p, 6);
    CsrMatrix x = CsrConvert.fromDense(d);
    Scalar three = Scalar.ofLong(t, 3);
    assertFalse(CsrElementwise.keepsZeros(BinaryOp.ADD, t, three));
    DenseMatrix want = Elementwise.binaryScalar(BinaryOp.ADD, d, three);
    assertSame(want, CsrElementwise.binaryScalarDense(BinaryOp.ADD, x, three), "X+3");
    assertSame(want, CsrPlain.binaryScalar(BinaryOp.ADD, x, three), "plain X+3");
    assertThrows(
        IllegalArgumentException.class, () -> CsrElementwise.binaryScalar(BinaryOp.ADD, x, three));
    if (t.isFloat()) {
      DenseMatrix exp = Elementwise.unary(UnaryOp.EXP, d);
      assertSame(exp, CsrElementwise.unaryDense(UnaryOp.EXP, x), "exp");
    }
  }

  @ParameterizedTest(name = "{0} {1}x{2} density {3}")
  @MethodSource("cases")
  void aggregations(ValueType t, int rows, int cols, double p) {
    DenseMatrix d = dense(t, rows, cols, p, 7);
    CsrMatrix x = CsrConvert.fromDense(d);
    for (AggOp op : new AggOp[] {AggOp.SUM, AggOp.MIN, AggOp.MAX, AggOp.MEAN}) {
      if (rows > 0 && cols > 0) {
        Scalar want = Aggregation.full(op, d);
        assertEquals(want, CsrAggregation.full(op, x), op.functionName());
        assertEquals(want, CsrPlain.full(op, x), "plain " + op.functionName());
        assertSame(Aggregation.rows(op, d), CsrAggregation.rows(op, x), "row " + op.functionName());
        assertSame(Aggregation.rows(op, d), CsrPlain.rows(op, x), "plain row " + op.functionName());
        assertSame(Aggregation.cols(op, d), CsrAggregation.cols(op, x), "col " + op.functionName());
        assertSame(Aggregation.cols(op, d), CsrPlain.cols(op, x), "plain col " + op.functionName());
      } else if (op == AggOp.SUM) {
        assertEquals(Aggregation.full(op, d), CsrAggregation.full(op, x), "empty sum");
        assertSame(Aggregation.rows(op, d), CsrAggregation.rows(op, x), "empty row sums");
        assertSame(Aggregation.cols(op, d), CsrAggregation.cols(op, x), "empty col sums");
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}x{2} density {3}")
  @MethodSource("cases")
  void transposeAndProducts(ValueType t, int rows, int cols, double p) {
    DenseMatrix d = dense(t, rows, cols, p, 8);
    CsrMatrix x = CsrConvert.fromDense(d);
    DenseMatrix dt = Reorg.transpose(d);
    CsrMatrix xt = CsrMatMul.transpose(x);
    assertSame(dt, xt, "t(X)");
    assertTrue(xt.sameContents(CsrPlain.transpose(x)), "t(X) vs plain");
    DenseMatrix right = dense(t, cols, 5, 0.8, 9);
    DenseMatrix left = dense(t, 3, rows, 0.8, 10);
    DenseMatrix xr = MatMul.multiply(d, right);
    assertSame(xr, CsrMatMul.csrDense(x, right, null), "X @ D");
    assertSame(xr, CsrMatMul.csrDense(x, right, POOL), "X @ D parallel");
    assertSame(xr, CsrPlain.multiply(x, right), "plain X @ D");
    DenseMatrix lx = MatMul.multiply(left, d);
    assertSame(lx, CsrMatMul.denseCsr(left, x, null), "D @ X");
    assertSame(lx, CsrMatMul.denseCsr(left, x, POOL), "D @ X parallel");
    assertSame(lx, CsrPlain.multiply(left, x), "plain D @ X");
    DenseMatrix e = dense(t, cols, 11, p, 11);
    CsrMatrix y = CsrConvert.fromDense(e);
    DenseMatrix xy = MatMul.multiply(d, e);
    assertSame(xy, CsrMatMul.csrCsr(x, y, null), "X @ Y");
    assertSame(xy, CsrMatMul.csrCsr(x, y, POOL), "X @ Y parallel");
    assertSame(xy, CsrPlain.multiply(x, y), "plain X @ Y");
    DenseMatrix gram = MatMul.multiply(dt, d);
    assertSame(gram, CsrMatMul.gram(x, POOL), "t(X) @ X");
    assertSame(gram, CsrPlain.multiply(xt, x), "plain t(X) @ X");
  }

  @ParameterizedTest(name = "{0} {1}x{2} density {3}")
  @MethodSource("cases")
  void indexingAndBinding(ValueType t, int rows, int cols, double p) {
    DenseMatrix d = dense(t, rows, cols, p, 12);
    CsrMatrix x = CsrConvert.fromDense(d);
    Range r = new Range(rows / 3, rows - rows / 4);
    Range c = new Range(cols / 4, cols - cols / 3);
    DenseMatrix want = daphnegrid.kernels.Indexing.slice(d, r, c);
    assertSame(want, CsrReorg.slice(x, r, c), "slice");
    assertTrue(CsrReorg.slice(x, r, c).sameContents(CsrPlain.slice(x, r, c)), "slice vs plain");
    assertSame(
        daphnegrid.kernels.Indexing.slice(d, r, new Range(0, cols)),
        CsrReorg.slice(x, r, new Range(0, cols)),
        "row range");
    DenseMatrix e = dense(t, rows, 4, p, 13);
    CsrMatrix y = CsrConvert.fromDense(e);
    assertSame(Reorg.cbind(d, e), CsrReorg.cbind(x, y), "cbind");
    assertTrue(CsrReorg.cbind(x, y).sameContents(CsrPlain.cbind(x, y)), "cbind vs plain");
    DenseMatrix f = dense(t, 6, cols, p, 14);
    CsrMatrix z = CsrConvert.fromDense(f);
    assertSame(Reorg.rbind(d, f), CsrReorg.rbind(x, z), "rbind");
    assertTrue(CsrReorg.rbind(x, z).sameContents(CsrPlain.rbind(x, z)), "rbind vs plain");
  }

  @ParameterizedTest(name = "{0} {1}x{1} density {3}")
  @MethodSource("cases")
  void triangles(ValueType t, int rows, int cols, double p) {
    DenseMatrix d = dense(t, rows, rows, p, 15);
    CsrMatrix x = CsrConvert.fromDense(d);
    for (boolean lower : new boolean[] {false, true}) {
      for (boolean diag : new boolean[] {false, true}) {
        for (boolean values : new boolean[] {false, true}) {
          String what = (lower ? "lowerTri" : "upperTri") + " diag " + diag + " values " + values;
          CsrMatrix got = CsrReorg.triangle(x, lower, diag, values);
          assertSame(Reorg.triangle(d, lower, diag, values), got, what);
          assertTrue(got.sameContents(CsrPlain.triangle(x, lower, diag, values)), what + " plain");
        }
      }
    }
  }

  @Test
  void knownAnswer() {
    // [[0, 2, 0], [0, 0, 0], [-1, 0, 3]]
    CsrMatrix x =
        CsrMatrix.wrap(
            ValueType.F64,
            3,
            3,
            new int[] {0, 1, 1, 3},
            new int[] {1, 0, 2},
            new double[] {2, -1, 3});
    assertEquals("CSRMatrix(3x3, double)", x.header());
    assertEquals(Scalar.f64(4), CsrAggregation.full(AggOp.SUM, x));
    assertEquals(Scalar.f64(-1), CsrAggregation.full(AggOp.MIN, x));
    assertEquals(Scalar.f64(4.0 / 9), CsrAggregation.full(AggOp.MEAN, x));
    assertSame(DenseMatrix.ofDoubles(3, 1, 0, 0, -1), CsrAggregation.rows(AggOp.MIN, x), "row min");
    assertSame(DenseMatrix.ofDoubles(1, 3, 0, 2, 3), CsrAggregation.cols(AggOp.MAX, x), "col max");
    assertSame(
        DenseMatrix.ofDoubles(3, 3, 0, 0, -1, 2, 0, 0, 0, 0, 3), CsrMatMul.transpose(x), "t");
    // all-negative row with an implicit zero: max is 0
    assertEquals(Scalar.f64(3), CsrAggregation.full(AggOp.MAX, x));
  }

  @Test
  void triangleKnownAnswer() {
    // [[5, 0, 2], [1, 0, 0], [0, 7, 0]] with an explicitly stored zero at (1, 2)
    CsrMatrix x =
        CsrMatrix.wrap(
            ValueType.F64,
            3,
            3,
            new int[] {0, 2, 4, 5},
            new int[] {0, 2, 0, 2, 1},
            new double[] {5, 2, 1, 0, 7});
    assertSame(
        DenseMatrix.ofDoubles(3, 3, 5, 0, 2, 0, 0, 0, 0, 0, 0),
        CsrReorg.triangle(x, false, true, true),
        "upper with diagonal");
    assertSame(
        DenseMatrix.ofDoubles(3, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0),
        CsrReorg.triangle(x, true, false, false),
        "lower pattern");
    assertEquals(2, CsrReorg.triangle(x, false, true, true).nnz());
    KernelException e =
        assertThrows(
            KernelException.class,
            () -> CsrReorg.triangle(CsrMatrix.zeros(ValueType.F64, 2, 3), true, true, true));
    assertTrue(e.getMessage().contains("2x3"), e.getMessage());
  }

  @Test
  void shapeErrorsNameBothShapes() {
    CsrMatrix x = CsrMatrix.zeros(ValueType.F64, 2, 3);
    KernelException e =
        assertThrows(
            KernelException.class,
            () -> CsrMatMul.csrDense(x, DenseMatrix.allocate(ValueType.F64, 2, 2), null));
    assertTrue(e.getMessage().contains("2x3 vs 2x2"), e.getMessage());
    assertThrows(
        KernelException.class, () -> CsrReorg.cbind(x, CsrMatrix.zeros(ValueType.F64, 3, 3)));
    assertThrows(
        KernelException.class,
        () -> CsrElementwise.binary(BinaryOp.MUL, x, CsrMatrix.zeros(ValueType.F64, 3, 2)));
  }
}
