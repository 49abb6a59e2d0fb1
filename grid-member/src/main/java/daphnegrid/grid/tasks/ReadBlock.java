package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.grid.metrics.GridMetrics;
import java.util.Map;

/**
 * Returns one whole block to the coordinator (a collect), and counts it in the member's bytes out.
 * It does what {@code IMap.get} does — the stored object is serialized once, into the response —
 * but runs on the member, where the transfer can be counted. Read-only: no lock, no backup
 * processor. A missing block yields null.
 */
public final class ReadBlock
    implements EntryProcessor<BlockKey, DenseBlock, DenseBlock>,
        ReadOnly,
        IdentifiedDataSerializable,
        HazelcastInstanceAware {
  private transient GridMetrics metrics;

  /** For deserialization (and use: it has no state). */
  public ReadBlock() {}

  @Override
  public DenseBlock process(Map.Entry<BlockKey, DenseBlock> entry) {
    DenseBlock b = entry.getValue();
    if (b != null && metrics != null) {
      metrics.bytesOut(GridMetrics.wireBytes(b.matrix()));
    }
    return b;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.metrics = GridMetrics.of(hz);
  }

  @Override
  public EntryProcessor<BlockKey, DenseBlock, DenseBlock> getBackupProcessor() {
    return null;
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.READ_BLOCK;
  }

  @Override
  public void writeData(ObjectDataOutput out) {}

  @Override
  public void readData(ObjectDataInput in) {}
}
