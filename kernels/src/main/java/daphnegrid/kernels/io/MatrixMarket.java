package daphnegrid.kernels.io;

import daphnegrid.kernels.Convert;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrConvert;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads Matrix Market files (spec 10.5): the banner {@code %%MatrixMarket matrix <format> <field>
 * <symmetry>} with format {@code coordinate} or {@code array}, field {@code real}, {@code integer}
 * or {@code pattern} (every listed cell is 1), symmetry {@code general}, {@code symmetric} or
 * {@code skew-symmetric}; then comment lines starting with '%', the size line, and the entries
 * (1-based {@code row col [value]} for coordinate; column-major values for array, only the lower
 * triangle for symmetric and the strictly lower one for skew-symmetric). A symmetric entry (i, j)
 * also sets (j, i), a skew-symmetric one sets (j, i) to its negation.
 *
 * <p>The value type comes from the caller (DAPHNE takes it from the {@code .meta} file): integer
 * fields are read as 64-bit integers, real fields as doubles, then both are converted to that type.
 * Any malformed line is an error naming the file and the line number.
 */
public final class MatrixMarket {
  private MatrixMarket() {}

  /** The matrix in file as CSR (entries of a coordinate file listed twice: the last one wins). */
  public static CsrMatrix readCsr(Path file, ValueType type) {
    return new Parser(file, file.toString(), type, null).parse();
  }

  /**
   * The rows of the matrix in file that keep accepts, as a CSR matrix of the file's whole shape
   * whose other rows are empty: what one grid member keeps of a file every member reads. The whole
   * file is parsed and checked as by {@link #readCsr} (so every reader reports the same error), but
   * only the kept entries are held. Errors name the file as shown.
   */
  public static CsrMatrix readCsrRows(
      Path file, String shown, ValueType type, java.util.function.IntPredicate keep) {
    return new Parser(file, shown, type, keep).parse();
  }

  /** The matrix in file as a dense matrix. */
  public static DenseMatrix readDense(Path file, ValueType type) {
    return CsrConvert.toDense(readCsr(file, type));
  }

  private static final class Parser {
    private final Path file;
    private final String shown;
    private final ValueType type;
    private final java.util.function.IntPredicate keep;
    private int lineNo;

    Parser(Path file, String shown, ValueType type, java.util.function.IntPredicate keep) {
      this.file = file;
      this.shown = shown;
      this.type = type;
      this.keep = keep;
    }

    KernelException error(String message) {
      return new KernelException(
          "malformed Matrix Market file '" + shown + "' at line " + lineNo + ": " + message);
    }

    CsrMatrix parse() {
      if (!type.isNumeric() || type == ValueType.BOOL) {
        throw new KernelException(
            "cannot read a Matrix Market file into a matrix of value type " + type.dslName());
      }
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
        return parse(in);
      } catch (NoSuchFileException e) {
        throw new KernelException("could not open file '" + shown + "' for reading");
      } catch (IOException e) {
        throw new KernelException("could not read file '" + shown + "': " + e.getMessage(), e);
      }
    }

    private String next(BufferedReader in, boolean skipComments) throws IOException {
      String line;
      do {
        line = in.readLine();
        lineNo++;
        if (line == null) {
          return null;
        }
      } while (skipComments && (line.startsWith("%") || line.isBlank()));
      return line;
    }

