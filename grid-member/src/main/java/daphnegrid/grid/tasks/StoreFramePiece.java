package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.config.serial.FrameBlockSerializer;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.grid.metrics.GridMetrics;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.Frames;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Appends rows [firstRow, firstRow + piece rows) to a frame row block that is too large for one
 * message ({@code --max-distr-chunk-size}): the coordinator sends a block's pieces one after the
 * other, in row order, so each piece finds the rows before it stored. A piece whose rows are
 * already there (a message sent again after a member left) changes nothing; re-running one on the
 * backup applies the same sequence there. The last piece puts on the seal of the whole block (null
 * without a grid secret); nothing reads the block before the writer has seen every piece
 * acknowledged.
 */
public final class StoreFramePiece
    implements EntryProcessor<BlockKey, FrameBlock, Void>,
        IdentifiedDataSerializable,
        HazelcastInstanceAware {
  private int firstRow;
  private int blockRows;
  private FrameBlock piece; // row offset: the block's
  private byte[] seal;
  private transient GridMetrics metrics;

  /** For deserialization. */
  public StoreFramePiece() {}

  /**
   * @param firstRow the piece's first row within the block
   * @param blockRows the rows of the whole block
   * @param piece the rows, with the block's row offset
   * @param seal the whole block's seal (null without a grid secret)
   */
  public StoreFramePiece(int firstRow, int blockRows, FrameBlock piece, byte[] seal) {
    this.firstRow = firstRow;
    this.blockRows = blockRows;
    this.piece = piece;
    this.seal = seal;
  }

  @Override
  public Void process(Map.Entry<BlockKey, FrameBlock> entry) {
    FrameBlock b = entry.getValue();
    int have = b == null ? 0 : b.rows();
    int end = firstRow + piece.rows();
    if (b != null && have >= end) {
      return null; // stored already
    }
    if (have != firstRow) {
      throw new IllegalStateException(
          "rows from "
              + firstRow
              + " of frame row block "
              + entry.getKey().blockRow()
              + " arrived with "
              + have
              + " rows stored");
    }
    Frame f = b == null ? piece.frame() : Frames.concatRows(List.of(b.frame(), piece.frame()));
    entry.setValue(new FrameBlock(piece.rowOffset(), f, end == blockRows ? seal : null));
    if (metrics != null) {
      metrics.bytesIn(FrameBlockSerializer.serializedBytes(piece)); // on the backup too
    }
    return null;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.metrics = GridMetrics.of(hz);
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.STORE_FRAME_PIECE;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(firstRow);
    out.writeInt(blockRows);
    out.writeObject(piece);
    out.writeByteArray(seal);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    firstRow = in.readInt();
    blockRows = in.readInt();
    piece = in.readObject();
    seal = in.readByteArray();
  }
}
