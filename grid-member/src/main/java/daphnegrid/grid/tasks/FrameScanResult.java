package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.config.serial.FrameBlockSerializer;
import daphnegrid.grid.GridMemberSerialization;
import java.io.IOException;

/**
 * What a member sends back for {@link ScanFrameBlocks} (and the grouping and join tasks): per row
 * block, the rows that passed (a {@link FrameBlock} whose row offset is the block's), or a failure
 * message. Parts that would make the answer larger than its {@link PartSink}'s size are stored in
 * the sink's map instead; the answer then carries their row counts ({@link #stored}).
 */
public final class FrameScanResult implements IdentifiedDataSerializable {
  private int[] blockRows;
  private FrameBlock[] parts;
  private int[] stored;
  private String failure;

  /** For deserialization. */
  public FrameScanResult() {}

  static FrameScanResult done(int[] blockRows, FrameBlock[] parts) {
    FrameScanResult r = new FrameScanResult();
    r.blockRows = blockRows;
    r.parts = parts;
    r.stored = new int[parts.length];
    java.util.Arrays.fill(r.stored, -1);
    return r;
  }

  /**
   * The answer with parts (of blockRows, ascending) in it while it stays within sink's size; a part
   * with rows that would make it larger is stored in sink's map, sealed, and only its row count
   * travels.
   */
  static FrameScanResult reply(
      HazelcastInstance hz, PartSink sink, int[] blockRows, FrameBlock[] parts) {
    FrameScanResult r = done(blockRows, parts);
    if (sink.out() == null) {
      return r;
    }
    long total = 64; // the answer's own fields, about
    IMap<BlockKey, FrameBlock> map = null;
    for (int i = 0; i < parts.length; i++) {
      long bytes = FrameBlockSerializer.serializedBytes(parts[i]);
      if (total + bytes <= sink.maxBytes() || parts[i].rows() == 0) {
        total += bytes;
        continue;
      }
      if (map == null) {
        map = hz.getMap(sink.out().map());
      }
      BlockKey key = sink.out().key(blockRows[i]);
      map.set(key, MemberSeal.seal(hz, sink.out(), key, parts[i]));
      r.stored[i] = parts[i].rows();
      parts[i] = null;
    }
    return r;
  }

  static FrameScanResult failed(String message) {
    FrameScanResult r = done(new int[0], new FrameBlock[0]);
    r.failure = message;
    return r;
  }

  public int[] blockRows() {
    return blockRows;
  }

  /** Rows of part i when it was stored in the sink's map (its part is null), else -1. */
  public int[] stored() {
    return stored;
  }

  /** Part i holds what passed of block blockRows()[i]. */
  public FrameBlock[] parts() {
    return parts;
  }

  /** The failure message, or null. */
  public String failure() {
    return failure;
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.FRAME_SCAN_RESULT;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeIntArray(blockRows);
    out.writeIntArray(stored);
    out.writeInt(parts.length);
    for (FrameBlock p : parts) {
      out.writeObject(p);
    }
    out.writeString(failure);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    blockRows = in.readIntArray();
    stored = in.readIntArray();
    parts = new FrameBlock[in.readInt()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = in.readObject();
    }
    failure = in.readString();
  }
}
