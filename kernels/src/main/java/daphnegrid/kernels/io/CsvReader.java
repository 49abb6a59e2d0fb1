package daphnegrid.kernels.io;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a dense matrix from a CSV file (spec 10.3): no header, ',' between fields, one record per
 * line; records beyond the requested ones are ignored.
 *
 * <ul>
 *   <li>f64/f32 fields are read like C {@code strtod} from the field's start (blanks, sign, decimal
 *       or scientific notation, {@code nan}, {@code inf}, hex floats); an empty or unparsable field
 *       is NaN.
 *   <li>Integer fields are read like {@code atoi}, but with all 64 bits: blanks, sign, digits, 0
 *       without digits; the value is then narrowed to the type (ui8 "300" is 44). bool: non-zero is
 *       1.
 *   <li>str fields: a field starting with '"' is quoted up to the next '"' not followed by another
 *       '"'; inside, "" is one '"', a line break (CR, LF or CRLF) is kept as '\n' and the record
 *       continues on the next line, and \" stays as those two characters. Otherwise the field runs
 *       to the next ',' or the end of the line, without a trailing '\r'.
 * </ul>
 *
 * A line with fewer fields than columns, or a file with fewer records than asked for, is a {@link
 * KernelException} naming the file and the record.
 */
public final class CsvReader {
  private CsvReader() {}

  /** The first numRows records of file as a numRows x numCols matrix of the given type. */
  public static DenseMatrix read(Path file, long numRows, long numCols, ValueType type) {
    return readRows(file, numCols, type, 0, numRows);
  }

