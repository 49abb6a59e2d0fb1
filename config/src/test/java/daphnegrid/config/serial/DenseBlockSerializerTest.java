package daphnegrid.config.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class DenseBlockSerializerTest {
  private final DenseBlockSerializer serializer = new DenseBlockSerializer();

  /** Seeded random cells of every kind, including the awkward values of each type. */
  static DenseMatrix random(ValueType type, int rows, int cols, long seed) {
    Random r = new Random(seed);
    DenseMatrix m = DenseMatrix.allocate(type, rows, cols);
    int n = m.size();
    for (int i = 0; i < n; i++) {
      switch (type.storage()) {
        case DOUBLE -> m.f64()[i] = i % 7 == 3 ? Double.NaN : r.nextGaussian() * 1e6;
        case FLOAT -> m.f32()[i] = i % 7 == 3 ? Float.NEGATIVE_INFINITY : (float) r.nextGaussian();
        case LONG -> m.i64()[i] = i % 5 == 1 ? Long.MIN_VALUE : r.nextLong();
        case INT -> m.i32()[i] = r.nextInt();
        case BYTE -> m.i8()[i] = type == ValueType.BOOL ? (byte) r.nextInt(2) : (byte) r.nextInt();
        case STRING ->
            m.str()[i] = i % 4 == 0 ? "" : "s" + r.nextInt(1000) + (i % 3 == 0 ? "é漢🙂" : "");
      }
    }
    return m;
  }

  static Stream<Arguments> typesAndShapes() {
    int[][] shapes = {{0, 0}, {0, 5}, {5, 0}, {1, 1}, {1, 13}, {13, 1}, {207, 13}};
    return Arrays.stream(ValueType.values())
        .flatMap(t -> Arrays.stream(shapes).map(s -> Arguments.of(t, s[0], s[1])));
  }

  @ParameterizedTest(name = "{0} {1}x{2}")
  @MethodSource("typesAndShapes")
  void roundTripsEveryValueTypeAndShape(ValueType type, int rows, int cols) throws IOException {
    DenseBlock block = new DenseBlock(4096L * rows, random(type, rows, cols, 42));
    byte[] bytes = serializer.write(block);
    DenseBlock back = serializer.read(bytes);
    assertTrue(back.sameContents(block), () -> back + " differs from " + block);
    assertEquals(type, back.type());
    if (type != ValueType.STR) {
      assertEquals(
          DenseBlockSerializer.HEADER_BYTES + (long) rows * cols * type.byteWidth(), bytes.length);
    }
  }

  @Test
  void writesLittleEndianAfterATwentyByteHeader() throws IOException {
    byte[] bytes = serializer.write(new DenseBlock(7, DenseMatrix.ofDoubles(1, 2, 1.0, -2.5)));
    assertEquals(20 + 16, bytes.length);
    assertEquals(1, bytes[0]); // version
    assertEquals(0, bytes[1]); // f64
    assertEquals(1, bytes[4]); // rows, little-endian
    assertEquals(2, bytes[8]); // cols
    assertEquals(7, bytes[12]); // row offset
    // 1.0 = 0x3FF0000000000000: its high byte comes last
    assertEquals((byte) 0x3F, bytes[20 + 7]);
    assertEquals((byte) 0xF0, bytes[20 + 6]);
  }

  @Test
  void roundTripsALargeBlock() throws IOException {
    // 64 MiB of doubles: far beyond the block size, well within one message
    DenseMatrix m = random(ValueType.F64, 8192, 1024, 7);
    DenseBlock back = serializer.read(serializer.write(new DenseBlock(1L << 40, m)));
    assertEquals(1L << 40, back.rowOffset());
    assertArrayEquals(m.f64(), back.matrix().f64());
  }

  @Test
  void writesOnlyTheCellsOfALongerArray() throws IOException {
    double[] buffer = {1, 2, 3, 4, 99, 99};
    DenseBlock block = new DenseBlock(0, DenseMatrix.wrap(ValueType.F64, 2, 2, buffer));
    DenseBlock back = serializer.read(serializer.write(block));
    assertArrayEquals(new double[] {1, 2, 3, 4}, back.matrix().f64());
  }

  @ParameterizedTest(name = "{0} {1}x{2}")
  @MethodSource("typesAndShapes")
  void serializedBytesIsTheLengthWritten(ValueType type, int rows, int cols) throws IOException {
    DenseBlock block = new DenseBlock(0, random(type, rows, cols, 7));
    assertEquals(serializer.write(block).length, DenseBlockSerializer.serializedBytes(block));
  }

  @Test
  void serializedBytesCountsUtf8AndLoneSurrogatesAsWritten() throws IOException {
    String[] cells = {null, "", "a", "é", "漢", "🙂", "\uD800", "x\uDC00y", "é漢🙂".repeat(50)};
    DenseBlock block = new DenseBlock(0, DenseMatrix.wrap(ValueType.STR, cells.length, 1, cells));
    assertEquals(serializer.write(block).length, DenseBlockSerializer.serializedBytes(block));
  }

  @Test
  void keepsNullAndUnicodeStrings() throws IOException {
    String[] cells = {null, "", "a,b", "é漢🙂", "x".repeat(10_000)};
    DenseBlock back =
        serializer.read(
            serializer.write(new DenseBlock(0, DenseMatrix.wrap(ValueType.STR, 5, 1, cells))));
    assertNull(back.matrix().str()[0]);
    assertArrayEquals(cells, back.matrix().str());
  }

  @ParameterizedTest
  @EnumSource(ValueType.class)
  void eachValueTypeHasItsOwnCode(ValueType type) throws IOException {
    byte[] bytes = serializer.write(new DenseBlock(0, DenseMatrix.allocate(type, 1, 1)));
    assertEquals(type, serializer.read(bytes).type());
  }

  @Test
  void rejectsCorruptInput() throws IOException {
    byte[] good = serializer.write(new DenseBlock(0, random(ValueType.SI32, 3, 3, 1)));
    assertThrows(IOException.class, () -> serializer.read(Arrays.copyOf(good, 10)));
    assertThrows(IOException.class, () -> serializer.read(Arrays.copyOf(good, good.length - 1)));
    byte[] badVersion = good.clone();
    badVersion[0] = 9;
    IOException v = assertThrows(IOException.class, () -> serializer.read(badVersion));
    assertEquals("dense block format version 9, expected 1", v.getMessage());
    byte[] badType = good.clone();
    badType[1] = 99;
    assertThrows(IOException.class, () -> serializer.read(badType));
    byte[] strings =
        serializer.write(
            new DenseBlock(0, DenseMatrix.wrap(ValueType.STR, 1, 2, new String[] {"ab", "c"})));
    assertThrows(
        IOException.class, () -> serializer.read(Arrays.copyOf(strings, strings.length - 1)));
  }
}
