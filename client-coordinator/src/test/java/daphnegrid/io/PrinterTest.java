package daphnegrid.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrinterTest {

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  @Test
  void specExample() {
    DenseMatrix m = DenseMatrix.ofLongs(ValueType.SI64, 2, 3, 1, 2, 3, 4, 5, 6);
    assertEquals(lines("DenseMatrix(2x3, int64_t)", "1 2 3", "4 5 6"), Printer.toText(m));
  }

  /** DAPHNE's test/api/cli/lists/lists_success_2: a header, then the matrices as they print. */
  @Test
  void listsPrintTheirHeaderThenTheirMatrices() throws IOException {
    StringBuilder sb = new StringBuilder();
    Printer.print(
        ValueType.F64,
        List.of(
            DenseMatrix.ofDoubles(1, 1, 1.0),
            DenseMatrix.ofDoubles(2, 1, 3.0, 2.0),
            DenseMatrix.ofDoubles(1, 2, -2.0, -5.0)),
        sb);
    assertEquals(
        lines(
            "List(3, DenseMatrix, double)",
            "DenseMatrix(1x1, double)",
            "1",
            "DenseMatrix(2x1, double)",
            "3",
            "2",
            "DenseMatrix(1x2, double)",
            "-2 -5"),
        sb.toString());
    sb.setLength(0);
    Printer.print(ValueType.SI64, List.of(), sb);
    assertEquals(lines("List(0, DenseMatrix, int64_t)"), sb.toString());
  }

  /** Corpus io/read_f64: the grades matrix and its derived results. */
  @Test
  void corpusFloatMatrices() {
    DenseMatrix g =
        DenseMatrix.ofDoubles(3, 4, 88.5, 92, 79.5, 95, 72, 68.5, 81, 77.5, 90, 85.5, 93.5, 89);
    assertEquals(
        lines("DenseMatrix(3x4, double)", "88.5 92 79.5 95", "72 68.5 81 77.5", "90 85.5 93.5 89"),
        Printer.toText(g));
    DenseMatrix means = DenseMatrix.ofDoubles(1, 4, 83.5, 82, 254.0 / 3, 261.5 / 3);
    assertEquals(
        lines("DenseMatrix(1x4, double)", "83.5 82 84.6667 87.1667"), Printer.toText(means));
  }

  @Test
  void specialFloats() {
    DenseMatrix m =
        DenseMatrix.ofDoubles(
            1, 6, 1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e-5);
    assertEquals(lines("DenseMatrix(1x6, double)", "1.5 nan inf -inf -0 1e-05"), Printer.toText(m));
    DenseMatrix f = DenseMatrix.wrap(ValueType.F32, 1, 2, new float[] {0.1f, 1e6f});
    assertEquals(lines("DenseMatrix(1x2, float)", "0.1 1e+06"), Printer.toText(f));
  }

  @Test
  void everyIntegerTypeAndBool() {
    assertEquals(
        lines("DenseMatrix(1x2, uint64_t)", "18446744073709551615 0"),
        Printer.toText(DenseMatrix.ofLongs(ValueType.UI64, 1, 2, -1, 0)));
    assertEquals(
        lines("DenseMatrix(1x1, uint64_t)", "18446744073709551615"),
        Printer.toText(DenseMatrix.ofLongs(ValueType.SIZE, 1, 1, -1)));
    assertEquals(
        lines("DenseMatrix(1x2, uint8_t)", "255 7"),
        Printer.toText(DenseMatrix.ofLongs(ValueType.UI8, 1, 2, 255, 7)));
    assertEquals(
        lines("DenseMatrix(1x2, int8_t)", "-42 127"),
        Printer.toText(DenseMatrix.ofLongs(ValueType.SI8, 1, 2, -42, 127)));
    assertEquals(
        lines("DenseMatrix(1x1, uint32_t)", "4294967295"),
        Printer.toText(DenseMatrix.ofLongs(ValueType.UI32, 1, 1, -1)));
    assertEquals(
        lines("DenseMatrix(1x1, int32_t)", "-2147483648"),
        Printer.toText(DenseMatrix.ofLongs(ValueType.SI32, 1, 1, Integer.MIN_VALUE)));
    assertEquals(
        lines("DenseMatrix(2x1, bool)", "1", "0"),
        Printer.toText(DenseMatrix.ofLongs(ValueType.BOOL, 2, 1, 1, 0)));
  }

  @Test
  void strings() {
    DenseMatrix m = DenseMatrix.allocate(ValueType.STR, 2, 2);
    String[] s = {"a b", "", "\"q\"", "ü"};
    System.arraycopy(s, 0, m.str(), 0, 4);
    String expected = lines("DenseMatrix(2x2, std::string)", "a b ", "\"q\" ü");
    assertEquals(expected, Printer.toText(m));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      Printer.print(m, bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(expected, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void emptyShapes() {
    assertEquals(
        lines("DenseMatrix(0x3, double)"),
        Printer.toText(DenseMatrix.allocate(ValueType.F64, 0, 3)));
    assertEquals(
        lines("DenseMatrix(0x0, int64_t)"),
        Printer.toText(DenseMatrix.allocate(ValueType.SI64, 0, 0)));
    assertEquals(
        lines("DenseMatrix(3x0, double)", "", "", ""),
        Printer.toText(DenseMatrix.allocate(ValueType.F64, 3, 0)));
    assertEquals(
        lines("DenseMatrix(2x0, std::string)", "", ""),
        Printer.toText(DenseMatrix.allocate(ValueType.STR, 2, 0)));
  }

  /** Chunked output (many 64 KiB chunks, also rows x 0) equals cell-by-cell formatting. */
  @Test
  void largeMatricesThroughEverySink() throws IOException {
    SplittableRandom rnd = new SplittableRandom(4);
    int rows = 3001;
    int cols = 17;
    double[] v = new double[rows * cols];
    StringBuilder expected = new StringBuilder("DenseMatrix(3001x17, double)\n");
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double x = Double.longBitsToDouble(rnd.nextLong());
        v[r * cols + c] = x;
        expected
            .append(c > 0 ? " " : "")
            .append(Printer.toText(DenseMatrix.ofDoubles(1, 1, x)).split("\n")[1]);
      }
      expected.append('\n');
    }
    DenseMatrix m = DenseMatrix.ofDoubles(rows, cols, v);
    assertEquals(expected.toString(), Printer.toText(m));
    StringWriter w = new StringWriter();
    Printer.print(m, w);
    assertEquals(expected.toString(), w.toString());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Printer.print(m, bytes);
    assertEquals(expected.toString(), bytes.toString(StandardCharsets.US_ASCII));
    String noCols = Printer.toText(DenseMatrix.allocate(ValueType.F64, 100_000, 0));
    assertEquals("DenseMatrix(100000x0, double)\n".length() + 100_000, noCols.length());
  }

  @Test
  void smallBuffersForSmallMatricesStillHoldLongCells() {
    DenseMatrix m = DenseMatrix.ofDoubles(1, 1, -1.23457e-308);
    assertEquals(lines("DenseMatrix(1x1, double)", "-1.23457e-308"), Printer.toText(m));
    DenseMatrix u = DenseMatrix.ofLongs(ValueType.UI64, 1, 3, -1, -1, -1);
    assertEquals(
        lines(
            "DenseMatrix(1x3, uint64_t)",
            "18446744073709551615 18446744073709551615 18446744073709551615"),
        Printer.toText(u));
  }

  @Test
  void scalarsAndNewlineFlag() throws IOException {
    StringBuilder sb = new StringBuilder();
    Printer.print(Scalar.f64(0.1234), true, sb);
    Printer.print(Scalar.f64(-0.0), true, sb);
    Printer.print(Scalar.f64(10e12), false, sb);
    Printer.print(Scalar.str(" x"), true, sb);
    Printer.print(Scalar.bool(true), true, sb);
    Printer.print(Scalar.ofLong(ValueType.UI64, -1), true, sb);
    assertEquals(lines("0.1234", "-0", "1e+13 x", "1", "18446744073709551615"), sb.toString());
  }

  @Test
  void typeOfNames() {
    assertEquals("int8_t", Printer.typeOf(Scalar.ofLong(ValueType.SI8, 1)));
    assertEquals("uint64_t", Printer.typeOf(Scalar.size(3)));
    assertEquals("double", Printer.typeOf(Scalar.f64(1)));
    assertEquals("float", Printer.typeOf(Scalar.ofDouble(ValueType.F32, 1)));
    assertEquals("bool", Printer.typeOf(Scalar.TRUE));
    assertEquals("const char*", Printer.typeOf(Scalar.str("s")));
    assertEquals(
        "DenseMatrix(1x1, int8_t)", Printer.typeOf(DenseMatrix.ofLongs(ValueType.SI8, 1, 1, 5)));
    assertEquals(
        "DenseMatrix(2x3, std::string)", Printer.typeOf(DenseMatrix.allocate(ValueType.STR, 2, 3)));
  }
}
