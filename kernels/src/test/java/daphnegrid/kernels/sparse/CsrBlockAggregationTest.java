package daphnegrid.kernels.sparse;

import static daphnegrid.kernels.sparse.SparseTestData.assertSame;
import static daphnegrid.kernels.sparse.SparseTestData.dense;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.RowBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Full and column aggregations of CSR matrices of several row blocks: folded per block and combined
 * in block order (what the grid does with one partial per member block), checked against the plain
 * reference on values exact in any order, and against a fold in block order for values that are
 * not.
 */
class CsrBlockAggregationTest {
  private static final AggOp[] OPS = {AggOp.SUM, AggOp.MIN, AggOp.MAX, AggOp.MEAN};

  static Stream<Arguments> cases() {
    // 1 block, 1 block + 1 row, 3 blocks with a short last one
    int[] rows = {1024, 1025, 3 * 1024 - 13};
    List<Arguments> out = new ArrayList<>();
    for (ValueType t : new ValueType[] {ValueType.F64, ValueType.F32, ValueType.SI64}) {
      for (int r : rows) {
        for (double p : new double[] {0.0, 0.01, 0.3}) {
          out.add(Arguments.of(t, r, 13, p));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}x{2} density {3}")
  @MethodSource("cases")
  void blockOrderedFoldsMatchThePlainReference(ValueType t, int rows, int cols, double p) {
    CsrMatrix x = CsrConvert.fromDense(dense(t, rows, cols, p, 11));
    for (AggOp op : OPS) {
      assertEquals(CsrPlain.full(op, x), CsrAggregation.full(op, x), op.functionName());
      assertSame(CsrPlain.cols(op, x), CsrAggregation.cols(op, x), "col " + op.functionName());
      assertSame(CsrPlain.rows(op, x), CsrAggregation.rows(op, x), "row " + op.functionName());
    }
  }

  @Test
  void sumsAreCombinedInBlockOrder() {
    // values with rounding: the result is defined as per-block folds added in block order
    int rows = 3 * 1024 + 5;
    SplittableRandom r = new SplittableRandom(3);
    DenseMatrix d = DenseMatrix.allocate(ValueType.F64, rows, 3);
    for (int i = 0; i < d.size(); i++) {
      d.f64()[i] = r.nextInt(10) == 0 ? r.nextDouble() * 1e3 : 0.0;
    }
    CsrMatrix x = CsrConvert.fromDense(d);
    double want = 0;
    double[] colWant = new double[3];
    for (int b = 0; b < RowBlocks.count(rows); b++) {
      int r0 = (int) RowBlocks.start(rows, b);
      int r1 = (int) RowBlocks.end(rows, b);
      CsrMatrix block =
          CsrReorg.slice(
              x,
              new daphnegrid.kernels.Indexing.Range(r0, r1),
              new daphnegrid.kernels.Indexing.Range(0, 3));
      double s = CsrAggregation.full(AggOp.SUM, block).doubleValue();
      want = b == 0 ? s : want + s;
      DenseMatrix cs = CsrAggregation.cols(AggOp.SUM, block);
      for (int c = 0; c < 3; c++) {
        colWant[c] = b == 0 ? cs.f64()[c] : colWant[c] + cs.f64()[c];
      }
    }
    assertEquals(Scalar.f64(want), CsrAggregation.full(AggOp.SUM, x));
    assertSame(DenseMatrix.ofDoubles(1, 3, colWant), CsrAggregation.cols(AggOp.SUM, x), "cols");
  }

  @Test
  void anEmptyBlockHasNoMinMaxPartial() {
    CsrMatrix x = CsrMatrix.zeros(ValueType.F64, 2048, 4);
    assertNull(CsrAggregation.fullPartial(AggOp.MIN, x, 0, 1024));
    assertEquals(Scalar.f64(0), CsrAggregation.full(AggOp.MAX, x));
    assertEquals(Scalar.f64(0), CsrAggregation.fullPartial(AggOp.SUM, x, 0, 1024));
  }
}
