import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.StringColumn;
import daphnegrid.kernels.io.FrameCsvReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap taken by a frame read from a CSV file, against the raw bytes of its columns' values:
 * {@code java -cp kernels/target/classes bench/FrameMemory.java file rows type...} (types as in
 * .meta files: si64, f64, str, ...). Raw bytes are the element size times the rows for numeric
 * columns and the values' UTF-8 bytes for str columns (no lengths, no offsets). Prints one JSON
 * line with the raw bytes, the frame's own count ({@code Frame.dataBytes}, which adds the str
 * offsets) and the heap figure: the difference of used memory after full collections before and
 * after reading, so it counts everything the frame keeps alive.
 */
public final class FrameMemory {
  public static void main(String[] a) throws Exception {
    Path file = Path.of(a[0]);
    long rows = Long.parseLong(a[1]);
    List<ValueType> types = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int k = 2; k < a.length; k++) {
      types.add(ValueType.fromDslName(a[k]));
      labels.add("c" + (k - 2));
    }
    long before = used();
    List<Column> cols = FrameCsvReader.read(file, rows, types, labels, true);
    Frame f = Frame.of(labels, cols);
    long after = used();
    long raw = 0;
    for (Column c : f.columns()) {
      if (c instanceof StringColumn s) {
        raw += s.offsets()[s.size()];
      } else {
        raw += (long) c.size() * c.type().byteWidth();
      }
    }
    System.out.printf(
        "{\"rows\": %d, \"raw_bytes\": %d, \"frame_bytes\": %d, \"heap_bytes\": %d,"
            + " \"heap_over_raw\": %.4f}%n",
        f.rows(), raw, f.dataBytes(), after - before, (double) (after - before) / raw);
    if (f.rows() < 0) {
      System.out.println(f); // keeps f reachable until after the measurement
    }
  }

  private static long used() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      long u = rt.totalMemory() - rt.freeMemory();
      if (u >= last) {
        return Math.min(u, last);
      }
      last = u;
    }
    return last;
  }
}
