package daphnegrid.kernels.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A byte buffer over a file for the CSV reader, read sequentially. Numeric records are parsed in
 * place: {@link #lineEnd} makes sure a whole line is in {@link #buf} from {@link #pos}. String
 * records, whose quoted fields may span lines, are read byte by byte with {@link #peek} and {@link
 * #next}. The buffer grows to hold the longest line.
 */
final class CsvInput implements Closeable {
  private final InputStream in;
  byte[] buf = new byte[1 << 20];
  int pos;
  private int limit;
  private boolean eof;

  CsvInput(InputStream in) {
    this.in = in;
  }

  /**
   * The index in {@link #buf} of the '\n' that ends the line starting at {@link #pos}, or the end
   * of the data when the last line has no '\n'; -1 when no data is left.
   */
  int lineEnd() throws IOException {
    int scanned = 0; // bytes after pos known to hold no '\n'
    while (true) {
      for (int i = pos + scanned; i < limit; i++) {
        if (buf[i] == '\n') {
          return i;
        }
      }
      scanned = limit - pos;
      if (eof) {
        return limit > pos ? limit : -1;
      }
      fill();
    }
  }

  /** The next byte (0..255) without consuming it, or -1 at the end of the file. */
  int peek() throws IOException {
    while (pos == limit) {
      if (eof) {
        return -1;
      }
      fill();
    }
    return buf[pos] & 0xff;
  }

  /** The next byte (0..255), consumed, or -1 at the end of the file. */
  int next() throws IOException {
    int c = peek();
    if (c >= 0) {
      pos++;
    }
    return c;
  }

  /** Moves the unread bytes to the front, growing the buffer if it is full, and reads more. */
  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = java.util.Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
