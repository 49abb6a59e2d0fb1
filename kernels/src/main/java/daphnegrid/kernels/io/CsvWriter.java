package daphnegrid.kernels.io;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.format.NumberFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a dense matrix as CSV (spec 10.3): one line per row, fields separated by ',', every line
 * ending with '\n', no header. Floats are C {@code %f} (six decimals, {@link NumberFormat#fixed6});
 * integers decimal, unsigned types as unsigned (DAPHNE's signed 32-bit quirk for ui32/ui64 is not
 * reproduced); bool 1/0; strings raw unless they contain ',', '\n', '\r' or '"', in which case they
 * are quoted with every '"' doubled.
 */
public final class CsvWriter {
  private CsvWriter() {}

  private static final int BUFFER = 1 << 16;
  private static final int MAX_NUMBER = NumberFormat.MAX_FIXED6_LENGTH + 1;

  /**
   * Replaces file with the CSV text of m, all or nothing ({@link AtomicFiles}).
   *
   * @throws KernelException if the file cannot be written
   */
  public static void write(DenseMatrix m, Path file) {
    try {
      AtomicFiles.write(file, out -> writeRows(m, out));
    } catch (IOException e) {
      throw new KernelException("could not write file '" + file + "': " + e, e);
    }
  }

  /** Writes the rows of m as CSV lines to out (for streaming blocks into one file). */
  public static void writeRows(DenseMatrix m, OutputStream out) throws IOException {
    byte[] buf = new byte[BUFFER];
    int p = 0;
    int rows = m.rows();
    int cols = m.cols();
    ValueType t = m.type();
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        if (p > BUFFER - MAX_NUMBER) {
          out.write(buf, 0, p);
          p = 0;
        }
        if (c > 0) {
          buf[p++] = ',';
        }
        int i = base + c;
        switch (t.storage()) {
          case DOUBLE -> p = NumberFormat.fixed6(m.f64()[i], buf, p);
          case FLOAT -> p = NumberFormat.fixed6(m.f32()[i], buf, p);
          case STRING -> {
            byte[] s = quoteIfNeeded(m.str()[i]).getBytes(StandardCharsets.UTF_8);
            if (p + s.length > BUFFER) {
              out.write(buf, 0, p);
              out.write(s);
              p = 0;
            } else {
              System.arraycopy(s, 0, buf, p, s.length);
              p += s.length;
            }
          }
          default -> p = NumberFormat.integer(m.getLong(i), t, buf, p);
        }
      }
      if (p == BUFFER) {
        out.write(buf, 0, p);
        p = 0;
      }
      buf[p++] = '\n';
    }
    out.write(buf, 0, p);
  }

  /** s, or s in '"' with '"' doubled when it holds ',', '\n', '\r' or '"'. */
  static String quoteIfNeeded(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == ',' || ch == '\n' || ch == '\r' || ch == '"') {
        return '"' + s.replace("\"", "\"\"") + '"';
      }
    }
    return s;
  }
}
