package daphnegrid.kernels.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Row ranges of the sparse generator (what a grid member makes) against the rows of the whole
 * matrix, cut out cell by cell: same row counts, columns and values, bit for bit.
 */
class SparseRandRowsTest {

  /** Rows [r0, r1) of x as plain arrays: offsets rebased to 0, then columns, then values. */
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

  /** Every cut of rows into blocks of rpb rows, each block made alone and all blocks at once. */
  private static void checkBlocks(
      int rows, int cols, Scalar min, Scalar max, double sparsity, long seed, int rpb) {
    CsrMatrix whole = Generators.randCsr(rows, cols, min, max, sparsity, seed);
    List<long[]> blocks = new ArrayList<>();
    for (int r0 = 0; r0 < rows; r0 += rpb) {
      blocks.add(new long[] {r0, Math.min(rows, r0 + rpb)});
    }
    long[] starts = blocks.stream().mapToLong(b -> b[0]).toArray();
    long[] ends = blocks.stream().mapToLong(b -> b[1]).toArray();
    List<CsrMatrix> together =
        Generators.randCsrRows(rows, cols, min, max, sparsity, seed, starts, ends);
    assertEquals(blocks.size(), together.size());
    for (int i = 0; i < blocks.size(); i++) {
      int r0 = (int) starts[i];
      int r1 = (int) ends[i];
      CsrMatrix expected = rowsOf(whole, r0, r1);
      String at = rows + "x" + cols + " sparsity " + sparsity + " rows " + r0 + ".." + r1;
      assertTrue(expected.sameContents(together.get(i)), at + " (all blocks)");
      CsrMatrix alone =
          Generators.randCsrRows(
                  rows, cols, min, max, sparsity, seed, new long[] {r0}, new long[] {r1})
              .get(0);
      assertTrue(expected.sameContents(alone), at + " (alone)");
    }
    // every second block, as a member owning those does
    List<Integer> odd = new ArrayList<>();
    for (int i = 1; i < blocks.size(); i += 2) {
      odd.add(i);
    }
    List<CsrMatrix> some =
        Generators.randCsrRows(
            rows,
            cols,
            min,
            max,
            sparsity,
            seed,
            odd.stream().mapToLong(i -> starts[i]).toArray(),
            odd.stream().mapToLong(i -> ends[i]).toArray());
    for (int j = 0; j < odd.size(); j++) {
      int i = odd.get(j);
      assertTrue(rowsOf(whole, (int) starts[i], (int) ends[i]).sameContents(some.get(j)));
    }
  }

  @Test
  void blocksOfManyShapesAreTheWholeMatricesRows() {
    Scalar lo = Scalar.f64(0.0);
    Scalar hi = Scalar.f64(1.0);
    checkBlocks(1, 1, lo, hi, 1.0, 3, 1);
    checkBlocks(1, 1, lo, hi, 0.0, 3, 1);
    checkBlocks(1, 57, lo, hi, 0.3, 3, 1);
    checkBlocks(57, 1, lo, hi, 0.3, 3, 10);
    checkBlocks(103, 41, lo, hi, 0.05, 11, 10);
    checkBlocks(103, 41, lo, hi, 0.0, 11, 10);
    checkBlocks(103, 41, lo, hi, 1.0, 11, 10);
    checkBlocks(103, 41, lo, hi, 0.7, 11, 7); // the branch that removes cells from full rows
    checkBlocks(500, 300, lo, hi, 0.01, 42, 64);
  }

  @Test
  void blocksOfEveryValueTypeAreTheWholeMatricesRows() {
    checkBlocks(
        61, 23, Scalar.ofDouble(ValueType.F32, -1), Scalar.ofDouble(ValueType.F32, 2), 0.2, 5, 8);
    checkBlocks(61, 23, Scalar.si64(-5), Scalar.si64(9), 0.2, 5, 8);
    checkBlocks(
        61, 23, Scalar.ofLong(ValueType.SI32, 1), Scalar.ofLong(ValueType.SI32, 3), 0.6, 5, 9);
    checkBlocks(
        61, 23, Scalar.ofLong(ValueType.UI8, 1), Scalar.ofLong(ValueType.UI8, 200), 0.1, 5, 9);
  }

  @Test
  void emptyRangesAndNoRangesGiveEmptyBlocks() {
    List<CsrMatrix> none =
        Generators.randCsrRows(
            10, 10, Scalar.f64(0), Scalar.f64(1), 0.1, 1, new long[0], new long[0]);
    assertEquals(0, none.size());
    CsrMatrix empty =
        Generators.randCsrRows(
                10, 10, Scalar.f64(0), Scalar.f64(1), 0.1, 1, new long[] {4}, new long[] {4})
            .get(0);
    assertEquals(0, empty.rows());
    assertEquals(0, empty.nnz());
  }

  @Test
  void badRangesAndArgumentsAreRejectedAsTheWholeGeneratorRejectsThem() {
    Scalar lo = Scalar.f64(0);
    Scalar hi = Scalar.f64(1);
    assertThrows(
        IllegalArgumentException.class,
        () -> Generators.randCsrRows(10, 10, lo, hi, 0.1, 1, new long[] {5, 2}, new long[] {6, 3}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Generators.randCsrRows(10, 10, lo, hi, 0.1, 1, new long[] {0}, new long[] {11}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Generators.randCsrRows(10, 10, lo, hi, 0.1, -1, new long[] {0}, new long[] {1}));
    KernelException whole =
        assertThrows(KernelException.class, () -> Generators.randCsr(10, 10, lo, hi, 1.5, 1));
    KernelException rows =
        assertThrows(
            KernelException.class,
            () -> Generators.randCsrRows(10, 10, lo, hi, 1.5, 1, new long[] {0}, new long[] {1}));
    assertEquals(whole.getMessage(), rows.getMessage());
    KernelException count =
        assertThrows(KernelException.class, () -> Generators.randCsrNonZeros(10, 10, lo, hi, 1.5));
    assertEquals(whole.getMessage(), count.getMessage());
    assertEquals(25, Generators.randCsrNonZeros(10, 10, lo, hi, 0.25));
  }
}
