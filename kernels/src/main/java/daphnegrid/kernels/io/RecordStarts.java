package daphnegrid.kernels.io;

import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the records of a frame CSV file start when quoted str fields may hold line breaks: one
 * sequential pass over the bytes with a {@link RecordScanner}. The ranges of the first pass are
 * then cut again at the first record start at or after each of their starts, so each range can be
 * parsed on its own and knows its first record and line.
 */
final class RecordStarts {
  private RecordStarts() {}

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
    RecordScanner scan = new RecordScanner(types);
    for (int k = 0; k < n && next < n; k++) {
      byte[] b = pieces[k].bytes;
      long base = bounds[k];
      for (int i = 0; i < b.length; i++) {
        if (scan.accept(b[i])) {
          long start = base + i + 1;
          while (next < n && start >= bounds[next]) {
            starts[next] = start;
            recs[next] = scan.records;
            lines[next] = scan.lines;
            next++;
          }
        }
      }
    }
    long lineCount = scan.lines;
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
