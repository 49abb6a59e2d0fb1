package daphnegrid.kernels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading some rows of a Matrix Market file (what one grid member keeps): the kept rows are those
 * of the whole file's matrix, every other row is empty, whatever the symmetry and the entry order.
 */
class MatrixMarketRowsTest {
  @TempDir Path dir;

  /** A 1,100 x 1,100 file with entries in column order (as most files list them). */
  private Path file(String symmetry, long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 1100;
    StringBuilder entries = new StringBuilder();
    int count = 0;
    for (int c = 1; c <= n; c++) {
      for (int k = 0; k < 3; k++) {
        int row = r.nextInt(1, n + 1);
        if (!symmetry.equals("general") && row <= c) {
          row = Math.min(n, c + 1 + r.nextInt(3));
          if (row == c) {
            continue;
          }
        }
        entries.append(row).append(' ').append(c).append(' ').append(r.nextInt(-50, 50) / 4.0);
        entries.append('\n');
        count++;
      }
    }
    String text =
        "%%MatrixMarket matrix coordinate real "
            + symmetry
            + "\n% generated\n"
            + n
            + " "
            + n
            + " "
            + count
            + "\n"
            + entries;
    return Files.writeString(dir.resolve(symmetry + seed + ".mtx"), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"general", "symmetric", "skew-symmetric"})
  void keptRowsAreTheWholeFilesRowsAndTheOthersAreEmpty(String symmetry) throws Exception {
    Path f = file(symmetry, 7);
    CsrMatrix whole = MatrixMarket.readCsr(f, ValueType.F64);
    IntPredicate keep = r -> (r / 1024) == 1 || r % 7 == 0;
    CsrMatrix part = MatrixMarket.readCsrRows(f, "shown.mtx", ValueType.F64, keep);
    assertEquals(whole.rows(), part.rows());
    assertEquals(whole.cols(), part.cols());
    long kept = 0;
    for (int r = 0; r < whole.rows(); r++) {
      if (!keep.test(r)) {
        assertEquals(0, part.nnz(r), "row " + r);
        continue;
      }
      assertEquals(whole.nnz(r), part.nnz(r), "row " + r);
      for (int k = 0; k < whole.nnz(r); k++) {
        int a = whole.rowOffsets()[r] + k;
        int b = part.rowOffsets()[r] + k;
        assertEquals(whole.colIdxs()[a], part.colIdxs()[b]);
        assertEquals(whole.getDouble(a), part.getDouble(b));
      }
      kept += whole.nnz(r);
    }
    assertTrue(kept > 0 && kept < whole.nnz(), kept + " of " + whole.nnz());
  }

  @Test
  void errorsNameTheFileAsShown() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("bad.mtx"),
            "%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n");
    KernelException e =
        assertThrows(
            KernelException.class,
            () -> MatrixMarket.readCsrRows(f, "data/bad.mtx", ValueType.F64, r -> r == 0));
    assertEquals(
        "malformed Matrix Market file 'data/bad.mtx' at line 3: row index 3 outside 1..2",
        e.getMessage());
  }
}