    private CsrMatrix parse(BufferedReader in) throws IOException {
      String banner = next(in, false);
      if (banner == null) {
        throw error("empty file, expected the %%MatrixMarket banner");
      }
      String[] b = banner.trim().split("\\s+");
      if (b.length != 5 || !b[0].equals("%%MatrixMarket")) {
        throw error(
            "expected '%%MatrixMarket matrix <format> <field> <symmetry>', got '" + banner + "'");
      }
      String object = b[1].toLowerCase(Locale.ROOT);
      String format = b[2].toLowerCase(Locale.ROOT);
      String field = b[3].toLowerCase(Locale.ROOT);
      String symmetry = b[4].toLowerCase(Locale.ROOT);
      if (!object.equals("matrix")) {
        throw error("unsupported object '" + b[1] + "' (only matrix)");
      }
      boolean coordinate;
      switch (format) {
        case "coordinate" -> coordinate = true;
        case "array" -> coordinate = false;
        default -> throw error("unsupported format '" + b[2] + "' (coordinate or array)");
      }
      boolean pattern = field.equals("pattern");
      boolean integer = field.equals("integer");
      if (!pattern && !integer && !field.equals("real")) {
        throw error("unsupported field '" + b[3] + "' (real, integer or pattern)");
      }
      if (pattern && !coordinate) {
        throw error("the pattern field needs the coordinate format");
      }
      boolean symmetric = symmetry.equals("symmetric");
      boolean skew = symmetry.equals("skew-symmetric");
      if (!symmetric && !skew && !symmetry.equals("general")) {
        throw error("unsupported symmetry '" + b[4] + "' (general, symmetric or skew-symmetric)");
      }
      if (pattern && skew) {
        throw error("a pattern matrix cannot be skew-symmetric");
      }
      String sizeLine = next(in, true);
      if (sizeLine == null) {
        throw error("missing size line");
      }
      String[] s = sizeLine.trim().split("\\s+");
      if (s.length != (coordinate ? 3 : 2)) {
        throw error(
            "expected the size line '"
                + (coordinate ? "rows cols entries" : "rows cols")
                + "', got '"
                + sizeLine
                + "'");
      }
      int rows = count(s[0], "number of rows");
      int cols = count(s[1], "number of columns");
      if ((symmetric || skew) && rows != cols) {
        throw error("a " + symmetry + " matrix must be square, got " + rows + "x" + cols);
      }
      long entries;
      if (coordinate) {
        entries = count(s[2], "number of entries");
      } else if (symmetric) {
        entries = (long) rows * (rows + 1) / 2;
      } else if (skew) {
        entries = (long) rows * (rows - 1) / 2;
      } else {
        entries = (long) rows * cols;
      }
      long stored = (symmetric || skew) ? 2 * entries : entries;
      if (stored > DenseMatrix.MAX_CELLS) {
        throw error("too many entries: " + entries);
      }
      // a reader of some rows only grows its arrays as it keeps entries
      Coo coo = new Coo(keep == null ? (int) stored : (int) Math.min(stored, 1 << 12));
      int ac = 0;
      int ar = skew ? 1 : 0;
      for (long e = 0; e < entries; e++) {
        String line = next(in, true);
        if (line == null) {
          throw error("unexpected end of file after " + e + " of " + entries + " entries");
        }
        String[] f = line.trim().split("\\s+");
        int r;
        int c;
        String value;
        if (coordinate) {
          if (f.length != (pattern ? 2 : 3)) {
            throw error(
                "expected '" + (pattern ? "row col" : "row col value") + "', got '" + line + "'");
          }
          r = index(f[0], rows, "row");
          c = index(f[1], cols, "column");
          value = pattern ? null : f[2];
        } else {
          if (f.length != 1) {
            throw error("expected one value, got '" + line + "'");
          }
          r = ar;
          c = ac;
          value = f[0];
          // next position in column-major order over the stored triangle
          ar++;
          if (ar == rows) {
            ac++;
            ar = symmetric ? ac : skew ? ac + 1 : 0;
          }
        }
        if ((symmetric || skew) && c > r) {
          throw error(
              "entry ("
                  + (r + 1)
                  + ", "
                  + (c + 1)
                  + ") above the diagonal of a "
                  + symmetry
                  + " matrix");
        }
        if (skew && r == c) {
          throw error(
              "diagonal entry (" + (r + 1) + ", " + (c + 1) + ") in a skew-symmetric matrix");
        }
        long bits;
        if (pattern) {
          bits = type.isFloat() ? Double.doubleToRawLongBits(1.0) : 1;
        } else {
          bits = parse(value, integer);
        }
        if (keep == null || keep.test(r)) {
          coo.add(r, c, bits);
        }
        if ((symmetric || skew) && r != c && (keep == null || keep.test(c))) {
          coo.add(c, r, skew ? negate(bits) : bits);
        }
      }
      return coo.build(rows, cols);
    }

