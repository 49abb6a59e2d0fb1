package daphnegrid.config.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrConvert;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsrBlockSerializerTest {
  private final CsrBlockSerializer serializer = new CsrBlockSerializer();

  /** A CSR matrix with about a tenth of random cells stored, every third row empty. */
  static CsrMatrix random(ValueType type, int rows, int cols, long seed) {
    DenseMatrix d = DenseBlockSerializerTest.random(type, rows, cols, seed);
    for (int i = 0; i < d.size(); i++) {
      if (i % 10 != 3 || (cols > 0 && (i / cols) % 3 == 2)) {
        d.setLong(i, 0);
      }
    }
    return CsrConvert.fromDense(d);
  }

  static Stream<Arguments> typesAndShapes() {
    int[][] shapes = {{0, 0}, {0, 5}, {5, 0}, {1, 1}, {1, 13}, {13, 1}, {207, 13}, {1024, 702}};
    return Arrays.stream(ValueType.values())
        .filter(ValueType::isNumeric)
        .flatMap(t -> Arrays.stream(shapes).map(s -> Arguments.of(t, s[0], s[1])));
  }

  @ParameterizedTest(name = "{0} {1}x{2}")
  @MethodSource("typesAndShapes")
  void roundTripsEveryValueTypeAndShape(ValueType type, int rows, int cols) throws IOException {
    CsrBlock block = new CsrBlock(4096L * rows, random(type, rows, cols, 7));
    byte[] bytes = serializer.write(block);
    CsrBlock back = serializer.read(bytes);
    assertTrue(back.sameContents(block), () -> back + " differs from " + block);
    assertEquals(CsrBlockSerializer.serializedBytes(block), bytes.length);
    assertEquals(
        CsrBlockSerializer.HEADER_BYTES
            + 4L * (rows + 1)
            + (long) block.nnz() * (4 + type.byteWidth()),
        bytes.length);
  }

  @Test
  void writesOnlyTheUsedPartOfLongerArrays() throws IOException {
    int[] off = {0, 1, 3, 0, 0};
    int[] idx = {2, 0, 1, 9, 9};
    double[] v = {1.5, -2, 3, 99, 99};
    CsrMatrix m = CsrMatrix.wrap(ValueType.F64, 2, 3, off, idx, v);
    CsrBlock back = serializer.read(serializer.write(new CsrBlock(0, m)));
    assertEquals(3, back.nnz());
    assertArrayEquals(new double[] {1.5, -2, 3}, back.matrix().f64());
    assertEquals(3.0, back.matrix().get(1, 1).doubleValue());
    assertEquals(0.0, back.matrix().get(0, 0).doubleValue());
  }

  @Test
  void rejectsTruncatedAndInconsistentBytes() throws IOException {
    byte[] bytes = serializer.write(new CsrBlock(0, random(ValueType.F64, 13, 7, 1)));
    assertThrows(IOException.class, () -> serializer.read(Arrays.copyOf(bytes, 10)));
    assertThrows(IOException.class, () -> serializer.read(Arrays.copyOf(bytes, bytes.length - 1)));
    byte[] badVersion = bytes.clone();
    badVersion[0] = 9;
    assertThrows(IOException.class, () -> serializer.read(badVersion));
    byte[] strType = bytes.clone();
    strType[1] = DenseBlockSerializer.code(ValueType.STR);
    assertThrows(IOException.class, () -> serializer.read(strType));
    byte[] badOffset = bytes.clone();
    badOffset[CsrBlockSerializer.HEADER_BYTES] = 1; // first row offset must be 0
    assertThrows(IOException.class, () -> serializer.read(badOffset));
  }

  @Test
  void travelsThroughTheGridSerializationWithItsOwnTypeId() {
    InternalSerializationService ss =
        new DefaultSerializationServiceBuilder()
            .setConfig(GridSerialization.configure(new com.hazelcast.config.SerializationConfig()))
            .build();
    CsrBlock block = new CsrBlock(1024, random(ValueType.SI64, 100, 40, 5));
    Data data = ss.toData(block);
    assertEquals(GridSerialization.CSR_BLOCK_TYPE_ID, data.getType());
    assertTrue(ss.<CsrBlock>toObject(data).sameContents(block));
    // the raw arrays and a small header, no per-cell objects
    assertTrue(data.dataSize() <= CsrBlockSerializer.serializedBytes(block) + 16);
  }

  @ParameterizedTest(name = "{0} {1}x{2}")
  @MethodSource("typesAndShapes")
  void aSealTravelsInTheHeaderAndTheRestIsTheUnsealedLayout(ValueType type, int rows, int cols)
      throws IOException {
    CsrBlock plain = new CsrBlock(1024L * rows, random(type, rows, cols, 3));
    byte[] seal = new byte[BlockSeal.BYTES];
    for (int i = 0; i < seal.length; i++) {
      seal[i] = (byte) (31 * i + 7);
    }
    CsrBlock sealed = plain.withSeal(seal);
    byte[] without = serializer.write(plain);
    byte[] with = serializer.write(sealed);
    // no secret, no seal: the reserved short stays 0 and not one byte is added
    assertEquals(0, without[2]);
    assertEquals(0, without[3]);
    assertEquals(without.length + BlockSeal.BYTES, with.length);
    assertEquals(CsrBlockSerializer.serializedBytes(sealed), with.length);
    assertEquals(BlockSeal.BYTES, with[2]);
    int h = CsrBlockSerializer.HEADER_BYTES;
    assertArrayEquals(
        Arrays.copyOfRange(without, 4, h),
        Arrays.copyOfRange(with, 4, h),
        "the rest of the header");
    assertArrayEquals(seal, Arrays.copyOfRange(with, h, h + BlockSeal.BYTES));
    assertArrayEquals(
        Arrays.copyOfRange(without, h, without.length),
        Arrays.copyOfRange(with, h + BlockSeal.BYTES, with.length),
        "the arrays");
    CsrBlock back = serializer.read(with);
    assertArrayEquals(seal, back.seal());
    assertTrue(back.sameContents(plain));
    assertEquals(null, serializer.read(without).seal());
  }

  @Test
  void rejectsABadSealLength() throws IOException {
    byte[] bytes = serializer.write(new CsrBlock(0, random(ValueType.F64, 13, 7, 1)));
    byte[] odd = bytes.clone();
    odd[2] = 5;
    assertThrows(IOException.class, () -> serializer.read(odd));
    byte[] cut =
        serializer.write(
            new CsrBlock(0, random(ValueType.F64, 13, 7, 1), new byte[BlockSeal.BYTES]));
    assertThrows(IOException.class, () -> serializer.read(Arrays.copyOf(cut, cut.length - 1)));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {1, 60, 100, 700, 4096, 1 << 20})
  void piecesCoverEveryRowOnceAndFitUnlessOneRowIsLargerAlone(long maxBytes) throws IOException {
    CsrMatrix m = random(ValueType.F64, 207, 70, 9);
    for (int sealBytes : new int[] {0, BlockSeal.BYTES}) {
      int first = 0;
      int pieces = 0;
      do {
        int end = CsrBlockSerializer.pieceEnd(m, first, maxBytes, sealBytes);
        assertTrue(end > first, "a piece of at least one row");
        CsrMatrix rows =
            daphnegrid.kernels.sparse.CsrReorg.slice(
                m,
                new daphnegrid.kernels.Indexing.Range(first, end),
                new daphnegrid.kernels.Indexing.Range(0, 70));
        long bytes = serializer.write(new CsrBlock(0, rows)).length + sealBytes;
        assertTrue(bytes <= maxBytes || end == first + 1, bytes + " bytes in " + (end - first));
        if (end < m.rows()) {
          // one more row would not have fitted
          CsrMatrix more =
              daphnegrid.kernels.sparse.CsrReorg.slice(
                  m,
                  new daphnegrid.kernels.Indexing.Range(first, end + 1),
                  new daphnegrid.kernels.Indexing.Range(0, 70));
          assertTrue(serializer.write(new CsrBlock(0, more)).length + sealBytes > maxBytes);
        }
        first = end;
        pieces++;
      } while (first < m.rows());
      assertEquals(m.rows(), first);
      if (maxBytes >= 1 << 20) {
        assertEquals(1, pieces, "the whole block fits one message");
      }
    }
    assertEquals(0, CsrBlockSerializer.pieceEnd(CsrMatrix.zeros(ValueType.F64, 0, 3), 0, 1, 0));
  }
}
