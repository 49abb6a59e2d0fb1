package daphnegrid.config.serial;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.partition.PartitionAware;
import java.io.IOException;

/**
 * The key of one block of a distributed matrix: the matrix id and the block's row and column index.
 *
 * <p>The partition key is the block row alone, so row block {@code i} of every matrix (in any map)
 * lands in the same partition and hence on the same member: elementwise work between matrices that
 * share a row split moves no data. Immutable once read; the no-argument constructor exists for
 * deserialization only.
 */
public final class BlockKey implements IdentifiedDataSerializable, PartitionAware<Integer> {
  private long matrixId;
  private int blockRow;
  private int blockCol;

  /** For deserialization. */
  public BlockKey() {}

  public BlockKey(long matrixId, int blockRow, int blockCol) {
    if (blockRow < 0 || blockCol < 0) {
      throw new IllegalArgumentException(
          "negative block index (" + blockRow + ", " + blockCol + ") of matrix " + matrixId);
    }
    this.matrixId = matrixId;
    this.blockRow = blockRow;
    this.blockCol = blockCol;
  }

  public long matrixId() {
    return matrixId;
  }

  public int blockRow() {
    return blockRow;
  }

  public int blockCol() {
    return blockCol;
  }

  @Override
  public Integer getPartitionKey() {
    return blockRow;
  }

  @Override
  public int getFactoryId() {
    return GridSerialization.CORE_FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CoreDataFactory.BLOCK_KEY;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(matrixId);
    out.writeInt(blockRow);
    out.writeInt(blockCol);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    matrixId = in.readLong();
    blockRow = in.readInt();
    blockCol = in.readInt();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockKey k
        && k.matrixId == matrixId
        && k.blockRow == blockRow
        && k.blockCol == blockCol;
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(matrixId) * 31 + blockRow) * 31 + blockCol;
  }

  @Override
  public String toString() {
    return "BlockKey(" + matrixId + ", " + blockRow + ", " + blockCol + ")";
  }
}