    private long parse(String v, boolean integer) {
      try {
        if (integer) {
          long x = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
          return type.isFloat() ? Double.doubleToRawLongBits((double) x) : Convert.narrow(x, type);
        }
        double d = Double.parseDouble(v);
        return type.isFloat() ? Double.doubleToRawLongBits(d) : Convert.fromDouble(d, type);
      } catch (NumberFormatException e) {
        throw error("'" + v + "' is not " + (integer ? "an integer" : "a number"));
      }
    }

    private long negate(long bits) {
      return type.isFloat()
          ? Double.doubleToRawLongBits(-Double.longBitsToDouble(bits))
          : Convert.narrow(-bits, type);
    }

    private int count(String s, String what) {
      try {
        long v = Long.parseLong(s);
        if (v < 0 || v > Integer.MAX_VALUE - 1) {
          throw error(what + " " + s + " is out of range");
        }
        return (int) v;
      } catch (NumberFormatException e) {
        throw error(what + " '" + s + "' is not a number");
      }
    }

    private int index(String s, int n, String what) {
      try {
        long v = Long.parseLong(s);
        if (v < 1 || v > n) {
          throw error(what + " index " + s + " outside 1.." + n);
        }
        return (int) v - 1;
      } catch (NumberFormatException e) {
        throw error(what + " index '" + s + "' is not a number");
      }
    }

    /** Coordinate entries (value bits: raw double bits for float types), sorted into CSR. */
    private final class Coo {
      int[] r;
      int[] c;
      long[] v;
      int n;

      Coo(int capacity) {
        r = new int[capacity];
        c = new int[capacity];
        v = new long[capacity];
      }

      void add(int row, int col, long bits) {
        if (n == r.length) {
          int grown = (int) Math.min(DenseMatrix.MAX_CELLS, Math.max(16L, 2L * r.length));
          r = Arrays.copyOf(r, grown);
          c = Arrays.copyOf(c, grown);
          v = Arrays.copyOf(v, grown);
        }
        r[n] = row;
        c[n] = col;
        v[n++] = bits;
      }

      CsrMatrix build(int rows, int cols) {
        int[] offsets = new int[rows + 1];
        for (int i = 0; i < n; i++) {
          offsets[r[i] + 1]++;
        }
        for (int i = 0; i < rows; i++) {
          offsets[i + 1] += offsets[i];
        }
        // counting sort by row (stable), then by column within each row with the entry's position
        // as tie-break, so that of two entries for one cell the later one wins
        int[] byRow = new int[n];
        int[] next = Arrays.copyOf(offsets, rows);
        for (int i = 0; i < n; i++) {
          byRow[next[r[i]]++] = i;
        }
        int[] idx = new int[n];
        DenseMatrix vals = DenseMatrix.allocate(type, 1, n);
        int[] outOffsets = new int[rows + 1];
        int k = 0;
        long[] keys = new long[0];
        for (int row = 0; row < rows; row++) {
          int len = offsets[row + 1] - offsets[row];
          if (keys.length < len) {
            keys = new long[Math.max(len, keys.length * 2)];
          }
          for (int t = 0; t < len; t++) {
            int e = byRow[offsets[row] + t];
            keys[t] = ((long) c[e] << 32) | e;
          }
          Arrays.sort(keys, 0, len);
          for (int t = 0; t < len; t++) {
            int e = (int) keys[t];
            if (t + 1 < len && (int) (keys[t + 1] >>> 32) == c[e]) {
              continue; // a later entry for the same cell follows
            }
            if (isZero(v[e])) {
              continue; // explicit zeros are not stored
            }
            idx[k] = c[e];
            set(vals, k++, v[e]);
          }
          outOffsets[row + 1] = k;
        }
        return CsrMatrix.wrap(type, rows, cols, outOffsets, idx, vals.data());
      }

      private boolean isZero(long bits) {
        return type.isFloat() ? Double.longBitsToDouble(bits) == 0 : bits == 0;
      }

      private void set(DenseMatrix vals, int k, long bits) {
        if (type.isFloat()) {
          vals.setDouble(k, Double.longBitsToDouble(bits));
        } else {
          vals.setLong(k, bits);
        }
      }
    }
  }
}
