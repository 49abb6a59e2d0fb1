package daphnegrid.config.serial;

import com.hazelcast.nio.serialization.ByteArraySerializer;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a {@link CsrBlock} as a header and its three arrays, each in one bulk copy; no object per
 * stored cell.
 *
 * <p>Layout, little-endian:
 *
 * <pre>
 * byte   format version (1)
 * byte   value type code (the codes of {@link DenseBlockSerializer}; numeric types only)
 * short  seal length: 0, or {@link BlockSeal#BYTES}
 * int    rows
 * int    cols
 * int    nnz (stored cells)
 * long   row offset of the block in the whole matrix
 * ...    the seal's bytes, if any
 * ...    rows + 1 row offsets (int, the first 0)
 * ...    nnz column indices (int)
 * ...    nnz values of 1, 4 or 8 bytes
 * </pre>
 *
 * So a block costs {@link #HEADER_BYTES} + 4 (rows + 1) + nnz (4 + value width) bytes, the same as
 * {@link CsrMatrix#payloadBytes} plus the header, and 32 more with a seal. Only the used part of
 * each array is written. A block without a seal is written exactly as before seals existed (the
 * seal length was a reserved 0).
 */
public final class CsrBlockSerializer implements ByteArraySerializer<CsrBlock> {
  public static final int HEADER_BYTES = 24;
  private static final byte VERSION = 1;

  @Override
  public int getTypeId() {
    return GridSerialization.CSR_BLOCK_TYPE_ID;
  }

  /** The length of {@link #write}'s array for block (the grid's memory figures use it). */
  public static long serializedBytes(CsrBlock block) {
    return HEADER_BYTES + sealBytes(block) + block.matrix().payloadBytes();
  }

  private static int sealBytes(CsrBlock block) {
    return block.seal() == null ? 0 : block.seal().length;
  }

  @Override
  public byte[] write(CsrBlock block) throws IOException {
    CsrMatrix m = block.matrix();
    long bytes = serializedBytes(block);
    if (bytes > Integer.MAX_VALUE - 8) {
      throw new IOException(
          "a " + m + " block needs " + bytes + " bytes, more than one message can hold");
    }
    int nnz = m.nnz();
    ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    putHeader(buf, block.rowOffset(), m, sealBytes(block));
    if (block.seal() != null) {
      buf.put(block.seal());
    }
    putInts(buf, m.rowOffsets(), m.rows() + 1);
    putInts(buf, m.colIdxs(), nnz);
    DenseBlockSerializer.putNumbers(buf, m.values(), nnz);
    return buf.array();
  }

  /**
   * Writes the {@link #HEADER_BYTES}-byte header of a block of m at rowOffset with a seal of
   * sealLength bytes to follow; {@link BlockSeal} covers the header with sealLength 0.
   */
  static void putHeader(ByteBuffer buf, long rowOffset, CsrMatrix m, int sealLength) {
    buf.put(VERSION);
    buf.put(DenseBlockSerializer.code(m.type()));
    buf.putShort((short) sealLength);
    buf.putInt(m.rows());
    buf.putInt(m.cols());
    buf.putInt(m.nnz());
    buf.putLong(rowOffset);
  }

  /**
   * The end of the piece of m's rows that starts at row first, when a block too large for one
   * message travels in several: the most rows whose block (a header, sealBytes of seal, rows + 1
   * offsets, their cells) takes at most maxBytes, and at least one while rows are left (a single
   * row larger than maxBytes travels alone). Scatter and collect cut with this same rule.
   */
  public static int pieceEnd(CsrMatrix m, int first, long maxBytes, int sealBytes) {
    int[] off = m.rowOffsets();
    long perCell = 4L + m.type().byteWidth();
    long fixed = HEADER_BYTES + sealBytes + 4L;
    int end = first;
    while (end < m.rows()) {
      long bytes = fixed + 4L * (end + 1 - first) + perCell * (off[end + 1] - off[first]);
      if (end > first && bytes > maxBytes) {
        break;
      }
      end++;
    }
    return end;
  }

  private static void putInts(ByteBuffer buf, int[] a, int n) {
    int at = buf.position();
    buf.asIntBuffer().put(a, 0, n);
    buf.position(at + 4 * n);
  }

  private static int[] readInts(ByteBuffer buf, int n) {
    int at = buf.position();
    int[] a = new int[n];
    buf.asIntBuffer().get(a);
    buf.position(at + 4 * n);
    return a;
  }

  @Override
  public CsrBlock read(byte[] bytes) throws IOException {
    if (bytes.length < HEADER_BYTES) {
      throw new IOException("CSR block of " + bytes.length + " bytes is shorter than its header");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte version = buf.get();
    if (version != VERSION) {
      throw new IOException("CSR block format version " + version + ", expected " + VERSION);
    }
    int code = buf.get();
    if (code < 0 || code >= DenseBlockSerializer.CODES.length) {
      throw new IOException("unknown value type code " + code + " in CSR block");
    }
    ValueType type = DenseBlockSerializer.CODES[code];
    if (!type.isNumeric()) {
      throw new IOException("a CSR block cannot hold values of type " + type.dslName());
    }
    int sealLength = buf.getShort();
    if (sealLength != 0 && sealLength != BlockSeal.BYTES) {
      throw new IOException("CSR block with a seal of " + sealLength + " bytes");
    }
    int rows = buf.getInt();
    int cols = buf.getInt();
    int nnz = buf.getInt();
    long rowOffset = buf.getLong();
    if (rows < 0 || cols < 0 || nnz < 0 || rowOffset < 0) {
      throw new IOException("bad CSR block shape " + rows + "x" + cols + " with " + nnz);
    }
    long expected =
        HEADER_BYTES + sealLength + 4L * (rows + 1) + (long) nnz * (4 + type.byteWidth());
    if (bytes.length != expected) {
      throw new IOException(
          "CSR block "
              + rows
              + "x"
              + cols
              + " with "
              + nnz
              + " non-zeros has "
              + bytes.length
              + " bytes, expected "
              + expected);
    }
    byte[] seal = null;
    if (sealLength > 0) {
      seal = new byte[sealLength];
      buf.get(seal);
    }
    int[] offsets = readInts(buf, rows + 1);
    int[] colIdxs = readInts(buf, nnz);
    Object values = DenseBlockSerializer.readNumbers(buf, type, nnz);
    if (offsets[0] != 0 || offsets[rows] != nnz) {
      throw new IOException("CSR block row offsets do not run from 0 to " + nnz);
    }
    try {
      return new CsrBlock(
          rowOffset, CsrMatrix.wrap(type, rows, cols, offsets, colIdxs, values), seal);
    } catch (IllegalArgumentException e) {
      throw new IOException("bad CSR block: " + e.getMessage(), e);
    }
  }
}
