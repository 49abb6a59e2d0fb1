package daphnegrid.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The io/ cases of the conformance corpus, at the level of files. */
class MatrixFilesTest {
  @TempDir Path dir;

  private String file(String name, String csv, String meta) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, csv);
    Files.writeString(dir.resolve(name + ".meta"), meta);
    return p.toString();
  }

  @Test
  void corpusReadSi64() throws IOException {
    String f =
        file(
            "counts.csv",
            "3,-1,4\n10,0,-7\n",
            "{\n    \"numRows\": 2,\n    \"numCols\": 3,\n    \"valueType\": \"si64\"\n}\n");
    assertEquals(
        "DenseMatrix(2x3, int64_t)\n3 -1 4\n10 0 -7\n", Printer.toText(MatrixFiles.read(f)));
  }

  @Test
  void corpusReadSpecialValues() throws IOException {
    String f =
        file(
            "special.csv",
            "1.5,nan,inf,-inf\n",
            "{\"numRows\": 1, \"numCols\": 4, \"valueType\": \"f64\"}");
    assertEquals(
        "DenseMatrix(1x4, double)\n1.5 nan inf -inf\n", Printer.toText(MatrixFiles.read(f)));
    String e =
        file(
            "sci.csv",
            "1e-3,2.5E2\n-0.125,3\n",
            "{\"numRows\": 2, \"numCols\": 2, \"valueType\": \"f64\"}");
    assertEquals(
        "DenseMatrix(2x2, double)\n0.001 250\n-0.125 3\n", Printer.toText(MatrixFiles.read(e)));
  }

  @Test
  void corpusWriteSi64ThenReadBack() throws IOException {
    String f = dir.resolve("counts_t.csv").toString();
    DenseMatrix m = DenseMatrix.ofLongs(ValueType.SI64, 3, 2, 4, 11, 0, 1, 5, -6);
    MatrixFiles.write(m, f);
    assertEquals("4,11\n0,1\n5,-6\n", Files.readString(Path.of(f)));
    assertEquals(
        "{\"numCols\":2,\"numRows\":3,\"valueType\":\"si64\"}",
        Files.readString(Path.of(f + ".meta")));
    assertEquals(Printer.toText(m), Printer.toText(MatrixFiles.read(f)));
  }

  @Test
  void corpusWriteF64() throws IOException {
    String f = dir.resolve("result.csv").toString();
    MatrixFiles.write(DenseMatrix.ofDoubles(2, 2, 1.25, -2.5, 3.75, 100.125), f);
    assertEquals("1.250000,-2.500000\n3.750000,100.125000\n", Files.readString(Path.of(f)));
    assertEquals(new MatrixMeta(2, 2, ValueType.F64), MetaFile.read(f));
  }

  /** Corpus errors/write_unknown_extension and errors/read_missing_file. */
  @Test
  void corpusErrors() {
    String txt = dir.resolve("out.txt").toString();
    KernelException e =
        assertThrows(
            KernelException.class, () -> MatrixFiles.write(DenseMatrix.ofDoubles(1, 2, 1, 2), txt));
    assertEquals("file extension not supported: 'txt'", e.getMessage());
    assertFalse(Files.exists(Path.of(txt)));
    String missing = dir.resolve("does_not_exist.csv").toString();
    KernelException m = assertThrows(KernelException.class, () -> MatrixFiles.read(missing));
    assertEquals(
        "Could not open file '" + missing + ".meta' for reading meta data.", m.getMessage());
  }
}
