package daphnegrid.kernels.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import daphnegrid.kernels.KernelException;
import org.junit.jupiter.api.Test;

class FileFormatTest {

  @Test
  void csvByExtension() {
    assertEquals(FileFormat.CSV, FileFormat.of("data/grades.csv"));
    assertEquals(FileFormat.CSV, FileFormat.of("/abs/dir.x/file.tar.csv"));
  }

  @Test
  void otherExtensionsAreRejectedByName() {
    assertEquals("file extension not supported: 'txt'", message("out.txt"));
    assertEquals("file extension not supported: 'dbdf'", message("m.dbdf"));
    assertEquals("file extension not supported: 'CSV'", message("upper.CSV"));
    assertEquals("file extension not supported: ''", message("dir.csv/noext"));
    assertEquals("file extension not supported: ''", message("plain"));
  }

  private static String message(String name) {
    return assertThrows(KernelException.class, () -> FileFormat.of(name)).getMessage();
  }
}
