package daphnegrid.io;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.format.NumberFormat;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.StringColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The text of {@code print} and {@code typeOf} (spec 8). A matrix prints as its header line, then
 * one line per row with cells separated by single spaces: floats as {@code %.6g} ({@link
 * NumberFormat#general6}, f32 widened), integers in decimal (unsigned types unsigned), bool as 1/0,
 * strings raw. A matrix with no rows prints only the header; with r rows and no columns, the header
 * and r empty lines. A list prints as its header line, then its matrices one after the other; a
 * frame as its header line, then its rows.
 *
 * <p>Numbers are formatted into one byte buffer (sized to the matrix, at most 64 KiB) and handed
 * over chunk by chunk, so printing a 10^7-cell matrix costs about 40 ns per cell and allocates
 * nothing per cell.
 */
public final class Printer {
  private Printer() {}

  private static final int CHUNK = 1 << 16;
  private static final int MAX_CELL = NumberFormat.MAX_GENERAL6_LENGTH + 1;

  /** Writes m as {@code print(m)} does to out (a {@link Writer} is written to directly). */
  public static void print(DenseMatrix m, Appendable out) throws IOException {
    if (m.type() == ValueType.STR) {
      out.append(m.header()).append('\n');
      StringBuilder line = new StringBuilder();
      for (int r = 0; r < m.rows(); r++) {
        line.setLength(0);
        for (int c = 0; c < m.cols(); c++) {
          line.append(c > 0 ? " " : "").append(m.str()[r * m.cols() + c]);
        }
        out.append(line).append('\n');
      }
      return;
    }
    char[] chars = new char[bufferSize(m)];
    writeNumeric(
        m,
        (bytes, n) -> {
          for (int i = 0; i < n; i++) {
            chars[i] = (char) bytes[i]; // numbers are ASCII
          }
          if (out instanceof Writer w) {
            w.write(chars, 0, n);
          } else {
            out.append(CharBuffer.wrap(chars, 0, n));
          }
        });
  }

  /** Writes m as {@code print(m)} does to a byte stream (strings in UTF-8). */
  public static void print(DenseMatrix m, OutputStream out) throws IOException {
    if (m.type() == ValueType.STR) {
      StringBuilder sb = new StringBuilder();
      print(m, sb);
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      return;
    }
    writeNumeric(m, (bytes, n) -> out.write(bytes, 0, n));
  }

  /** The text {@code print(m)} produces. */
  public static String toText(DenseMatrix m) {
    StringBuilder sb = new StringBuilder();
    try {
      print(m, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    return sb.toString();
  }

  /**
   * The header of a list of length matrices of value type t (spec 8.6), e.g. {@code List(2,
   * DenseMatrix, int64_t)}.
   */
  public static String listHeader(int length, ValueType t) {
    return "List(" + length + ", DenseMatrix, " + t.cppName() + ")";
  }

  /** Writes a list of matrices of value type t as {@code print} does (spec 8.6). */
  public static void print(ValueType t, List<DenseMatrix> elements, Appendable out)
      throws IOException {
    out.append(listHeader(elements.size(), t)).append('\n');
    for (DenseMatrix m : elements) {
      print(m, out);
    }
  }

  /**
   * Writes a frame as {@code print(f)} does (spec 8.5): its header, then one line per row with the
   * cells of each column in that column's format (strings raw), separated by single spaces. A frame
   * without columns prints one empty line per row.
   */
  public static void print(Frame f, Appendable out) throws IOException {
    out.append(f.header()).append('\n');
    int cols = f.cols();
    StringBuilder line = new StringBuilder();
    byte[] num = new byte[NumberFormat.MAX_INTEGER_LENGTH + MAX_CELL];
    for (int r = 0; r < f.rows(); r++) {
      line.setLength(0);
      for (int c = 0; c < cols; c++) {
        if (c > 0) {
          line.append(' ');
        }
        Column col = f.column(c);
        if (col instanceof StringColumn sc) {
          line.append(sc.string(r));
          continue;
        }
        DenseMatrix m = col.toMatrix();
        int n =
            switch (m.type().storage()) {
              case DOUBLE -> NumberFormat.general6(m.f64()[r], num, 0);
              case FLOAT -> NumberFormat.general6(m.f32()[r], num, 0);
              default -> NumberFormat.integer(m.getLong(r), m.type(), num, 0);
            };
        for (int i = 0; i < n; i++) {
          line.append((char) num[i]); // numbers are ASCII
        }
      }
      out.append(line).append('\n');
    }
  }

  /** Writes a scalar as {@code print(s, newline)} does (spec 8.1). */
  public static void print(Scalar s, boolean newline, Appendable out) throws IOException {
    out.append(NumberFormat.scalar(s));
    if (newline) {
      out.append('\n');
    }
  }

  /** {@code typeOf} of a scalar: the C++ name of its value type, {@code const char*} for str. */
  public static String typeOf(Scalar s) {
    return s.type().scalarTypeName();
  }

  /** {@code typeOf} of a matrix: its header, e.g. {@code DenseMatrix(2x3, double)}. */
  public static String typeOf(DenseMatrix m) {
    return m.header();
  }

  /** Receives the formatted text chunk by chunk. */
  @FunctionalInterface
  private interface Chunks {
    void accept(byte[] bytes, int length) throws IOException;
  }

  /** Room for the whole text of a small matrix, at most one chunk for a large one. */
  private static int bufferSize(DenseMatrix m) {
    long estimate = 64 + (long) m.size() * MAX_CELL + m.rows();
    return (int) Math.min(CHUNK, estimate);
  }

  private static void writeNumeric(DenseMatrix m, Chunks out) throws IOException {
    byte[] buf = new byte[bufferSize(m)];
    int limit = buf.length;
    String header = m.header();
    int p = 0;
    for (int i = 0; i < header.length(); i++) {
      buf[p++] = (byte) header.charAt(i); // value-type names are ASCII
    }
    buf[p++] = '\n';
    int rows = m.rows();
    int cols = m.cols();
    ValueType t = m.type();
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        if (p > limit - MAX_CELL) {
          out.accept(buf, p);
          p = 0;
        }
        int i = base + c;
        p =
            switch (t.storage()) {
              case DOUBLE -> NumberFormat.general6(m.f64()[i], buf, p);
              case FLOAT -> NumberFormat.general6(m.f32()[i], buf, p);
              default -> NumberFormat.integer(m.getLong(i), t, buf, p);
            };
        buf[p++] = (byte) (c < cols - 1 ? ' ' : '\n');
      }
      if (cols == 0) {
        if (p == limit) {
          out.accept(buf, p);
          p = 0;
        }
        buf[p++] = '\n';
      }
    }
    out.accept(buf, p);
  }
}
