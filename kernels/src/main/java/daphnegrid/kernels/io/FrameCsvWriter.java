package daphnegrid.kernels.io;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.format.NumberFormat;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.StringColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a frame as CSV (spec 10.3) in the dialect of {@link CsvWriter}: one line per row, no
 * header, floats as C {@code %f}, integers in decimal (unsigned as unsigned), strings raw unless
 * they hold ',', '\n', '\r' or '"', then quoted with '"' doubled. Reading the file back with the
 * same schema gives the same frame (floats within six decimals).
 */
public final class FrameCsvWriter {
  private FrameCsvWriter() {}

  private static final int BUFFER = 1 << 16;
  private static final int MAX_NUMBER = NumberFormat.MAX_FIXED6_LENGTH + 1;

  /**
   * Replaces file with the CSV text of f, all or nothing ({@link AtomicFiles}).
   *
   * @throws KernelException if the file cannot be written
   */
  public static void write(Frame f, Path file) {
    try {
      AtomicFiles.write(file, out -> writeRows(f, out));
    } catch (IOException e) {
      throw new KernelException("could not write file '" + file + "': " + e, e);
    }
  }

  /** Writes the rows of f as CSV lines to out. */
  public static void writeRows(Frame f, OutputStream out) throws IOException {
    byte[] buf = new byte[BUFFER];
    int p = 0;
    int cols = f.cols();
    DenseMatrix[] num = new DenseMatrix[cols];
    for (int c = 0; c < cols; c++) {
      if (!(f.column(c) instanceof StringColumn)) {
        num[c] = f.column(c).toMatrix();
      }
    }
    for (int r = 0; r < f.rows(); r++) {
      for (int c = 0; c < cols; c++) {
        if (p > BUFFER - MAX_NUMBER) {
          out.write(buf, 0, p);
          p = 0;
        }
        if (c > 0) {
          buf[p++] = ',';
        }
        Column col = f.column(c);
        if (col instanceof StringColumn s) {
          byte[] v = quoted(s, r);
          if (p + v.length > BUFFER) {
            out.write(buf, 0, p);
            out.write(v);
            p = 0;
          } else {
            System.arraycopy(v, 0, buf, p, v.length);
            p += v.length;
          }
          continue;
        }
        DenseMatrix m = num[c];
        ValueType t = m.type();
        p =
            switch (t.storage()) {
              case DOUBLE -> NumberFormat.fixed6(m.f64()[r], buf, p);
              case FLOAT -> NumberFormat.fixed6(m.f32()[r], buf, p);
              default -> NumberFormat.integer(m.getLong(r), t, buf, p);
            };
      }
      if (p == BUFFER) {
        out.write(buf, 0, p);
        p = 0;
      }
      buf[p++] = '\n';
    }
    out.write(buf, 0, p);
  }

  /** Value r of s as CSV field bytes (quoted when needed). */
  private static byte[] quoted(StringColumn s, int r) {
    byte[] b = s.bytes();
    int from = s.offsets()[r];
    int to = s.offsets()[r + 1];
    for (int i = from; i < to; i++) {
      byte ch = b[i];
      if (ch == ',' || ch == '\n' || ch == '\r' || ch == '"') {
        return CsvWriter.quoteIfNeeded(s.string(r)).getBytes(StandardCharsets.UTF_8);
      }
    }
    return java.util.Arrays.copyOfRange(b, from, to);
  }
}
