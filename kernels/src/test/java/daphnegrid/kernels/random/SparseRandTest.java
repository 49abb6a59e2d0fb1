package daphnegrid.kernels.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrAggregation;
import daphnegrid.kernels.sparse.CsrElementwise;
import daphnegrid.kernels.sparse.CsrMatrix;
import org.junit.jupiter.api.Test;

/** DAPHNE's sparse generator against the C++ standard and DAPHNE's own test outputs. */
class SparseRandTest {

  @Test
  void minstd0MatchesTheStandardsCheckValue() {
    // [rand.predef]: the 10000th consecutive invocation of a default-constructed minstd_rand0
    // (seed 1) produces 1043618065
    Minstd0 g = new Minstd0(1);
    long x = 0;
    for (int i = 0; i < 10000; i++) {
      x = g.next();
    }
    assertEquals(1043618065L, x);
  }

  @Test
  void seedIsReducedModuloTheModulusAndZeroBecomesOne() {
    assertEquals(new Minstd0(1).next(), new Minstd0(2147483647L).next());
    assertEquals(16807, new Minstd0(0).next());
    // a negative seed is read as unsigned 64-bit before the reduction
    assertEquals(
        new Minstd0(Long.remainderUnsigned(-2L, 2147483647L)).next(), new Minstd0(-2L).next());
  }

  @Test
  void integerDrawsUseTwoDivisions() {
    Minstd0 a = new Minstd0(5);
    Minstd0 b = new Minstd0(5);
    for (int i = 0; i < 1000; i++) {
      long v = a.uniformInt(0, 9);
      long x;
      do {
        x = b.next() - 1;
      } while (x >= 10 * (2147483645L / 10));
      assertEquals(x / (2147483645L / 10), v);
    }
  }

  /** DAPHNE test vectorized/runColAggSparse: print(sum(sum(X, 1))) prints 50078.2. */
  @Test
  void columnSumsOfDaphnesColAggCase() {
    CsrMatrix x = Generators.randCsr(10000, 1000, Scalar.f64(0.0), Scalar.f64(1.0), 0.01, 7);
    assertEquals(100000, x.nnz());
    double total = 0;
    var colSums = CsrAggregation.cols(AggOp.SUM, x);
    for (int c = 0; c < 1000; c++) {
      total += colSums.getDouble(c);
    }
    assertEquals(50078.2, total, 0.05);
  }

  /** DAPHNE test vectorized/runEwBinarySparse: sum(X + Y) 400103, sum(X * Y) 83385.5. */
  @Test
  void sameSeedSamePatternAsInDaphnesEwBinaryCase() {
    CsrMatrix x = Generators.randCsr(10000, 1000, Scalar.f64(0.5), Scalar.f64(1.0), 0.04, 7);
    CsrMatrix y = Generators.randCsr(10000, 1000, Scalar.f64(0.0), Scalar.f64(0.5), 0.04, 7);
    assertEquals(
        400103,
        CsrAggregation.full(AggOp.SUM, CsrElementwise.binary(BinaryOp.ADD, x, y)).asDouble(),
        0.5);
    assertEquals(
        83385.5,
        CsrAggregation.full(AggOp.SUM, CsrElementwise.binary(BinaryOp.MUL, x, y)).asDouble(),
        0.05);
  }

  @Test
  void structureAndRanges() {
    for (double sparsity : new double[] {0.0, 0.05, 0.3, 0.5, 0.7, 1.0}) {
      for (ValueType t :
          new ValueType[] {ValueType.F64, ValueType.F32, ValueType.SI64, ValueType.UI8}) {
        Scalar lo = t.isFloat() ? Scalar.ofDouble(t, 1.5) : Scalar.ofLong(t, 3);
        Scalar hi = t.isFloat() ? Scalar.ofDouble(t, 2.5) : Scalar.ofLong(t, 7);
        CsrMatrix x = Generators.randCsr(37, 23, lo, hi, sparsity, 42);
        assertEquals(Math.round(37 * 23 * sparsity), x.nnz(), t + " " + sparsity);
        for (int r = 0; r < 37; r++) {
          for (int k = x.rowOffsets()[r] + 1; k < x.rowOffsets()[r + 1]; k++) {
            assertTrue(x.colIdxs()[k - 1] < x.colIdxs()[k]);
          }
        }
        for (int k = 0; k < x.nnz(); k++) {
          double v = x.getDouble(k);
          assertTrue(v >= lo.asDouble() && v <= hi.asDouble(), t + ": " + v);
        }
        assertTrue(x.sameContents(Generators.randCsr(37, 23, lo, hi, sparsity, 42)), "seeded");
      }
    }
  }

  @Test
  void typeOfSparseCasesAreEmptyOneByOne() {
    CsrMatrix x = Generators.randCsr(1, 1, Scalar.si64(0), Scalar.si64(1), 0.0, 1);
    assertEquals("CSRMatrix(1x1, int64_t)", x.header());
    assertEquals(0, x.nnz());
  }

  @Test
  void argumentErrorsAreTheDenseOnes() {
    assertThrows(
        KernelException.class,
        () -> Generators.randCsr(0, 3, Scalar.f64(0), Scalar.f64(1), 0.1, 1));
    assertThrows(
        KernelException.class,
        () -> Generators.randCsr(3, 3, Scalar.f64(2), Scalar.f64(1), 0.1, 1));
    assertThrows(
        KernelException.class,
        () -> Generators.randCsr(3, 3, Scalar.f64(0), Scalar.f64(1), 1.5, 1));
  }
}
