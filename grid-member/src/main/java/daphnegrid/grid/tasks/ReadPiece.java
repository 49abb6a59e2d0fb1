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
import daphnegrid.kernels.DenseMatrix;
import java.io.IOException;
import java.util.Map;

/**
 * Reads cells [firstCell, firstCell + count) (row-major) of one block as a 1 x count matrix: how a
 * block larger than {@code --max-distr-chunk-size} is collected in several messages. Read-only, so
 * it takes no lock and has no backup processor. A missing block yields null. The whole block's seal
 * is checked here (once per stored object), since the coordinator sees only a piece.
 */
public final class ReadPiece
    implements EntryProcessor<BlockKey, DenseBlock, DenseBlock>,
        ReadOnly,
        IdentifiedDataSerializable,
        HazelcastInstanceAware {
  private String map;
  private int firstCell;
  private int count;
  private transient HazelcastInstance hz;
  private transient GridMetrics metrics;

  /** For deserialization. */
  public ReadPiece() {}

  public ReadPiece(String map, int firstCell, int count) {
    this.map = map;
    this.firstCell = firstCell;
    this.count = count;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
    this.metrics = GridMetrics.of(hz);
  }

  @Override
  public DenseBlock process(Map.Entry<BlockKey, DenseBlock> entry) {
    DenseBlock b = entry.getValue();
    if (b == null) {
      return null;
    }
    BlockCache cache = BlockCache.of(hz);
    if (!cache.checked(map, entry.getKey(), b)) {
      MemberSeal.check(hz, map, entry.getKey(), b);
      cache.put(map, entry.getKey(), b, true);
    }
    DenseMatrix piece = DenseMatrix.allocate(b.type(), 1, count);
    System.arraycopy(b.matrix().data(), firstCell, piece.data(), 0, count);
    if (metrics != null) {
      metrics.bytesOut(GridMetrics.wireBytes(piece));
    }
    return new DenseBlock(0, piece);
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
    return GridMemberSerialization.READ_PIECE;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(map);
    out.writeInt(firstCell);
    out.writeInt(count);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    map = in.readString();
    firstCell = in.readInt();
    count = in.readInt();
  }
}
