package daphnegrid.config.serial;

import com.hazelcast.nio.serialization.ByteArraySerializer;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link DenseBlock} as a header and its cells in one bulk copy.
 *
 * <p>Layout, little-endian:
 *
 * <pre>
 * byte   format version (1)
 * byte   value type code ({@link #CODES}: stable, independent of the enum's order)
 * short  seal length: 0, or {@link BlockSeal#BYTES}
 * int    rows
 * int    cols
 * long   row offset
 * ...    the seal's bytes, if any
 * ...    cells, row-major: rows*cols elements of 1, 4 or 8 bytes; for str, an int length per cell
 *        (-1 for null) followed by the UTF-8 bytes of all cells
 * </pre>
 *
 * Numbers go through one {@code ByteBuffer} view bulk copy each way, which in 5.7 runs several
 * times faster than Hazelcast's element-by-element {@code writeDoubleArray}
 * (shared/notes/hazelcast.md, section 3). Only the first rows*cols elements of the matrix's array
 * are written; a longer (reused) array is fine.
 */
public final class DenseBlockSerializer implements ByteArraySerializer<DenseBlock> {
  static final int HEADER_BYTES = 20;
  private static final byte VERSION = 1;

  /** Type codes on the wire, index = code. Append only; frame blocks use them too. */
  static final ValueType[] CODES = {
    ValueType.F64,
    ValueType.F32,
    ValueType.SI64,
    ValueType.UI64,
    ValueType.SIZE,
    ValueType.SI32,
    ValueType.UI32,
    ValueType.SI8,
    ValueType.UI8,
    ValueType.BOOL,
    ValueType.STR
  };

  @Override
  public int getTypeId() {
    return GridSerialization.DENSE_BLOCK_TYPE_ID;
  }

  /**
   * The length of {@link #write}'s array for block, without writing it: the header and the raw
   * cells (for strings, the lengths and the UTF-8 bytes, which are counted here). The grid's memory
   * figures use it as the cost of a stored block.
   */
  public static long serializedBytes(DenseBlock block) {
    DenseMatrix m = block.matrix();
    int n = m.size();
    if (m.type() != ValueType.STR) {
      return HEADER_BYTES + (long) n * m.type().byteWidth();
    }
    long payload = 0;
    String[] cells = m.str();
    for (int i = 0; i < n; i++) {
      if (cells[i] != null) {
        payload += utf8Length(cells[i]);
      }
    }
    return HEADER_BYTES + 4L * n + payload;
  }

  private static long utf8Length(String s) {
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1; // a lone surrogate becomes '?' in getBytes(UTF_8)
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  @Override
  public byte[] write(DenseBlock block) throws IOException {
    DenseMatrix m = block.matrix();
    int n = m.size();
    if (m.type() == ValueType.STR) {
      return writeStrings(block, m.str(), n);
    }
    long bytes = HEADER_BYTES + sealBytes(block) + (long) n * m.type().byteWidth();
    ByteBuffer buf = header(block, bytes);
    putNumbers(buf, m, n);
    return buf.array();
  }

  /**
   * Copies the first n numbers of m (not str) to buf in one bulk copy and moves buf's position past
   * them; frame blocks write their numeric columns with it too.
   */
  static void putNumbers(ByteBuffer buf, DenseMatrix m, int n) {
    int at = buf.position();
    switch (m.type().storage()) {
      case DOUBLE -> buf.asDoubleBuffer().put(m.f64(), 0, n);
      case FLOAT -> buf.asFloatBuffer().put(m.f32(), 0, n);
      case LONG -> buf.asLongBuffer().put(m.i64(), 0, n);
      case INT -> buf.asIntBuffer().put(m.i32(), 0, n);
      case BYTE -> buf.put(m.i8(), 0, n);
      case STRING -> throw new AssertionError("str cells are not numbers");
    }
    buf.position(at + n * m.type().byteWidth());
  }

  /**
   * Reads n numbers of type (not str) from buf in one bulk copy into a new array of its storage
   * type and moves buf's position past them; frame blocks read their numeric columns with it too.
   */
  static Object readNumbers(ByteBuffer buf, ValueType type, int n) {
    int at = buf.position();
    Object data =
        switch (type.storage()) {
          case DOUBLE -> {
            double[] a = new double[n];
            buf.asDoubleBuffer().get(a);
            yield a;
          }
          case FLOAT -> {
            float[] a = new float[n];
            buf.asFloatBuffer().get(a);
            yield a;
          }
          case LONG -> {
            long[] a = new long[n];
            buf.asLongBuffer().get(a);
            yield a;
          }
          case INT -> {
            int[] a = new int[n];
            buf.asIntBuffer().get(a);
            yield a;
          }
          case BYTE -> {
            byte[] a = new byte[n];
            buf.get(a);
            yield a;
          }
          case STRING -> throw new AssertionError("str cells are not numbers");
        };
    buf.position(at + n * type.byteWidth());
    return data;
  }

  @Override
  public DenseBlock read(byte[] bytes) throws IOException {
    if (bytes.length < HEADER_BYTES) {
      throw new IOException("dense block of " + bytes.length + " bytes is shorter than its header");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte version = buf.get();
    if (version != VERSION) {
      throw new IOException("dense block format version " + version + ", expected " + VERSION);
    }
    int code = buf.get();
    if (code < 0 || code >= CODES.length) {
      throw new IOException("unknown value type code " + code + " in dense block");
    }
    ValueType type = CODES[code];
    int sealLength = buf.getShort();
    if (sealLength != 0 && sealLength != BlockSeal.BYTES) {
      throw new IOException("dense block with a seal of " + sealLength + " bytes");
    }
    int rows = buf.getInt();
    int cols = buf.getInt();
    long rowOffset = buf.getLong();
    byte[] seal = null;
    if (sealLength > 0) {
      if (bytes.length < HEADER_BYTES + sealLength) {
        throw new IOException("dense block of " + bytes.length + " bytes is shorter than its seal");
      }
      seal = new byte[sealLength];
      buf.get(seal);
    }
    long cells = (long) rows * cols;
    if (rows < 0 || cols < 0 || cells > DenseMatrix.MAX_CELLS) {
      throw new IOException("bad dense block shape " + rows + "x" + cols);
    }
    int n = (int) cells;
    if (type != ValueType.STR
        && bytes.length != HEADER_BYTES + sealLength + (long) n * type.byteWidth()) {
      throw new IOException(
          "dense block " + rows + "x" + cols + " " + type + " has " + bytes.length + " bytes");
    }
    Object data = type == ValueType.STR ? readStrings(buf, n) : readNumbers(buf, type, n);
    return new DenseBlock(rowOffset, DenseMatrix.wrap(type, rows, cols, data), seal);
  }

  private static ByteBuffer header(DenseBlock block, long totalBytes) throws IOException {
    if (totalBytes > Integer.MAX_VALUE - 8) {
      throw new IOException(
          "a "
              + block.matrix()
              + " block needs "
              + totalBytes
              + " bytes, more than one message can hold: use smaller blocks");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) totalBytes).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(VERSION);
    buf.put(code(block.type()));
    buf.putShort((short) sealBytes(block));
    buf.putInt(block.rows());
    buf.putInt(block.cols());
    buf.putLong(block.rowOffset());
    if (block.seal() != null) {
      buf.put(block.seal());
    }
    return buf;
  }

  private static int sealBytes(DenseBlock block) {
    return block.seal() == null ? 0 : block.seal().length;
  }

  static byte code(ValueType type) {
    for (int i = 0; i < CODES.length; i++) {
      if (CODES[i] == type) {
        return (byte) i;
      }
    }
    throw new IllegalArgumentException("no wire code for value type " + type);
  }

  /** Lengths first (one bulk int copy), then all UTF-8 bytes back to back. */
  private static byte[] writeStrings(DenseBlock block, String[] cells, int n) throws IOException {
    byte[][] utf8 = new byte[n][];
    int[] lengths = new int[n];
    long payload = 0;
    for (int i = 0; i < n; i++) {
      if (cells[i] == null) {
        lengths[i] = -1;
      } else {
        utf8[i] = cells[i].getBytes(StandardCharsets.UTF_8);
        lengths[i] = utf8[i].length;
        payload += utf8[i].length;
      }
    }
    ByteBuffer buf = header(block, HEADER_BYTES + sealBytes(block) + 4L * n + payload);
    buf.asIntBuffer().put(lengths);
    buf.position(buf.position() + 4 * n);
    for (byte[] s : utf8) {
      if (s != null) {
        buf.put(s);
      }
    }
    return buf.array();
  }

  private static String[] readStrings(ByteBuffer buf, int n) throws IOException {
    if (buf.remaining() < 4L * n) {
      throw new IOException("truncated string block: " + n + " lengths do not fit");
    }
    int[] lengths = new int[n];
    buf.asIntBuffer().get(lengths);
    int pos = buf.position() + 4 * n;
    byte[] bytes = buf.array();
    String[] cells = new String[n];
    for (int i = 0; i < n; i++) {
      int len = lengths[i];
      if (len == -1) {
        continue;
      }
      if (len < 0 || len > bytes.length - pos) {
        throw new IOException("truncated string block at cell " + i);
      }
      cells[i] = new String(bytes, pos, len, StandardCharsets.UTF_8);
      pos += len;
    }
    if (pos != bytes.length) {
      throw new IOException("string block has " + (bytes.length - pos) + " trailing bytes");
    }
    return cells;
  }
}
