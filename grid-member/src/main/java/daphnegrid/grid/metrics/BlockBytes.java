package daphnegrid.grid.metrics;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.config.serial.DenseBlockSerializer;
import daphnegrid.grid.GridMemberSerialization;
import java.util.Map;

/**
 * The serialized size of one stored block ({@link DenseBlockSerializer#serializedBytes}), 0 for a
 * missing one. Read-only and not offloaded: it only reads the array's length (and, for strings,
 * their characters), on the stored object itself in an OBJECT-format map.
 */
public final class BlockBytes
    implements EntryProcessor<BlockKey, DenseBlock, Long>, ReadOnly, IdentifiedDataSerializable {
  /** For deserialization (and use: it has no state). */
  public BlockBytes() {}

  @Override
  public Long process(Map.Entry<BlockKey, DenseBlock> entry) {
    DenseBlock b = entry.getValue();
    return b == null ? 0L : DenseBlockSerializer.serializedBytes(b);
  }

  @Override
  public EntryProcessor<BlockKey, DenseBlock, Long> getBackupProcessor() {
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