  /**
   * Records [r0, r1) of file (0-based) as an (r1 - r0) x numCols matrix: the first r0 records are
   * skipped (parsed as strings for str, as lines otherwise), so that each member of a grid can read
   * only its own rows.
   *
   * @throws KernelException if the file cannot be read, has fewer than r1 records, or a record has
   *     fewer than numCols fields
   */
  public static DenseMatrix readRows(Path file, long numCols, ValueType type, long r0, long r1) {
    if (r0 < 0 || r1 < r0) {
      throw new IllegalArgumentException("bad record range [" + r0 + ", " + r1 + ")");
    }
    DenseMatrix out = DenseMatrix.allocate(type, r1 - r0, numCols);
    try (CsvInput in = new CsvInput(Files.newInputStream(file))) {
      RecordReader reader = new RecordReader(in, file, (int) numCols, r1);
      for (long r = 0; r < r0; r++) {
        reader.skip(type, r);
      }
      for (int r = 0; r < out.rows(); r++) {
        reader.read(out, r, r0 + r);
      }
    } catch (NoSuchFileException e) {
      throw new KernelException("could not open file '" + file + "' for reading");
    } catch (IOException e) {
      throw new KernelException("could not read file '" + file + "': " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Record ranges [starts[i], ends[i]) of file, in one pass over it: the ranges must be ascending
   * and disjoint. How a grid member reads the row blocks it owns without scanning the file once per
   * block. Results are those of {@link #readRows} for each range.
   *
   * @throws KernelException as {@link #readRows}
   */
  public static java.util.List<DenseMatrix> readRanges(
      Path file, long numCols, ValueType type, long[] starts, long[] ends) {
    java.util.List<DenseMatrix> out = new java.util.ArrayList<>(starts.length);
    long last = starts.length == 0 ? 0 : ends[ends.length - 1];
    try (CsvInput in = new CsvInput(Files.newInputStream(file))) {
      RecordReader reader = new RecordReader(in, file, (int) numCols, last);
      long record = 0;
      for (int i = 0; i < starts.length; i++) {
        if (starts[i] < record || ends[i] < starts[i]) {
          throw new IllegalArgumentException("record ranges must ascend and not overlap");
        }
        for (; record < starts[i]; record++) {
          reader.skip(type, record);
        }
        DenseMatrix m = DenseMatrix.allocate(type, ends[i] - starts[i], numCols);
        for (int r = 0; r < m.rows(); r++, record++) {
          reader.read(m, r, record);
        }
        out.add(m);
      }
    } catch (NoSuchFileException e) {
      throw new KernelException("could not open file '" + file + "' for reading");
    } catch (IOException e) {
      throw new KernelException("could not read file '" + file + "': " + e.getMessage(), e);
    }
    return out;
  }

  /** Parses records one after the other. */
  private static final class RecordReader {
    private final CsvInput in;
    private final Path file;
    private final int cols;
    private final long expectedRecords;
    private final FieldBytes field = new FieldBytes();

    RecordReader(CsvInput in, Path file, int cols, long expectedRecords) {
      this.in = in;
      this.file = file;
      this.cols = cols;
      this.expectedRecords = expectedRecords;
    }

    void skip(ValueType type, long record) throws IOException {
      if (type == ValueType.STR) {
        requireRecord(record);
        for (int c = 0; c < cols; c++) {
          stringField(record, c);
        }
        skipRestOfLine();
      } else {
        in.pos = lineEnd(record) + 1;
      }
    }

    void read(DenseMatrix out, int row, long record) throws IOException {
      if (out.type() == ValueType.STR) {
        requireRecord(record);
        String[] a = out.str();
        for (int c = 0; c < cols; c++) {
          a[row * cols + c] = stringField(record, c);
        }
        skipRestOfLine();
        return;
      }
      int end = lineEnd(record);
      byte[] b = in.buf;
      int p = in.pos;
      int base = row * cols;
      ValueType t = out.type();
      for (int c = 0; c < cols; c++) {
        int f = p;
        while (f < end && b[f] != ',') {
          f++;
        }
        if (f == end && c < cols - 1) {
          throw tooFewFields(record, c + 1);
        }
        switch (t.storage()) {
          case DOUBLE -> out.f64()[base + c] = FieldParser.parseDouble(b, p, f);
          case FLOAT -> out.f32()[base + c] = (float) FieldParser.parseDouble(b, p, f);
          default -> out.setLong(base + c, FieldParser.parseLong(b, p, f, t.isUnsigned()));
        }
        p = f + 1;
      }
      in.pos = end + 1;
    }

    private void requireRecord(long record) throws IOException {
      if (in.peek() < 0) {
        throw tooFewRecords(record);
      }
    }

    private int lineEnd(long record) throws IOException {
      int end = in.lineEnd();
      if (end < 0) {
        throw tooFewRecords(record);
      }
      return end;
    }

    /** One str field; stops before the ',' that ends it (consumed here unless last) or the EOL. */
    private String stringField(long record, int col) throws IOException {
      field.reset();
      if (in.peek() == '"') {
        in.next();
        quoted();
        while (!endsField(in.peek())) {
          in.next(); // text between the closing quote and the separator is dropped
        }
      } else {
        while (!endsField(in.peek())) {
          field.write(in.next());
        }
        field.dropTrailing('\r');
      }
      if (col < cols - 1) {
        if (in.peek() != ',') {
          throw tooFewFields(record, col + 1);
        }
        in.next();
      }
      return field.toString();
    }

    private void quoted() throws IOException {
      for (int ch = in.next(); ch >= 0; ch = in.next()) {
        if (ch == '"') {
          if (in.peek() != '"') {
            return;
          }
          in.next();
          field.write('"');
        } else if (ch == '\\' && in.peek() == '"') {
          in.next();
          field.write('\\');
          field.write('"');
        } else if (ch == '\r' || ch == '\n') {
          if (ch == '\r' && in.peek() == '\n') {
            in.next();
          }
          field.write('\n');
        } else {
          field.write(ch);
        }
      }
    }

    private static boolean endsField(int c) {
      return c == ',' || c == '\n' || c < 0;
    }

    private void skipRestOfLine() throws IOException {
      for (int c = in.next(); c >= 0 && c != '\n'; c = in.next()) {
        // fields beyond numCols are ignored
      }
    }

    private KernelException tooFewRecords(long record) {
      return new KernelException(
          "getFileLine failed: file '"
              + file
              + "' ends after "
              + record
              + " records, but "
              + expectedRecords
              + " are needed");
    }

    private KernelException tooFewFields(long record, int found) {
      return new KernelException(
          "record "
              + (record + 1)
              + " of file '"
              + file
              + "' has "
              + found
              + " fields, but "
              + cols
              + " are needed");
    }
  }

  /** The bytes of one str field. */
  private static final class FieldBytes {
    private byte[] data = new byte[64];
    private int size;

    void reset() {
      size = 0;
    }

    void write(int b) {
      if (size == data.length) {
        data = java.util.Arrays.copyOf(data, size * 2);
      }
      data[size++] = (byte) b;
    }

    void dropTrailing(char c) {
      if (size > 0 && data[size - 1] == c) {
        size--;
      }
    }

    @Override
    public String toString() {
      return new String(data, 0, size, StandardCharsets.UTF_8);
    }
  }
}
