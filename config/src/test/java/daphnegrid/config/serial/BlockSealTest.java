package daphnegrid.config.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrConvert;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seals against a one-shot HMAC-SHA256 reference over the documented input, and every way of
 * changing a sealed block (cells, identity, seal, secret) caught by the check.
 */
class BlockSealTest {
  private static final byte[] SECRET = "a grid secret of 32 bytes .......".getBytes();
  private static final String MAP = "blocks.0a89f1c9-f51c-4dd5-bf54-a44430ecaf31.7";
  private static final BlockKey KEY = new BlockKey(7, 3, 1);

  private final BlockSeal seal = BlockSeal.of(SECRET);
  private final DenseBlockSerializer serializer = new DenseBlockSerializer();

  /** The seal computed in one call over the whole input, as its javadoc describes it. */
  private static byte[] reference(String map, BlockKey key, DenseBlock b, byte[] cells)
      throws Exception {
    Mac root = Mac.getInstance("HmacSHA256");
    root.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    byte[] k = root.doFinal("daphne-grid block seal v1".getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(k, "HmacSHA256"));
    byte[] name = map.getBytes(StandardCharsets.UTF_8);
    byte[] type = b.type().name().getBytes(StandardCharsets.UTF_8);
    ByteBuffer id =
        ByteBuffer.allocate(4 + name.length + 24 + 4 + type.length + 8)
            .order(ByteOrder.LITTLE_ENDIAN);
    id.putInt(name.length).put(name).putLong(key.matrixId()).putInt(key.blockRow());
    id.putInt(key.blockCol()).putLong(b.rowOffset()).putInt(type.length).put(type);
    id.putInt(b.rows()).putInt(b.cols());
    mac.update(id.array());
    return mac.doFinal(cells);
  }

