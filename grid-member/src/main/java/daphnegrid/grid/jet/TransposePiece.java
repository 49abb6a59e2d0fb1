package daphnegrid.grid.jet;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.kernels.DenseMatrix;
import java.io.IOException;

/**
 * One piece of an output block of a transpose: the cells that one input block contributes to the
 * output block {@code target}, placed at (row, col) within it. Travels between members in the
 * shuffle, grouped by target.
 */
public final class TransposePiece implements IdentifiedDataSerializable {
  private BlockKey target;
  private int row;
  private int col;
  private DenseMatrix cells;

  /** For deserialization. */
  public TransposePiece() {}

  TransposePiece(BlockKey target, int row, int col, DenseMatrix cells) {
    this.target = target;
    this.row = row;
    this.col = col;
    this.cells = cells;
  }

  BlockKey target() {
    return target;
  }

  int row() {
    return row;
  }

  int col() {
    return col;
  }

  DenseMatrix cells() {
    return cells;
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.TRANSPOSE_PIECE;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeObject(target);
    out.writeInt(row);
    out.writeInt(col);
    out.writeObject(new DenseBlock(0, cells));
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    target = in.readObject();
    row = in.readInt();
    col = in.readInt();
    DenseBlock b = in.readObject();
    cells = b.matrix();
  }
}
