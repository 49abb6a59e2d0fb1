package daphnegrid.grid.tasks;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;

/**
 * Where the parts a member sends back from a scan, a grouping or a join go when they do not fit in
 * one message of at most maxBytes ({@code --max-distr-chunk-size}): into the map of out (sealed,
 * under {@code BlockKey(out, blockRow, 0)}), from which the coordinator reads them in pieces of
 * whole rows ({@link ReadFramePiece}). With no out, every part travels in the answer.
 */
public record PartSink(FrameRef out, long maxBytes) {
  /** Every part in the answer (DAPHNE's default chunk size: nothing is cut). */
  public static final PartSink NONE = new PartSink(null, Long.MAX_VALUE);

  void write(ObjectDataOutput o) throws IOException {
    o.writeBoolean(out != null);
    if (out != null) {
      out.write(o);
      o.writeLong(maxBytes);
    }
  }

  static PartSink read(ObjectDataInput in) throws IOException {
    if (!in.readBoolean()) {
      return NONE;
    }
    FrameRef out = FrameRef.read(in);
    return new PartSink(out, in.readLong());
  }
}
