package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.config.serial.FrameBlockSerializer;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.grid.metrics.GridMetrics;
import java.io.IOException;
import java.util.Map;

/**
 * Reads the rows of a frame row block from firstRow on, as many as fit in maxBytes serialized
 * ({@link FrameBlockSerializer#rowsWithin}, at least one): how a block larger than {@code
 * --max-distr-chunk-size} is collected in several messages, cut at row boundaries. Read-only, so it
 * takes no lock and has no backup processor. A missing block yields null. The whole block's seal is
 * checked here, since the coordinator sees only a piece.
 */
public final class ReadFramePiece
    implements EntryProcessor<BlockKey, FrameBlock, FrameBlock>,
        ReadOnly,
        IdentifiedDataSerializable,
        HazelcastInstanceAware {
  private String map;
  private int firstRow;
  private long maxBytes;
  private transient HazelcastInstance hz;
  private transient GridMetrics metrics;

  /** For deserialization. */
  public ReadFramePiece() {}

  public ReadFramePiece(String map, int firstRow, long maxBytes) {
    this.map = map;
    this.firstRow = firstRow;
    this.maxBytes = maxBytes;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
    this.metrics = GridMetrics.of(hz);
  }

  @Override
  public FrameBlock process(Map.Entry<BlockKey, FrameBlock> entry) {
    FrameBlock b = entry.getValue();
    if (b == null) {
      return null;
    }
    MemberSeal.check(hz, map, entry.getKey(), b);
    int n = FrameBlockSerializer.rowsWithin(b.frame(), firstRow, maxBytes);
    FrameBlock piece =
        new FrameBlock(b.rowOffset() + firstRow, b.frame().sliceRows(firstRow, firstRow + n));
    if (metrics != null) {
      metrics.bytesOut(FrameBlockSerializer.serializedBytes(piece));
    }
    return piece;
  }

  @Override
  public EntryProcessor<BlockKey, FrameBlock, FrameBlock> getBackupProcessor() {
    return null;
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.READ_FRAME_PIECE;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(map);
    out.writeInt(firstRow);
    out.writeLong(maxBytes);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    map = in.readString();
    firstRow = in.readInt();
    maxBytes = in.readLong();
  }
}
