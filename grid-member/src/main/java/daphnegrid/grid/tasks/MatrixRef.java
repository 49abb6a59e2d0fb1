package daphnegrid.grid.tasks;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.RowBlocks;
import java.io.IOException;

/**
 * Where the blocks of one distributed matrix are: the map (one per matrix), the matrix id in its
 * keys, the shape and value type, and the block cut. Rows are cut by {@link RowBlocks} (a function
 * of the row count only, so every engine's programs agree on block boundaries); columns into blocks
 * of {@code colsPerBlock} so that one block stays near the grid's block size. Block (i, j) holds
 * rows [rowStart(i), rowEnd(i)) and columns [colStart(j), colEnd(j)); its partition key is i.
 *
 * <p>The warrant lets a member seal blocks it computes into this matrix ({@link
 * daphnegrid.config.serial.BlockSeal}): the coordinator that created the matrix signs its {@link
 * #identity()}; empty when the grid has no secret.
 */
public record MatrixRef(
    String map,
    long id,
    int rows,
    int cols,
    ValueType type,
    int rowsPerBlock,
    int colsPerBlock,
    byte[] warrant)
    implements java.io.Serializable {

  public MatrixRef {
    if (rowsPerBlock < 1 || colsPerBlock < 1) {
      throw new IllegalArgumentException("bad block shape " + rowsPerBlock + "x" + colsPerBlock);
    }
    warrant = warrant == null ? new byte[0] : warrant;
  }

  /** A matrix without a warrant. */
  public MatrixRef(
      String map, long id, int rows, int cols, ValueType type, int rowsPerBlock, int colsPerBlock) {
    this(map, id, rows, cols, type, rowsPerBlock, colsPerBlock, null);
  }

  /** This matrix with a warrant for writing its blocks. */
  public MatrixRef withWarrant(byte[] w) {
    return new MatrixRef(map, id, rows, cols, type, rowsPerBlock, colsPerBlock, w);
  }

  /** What a warrant signs: the map, id, shape, value type and block cut. */
  public String identity() {
    return map
        + "|"
        + id
        + "|"
        + rows
        + "x"
        + cols
        + "|"
        + type.name()
        + "|"
        + rowsPerBlock
        + "x"
        + colsPerBlock;
  }

  /**
   * The layout of a rows x cols matrix of type: {@link RowBlocks} rows per block, and as many
   * columns as keep a block within blockBytes (at least one).
   */
  public static MatrixRef layout(
      String map, long id, int rows, int cols, ValueType type, long blockBytes) {
    int rpb = RowBlocks.rowsPerBlock(rows);
    long perCol = (long) rpb * type.byteWidth();
    long c = Math.max(1, blockBytes / Math.max(1, perCol));
    return new MatrixRef(map, id, rows, cols, type, rpb, (int) Math.max(1, Math.min(cols, c)));
  }

  public int rowBlocks() {
    return RowBlocks.count(rows);
  }

  public int colBlocks() {
    return cols == 0 ? 1 : (cols + colsPerBlock - 1) / colsPerBlock;
  }

  public long rowStart(int blockRow) {
    return (long) blockRow * rowsPerBlock;
  }

  public long rowEnd(int blockRow) {
    return Math.min(rows, rowStart(blockRow) + rowsPerBlock);
  }

  public int colStart(int blockCol) {
    return blockCol * colsPerBlock;
  }

  public int colEnd(int blockCol) {
    return Math.min(cols, colStart(blockCol) + colsPerBlock);
  }

  public BlockKey key(int blockRow, int blockCol) {
    return new BlockKey(id, blockRow, blockCol);
  }

  /** Bytes of the cells (strings counted as 8 bytes each). */
  public long cellBytes() {
    return (long) rows * cols * type.byteWidth();
  }

  void write(ObjectDataOutput out) throws IOException {
    out.writeString(map);
    out.writeLong(id);
    out.writeInt(rows);
    out.writeInt(cols);
    out.writeByte(type.ordinal());
    out.writeInt(rowsPerBlock);
    out.writeInt(colsPerBlock);
    out.writeByteArray(warrant);
  }

  static MatrixRef read(ObjectDataInput in) throws IOException {
    return new MatrixRef(
        in.readString(),
        in.readLong(),
        in.readInt(),
        in.readInt(),
        ValueType.values()[in.readByte()],
        in.readInt(),
        in.readInt(),
        in.readByteArray());
  }

  @Override
  public String toString() {
    return "matrix " + id + " (" + rows + "x" + cols + " " + type.dslName() + ")";
  }
}
