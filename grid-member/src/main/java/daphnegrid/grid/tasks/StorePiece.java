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
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import java.io.IOException;
import java.util.Map;

/**
 * Writes cells [firstCell, firstCell + piece.size()) (row-major) of a block that is too large for
 * one message ({@code --max-distr-chunk-size}): the first piece to arrive allocates the whole
 * block, each piece copies its cells in. Pieces of one block cover disjoint cells, so their order
 * does not matter and re-running one (on the backup) is harmless. Nothing reads the block before
 * the writer has seen every piece acknowledged. Every piece carries the seal of the whole block
 * (null without a grid secret), which the assembled block keeps.
 */
public final class StorePiece
    implements EntryProcessor<BlockKey, DenseBlock, Void>,
        IdentifiedDataSerializable,
        HazelcastInstanceAware {
  private String map;
  private long rowOffset;
  private int rows;
  private int cols;
  private int firstCell;
  private DenseMatrix piece;
  private byte[] seal;
  private transient BlockCache cache;
  private transient GridMetrics metrics;

  /** For deserialization. */
  public StorePiece() {}

  public StorePiece(
      String map,
      long rowOffset,
      int rows,
      int cols,
      int firstCell,
      DenseMatrix piece,
      byte[] seal) {
    this.map = map;
    this.seal = seal;
    this.rowOffset = rowOffset;
    this.rows = rows;
    this.cols = cols;
    this.firstCell = firstCell;
    this.piece = piece;
  }

  @Override
  public Void process(Map.Entry<BlockKey, DenseBlock> entry) {
    DenseBlock b = entry.getValue();
    if (b == null) {
      ValueType t = piece.type();
      b = new DenseBlock(rowOffset, DenseMatrix.allocate(t, rows, cols));
    }
    System.arraycopy(piece.data(), 0, b.matrix().data(), firstCell, piece.size());
    b = b.withSeal(seal);
    entry.setValue(b);
    if (metrics != null) {
      metrics.bytesIn(GridMetrics.wireBytes(piece)); // on the backup too: it arrived there as well
    }
    if (cache != null) {
      cache.put(map, entry.getKey(), b, false);
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
    return GridMemberSerialization.STORE_PIECE;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(map);
    out.writeLong(rowOffset);
    out.writeInt(rows);
    out.writeInt(cols);
    out.writeInt(firstCell);
    Wire.writeMatrix(out, piece);
    out.writeByteArray(seal);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    map = in.readString();
    rowOffset = in.readLong();
    rows = in.readInt();
    cols = in.readInt();
    firstCell = in.readInt();
    piece = Wire.readMatrix(in);
    seal = in.readByteArray();
  }
}
