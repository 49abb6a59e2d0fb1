package daphnegrid.grid.jet;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.grid.GridMemberSerialization;
import java.io.IOException;

/**
 * What the shuffle join's split stage sends to its join stage: the rows of one row block of one
 * side that fall into one key partition, as a typed columnar frame (a row-number column, then the
 * side's named columns; {@link daphnegrid.kernels.relational.ShuffleJoin#split}) that travels in
 * {@link daphnegrid.config.serial.FrameBlockSerializer}'s raw column layout.
 */
public final class ShuffleBatch implements IdentifiedDataSerializable {
  private int partition;
  private boolean left;
  private FrameBlock rows;

  /** For deserialization. */
  public ShuffleBatch() {}

  ShuffleBatch(int partition, boolean left, FrameBlock rows) {
    this.partition = partition;
    this.left = left;
    this.rows = rows;
  }

  /** The key partition (the shuffle edge routes by it). */
  public int partition() {
    return partition;
  }

  /** Whether the rows are the query's left table's. */
  boolean left() {
    return left;
  }

  FrameBlock rows() {
    return rows;
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.SHUFFLE_BATCH;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(partition);
    out.writeBoolean(left);
    out.writeObject(rows);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    partition = in.readInt();
    left = in.readBoolean();
    rows = in.readObject();
  }
}
