package daphnegrid.kernels.io;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * DAPHNE's binary matrix format {@code .dbdf} as DAPHNE writes it (spec 10.4): little-endian and
 * packed, a header (version 1, data type 1 dense or 2 CSR, u64 rows, u64 cols), the value-type
 * code, one block at (0, 0) with u32 rows, u32 cols and its block type, then the block: for dense
 * the value-type code and the values row-major; for CSR the value-type code, u64 non-zeros, u64 row
 * offsets, u64 column indices and the values.
 *
 * <p>Value-type codes: 0 si8, 1 si32, 2 si64, 3 ui8, 4 ui32, 5 ui64, 6 f32, 7 f64. The internal
 * size type is written as ui64 (the C++ {@code size_t}); bool and str matrices cannot be written.
 * Reading checks every count and index against the sizes in the header and reports the first
 * inconsistency with the file name and byte offset.
 */
public final class DaphneBinary {
  private DaphneBinary() {}

  private static final int DENSE = 1;
  private static final int CSR = 2;
  private static final ValueType[] CODES = {
    ValueType.SI8,
    ValueType.SI32,
    ValueType.SI64,
    ValueType.UI8,
    ValueType.UI32,
    ValueType.UI64,
    ValueType.F32,
    ValueType.F64
  };

  /** A matrix read from a file: exactly one of dense and csr is set, as the file stores it. */
  public record Contents(DenseMatrix dense, CsrMatrix csr) {
    public int rows() {
      return dense != null ? dense.rows() : csr.rows();
    }

    public int cols() {
      return dense != null ? dense.cols() : csr.cols();
    }

    public ValueType type() {
      return dense != null ? dense.type() : csr.type();
    }
  }

  /** The code of a value type, -1 if the format has none. */
  static int codeOf(ValueType t) {
    if (t == ValueType.SIZE) {
      return 5;
    }
    for (int i = 0; i < CODES.length; i++) {
      if (CODES[i] == t) {
        return i;
      }
    }
    return -1;
  }

  private static int requireCode(ValueType t, Path file) {
    int code = codeOf(t);
    if (code < 0) {
      throw new KernelException(
          "cannot write a matrix of value type " + t.dslName() + " to '" + file + "' (.dbdf)");
    }
    return code;
  }

  /** Writes a dense matrix (replacing the file all at once). */
  public static void write(DenseMatrix m, Path file) {
    int code = requireCode(m.type(), file);
    write(
        file,
        out -> {
          ByteBuffer h = header(DENSE, m.rows(), m.cols(), code, 1);
          h.put((byte) code);
          out.write(h.array(), 0, h.position());
          writeValues(out, m.data(), m.type(), 0, m.size());
        });
  }

  /** Writes a CSR matrix (replacing the file all at once). */
  public static void write(CsrMatrix x, Path file) {
    int code = requireCode(x.type(), file);
    write(
        file,
        out -> {
          ByteBuffer h = header(CSR, x.rows(), x.cols(), code, 2);
          h.put((byte) code);
          h.putLong(x.nnz());
          out.write(h.array(), 0, h.position());
          writeIndices(out, x.rowOffsets(), x.rows() + 1);
          writeIndices(out, x.colIdxs(), x.nnz());
          writeValues(out, x.valueArray(), x.type(), 0, x.nnz());
        });
  }

  private static void write(Path file, AtomicFiles.Content content) {
    try {
      AtomicFiles.write(file, content);
    } catch (IOException e) {
      throw new KernelException("could not write file '" + file + "': " + e.getMessage(), e);
    }
  }

  private static ByteBuffer header(int dataType, int rows, int cols, int code, int blockType) {
    ByteBuffer h = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    h.put((byte) 1).put((byte) dataType).putLong(rows).putLong(cols);
    h.put((byte) code);
    h.putLong(0).putLong(0);
    h.putInt(rows).putInt(cols).put((byte) blockType);
    return h;
  }

