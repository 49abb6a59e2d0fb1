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
 * short  flags: bit 0 set when str columns carry an encoding byte (some column is a dictionary)
 * int    rows
 * int    cols
 * long   row offset
 * per column:
 *   byte   value type code (DenseBlockSerializer's codes)
 *   int    label length, then the label's UTF-8 bytes
 *   numeric: rows elements of 1, 4 or 8 bytes
 *   str:     with flag bit 0 a byte: 0 plain, 1 dictionary; then
 *            plain:      int byte count, rows + 1 int offsets (first 0), then the bytes
 *            dictionary: int values d, int byte count, d + 1 int offsets (first 0), the values'
 *                        bytes (in order of first occurrence), then rows codes of 1 (d up to 256),
 *                        2 (up to 65,536) or 4 bytes, unsigned
 * </pre>
 *
 * <p>A str column with few distinct values (at most half its rows, at most 65,536) is written as a
 * dictionary when that is smaller, and decoded on read: a block of a column such as a region or a
 * product name travels in a fraction of its plain size. In memory it is always the plain {@link
 * StringColumn}; {@link #heldBytes} is that size (what a member holds), {@link #serializedBytes}
 * the size on the wire.
 */
public final class FrameBlockSerializer implements ByteArraySerializer<FrameBlock> {
  static final int HEADER_BYTES = 20;
  private static final byte VERSION = 1;

  @Override
  public int getTypeId() {
    return GridSerialization.FRAME_BLOCK_TYPE_ID;
  }

  /** The bytes {@link #write} makes of block (what it takes on the wire). */
  public static long serializedBytes(FrameBlock block) {
    Frame f = block.frame();
    Dictionary[] dicts = dictionaries(f);
    boolean flagged = anyDictionary(dicts);
    long total = HEADER_BYTES + (block.seal() == null ? 0 : block.seal().length);
    for (int j = 0; j < f.cols(); j++) {
      total += 1 + 4 + f.label(j).getBytes(StandardCharsets.UTF_8).length;
      total += dicts[j] != null ? dicts[j].bytes() : columnBytes(f, j);
      if (flagged && f.column(j) instanceof StringColumn) {
        total += 1;
      }
    }
    return total;
  }

  /**
   * The bytes of block in its plain layout, no column a dictionary: what a member holding it takes
   * for its arrays (the grid's held-bytes figures, admission).
   */
  public static long heldBytes(FrameBlock block) {
    Frame f = block.frame();
    long total = HEADER_BYTES + (block.seal() == null ? 0 : block.seal().length);
    for (int j = 0; j < f.cols(); j++) {
      total += 1 + 4 + f.label(j).getBytes(StandardCharsets.UTF_8).length;
      total += columnBytes(f, j);
    }
    return total;
  }

  /**
   * A str column's distinct values (first rows, in order of first occurrence) and each row's code,
   * when writing them is smaller than the plain layout.
   */
  record Dictionary(int[] firstRow, int[] code, int valueBytes) {
    int codeWidth() {
      return firstRow.length <= 256 ? 1 : firstRow.length <= 65_536 ? 2 : 4;
    }

    long bytes() {
      return 4 + 4 + 4L * (firstRow.length + 1) + valueBytes + (long) code.length * codeWidth();
    }
  }

  /** Per column of f its dictionary, or null (a numeric column, or plain is as small). */
  static Dictionary[] dictionaries(Frame f) {
    Dictionary[] out = new Dictionary[f.cols()];
    for (int j = 0; j < f.cols(); j++) {
      if (f.column(j) instanceof StringColumn s) {
        out[j] = dictionary(s, f.rows());
      }
    }
    return out;
  }

  private static boolean anyDictionary(Dictionary[] dicts) {
    for (Dictionary d : dicts) {
      if (d != null) return true;
    }
    return false;
  }

  /** The dictionary of the first rows values of s, or null when it is not worth it. */
  static Dictionary dictionary(StringColumn s, int rows) {
    if (rows < 8) {
      return null;
    }
    int limit = Math.min(rows / 2, 65_536);
    int cap = Integer.highestOneBit(Math.max(16, limit * 2)) << 1;
    int[] slots = new int[cap]; // first row + 1 of a value, 0 empty
    int[] code = new int[rows];
    int[] first = new int[limit];
    int d = 0;
    long valueBytes = 0;
    int[] off = s.offsets();
    for (int i = 0; i < rows; i++) {
      int h = s.hashAt(i);
      int at = (h ^ (h >>> 16)) & (cap - 1);
      while (true) {
        int r = slots[at] - 1;
        if (r < 0) {
          if (d == limit) {
            return null; // too many distinct values
          }
          slots[at] = i + 1;
          first[d] = i;
          code[i] = d++;
          valueBytes += off[i + 1] - off[i];
          break;
        }
        if (s.equalsAt(i, s, r)) {
          code[i] = code[r];
          break;
        }
        at = (at + 1) & (cap - 1);
      }
    }
    Dictionary dict = new Dictionary(java.util.Arrays.copyOf(first, d), code, (int) valueBytes);
    long plain = 4 + 4L * (rows + 1) + off[rows];
    return dict.bytes() < plain ? dict : null;
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
    Dictionary[] dicts = dictionaries(f);
    boolean flagged = anyDictionary(dicts);
    long total = HEADER_BYTES + (seal == null ? 0 : seal.length);
    for (int j = 0; j < f.cols(); j++) {
      labels[j] = f.label(j).getBytes(StandardCharsets.UTF_8);
      total += 1 + 4 + labels[j].length;
      total += dicts[j] != null ? dicts[j].bytes() : columnBytes(f, j);
      if (flagged && f.column(j) instanceof StringColumn) {
        total += 1;
      }
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IOException(
          "a frame block of " + rows + " rows needs " + total + " bytes: use smaller blocks");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(VERSION)
        .put((byte) (seal == null ? 0 : seal.length))
        .putShort((short) (flagged ? 1 : 0));
    buf.putInt(rows).putInt(f.cols()).putLong(block.rowOffset());
    if (seal != null) {
      buf.put(seal);
    }
    for (int j = 0; j < f.cols(); j++) {
      buf.put(DenseBlockSerializer.code(f.type(j)));
      buf.putInt(labels[j].length).put(labels[j]);
      Column c = f.column(j);
      if (c instanceof StringColumn s && dicts[j] != null) {
        buf.put((byte) 1);
        putDictionary(buf, s, dicts[j]);
      } else if (c instanceof StringColumn s) {
        if (flagged) {
          buf.put((byte) 0);
        }
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

  private static void putDictionary(ByteBuffer buf, StringColumn s, Dictionary d) {
    int values = d.firstRow().length;
    buf.putInt(values).putInt(d.valueBytes());
    int[] off = s.offsets();
    int at = 0;
    buf.putInt(0);
    for (int r : d.firstRow()) {
      at += off[r + 1] - off[r];
      buf.putInt(at);
    }
    for (int r : d.firstRow()) {
      buf.put(s.bytes(), off[r], off[r + 1] - off[r]);
    }
    int w = d.codeWidth();
    for (int c : d.code()) {
      if (w == 1) buf.put((byte) c);
      else if (w == 2) buf.putShort((short) c);
      else buf.putInt(c);
    }
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
    int flags = buf.getShort();
    if ((flags & ~1) != 0) {
      throw new IOException("unknown frame block flags " + flags);
    }
    boolean flagged = (flags & 1) != 0;
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
        if (type != ValueType.STR) {
          columns.add(readNumbers(buf, type, rows));
        } else {
          int encoding = flagged ? buf.get() : 0;
          if (encoding == 1) {
            columns.add(readDictionary(buf, rows));
          } else if (encoding == 0) {
            columns.add(readStrings(buf, rows));
          } else {
            throw new IOException("unknown str column encoding " + encoding + " in frame block");
          }
        }
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

  /** A dictionary-encoded str column, decoded into the plain layout. */
  private static Column readDictionary(ByteBuffer buf, int n) throws IOException {
    int values = buf.getInt();
    int total = buf.getInt();
    if (values < 0 || values > Math.max(0, n)) {
      throw new IOException("frame block dictionary of " + values + " values for " + n + " rows");
    }
    need(buf, 4L * (values + 1));
    int[] dictOff = new int[values + 1];
    buf.asIntBuffer().get(dictOff);
    buf.position(buf.position() + 4 * (values + 1));
    for (int v = 0; v < values; v++) {
      if (dictOff[v] > dictOff[v + 1]) {
        throw new IOException("frame block dictionary offsets decrease at value " + v);
      }
    }
    if (dictOff[0] != 0 || dictOff[values] != total) {
      throw new IOException("frame block dictionary offsets do not span its " + total + " bytes");
    }
    need(buf, total);
    byte[] dict = new byte[total];
    buf.get(dict);
    int w = values <= 256 ? 1 : values <= 65_536 ? 2 : 4;
    need(buf, (long) n * w);
    int[] code = new int[n];
    long size = 0;
    for (int i = 0; i < n; i++) {
      int c = w == 1 ? buf.get() & 0xff : w == 2 ? buf.getShort() & 0xffff : buf.getInt();
      if (c < 0 || c >= values) {
        throw new IOException("frame block dictionary code " + c + " of " + values + " values");
      }
      code[i] = c;
      size += dictOff[c + 1] - dictOff[c];
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException("a decoded str column of " + size + " bytes is too large");
    }
    byte[] data = new byte[(int) size];
    int[] offsets = new int[n + 1];
    int at = 0;
    for (int i = 0; i < n; i++) {
      int c = code[i];
      int len = dictOff[c + 1] - dictOff[c];
      System.arraycopy(dict, dictOff[c], data, at, len);
      at += len;
      offsets[i + 1] = at;
    }
    return StringColumn.wrap(data, offsets);
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
