package daphnegrid.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaFileTest {
  @TempDir Path dir;

  private String data(String name, String metaJson) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(dir.resolve(name + ".meta"), metaJson);
    return p.toString();
  }

  /** The layout of the corpus's data/*.meta files. */
  @Test
  void corpusLayout() throws IOException {
    String f =
        data(
            "grades.csv",
            "{\n    \"numRows\": 3,\n    \"numCols\": 4,\n    \"valueType\": \"f64\"\n}\n");
    assertEquals(new MatrixMeta(3, 4, ValueType.F64), MetaFile.read(f));
  }

  @Test
  void anyLayoutAndKeyOrderUnknownKeysIgnored() throws IOException {
    String f =
        data(
            "c.csv",
            "{\"valueType\":\"si64\",\"numNonZeros\":-1,\"hdfs\":{\"x\":1},\"numCols\":3,\"numRows\":2}");
    assertEquals(new MatrixMeta(2, 3, ValueType.SI64), MetaFile.read(f));
  }

  @Test
  void everyValueTypeName() throws IOException {
    for (String vt :
        new String[] {"si8", "si32", "si64", "ui8", "ui32", "ui64", "f32", "f64", "str"}) {
      String f = data(vt + ".csv", "{\"numRows\":1,\"numCols\":1,\"valueType\":\"" + vt + "\"}");
      assertEquals(ValueType.fromDslName(vt), MetaFile.read(f).valueType());
    }
  }

  @Test
  void frameStyleSchemaGivesTheFirstColumnsType() throws IOException {
    String f =
        data(
            "frame.csv",
            "{\"numRows\":5,\"numCols\":2,\"schema\":[{\"label\":\"a\",\"valueType\":\"ui8\"},"
                + "{\"label\":\"b\",\"valueType\":\"f64\"}]}");
    assertEquals(new MatrixMeta(5, 2, ValueType.UI8), MetaFile.read(f));
    String g =
        data(
            "frame2.csv",
            "{\"numRows\":5,\"numCols\":1,\"valueType\":\"f32\",\"schema\":[{\"label\":\"\",\"valueType\":\"\"}]}");
    assertEquals(ValueType.F32, MetaFile.read(g).valueType());
    String h =
        data(
            "frame3.csv",
            "{\"numRows\":5,\"numCols\":1,\"schema\":[{\"label\":\"a\",\"valueType\":\"\"}]}");
    assertThrows(KernelException.class, () -> MetaFile.read(h));
  }

  @Test
  void missingFileHasDaphnesMessage() {
    String f = dir.resolve("does_not_exist.csv").toString();
    KernelException e = assertThrows(KernelException.class, () -> MetaFile.read(f));
    assertEquals("Could not open file '" + f + ".meta' for reading meta data.", e.getMessage());
  }

  @Test
  void badContents() throws IOException {
    assertError(data("a.csv", "{\"numRows\": 2, \"numCols\": "), "a.csv.meta");
    assertError(data("b.csv", "{\"numCols\":2,\"valueType\":\"f64\"}"), "numRows");
    assertError(data("c.csv", "{\"numRows\":2,\"valueType\":\"f64\"}"), "numCols");
    assertError(data("d.csv", "{\"numRows\":2,\"numCols\":2}"), "valueType");
    assertError(data("e.csv", "{\"numRows\":-2,\"numCols\":2,\"valueType\":\"f64\"}"), "numRows");
    assertError(
        data("f.csv", "{\"numRows\":\"2\",\"numCols\":2,\"valueType\":\"f64\"}"), "numRows");
    assertError(data("g.csv", "{\"numRows\":2,\"numCols\":2,\"valueType\":\"f16\"}"), "f16");
    assertError(data("h.csv", "[1, 2]"), "JSON object");
  }

  private static void assertError(String dataFile, String fragment) {
    KernelException e = assertThrows(KernelException.class, () -> MetaFile.read(dataFile));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void writesCompactAlphabeticalJson() throws IOException {
    String f = dir.resolve("out.csv").toString();
    MetaFile.write(f, 2, 4, ValueType.SI64);
    assertEquals(
        "{\"numCols\":4,\"numRows\":2,\"valueType\":\"si64\"}",
        Files.readString(Path.of(f + ".meta")));
    MetaFile.write(f, 1, 1, ValueType.SIZE);
    assertEquals(
        "{\"numCols\":1,\"numRows\":1,\"valueType\":\"ui64\"}",
        Files.readString(Path.of(f + ".meta")));
    assertEquals(new MatrixMeta(1, 1, ValueType.UI64), MetaFile.read(f));
  }
}
