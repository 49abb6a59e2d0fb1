package daphnegrid.kernels.io;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.StringColumn;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads the columns of a frame from a CSV file (spec 10.3), strictly: every field must be a value
 * of its column's type. An integer field is a sign and digits that fit the type; a float field is
 * what {@code strtod} reads with nothing after it, and an empty float field is NaN; str fields
 * follow {@link CsvReader}'s quoting rules (quotes, doubled quotes, line breaks inside quotes, the
 * {@code \"} quirk). A field that does not parse, a record with too few fields, or a file with too
 * few records is a {@link KernelException} naming the file, the line and the column. Fields after
 * the last column and records after the last row are ignored.
 *
 * <p>Design: the file is cut into pieces of about {@link #PIECE_BYTES} that each start at a line,
 * handed out in order to the workers (one per core). A first pass counts each piece's line breaks,
 * so that each piece knows its first record and how many records it holds before it is parsed; the
 * second pass reads each piece again and parses its numbers straight into the frame's columns at
 * its own rows; str columns are built per piece and joined once. Each worker reads its pieces into
 * one buffer of its own, so the file's bytes are never all in memory at once: a 4M-row file of 130
 * MB needs two 4 MiB buffers beside its columns, and a file larger than the heap can still be read
 * into columns that fit. A si64 column learns the smallest and largest of its values on the way
 * ({@link Column#ofSi64}), which a GROUP BY on it would otherwise scan for. Where records start is
 * found by counting line breaks, which is right unless a quoted str field holds a line break: when
 * a file with a str column holds any '"', the pieces are read whole and a sequential scan that
 * follows the quoting ({@link RecordStarts}, far cheaper than parsing) moves each piece start to a
 * record start instead.
 */
public final class FrameCsvReader {
  private FrameCsvReader() {}

  /** Ranges below this size are not split further (splitting costs a pass over the bytes). */
  static final int MIN_RANGE_BYTES = 1 << 20;

  /** The largest range read into one array. */
  static final int MAX_RANGE_BYTES = 1 << 28;

  /**
   * The first numRows records of file as one column per type (str columns compact).
   *
   * @param labels the column labels, for messages
   * @param parallel whether ranges may be parsed on several threads
   * @throws KernelException if the file cannot be read or does not hold such records
   */
  public static List<Column> read(
      Path file, long numRows, List<ValueType> types, List<String> labels, boolean parallel) {
    if (numRows > Integer.MAX_VALUE - 16) {
      throw new KernelException("readFrame: a frame cannot hold " + numRows + " rows");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      boolean anyStr = types.contains(ValueType.STR);
      int workers = parallel ? Runtime.getRuntime().availableProcessors() : 1;
      List<long[]> ranges =
          ranges(ch, size, (int) Math.max(workers, Math.min(1 << 20, size / PIECE_BYTES + 1)));
      int pieces = ranges.size();
      int longest = 0;
      for (long[] r : ranges) {
        longest = (int) Math.max(longest, r[1] - r[0]);
      }
      // one buffer per worker, for both passes
      byte[][] buffers = new byte[Math.max(1, Math.min(workers, pieces))][longest];
      // pass 1: line breaks and quotes per piece, so that pieces know their first record
      long[] lineCounts = new long[pieces];
      boolean[] quotes = new boolean[pieces];
      eachPiece(
          pieces,
          buffers,
          (k, buf) -> {
            int len = readRange(ch, ranges.get(k)[0], ranges.get(k)[1], buf, file);
            long n = 0;
            boolean q = false;
            for (int i = 0; i < len; i++) {
              byte x = buf[i];
              if (x == '\n') {
                n++;
              } else if (x == '"') {
                q = true;
              }
            }
            lineCounts[k] = n;
            quotes[k] = q;
          });
      boolean anyQuote = false;
      for (boolean q : quotes) {
        anyQuote |= q;
      }
      Chunk[] chunks;
      long[] firstRecord;
      long[] firstLine;
      long[] records;
      if (pieces > 1 && anyStr && anyQuote) {
        // quoted fields may hold line breaks: the pieces are read whole and cut at the record
        // starts a scan that follows the quoting finds
        Chunk[] whole = new Chunk[pieces];
        eachPiece(
            pieces,
            new byte[buffers.length][],
            (k, buf) ->
                whole[k] = new Chunk(readRange(ch, ranges.get(k)[0], ranges.get(k)[1], file)));
        firstRecord = new long[pieces];
        firstLine = new long[pieces];
        records = new long[pieces];
        chunks = RecordStarts.recut(whole, types, firstRecord, firstLine, records);
      } else {
        // a record per line; the last line of the file may lack its '\n'. Each piece is read
        // again when it is parsed, into its worker's buffer
        chunks = new Chunk[pieces];
        firstRecord = new long[pieces];
        firstLine = firstRecord;
        records = new long[pieces];
        long before = 0;
        for (int k = 0; k < pieces; k++) {
          chunks[k] = new Chunk(null);
          firstRecord[k] = before;
          records[k] = lineCounts[k] + (k == pieces - 1 ? 1 : 0);
          before += lineCounts[k];
        }
      }
      Chunk[] cs = chunks;
      // Every range knows its first record and how many it holds, so each one parses its numbers
      // straight into the frame's columns at its own rows (no per-range columns to join); str
      // columns are built per range and joined.
      long claimed = 0; // the records the ranges start (a last range after a recut: unbounded)
      for (int k = 0; k < cs.length; k++) {
        claimed = records[k] > Long.MAX_VALUE - claimed ? Long.MAX_VALUE : claimed + records[k];
      }
      int rows = (int) Math.min(numRows, claimed);
      DenseMatrix[] target = new DenseMatrix[types.size()];
      for (int j = 0; j < types.size(); j++) {
        if (types.get(j) != ValueType.STR) {
          target[j] = DenseMatrix.allocate(types.get(j), rows, 1);
        }
      }
      eachPiece(
          cs.length,
          buffers,
          (k, buf) -> {
            long from = firstRecord[k];
            if (from >= rows) {
              cs[k].bytes = null;
              return;
            }
            byte[] b = cs[k].bytes;
            int len;
            if (b == null) {
              b = buf;
              len = readRange(ch, ranges.get(k)[0], ranges.get(k)[1], buf, file);
            } else {
              len = b.length;
            }
            RecordParser p = new RecordParser(b, len, file, types, labels, firstLine[k]);
            cs[k].rows = p.parseInto(target, (int) from, (int) Math.min(records[k], rows - from));
            cs[k].strings = p.strings;
            cs[k].lo = p.lo;
            cs[k].hi = p.hi;
            cs[k].bytes = null;
          });
      long total = 0;
      for (int k = 0; k < cs.length; k++) {
        if (cs[k].rows > 0 && total != firstRecord[k]) {
          // a piece held fewer records than its line breaks said, and a later one more: the
          // file changed between the two passes
          throw new KernelException(
              "could not read file '" + file + "': it changed while it was being read");
        }
        total += cs[k].rows;
      }
      if (types.isEmpty()) {
        total = numRows; // nothing to check without columns
      }
      if (total < numRows) {
        throw new KernelException(
            "getFileLine failed: file '"
                + file
                + "' ends after "
                + total
                + " records, but "
                + numRows
                + " are needed");
      }
      return join(cs, types, target);
    } catch (NoSuchFileException e) {
      throw new KernelException("could not open file '" + file + "' for reading");
    } catch (IOException e) {
      throw new KernelException("could not read file '" + file + "': " + e.getMessage(), e);
    }
  }

  /**
   * What {@link #readRanges} read: the columns of each range in order, up to the first range that
   * failed ({@code failedRange}, -1 if none) and its failure.
   */
  public record Ranges(List<List<Column>> columns, int failedRange, KernelException failure) {}

  /**
   * Record ranges [starts[i], ends[i]) of file (0-based records, ascending and disjoint, ends at
   * most numRows) as columns, without parsing the records before or between them: one sequential
   * pass of a {@link RecordScanner} from the start of the file finds the byte offset and the line
   * of each range's first record, then only the ranges' bytes are read and parsed. How a grid
   * member reads its own row blocks of a file. Values and messages are those of {@link #read}: line
   * numbers count from the start of the file, and a file with fewer than numRows records names how
   * many it has.
   *
   * @param parallel whether the ranges may be parsed on several threads
   * @return the ranges' columns, or those before the first range that fails and its failure
   * @throws KernelException if the file cannot be opened or read
   */
  public static Ranges readRanges(
      Path file,
      long numRows,
      List<ValueType> types,
      List<String> labels,
      long[] starts,
      long[] ends,
      boolean parallel) {
    return readRanges(file, numRows, types, labels, starts, ends, parallel, null);
  }

  /**
   * Where the line breaks of a file are, coarsely: {@code lines[k]} is the number of '\n' bytes
   * before byte {@code offsets[k]} (ascending, {@code offsets[0] = 0}). Made from {@link
   * #countLineBreaks} over consecutive byte ranges.
   */
  public record LineIndex(long[] offsets, long[] lines) {
    public LineIndex {
      if (offsets.length != lines.length || offsets.length == 0 || offsets[0] != 0) {
        throw new IllegalArgumentException("a line index starts at offset 0, one count each");
      }
    }
  }

  /** The '\n' bytes in bytes [from, to) of file. */
  public static long countLineBreaks(Path file, long from, long to) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 20);
      long count = 0;
      for (long pos = from; pos < to; ) {
        buf.clear();
        buf.limit((int) Math.min(buf.capacity(), to - pos));
        int got = ch.read(buf, pos);
        if (got <= 0) {
          break;
        }
        byte[] b = buf.array();
        for (int i = 0; i < got; i++) {
          if (b[i] == '\n') count++;
        }
        pos += got;
      }
      return count;
    } catch (NoSuchFileException e) {
      throw new KernelException("could not open file '" + file + "' for reading");
    } catch (IOException e) {
      throw new KernelException("could not read file '" + file + "': " + e.getMessage(), e);
    }
  }

  /**
   * As {@link #readRanges(Path, long, List, List, long[], long[], boolean)}, but with index the
   * scan for the ranges' first records starts at the last indexed offset before the first range
   * instead of at the file's start, so only the bytes from there on are read. Only for files
   * without str columns: there a '"' never opens a quoted field ({@link RecordScanner}), so every
   * line break ends a record and record r is line r; with a str column a line break may sit inside
   * a quoted field and only a scan from the start can tell.
   *
   * @throws IllegalArgumentException if index is given for types with a str column
   */
  public static Ranges readRanges(
      Path file,
      long numRows,
      List<ValueType> types,
      List<String> labels,
      long[] starts,
      long[] ends,
      boolean parallel,
      LineIndex index) {
    if (index != null && types.contains(ValueType.STR)) {
      throw new IllegalArgumentException("a line index cannot place records with str fields");
    }
    int n = starts.length;
    for (int i = 0; i < n; i++) {
      if (starts[i] > ends[i] || ends[i] > numRows || (i > 0 && starts[i] < ends[i - 1])) {
        throw new IllegalArgumentException(
            "record ranges must ascend, not overlap and end by rows");
      }
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      // byte offset and line of records starts[i] and ends[i]; -1: the file ends before
      long[] from = new long[n];
      long[] to = new long[n];
      long[] line = new long[n];
      java.util.Arrays.fill(from, -1);
      java.util.Arrays.fill(to, -1);
      long pos0 = 0, rec0 = 0;
      if (index != null && n > 0) {
        // the last indexed offset whose first whole record is at most starts[0]
        for (int k = 1; k < index.offsets().length; k++) {
          if (index.offsets()[k] < size && index.lines()[k] + 1 <= starts[0]) {
            pos0 = index.offsets()[k];
            rec0 = index.lines()[k];
          }
        }
      }
      long total = scan(ch, size, types, starts, ends, from, to, line, pos0, rec0);
      byte[][] bytes = new byte[n][];
      for (int i = 0; i < n; i++) {
        if (from[i] >= 0) {
          bytes[i] = readRange(ch, from[i], to[i] >= 0 ? to[i] : size, file);
        }
      }
      @SuppressWarnings("unchecked")
      List<Column>[] cols = new List[n];
      KernelException[] failed = new KernelException[n];
      IntStream idx = IntStream.range(0, n);
      (parallel ? idx.parallel() : idx)
          .forEach(
              i -> {
                long want = ends[i] - starts[i];
                if (types.isEmpty()) {
                  cols[i] = List.of();
                  return;
                }
                if (bytes[i] == null) {
                  failed[i] = tooFew(file, Math.min(total, numRows), numRows);
                  return;
                }
                try {
                  List<Column> c =
                      new RecordParser(bytes[i], file, types, labels, line[i]).parse((int) want);
                  bytes[i] = null;
                  int got = want == 0 ? 0 : c.get(0).size();
                  if (got < want) {
                    failed[i] = tooFew(file, starts[i] + got, numRows);
                  } else {
                    cols[i] = c;
                  }
                } catch (KernelException e) {
                  failed[i] = e;
                }
              });
      List<List<Column>> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        if (failed[i] != null) {
          return new Ranges(out, i, failed[i]);
        }
        out.add(cols[i]);
      }
      return new Ranges(out, -1, null);
    } catch (NoSuchFileException e) {
      throw new KernelException("could not open file '" + file + "' for reading");
    } catch (IOException e) {
      throw new KernelException("could not read file '" + file + "': " + e.getMessage(), e);
    }
  }

  private static KernelException tooFew(Path file, long got, long numRows) {
    return new KernelException(
        "getFileLine failed: file '"
            + file
            + "' ends after "
            + got
            + " records, but "
            + numRows
            + " are needed");
  }

  /**
   * Scans the file from its start up to the record ends[last] (or its end) and fills the byte
   * offsets of records starts[i] (from, with their lines) and ends[i] (to); returns the records the
   * file holds if the scan reached its end (a last line without '\n' counts), else Long.MAX_VALUE.
   */
  private static long scan(
      FileChannel ch,
      long size,
      List<ValueType> types,
      long[] starts,
      long[] ends,
      long[] from,
      long[] to,
      long[] line,
      long pos0,
      long rec0)
      throws IOException {
    int n = starts.length;
    if (n == 0) {
      return Long.MAX_VALUE;
    }
    RecordScanner scan = new RecordScanner(types);
    scan.records = rec0;
    scan.lines = rec0;
    int nextStart = 0;
    int nextEnd = 0;
    boolean atRecordStart = pos0 == 0;
    if (!atRecordStart) {
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, pos0 - 1);
      atRecordStart = one.array()[0] == '\n';
    }
    if (atRecordStart) {
      // record rec0 starts at pos0, on line rec0
      while (nextStart < n && starts[nextStart] == rec0) {
        from[nextStart] = pos0;
        line[nextStart++] = rec0;
      }
      while (nextEnd < n && ends[nextEnd] == rec0) {
        to[nextEnd++] = pos0;
      }
    } else {
      scan.skipRestOfLine(); // pos0 is inside record rec0
    }
    long lastEnd = pos0;
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    long pos = pos0;
    while (pos < size && nextEnd < n) {
      buf.clear();
      int got = ch.read(buf, pos);
      if (got <= 0) {
        break;
      }
      byte[] b = buf.array();
      for (int i = 0; i < got && nextEnd < n; i++) {
        if (scan.accept(b[i])) {
          long at = pos + i + 1;
          long rec = scan.records; // the record starting at 'at'
          lastEnd = at;
          while (nextStart < n && starts[nextStart] == rec) {
            from[nextStart] = at;
            line[nextStart++] = scan.lines;
          }
          while (nextEnd < n && ends[nextEnd] == rec) {
            to[nextEnd++] = at;
          }
        }
      }
      pos += got;
    }
    if (nextEnd < n) {
      long records = scan.records + (size > lastEnd ? 1 : 0);
      // a last record without its line break starts at lastEnd
      if (size > lastEnd) {
        while (nextStart < n && starts[nextStart] == scan.records) {
          from[nextStart] = lastEnd;
          line[nextStart++] = scan.lines;
        }
      }
      return records;
    }
    return Long.MAX_VALUE;
  }

  static final class Chunk {
    byte[] bytes;
    // what parsing it gave: its records, its str columns, the range of each si64 column's values
    int rows;
    StringColumn.Builder[] strings;
    long[] lo;
    long[] hi;

    Chunk(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  /**
   * Up to n byte ranges [start, end) of about equal size, each starting at a line start (the byte
   * after a '\n') and ending after a '\n' or at the end of the file.
   */
  private static List<long[]> ranges(FileChannel ch, long size, int n) throws IOException {
    int pieces = (int) Math.max(1, Math.min(n, size / MIN_RANGE_BYTES));
    pieces = (int) Math.max(pieces, (size + MAX_RANGE_BYTES - 1) / MAX_RANGE_BYTES);
    List<long[]> out = new ArrayList<>();
    long start = 0;
    for (int k = 1; k <= pieces && start < size; k++) {
      long end = k == pieces ? size : lineStartAfter(ch, size * k / pieces, size);
      if (end > start) {
        out.add(new long[] {start, end});
        start = end;
      }
    }
    if (out.isEmpty()) {
      out.add(new long[] {0, 0});
    }
    return out;
  }

  /** The position after the first '\n' at or after pos (size if none). */
  private static long lineStartAfter(FileChannel ch, long pos, long size) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    while (pos < size) {
      buf.clear();
      int n = ch.read(buf, pos);
      if (n <= 0) {
        return size;
      }
      for (int i = 0; i < n; i++) {
        if (buf.get(i) == '\n') {
          return pos + i + 1;
        }
      }
      pos += n;
    }
    return size;
  }

  /** The size of the pieces a file is read and parsed in (see {@link #read}). */
  static final int PIECE_BYTES = 4 << 20;

  /** Work on piece k with its worker's buffer. */
  private interface PieceTask {
    void run(int k, byte[] buf);
  }

  /**
   * Runs task on pieces 0..n-1, handed out in order to one thread per buffer (at most n), each
   * passing its buffer (which may be null) to all of its pieces. When pieces fail, the first one's
   * failure is thrown (so a file with several bad records names the first, however the work was
   * shared).
   */
  private static void eachPiece(int n, byte[][] buffers, PieceTask task) {
    RuntimeException[] failed = new RuntimeException[n];
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    IntStream idx = IntStream.range(0, Math.max(1, Math.min(buffers.length, n)));
    (buffers.length > 1 ? idx.parallel() : idx)
        .forEach(
            w -> {
              byte[] buf = buffers[w];
              for (int k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
                try {
                  task.run(k, buf);
                } catch (RuntimeException e) {
                  failed[k] = e;
                }
              }
            });
    for (RuntimeException e : failed) {
      if (e != null) {
        throw e;
      }
    }
  }

  /** Reads bytes [from, to) of the file into buf (at least that long); returns how many it read. */
  private static int readRange(FileChannel ch, long from, long to, byte[] buf, Path file) {
    ByteBuffer b = ByteBuffer.wrap(buf, 0, (int) (to - from));
    try {
      while (b.hasRemaining()) {
        int end = b.limit();
        b.limit(Math.min(end, b.position() + READ_PIECE));
        int got = ch.read(b, from + b.position());
        b.limit(end);
        if (got < 0) {
          break;
        }
      }
    } catch (IOException e) {
      throw new KernelException("could not read file '" + file + "': " + e.getMessage(), e);
    }
    return b.position();
  }

  /**
   * The most read into a range's array at once. A read into a heap array goes through a temporary
   * native buffer of the read's size (the JDK's, kept per thread); reading a whole range at once
   * made it as large as the range, fresh memory to fault in and a second copy out of cache. In
   * pieces it stays 1 MiB and in cache: a 4M-row readFrame took about half the time.
   */
  static final int READ_PIECE = 1 << 20;

  private static byte[] readRange(FileChannel ch, long from, long to, Path file) {
    byte[] b = new byte[(int) (to - from)];
    int got = readRange(ch, from, to, b, file);
    return got == b.length ? b : java.util.Arrays.copyOf(b, got);
  }

  /**
   * The frame's columns: the numeric ones are target's, filled by the chunks in place (a si64 one
   * with the smallest and largest value the chunks saw), the str ones the chunks' joined in order.
   */
  private static List<Column> join(Chunk[] chunks, List<ValueType> types, DenseMatrix[] target) {
    List<Column> out = new ArrayList<>(types.size());
    for (int j = 0; j < types.size(); j++) {
      if (target[j] == null) {
        List<StringColumn.Builder> parts = new ArrayList<>();
        for (Chunk c : chunks) {
          if (c.rows > 0) {
            parts.add(c.strings[j]);
          }
        }
        out.add(parts.size() == 1 ? parts.get(0).build() : StringColumn.Builder.joined(parts));
      } else if (types.get(j) == ValueType.SI64 && target[j].rows() > 0) {
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (Chunk c : chunks) {
          if (c.rows > 0) {
            min = Math.min(min, c.lo[j]);
            max = Math.max(max, c.hi[j]);
          }
        }
        out.add(Column.ofSi64(target[j], min, max));
      } else {
        out.add(Column.of(target[j]));
      }
    }
    return out;
  }

  /** Parses the records of one range into columns. */
  private static final class RecordParser {
    private final byte[] b;
    private final int end; // b's bytes of this range: [0, end)
    private final Path file;
    private final List<ValueType> types;
    private final List<String> labels;
    private final long firstLine;
    private int pos;
    private long line; // 0-based physical line of pos, relative to the first record
    private final FieldBytes field = new FieldBytes();
    // per si64 column: the smallest and largest value parsed (the column's Range)
    private long[] lo;
    private long[] hi;

    RecordParser(byte[] b, Path file, List<ValueType> types, List<String> labels, long firstLine) {
      this(b, b.length, file, types, labels, firstLine);
    }

    RecordParser(
        byte[] b, int end, Path file, List<ValueType> types, List<String> labels, long firstLine) {
      this.b = b;
      this.end = end;
      this.file = file;
      this.types = types;
      this.labels = labels;
      this.firstLine = firstLine;
    }

    /** Up to n records (fewer if the bytes end first; a last range may end without '\n'). */
    List<Column> parse(int n) {
      DenseMatrix[] num = new DenseMatrix[types.size()];
      for (int j = 0; j < num.length; j++) {
        if (types.get(j) != ValueType.STR) {
          num[j] = DenseMatrix.allocate(types.get(j), n, 1);
        }
      }
      int r = parseInto(num, 0, n);
      List<Column> out = new ArrayList<>(types.size());
      for (int j = 0; j < num.length; j++) {
        if (num[j] == null) {
          out.add(strings[j].build());
          continue;
        }
        DenseMatrix m = r == n ? num[j] : shrink(num[j], r);
        out.add(
            types.get(j) == ValueType.SI64 && r > 0
                ? Column.ofSi64(m, lo[j], hi[j])
                : Column.of(m));
      }
      return out;
    }

    // the str columns parseInto built (null for numeric ones), not yet trimmed
    private StringColumn.Builder[] strings;

    /**
     * Up to n records, the numeric fields into rows at, at+1, ... of target's matrices (null for
     * str columns, which this parser builds itself); returns how many records it read.
     */
    int parseInto(DenseMatrix[] target, int at, int n) {
      int cols = types.size();
      lo = new long[cols];
      hi = new long[cols];
      java.util.Arrays.fill(lo, Long.MAX_VALUE);
      java.util.Arrays.fill(hi, Long.MIN_VALUE);
      StringColumn.Builder[] str = new StringColumn.Builder[cols];
      for (int j = 0; j < cols; j++) {
        if (types.get(j) == ValueType.STR) {
          str[j] = new StringColumn.Builder(n);
        }
      }
      int r = 0;
      for (; r < n && pos < end; r++) {
        long recordLine = line;
        for (int j = 0; j < cols; j++) {
          if (j > 0) {
            if (pos >= end || b[pos] != ',') {
              throw missing(recordLine, r, j);
            }
            pos++;
          }
          if (str[j] != null) {
            stringField(str[j]);
          } else {
            numberField(target[j], at + r, j, recordLine);
          }
        }
        skipRestOfLine();
      }
      strings = str;
      return r;
    }

    private static DenseMatrix shrink(DenseMatrix m, int rows) {
      DenseMatrix out = DenseMatrix.allocate(m.type(), rows, 1);
      System.arraycopy(m.data(), 0, out.data(), 0, rows);
      return out;
    }

    private void numberField(DenseMatrix out, int row, int col, long recordLine) {
      int from = pos;
      while (pos < end && b[pos] != ',' && b[pos] != '\n') {
        pos++;
      }
      int to = pos;
      ValueType t = out.type();
      if (!FieldParser.isExact(b, from, to, t)) {
        throw badValue(recordLine, col, from, to);
      }
      switch (t.storage()) {
        case DOUBLE -> out.f64()[row] = FieldParser.parseDouble(b, from, to);
        case FLOAT -> out.f32()[row] = (float) FieldParser.parseDouble(b, from, to);
        default -> {
          long v = FieldParser.parseLong(b, from, to, t.isUnsigned());
          out.setLong(row, v);
          if (t == ValueType.SI64) {
            lo[col] = Math.min(lo[col], v);
            hi[col] = Math.max(hi[col], v);
          }
        }
      }
    }

    /** One str field, quoted or not; stops before the ',' or line break that ends it. */
    private void stringField(StringColumn.Builder out) {
      if (pos < end && b[pos] == '"') {
        field.reset();
        pos++;
        while (pos < end) {
          byte ch = b[pos++];
          if (ch == '"') {
            if (pos < end && b[pos] == '"') {
              pos++;
              field.write('"');
            } else {
              break;
            }
          } else if (ch == '\\' && pos < end && b[pos] == '"') {
            pos++;
            field.write('\\');
            field.write('"');
          } else if (ch == '\r' || ch == '\n') {
            if (ch == '\r' && pos < end && b[pos] == '\n') {
              pos++;
            }
            line++;
            field.write('\n');
          } else {
            field.write(ch);
          }
        }
        while (pos < end && b[pos] != ',' && b[pos] != '\n') {
          pos++; // text between the closing quote and the separator is dropped
        }
        out.add(field.data, 0, field.size);
        return;
      }
      int from = pos;
      while (pos < end && b[pos] != ',' && b[pos] != '\n') {
        pos++;
      }
      int to = pos;
      if (to > from && b[to - 1] == '\r' && (pos >= end || b[pos] == '\n')) {
        to--;
      }
      out.add(b, from, to);
    }

    private void skipRestOfLine() {
      while (pos < end && b[pos] != '\n') {
        pos++;
      }
      if (pos < end) {
        pos++;
        line++;
      }
    }

    private String where(long recordLine, int col) {
      String l = labels == null || col >= labels.size() ? "" : " ('" + labels.get(col) + "')";
      return "file '"
          + file
          + "', line "
          + (firstLine + recordLine + 1)
          + ", column "
          + (col + 1)
          + l;
    }

    private KernelException missing(long recordLine, int row, int col) {
      return new KernelException(
          "readFrame: "
              + where(recordLine, col)
              + ": the record has "
              + col
              + " field(s), but the frame has "
              + types.size()
              + " columns");
    }

    private KernelException badValue(long recordLine, int col, int from, int to) {
      String text =
          new String(b, from, Math.min(to - from, 40), java.nio.charset.StandardCharsets.UTF_8);
      return new KernelException(
          "readFrame: "
              + where(recordLine, col)
              + ": '"
              + text
              + "' is not a value of type "
              + types.get(col).dslName());
    }
  }

  /** The bytes of one quoted str field. */
  private static final class FieldBytes {
    byte[] data = new byte[64];
    int size;

    void reset() {
      size = 0;
    }

    void write(int x) {
      if (size == data.length) {
        data = java.util.Arrays.copyOf(data, size * 2);
      }
      data[size++] = (byte) x;
    }
  }
}
