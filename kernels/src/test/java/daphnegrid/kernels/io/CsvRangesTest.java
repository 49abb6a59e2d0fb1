package daphnegrid.kernels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CsvReader#readRanges}: several record ranges in one pass, as readRows gives each. */
class CsvRangesTest {
  @TempDir Path dir;

  @Test
  void rangesEqualTheirReadRows() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < 100; r++) {
      b.append(r).append(',').append(r * 0.5).append(",\"s").append(r).append("\"\n");
    }
    Path f = Files.writeString(dir.resolve("m.csv"), b.toString());
    long[] starts = {0, 10, 57, 99};
    long[] ends = {3, 10, 80, 100};
    for (ValueType t : new ValueType[] {ValueType.F64, ValueType.SI32, ValueType.STR}) {
      int cols = t == ValueType.STR ? 3 : 2;
      List<DenseMatrix> parts = CsvReader.readRanges(f, cols, t, starts, ends);
      for (int i = 0; i < starts.length; i++) {
        DenseMatrix one = CsvReader.readRows(f, cols, t, starts[i], ends[i]);
        assertTrue(one.sameContents(parts.get(i)), t + " range " + i);
      }
    }
  }

  @Test
  void tooFewRecordsIsAKernelError() throws Exception {
    Path f = Files.writeString(dir.resolve("s.csv"), "1,2\n3,4\n");
    assertThrows(
        KernelException.class,
        () -> CsvReader.readRanges(f, 2, ValueType.F64, new long[] {1}, new long[] {3}));
    assertEquals(
        1, CsvReader.readRanges(f, 2, ValueType.F64, new long[] {1}, new long[] {2}).get(0).rows());
  }
}
