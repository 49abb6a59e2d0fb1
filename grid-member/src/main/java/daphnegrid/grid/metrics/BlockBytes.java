package daphnegrid.grid.metrics;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.config.serial.DenseBlockSerializer;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.config.serial.FrameBlockSerializer;
import daphnegrid.grid.GridMemberSerialization;
import java.util.Map;

/**
 * The serialized size of one stored block ({@link DenseBlockSerializer#serializedBytes}, a frame's
 * row block {@link FrameBlockSerializer#serializedBytes}), 0 for a missing one. Read-only and not
 * offloaded: it only reads the array's length (and, for strings, their characters), on the stored
 * object itself in an OBJECT-format map.
 */
public final class BlockBytes
    implements EntryProcessor<BlockKey, Object, Long>, ReadOnly, IdentifiedDataSerializable {
  /** For deserialization (and use: it has no state). */
  public BlockBytes() {}

  @Override
  public Long process(Map.Entry<BlockKey, Object> entry) {
    Object v = entry.getValue();
    if (v instanceof FrameBlock f) {
      return FrameBlockSerializer.heldBytes(f);
    }
    return v == null ? 0L : DenseBlockSerializer.serializedBytes((DenseBlock) v);
  }

  @Override
  public EntryProcessor<BlockKey, Object, Long> getBackupProcessor() {
    return null;
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.BLOCK_BYTES;
  }

  @Override
  public void writeData(ObjectDataOutput out) {}

  @Override
  public void readData(ObjectDataInput in) {}
}