  /** The cells as the seal reads them: little-endian numbers; strings as length + UTF-8. */
  private byte[] cells(DenseBlock b) throws Exception {
    if (b.type() != ValueType.STR) {
      byte[] wire = serializer.write(new DenseBlock(b.rowOffset(), b.matrix()));
      return Arrays.copyOfRange(wire, DenseBlockSerializer.HEADER_BYTES, wire.length);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String s : b.matrix().str()) {
      byte[] u = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
      int len = s == null ? -1 : u.length;
      out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(len).array());
      out.write(u);
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @EnumSource(ValueType.class)
  void sealsEqualTheReferenceForEveryValueTypeAndShape(ValueType type) throws Exception {
    // 0 cells, one cell, odd sizes and more than one 64 KiB chunk
    int[][] shapes = {{0, 3}, {1, 1}, {13, 1}, {207, 13}, {4099, 5}};
    for (int[] s : shapes) {
      DenseBlock b =
          new DenseBlock(
              4096L * s[0], DenseBlockSerializerTest.random(type, s[0], s[1], 11 + s[0]));
      DenseBlock sealed = seal.seal(MAP, KEY, b);
      assertSame(b.matrix(), sealed.matrix());
      assertArrayEquals(reference(MAP, KEY, b, cells(b)), sealed.seal(), type + " " + s[0]);
      assertSame(sealed, seal.check(MAP, KEY, sealed));
      DenseBlock back = serializer.read(serializer.write(sealed));
      assertArrayEquals(sealed.seal(), back.seal());
      assertTrue(back.sameContents(sealed));
      seal.check(MAP, KEY, back);
    }
  }

  @Test
  void aChangedCellIdentityOrSealIsCaught() {
    DenseMatrix m = DenseMatrix.ofDoubles(2, 3, 1, 2, 3, 4, 5, 6);
    DenseBlock sealed = seal.seal(MAP, KEY, new DenseBlock(8192, m));
    DenseMatrix changed = DenseMatrix.ofDoubles(2, 3, 1, 2, 3, 4, 5, 6.000000000000001);
    assertCaught(MAP, KEY, new DenseBlock(8192, changed, sealed.seal()), "fails its seal check");
    assertCaught(MAP + "x", KEY, sealed, "fails its seal check");
    assertCaught(MAP, new BlockKey(7, 4, 1), sealed, "fails its seal check");
    assertCaught(MAP, new BlockKey(8, 3, 1), sealed, "fails its seal check");
    assertCaught(MAP, KEY, new DenseBlock(0, m, sealed.seal()), "fails its seal check");
    DenseMatrix reshaped = DenseMatrix.ofDoubles(3, 2, 1, 2, 3, 4, 5, 6);
    assertCaught(MAP, KEY, new DenseBlock(8192, reshaped, sealed.seal()), "fails its seal check");
    byte[] flipped = sealed.seal().clone();
    flipped[31] ^= 1;
    assertCaught(MAP, KEY, sealed.withSeal(flipped), "fails its seal check");
    assertCaught(MAP, KEY, new DenseBlock(8192, m), "carries no seal");
    DenseBlock other =
        BlockSeal.of("another secret of 32 bytes .....".getBytes())
            .seal(MAP, KEY, new DenseBlock(8192, m));
    assertCaught(MAP, KEY, other, "fails its seal check");
  }

  private void assertCaught(String map, BlockKey key, DenseBlock b, String message) {
    BlockSealException e = assertThrows(BlockSealException.class, () -> seal.check(map, key, b));
    assertTrue(e.getMessage().startsWith("grid: block ("), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().contains("in map " + map), e.getMessage());
  }

  @Test
  void withoutASecretNothingIsSealedOrChecked() {
    BlockSeal none = BlockSeal.none();
    DenseBlock b = new DenseBlock(0, DenseMatrix.ofDoubles(1, 1, 2));
    assertFalse(none.active());
    assertNull(none.seal(MAP, KEY, b).seal());
    assertSame(b, none.check(MAP, KEY, b));
    assertEquals(0, none.warrant("x").length);
    assertTrue(none.warrantValid("x", new byte[0]));
  }

  @Test
  void warrantsSignAnIdentityAndDifferFromSeals() {
    byte[] w = seal.warrant("blocks.a.1|1|2x3|F64|1024x3");
    assertEquals(32, w.length);
    assertTrue(seal.warrantValid("blocks.a.1|1|2x3|F64|1024x3", w));
    assertFalse(seal.warrantValid("blocks.a.1|1|2x4|F64|1024x3", w));
    assertFalse(seal.warrantValid("blocks.a.1|1|2x3|F64|1024x3", new byte[0]));
    assertFalse(BlockSeal.random().warrantValid("blocks.a.1|1|2x3|F64|1024x3", w));
  }

  @Test
  void frameBlocksAreSealedAndAChangedValueLabelOrIdentityIsCaught() throws Exception {
    daphnegrid.kernels.frame.Frame f =
        daphnegrid.kernels.frame.Frame.of(
            java.util.List.of("k", "s"),
            java.util.List.of(
                daphnegrid.kernels.frame.Column.of(DenseMatrix.ofDoubles(3, 1, 1, 2, 3)),
                daphnegrid.kernels.frame.StringColumn.of(new String[] {"a", "", "c"}, 3)));
    BlockKey key = new BlockKey(4, 2, 0);
    FrameBlock sealed = seal.seal("m", key, new FrameBlock(2048, f));
    assertEquals(BlockSeal.BYTES, sealed.seal().length);
    assertSame(sealed, seal.check("m", key, sealed));
    // the seal survives serialization
    FrameBlockSerializer ser = new FrameBlockSerializer();
    FrameBlock back = ser.read(ser.write(sealed));
    assertSame(back, seal.check("m", key, back));
    daphnegrid.kernels.frame.Frame other =
        daphnegrid.kernels.frame.Frame.of(
            java.util.List.of("k", "s"),
            java.util.List.of(
                daphnegrid.kernels.frame.Column.of(DenseMatrix.ofDoubles(3, 1, 1, 2, 3)),
                daphnegrid.kernels.frame.StringColumn.of(new String[] {"a", "", "d"}, 3)));
    FrameBlock[] wrong = {
      new FrameBlock(2048, other, sealed.seal()),
      new FrameBlock(2048, f.withLabels(java.util.List.of("k", "t")), sealed.seal()),
      new FrameBlock(1024, f, sealed.seal()),
      new FrameBlock(2048, f)
    };
    for (FrameBlock w : wrong) {
      assertThrows(BlockSealException.class, () -> seal.check("m", key, w));
    }
    assertThrows(BlockSealException.class, () -> seal.check("n", key, sealed));
    assertThrows(BlockSealException.class, () -> seal.check("m", new BlockKey(4, 3, 0), sealed));
    assertSame(wrong[3], BlockSeal.none().check("m", key, wrong[3]));
  }

  /** The CSR seal computed in one call: map, key, then the block's unsealed serialized bytes. */
  private static byte[] csrReference(String map, BlockKey key, CsrBlock b) throws Exception {
    Mac root = Mac.getInstance("HmacSHA256");
    root.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    byte[] k = root.doFinal("daphne-grid block seal v1".getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(k, "HmacSHA256"));
    byte[] name = map.getBytes(StandardCharsets.UTF_8);
    ByteBuffer id = ByteBuffer.allocate(4 + name.length + 16).order(ByteOrder.LITTLE_ENDIAN);
    id.putInt(name.length).put(name).putLong(key.matrixId()).putInt(key.blockRow());
    id.putInt(key.blockCol());
    mac.update(id.array());
    return mac.doFinal(new CsrBlockSerializer().write(new CsrBlock(b.rowOffset(), b.matrix())));
  }

  @ParameterizedTest
  @EnumSource(
      value = ValueType.class,
      names = {"STR"},
      mode = EnumSource.Mode.EXCLUDE)
  void csrSealsEqualTheReferenceForEveryValueTypeAndShape(ValueType type) throws Exception {
    // empty, one cell, odd sizes and arrays longer than one 64 KiB chunk
    int[][] shapes = {{0, 3}, {3, 0}, {1, 1}, {13, 1}, {207, 13}, {4099, 70}};
    CsrBlockSerializer ser = new CsrBlockSerializer();
    for (int[] s : shapes) {
      CsrBlock b =
          new CsrBlock(1024L * s[0], CsrBlockSerializerTest.random(type, s[0], s[1], 5 + s[0]));
      CsrBlock sealed = seal.seal(MAP, KEY, b);
      assertSame(b.matrix(), sealed.matrix());
      assertArrayEquals(csrReference(MAP, KEY, b), sealed.seal(), type + " " + s[0]);
      assertSame(sealed, seal.check(MAP, KEY, sealed));
      CsrBlock back = ser.read(ser.write(sealed));
      assertArrayEquals(sealed.seal(), back.seal());
      assertSame(back, seal.check(MAP, KEY, back));
    }
  }

  @Test
  void aChangedCsrValuePatternShapeIdentityOrSealIsCaught() {
    // 2 x 4: row 0 holds (0, 1) = 1.5 and (0, 3) = -2, row 1 holds (1, 0) = 3
    CsrMatrix m =
        CsrMatrix.wrap(
            ValueType.F64,
            2,
            4,
            new int[] {0, 2, 3},
            new int[] {1, 3, 0},
            new double[] {1.5, -2, 3});
    BlockKey key = new BlockKey(7, 3, 0);
    CsrBlock sealed = seal.seal(MAP, key, new CsrBlock(3072, m));
    assertEquals(BlockSeal.BYTES, sealed.seal().length);
    CsrMatrix[] changed = {
      // a value, one ulp off
      CsrMatrix.wrap(
          ValueType.F64,
          2,
          4,
          new int[] {0, 2, 3},
          new int[] {1, 3, 0},
          new double[] {1.5, -2, Math.nextUp(3.0)}),
      // the same values in other columns
      CsrMatrix.wrap(
          ValueType.F64, 2, 4, new int[] {0, 2, 3}, new int[] {1, 2, 0}, new double[] {1.5, -2, 3}),
      // the same cells with a row boundary moved
      CsrMatrix.wrap(
          ValueType.F64, 2, 4, new int[] {0, 1, 3}, new int[] {1, 3, 0}, new double[] {1.5, -2, 3}),
      // one more column
      CsrMatrix.wrap(
          ValueType.F64, 2, 5, new int[] {0, 2, 3}, new int[] {1, 3, 0}, new double[] {1.5, -2, 3}),
      // the same bits as another value type
      CsrMatrix.wrap(
          ValueType.SI64,
          2,
          4,
          new int[] {0, 2, 3},
          new int[] {1, 3, 0},
          new long[] {
            Double.doubleToRawLongBits(1.5),
            Double.doubleToRawLongBits(-2),
            Double.doubleToRawLongBits(3)
          })
    };
    for (CsrMatrix c : changed) {
      assertCsrCaught(MAP, key, new CsrBlock(3072, c, sealed.seal()), "fails its seal check");
    }
    assertCsrCaught(MAP, key, new CsrBlock(2048, m, sealed.seal()), "fails its seal check");
    assertCsrCaught(MAP + "x", key, sealed, "fails its seal check");
    assertCsrCaught(MAP, new BlockKey(7, 4, 0), sealed, "fails its seal check");
    assertCsrCaught(MAP, new BlockKey(8, 3, 0), sealed, "fails its seal check");
    byte[] flipped = sealed.seal().clone();
    flipped[0] ^= 1;
    assertCsrCaught(MAP, key, sealed.withSeal(flipped), "fails its seal check");
    assertCsrCaught(MAP, key, new CsrBlock(3072, m), "carries no seal");
    CsrBlock other =
        BlockSeal.of("another secret of 32 bytes .....".getBytes())
            .seal(MAP, key, new CsrBlock(3072, m));
    assertCsrCaught(MAP, key, other, "fails its seal check");
    // a dense block's seal of the same identity does not pass for a CSR block
    DenseBlock dense = seal.seal(MAP, key, new DenseBlock(3072, CsrConvert.toDense(m)));
    assertCsrCaught(MAP, key, new CsrBlock(3072, m, dense.seal()), "fails its seal check");
    // without a secret nothing is sealed or checked
    CsrBlock plain = new CsrBlock(3072, m);
    assertNull(BlockSeal.none().seal(MAP, key, plain).seal());
    assertSame(plain, BlockSeal.none().check(MAP, key, plain));
  }

  private void assertCsrCaught(String map, BlockKey key, CsrBlock b, String message) {
    BlockSealException e = assertThrows(BlockSealException.class, () -> seal.check(map, key, b));
    assertTrue(
        e.getMessage().startsWith("grid: CSR row block " + key.blockRow() + " of matrix "),
        e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().contains("in map " + map), e.getMessage());
  }
}
