package daphnegrid.kernels.io;

import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the records of a frame CSV file start when quoted str fields may hold line breaks: one
 * sequential pass over the bytes with the quoting rules of {@link FrameCsvReader}'s parser (a '"'
 * opens a quoted field only at the start of a str field; inside, {@code ""} and {@code \"} do not
 * close it; after the last column the rest of the line is skipped). The ranges of the first pass
 * are then cut again at the first record start at or after each of their starts, so each range can
 * be parsed on its own and knows its first record and line.
 */
final class RecordStarts {
  private RecordStarts() {}

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int AFTER_QUOTE = 3;
  private static final int AFTER_BACKSLASH = 4;
  private static final int REST_OF_LINE = 5;

  /**
   * The chunks of pieces (consecutive ranges of one file, in order) cut again at record starts.
   * Fills, per returned chunk, its first record, its first line (0-based) and the number of records
   * it starts (the last: unbounded).
   */
  static FrameCsvReader.Chunk[] recut(
      FrameCsvReader.Chunk[] pieces,
      List<ValueType> types,
      long[] firstRecord,
      long[] firstLine,
      long[] records) {
    int n = pieces.length;
    boolean[] str = new boolean[types.size()];
    for (int j = 0; j < str.length; j++) {
      str[j] = types.get(j) == ValueType.STR;
    }
    int last = str.length - 1;
    long[] bounds = new long[n]; // global start of each piece
    long total = 0;
    for (int k = 0; k < n; k++) {
      bounds[k] = total;
      total += pieces[k].bytes.length;
    }
    long[] starts = new long[n];
    long[] recs = new long[n];
    long[] lines = new long[n];
    int next = 1; // the next piece boundary to resolve
    int state = FIELD_START;
    int field = 0;
    long recordCount = 0;
    long lineCount = 0;
    for (int k = 0; k < n && next < n; k++) {
      byte[] b = pieces[k].bytes;
      long base = bounds[k];
      for (int i = 0; i < b.length; i++) {
        byte c = b[i];
        if (c == '\n') {
          lineCount++;
        }
        boolean recordEnd = false;
        switch (state) {
          case QUOTED -> {
            if (c == '"') {
              state = AFTER_QUOTE;
            } else if (c == '\\') {
              state = AFTER_BACKSLASH;
            }
          }
          case AFTER_BACKSLASH -> {
            if (c == '"') {
              state = QUOTED;
            } else if (c != '\\') {
              state = QUOTED;
            }
          }
          case REST_OF_LINE -> recordEnd = c == '\n';
          default -> {
            if (state == AFTER_QUOTE && c == '"') {
              state = QUOTED; // a doubled quote
              break;
            }
            if (state == FIELD_START && c == '"' && field <= last && str[field]) {
              state = QUOTED;
              break;
            }
            if (c == '\n') {
              recordEnd = true;
            } else if (c == ',') {
              if (field < last) {
                field++;
                state = FIELD_START;
              } else {
                state = REST_OF_LINE;
              }
            } else {
              state = UNQUOTED;
            }
          }
        }
        if (recordEnd) {
          recordCount++;
          state = FIELD_START;
          field = 0;
          long start = base + i + 1;
          while (next < n && start >= bounds[next]) {
            starts[next] = start;
            recs[next] = recordCount;
            lines[next] = lineCount;
            next++;
          }
        }
      }
    }
    for (; next < n; next++) {
      starts[next] = total;
      recs[next] = Long.MAX_VALUE;
      lines[next] = lineCount;
    }
    List<FrameCsvReader.Chunk> out = new ArrayList<>(n);
    int m = 0;
    for (int k = 0; k < n; k++) {
      long from = starts[k];
      long to = k + 1 < n ? starts[k + 1] : total;
      if (to <= from && k > 0) {
        continue;
      }
      firstRecord[m] = k == 0 ? 0 : recs[k];
      firstLine[m] = k == 0 ? 0 : lines[k];
      out.add(new FrameCsvReader.Chunk(copy(pieces, bounds, from, to)));
      m++;
    }
    for (int k = 0; k < m; k++) {
      records[k] = k + 1 < m ? firstRecord[k + 1] - firstRecord[k] : Long.MAX_VALUE;
    }
    for (int k = m; k < n; k++) {
      firstRecord[k] = Long.MAX_VALUE;
    }
    return out.toArray(new FrameCsvReader.Chunk[0]);
  }

  /** Bytes [from, to) of the file the pieces hold. */
  private static byte[] copy(FrameCsvReader.Chunk[] pieces, long[] bounds, long from, long to) {
    byte[] out = new byte[(int) (to - from)];
    int at = 0;
    for (int k = 0; k < pieces.length && at < out.length; k++) {
      byte[] b = pieces[k].bytes;
      long lo = Math.max(from, bounds[k]);
      long hi = Math.min(to, bounds[k] + b.length);
      if (hi > lo) {
        System.arraycopy(b, (int) (lo - bounds[k]), out, at, (int) (hi - lo));
        at += (int) (hi - lo);
      }
    }
    return out;
  }
}
