package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.grid.metrics.GridMetrics;
import java.io.IOException;
import java.util.Map;

/**
 * Stores one whole block under its key and notes it in the member's {@link BlockCache}. Used for
 * every block write (scatter, program outputs, generated blocks) instead of {@code put}: the stored
 * object is the one given here, so the cache can hand it to later tasks without a copy. The backup
 * replica re-runs this processor with its own deserialized copy (the block travels once to it).
 */
public final class StoreBlock
    implements EntryProcessor<BlockKey, DenseBlock, Void>,
        IdentifiedDataSerializable,
        HazelcastInstanceAware {
  private String map;
  private DenseBlock block;
  private transient BlockCache cache;
  private transient GridMetrics metrics;
  // deserialized: the block arrived over the network (from a coordinator, or to a backup)
  private transient boolean arrived;
  // sealed by this member (LocalBlocks.store): no reader needs to check it; false on the backup
  private transient boolean sealedHere;

  /** For deserialization. */
  public StoreBlock() {}

  public StoreBlock(String map, DenseBlock block) {
    this.map = map;
    this.block = block;
  }

  /** A processor run on this member without serialization: it needs the cache handed in. */
  static StoreBlock local(String map, DenseBlock block, BlockCache cache) {
    StoreBlock s = new StoreBlock(map, block);
    s.cache = cache;
    s.sealedHere = true;
    return s;
  }

  @Override
  public Void process(Map.Entry<BlockKey, DenseBlock> entry) {
    entry.setValue(block);
    if (arrived && metrics != null) {
      metrics.bytesIn(GridMetrics.wireBytes(block.matrix()));
    }
    if (cache != null) {
      cache.put(map, entry.getKey(), block, sealedHere);
    }
    return null;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.cache = BlockCache.of(hz);
    this.metrics = GridMetrics.of(hz);
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.STORE_BLOCK;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(map);
    out.writeObject(block);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    map = in.readString();
    block = in.readObject();
    arrived = true;
  }
}
