package daphnegrid.grid.tasks;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.grid.GridMemberSerialization;
import java.io.IOException;

/**
 * What a member sends back for {@link ScanFrameBlocks}: per row block, the rows that passed (a
 * {@link FrameBlock} whose row offset is the block's), or a failure message.
 */
public final class FrameScanResult implements IdentifiedDataSerializable {
  private int[] blockRows;
  private FrameBlock[] parts;
  private String failure;

  /** For deserialization. */
  public FrameScanResult() {}

  static FrameScanResult done(int[] blockRows, FrameBlock[] parts) {
    FrameScanResult r = new FrameScanResult();
    r.blockRows = blockRows;
    r.parts = parts;
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
    out.writeInt(parts.length);
    for (FrameBlock p : parts) {
      out.writeObject(p);
    }
    out.writeString(failure);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    blockRows = in.readIntArray();
    parts = new FrameBlock[in.readInt()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = in.readObject();
    }
    failure = in.readString();
  }
}