  private static void writeIndices(OutputStream out, int[] a, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      if (!b.hasRemaining()) {
        out.write(b.array(), 0, b.position());
        b.clear();
      }
      b.putLong(a[i] & 0xFFFFFFFFL);
    }
    out.write(b.array(), 0, b.position());
  }

  private static void writeValues(OutputStream out, Object data, ValueType t, int from, int n)
      throws IOException {
    int w = t.byteWidth();
    ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    int per = b.capacity() / w;
    for (int i = from, k; i < from + n; i += k) {
      k = Math.min(per, from + n - i);
      switch (t.storage()) {
        case DOUBLE -> b.asDoubleBuffer().put((double[]) data, i, k);
        case FLOAT -> b.asFloatBuffer().put((float[]) data, i, k);
        case LONG -> b.asLongBuffer().put((long[]) data, i, k);
        case INT -> b.asIntBuffer().put((int[]) data, i, k);
        case BYTE -> b.duplicate().put((byte[]) data, i, k);
        case STRING -> throw new AssertionError("strings have no code");
      }
      out.write(b.array(), 0, k * w);
    }
  }

  /**
   * Reads a dense or CSR matrix.
   *
   * @throws KernelException if the file cannot be read or is not a well-formed matrix file (the
   *     message names the file and the byte offset)
   */
  public static Contents read(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(new Reader(file, ch, ch.size()));
    } catch (NoSuchFileException e) {
      throw new KernelException("could not open file '" + file + "' for reading");
    } catch (IOException e) {
      throw new KernelException("could not read file '" + file + "': " + e.getMessage(), e);
    }
  }

  private static Contents read(Reader in) {
    int version = in.u8();
    if (version != 1) {
      throw in.error(0, "unsupported .dbdf version " + version + " (expected 1)");
    }
    int dataType = in.u8();
    if (dataType != DENSE && dataType != CSR) {
      throw in.error(
          1,
          "data type "
              + dataType
              + " is not a matrix (1 dense, 2 CSR"
              + (dataType == 3 ? "; frames are not supported" : "")
              + ")");
    }
    int rows = in.size(2, "number of rows");
    int cols = in.size(10, "number of columns");
    ValueType type = in.valueType();
    long br = in.u64();
    long bc = in.u64();
    if (br != 0 || bc != 0) {
      throw in.error(
          19, "only a single block at (0, 0) is supported, found (" + br + ", " + bc + ")");
    }
    long blockRows = in.u32();
    long blockCols = in.u32();
    if (blockRows != rows || blockCols != cols) {
      throw in.error(
          35,
          "block of "
              + blockRows
              + "x"
              + blockCols
              + " does not match the matrix size "
              + rows
              + "x"
              + cols);
    }
    int blockType = in.u8();
    if (blockType != dataType) {
      throw in.error(43, "block type " + blockType + " does not match data type " + dataType);
    }
    ValueType blockValues = in.valueType();
    if (blockValues != type) {
      throw in.error(44, "block value type " + blockValues + " differs from " + type);
    }
    if (dataType == DENSE) {
      long cells = (long) rows * cols;
      if (cells > DenseMatrix.MAX_CELLS) {
        throw in.error(2, "a dense matrix of " + rows + "x" + cols + " is too large");
      }
      DenseMatrix m = DenseMatrix.allocate(type, rows, cols);
      in.values(m.data(), type, (int) cells);
      in.requireEnd();
      return new Contents(m, null);
    }
    long nnzAt = in.pos();
    long nnzL = in.u64();
    if (nnzL < 0 || nnzL > Math.min(DenseMatrix.MAX_CELLS, (long) rows * cols)) {
      throw in.error(nnzAt, "bad number of non-zeros " + Long.toUnsignedString(nnzL));
    }
    int nnz = (int) nnzL;
    int[] offsets = new int[rows + 1];
    for (int r = 0; r <= rows; r++) {
      long at = in.pos();
      long o = in.u64();
      long prev = r == 0 ? 0 : offsets[r - 1];
      if (o < prev || o > nnz || (r == 0 && o != 0) || (r == rows && o != nnz)) {
        throw in.error(at, "bad row offset " + Long.toUnsignedString(o) + " for row " + r);
      }
      offsets[r] = (int) o;
    }
    int[] colIdxs = new int[nnz];
    for (int r = 0; r < rows; r++) {
      for (int k = offsets[r]; k < offsets[r + 1]; k++) {
        long at = in.pos();
        long c = in.u64();
        if (c < 0 || c >= cols || (k > offsets[r] && c <= colIdxs[k - 1])) {
          throw in.error(
              at,
              "bad column index "
                  + Long.toUnsignedString(c)
                  + " in row "
                  + r
                  + " (not ascending or out of range)");
        }
        colIdxs[k] = (int) c;
      }
    }
    DenseMatrix values = DenseMatrix.allocate(type, 1, nnz);
    in.values(values.data(), type, nnz);
    in.requireEnd();
    return new Contents(null, CsrMatrix.wrap(type, rows, cols, offsets, colIdxs, values.data()));
  }

  /**
   * Little-endian reads with the file name and offset in every error. The file is read through one
   * native buffer of {@link #PIECE} bytes, values straight into their arrays: the whole file is
   * never held as bytes (which for a heap array also made the JDK copy it through a temporary
   * native buffer of its full size).
   */
  private static final class Reader {
    static final int PIECE = 1 << 20;

    private final Path file;
    private final FileChannel ch;
    private final long size;
    private final ByteBuffer b = ByteBuffer.allocateDirect(PIECE).order(ByteOrder.LITTLE_ENDIAN);

    /** The file offset of b's index 0. */
    private long start;

    Reader(Path file, FileChannel ch, long size) {
      this.file = file;
      this.ch = ch;
      this.size = size;
      b.limit(0);
    }

    /** The file offset of the next byte. */
    long pos() {
      return start + b.position();
    }

    KernelException error(long at, String message) {
      return new KernelException(
          "malformed .dbdf file '" + file + "' at byte " + at + ": " + message);
    }

    private void need(long n) {
      if (size - pos() < n) {
        throw error(pos(), "unexpected end of file (" + n + " more bytes needed)");
      }
    }

    /** Makes at least n (at most PIECE) bytes available in b, which need has checked exist. */
    private void fill(int n) {
      if (b.remaining() >= n) {
        return;
      }
      long from = pos();
      b.compact();
      start = from;
      try {
        while (b.hasRemaining() && start + b.position() < size) {
          if (ch.read(b, start + b.position()) < 0) {
            break;
          }
        }
      } catch (IOException e) {
        throw new KernelException("could not read file '" + file + "': " + e.getMessage(), e);
      }
      b.flip();
      if (b.remaining() < n) {
        throw error(pos() + b.remaining(), "unexpected end of file (the file shrank)");
      }
    }

    int u8() {
      need(1);
      fill(1);
      return b.get() & 0xFF;
    }

    long u32() {
      need(4);
      fill(4);
      return b.getInt() & 0xFFFFFFFFL;
    }

    long u64() {
      need(8);
      fill(8);
      return b.getLong();
    }

    int size(int at, String what) {
      long v = u64();
      if (v < 0 || v > Integer.MAX_VALUE - 1) {
        throw error(at, what + " " + Long.toUnsignedString(v) + " is out of range");
      }
      return (int) v;
    }

    ValueType valueType() {
      long at = pos();
      int code = u8();
      if (code >= CODES.length) {
        throw error(at, "unknown value type code " + code);
      }
      return CODES[code];
    }

    void values(Object data, ValueType t, int n) {
      int w = t.byteWidth();
      need((long) n * w);
      for (int done = 0; done < n; ) {
        fill(w);
        int k = Math.min(n - done, b.remaining() / w);
        switch (t.storage()) {
          case DOUBLE -> b.asDoubleBuffer().get((double[]) data, done, k);
          case FLOAT -> b.asFloatBuffer().get((float[]) data, done, k);
          case LONG -> b.asLongBuffer().get((long[]) data, done, k);
          case INT -> b.asIntBuffer().get((int[]) data, done, k);
          case BYTE -> b.duplicate().get((byte[]) data, done, k);
          case STRING -> throw new AssertionError("strings have no code");
        }
        b.position(b.position() + k * w);
        done += k;
      }
    }

    void requireEnd() {
      if (pos() < size) {
        throw error(pos(), (size - pos()) + " bytes after the end of the matrix");
      }
    }
  }
}
