package daphnegrid.config.serial;

import com.hazelcast.nio.serialization.ByteArraySerializer;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.StringColumn;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link FrameBlock} as a header and each column's raw array in one bulk copy; a str
 * column goes as its offsets and its UTF-8 bytes, exactly as {@link StringColumn} holds them.
 *
 * <p>Layout, little-endian:
 *
 * <pre>
 * byte   format version (1)
 * byte   seal length: 0, or BlockSeal.BYTES followed by the seal after the header
 * short  reserved (0)
 * int    rows
 * int    cols
 * long   row offset
 * per column:
 *   byte   value type code (DenseBlockSerializer's codes)
 *   int    label length, then the label's UTF-8 bytes
 *   numeric: rows elements of 1, 4 or 8 bytes
 *   str:     int byte count, rows + 1 int offsets (first 0), then the bytes
 * </pre>
 */
public final class FrameBlockSerializer implements ByteArraySerializer<FrameBlock> {
  static final int HEADER_BYTES = 20;
  private static final byte VERSION = 1;

  @Override
  public int getTypeId() {
    return GridSerialization.FRAME_BLOCK_TYPE_ID;
  }

  /** The bytes {@link #write} makes of block (for the grid's held-bytes figures). */
  public static long serializedBytes(FrameBlock block) {
    Frame f = block.frame();
    long total = HEADER_BYTES + (block.seal() == null ? 0 : block.seal().length);
    for (int j = 0; j < f.cols(); j++) {
      total += 1 + 4 + f.label(j).getBytes(StandardCharsets.UTF_8).length;
      total += columnBytes(f, j);
    }
    return total;
  }

  /**
   * How many rows of f from row from on make a block of at most maxBytes serialized (without a
   * seal): at least one while rows remain, so that a single larger row still travels. How a block
   * larger than one message is cut into pieces at row boundaries.
   */
  public static int rowsWithin(Frame f, int from, long maxBytes) {
    int rows = f.rows();
    long total = HEADER_BYTES;
    long perRow = 0;
    List<StringColumn> strings = new ArrayList<>();
    for (int j = 0; j < f.cols(); j++) {
      total += 1 + 4 + f.label(j).getBytes(StandardCharsets.UTF_8).length;
      if (f.column(j) instanceof StringColumn s) {
        total += 4 + 4; // the byte count and the offset before the first row
        perRow += 4;
        strings.add(s);
      } else {
        perRow += f.type(j).byteWidth();
      }
    }
    int n = 0;
    for (int i = from; i < rows; i++) {
      long row = perRow;
      for (StringColumn s : strings) row += s.offsets()[i + 1] - s.offsets()[i];
      if (n > 0 && total + row > maxBytes) {
        break;
      }
      total += row;
      n++;
    }
    return n;
  }

  private static long columnBytes(Frame f, int j) {
    int rows = f.rows();
    if (f.column(j) instanceof StringColumn s) {
      return 4 + 4L * (rows + 1) + s.offsets()[rows];
    }
    return (long) rows * f.type(j).byteWidth();
  }

  @Override
  public byte[] write(FrameBlock block) throws IOException {
    Frame f = block.frame();
    int rows = f.rows();
    byte[][] labels = new byte[f.cols()][];
    byte[] seal = block.seal();
    long total = HEADER_BYTES + (seal == null ? 0 : seal.length);
    for (int j = 0; j < f.cols(); j++) {
      labels[j] = f.label(j).getBytes(StandardCharsets.UTF_8);
      total += 1 + 4 + labels[j].length + columnBytes(f, j);
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IOException(
          "a frame block of " + rows + " rows needs " + total + " bytes: use smaller blocks");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(VERSION).put((byte) (seal == null ? 0 : seal.length)).putShort((short) 0);
    buf.putInt(rows).putInt(f.cols()).putLong(block.rowOffset());
    if (seal != null) {
      buf.put(seal);
    }
    for (int j = 0; j < f.cols(); j++) {
      buf.put(DenseBlockSerializer.code(f.type(j)));
      buf.putInt(labels[j].length).put(labels[j]);
      Column c = f.column(j);
      if (c instanceof StringColumn s) {
        int bytes = s.offsets()[rows];
        buf.putInt(bytes);
        buf.asIntBuffer().put(s.offsets(), 0, rows + 1);
        buf.position(buf.position() + 4 * (rows + 1));
        buf.put(s.bytes(), 0, bytes);
      } else {
        DenseBlockSerializer.putNumbers(buf, c.toMatrix(), rows);
      }
    }
    return buf.array();
  }

  @Override
  public FrameBlock read(byte[] bytes) throws IOException {
    if (bytes.length < HEADER_BYTES) {
      throw new IOException("frame block of " + bytes.length + " bytes is shorter than its header");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte version = buf.get();
    if (version != VERSION) {
      throw new IOException("frame block format version " + version + ", expected " + VERSION);
    }
    int sealLength = buf.get();
    buf.getShort();
    int rows = buf.getInt();
    int cols = buf.getInt();
    long rowOffset = buf.getLong();
    if (rows < 0 || cols < 0 || rowOffset < 0) {
      throw new IOException("bad frame block header: " + rows + "x" + cols + " at " + rowOffset);
    }
    if (sealLength != 0 && sealLength != BlockSeal.BYTES) {
      throw new IOException("bad frame block seal length " + sealLength);
    }
    byte[] seal = null;
    if (sealLength > 0) {
      need(buf, sealLength);
      seal = new byte[sealLength];
      buf.get(seal);
    }
    List<String> labels = new ArrayList<>(cols);
    List<Column> columns = new ArrayList<>(cols);
    try {
      for (int j = 0; j < cols; j++) {
        int code = buf.get();
        if (code < 0 || code >= DenseBlockSerializer.CODES.length) {
          throw new IOException("unknown value type code " + code + " in frame block");
        }
        ValueType type = DenseBlockSerializer.CODES[code];
        int labelBytes = buf.getInt();
        need(buf, labelBytes);
        labels.add(new String(bytes, buf.position(), labelBytes, StandardCharsets.UTF_8));
        buf.position(buf.position() + labelBytes);
        columns.add(type == ValueType.STR ? readStrings(buf, rows) : readNumbers(buf, type, rows));
      }
    } catch (java.nio.BufferUnderflowException ex) {
      throw new IOException("truncated frame block (" + bytes.length + " bytes)");
    }
    if (buf.hasRemaining()) {
      throw new IOException("frame block has " + buf.remaining() + " bytes after its last column");
    }
    try {
      return new FrameBlock(
          rowOffset, cols == 0 ? Frame.empty(rows) : Frame.of(labels, columns), seal);
    } catch (IllegalArgumentException ex) {
      throw new IOException("bad frame block: " + ex.getMessage());
    }
  }

  private static void need(ByteBuffer buf, long n) throws IOException {
    if (n < 0 || n > buf.remaining()) {
      throw new IOException(
          "truncated frame block: " + n + " bytes needed, " + buf.remaining() + " left");
    }
  }

  private static Column readNumbers(ByteBuffer buf, ValueType type, int n) throws IOException {
    need(buf, (long) n * type.byteWidth());
    Object data = DenseBlockSerializer.readNumbers(buf, type, n);
    try {
      return Column.of(DenseMatrix.wrap(type, n, 1, data));
    } catch (IllegalArgumentException ex) {
      throw new IOException("bad frame block column: " + ex.getMessage());
    }
  }

  private static Column readStrings(ByteBuffer buf, int n) throws IOException {
    int total = buf.getInt();
    need(buf, 4L * (n + 1));
    int[] offsets = new int[n + 1];
    buf.asIntBuffer().get(offsets);
    buf.position(buf.position() + 4 * (n + 1));
    need(buf, total);
    for (int i = 0; i < n; i++) {
      if (offsets[i] > offsets[i + 1]) {
        throw new IOException("frame block string offsets decrease at row " + i);
      }
    }
    if (offsets[0] != 0 || offsets[n] != total) {
      throw new IOException("frame block string offsets do not span its " + total + " bytes");
    }
    byte[] data = new byte[total];
    buf.get(data);
    return StringColumn.wrap(data, offsets);
  }
}
