package daphnegrid.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import org.junit.jupiter.api.Test;

class SparseSelectionTest {
  @Test
  void csrOnlyWithTheOptionAndAKnownDensityBelowTheThreshold() {
    SparseSelection on = new SparseSelection(true, 0.25);
    assertTrue(on.choosesCsr(0.0));
    assertTrue(on.choosesCsr(0.2499));
    assertFalse(on.choosesCsr(0.25));
    assertFalse(on.choosesCsr(-1), "unknown density");
    assertFalse(SparseSelection.OFF.choosesCsr(0.0));
    assertFalse(new SparseSelection(true, 0.05).choosesCsr(0.1));
  }

  @Test
  void literalsAreCsrByTheirDensityAndPrintTheirHeader() {
    SparseOps ops = new SparseOps(new SparseSelection(true, 0.25), 1);
    MatrixValue zeros = ops.literal(DenseMatrix.allocate(ValueType.SI64, 4, 1));
    assertTrue(zeros.isCsr());
    assertEquals("CSRMatrix(4x1, int64_t)", zeros.typeName());
    assertEquals(0.0, zeros.knownDensity());
    MatrixValue ones = ops.literal(DenseMatrix.ofDoubles(1, 2, 1, 0));
    assertFalse(ones.isCsr());
    assertEquals("DenseMatrix(1x2, double)", ones.typeName());
    assertEquals(0.5, ones.knownDensity());
    MatrixValue off =
        new SparseOps(SparseSelection.OFF, 1).literal(DenseMatrix.allocate(ValueType.F64, 2, 2));
    assertFalse(off.isCsr());
    assertEquals(DenseMatrix.allocate(ValueType.F64, 2, 2).header(), off.typeName());
  }
}
