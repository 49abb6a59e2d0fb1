package daphnegrid.grid.tasks;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.RowBlocks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the row blocks of one distributed frame are: the map (one per frame), the frame id in its
 * keys, the row count, the column labels and value types. Rows are cut by {@link RowBlocks}, the
 * cut of a matrix with as many rows, so block i of a frame and block i of such a matrix share a
 * partition (their keys' partition key is the block row). Block i is a {@link
 * daphnegrid.config.serial.FrameBlock} under {@code BlockKey(id, i, 0)}, holding every column.
 */
public record FrameRef(
    String map,
    long id,
    int rows,
    List<String> labels,
    List<ValueType> types,
    int rowsPerBlock,
    byte[] warrant)
    implements java.io.Serializable {

  public FrameRef {
    warrant = warrant == null ? new byte[0] : warrant;
    if (rowsPerBlock < 1 || rows < 0) {
      throw new IllegalArgumentException("bad frame layout " + rows + " rows, " + rowsPerBlock);
    }
    if (labels.size() != types.size()) {
      throw new IllegalArgumentException(labels.size() + " labels for " + types.size() + " types");
    }
    labels = List.copyOf(labels);
    types = List.copyOf(types);
  }

  /** The layout of a frame of rows rows: {@link RowBlocks} rows per block. */
  public static FrameRef layout(
      String map, long id, int rows, List<String> labels, List<ValueType> types) {
    return new FrameRef(map, id, rows, labels, types, RowBlocks.rowsPerBlock(rows), null);
  }

  /** This frame with a warrant for writing its blocks (members seal blocks they read with it). */
  public FrameRef withWarrant(byte[] w) {
    return new FrameRef(map, id, rows, labels, types, rowsPerBlock, w);
  }

  /** What a warrant signs: the map, id, rows, labels, types and block cut. */
  public String identity() {
    StringBuilder sb = new StringBuilder("frame|").append(map).append('|').append(id);
    sb.append('|').append(rows).append('|').append(rowsPerBlock);
    for (int j = 0; j < types.size(); j++) {
      sb.append('|').append(labels.get(j).length()).append(':').append(labels.get(j));
      sb.append(':').append(types.get(j).name());
    }
    return sb.toString();
  }

  public int cols() {
    return types.size();
  }

  public int rowBlocks() {
    return RowBlocks.count(rows);
  }

  public long rowStart(int blockRow) {
    return (long) blockRow * rowsPerBlock;
  }

  public long rowEnd(int blockRow) {
    return Math.min(rows, rowStart(blockRow) + rowsPerBlock);
  }

  public BlockKey key(int blockRow) {
    return new BlockKey(id, blockRow, 0);
  }

  /**
   * Bytes of the fixed-width columns of a block's rows (str columns count their offsets only: their
   * text is known once the block is made).
   */
  public long fixedBytes(long blockRows) {
    long perRow = 0;
    for (ValueType t : types) {
      perRow += t == ValueType.STR ? 4 : t.byteWidth();
    }
    return perRow * blockRows;
  }

  void write(ObjectDataOutput out) throws IOException {
    out.writeString(map);
    out.writeLong(id);
    out.writeInt(rows);
    out.writeInt(rowsPerBlock);
    out.writeInt(types.size());
    for (int j = 0; j < types.size(); j++) {
      out.writeString(labels.get(j));
      out.writeByte(types.get(j).ordinal());
    }
    out.writeByteArray(warrant);
  }

  static FrameRef read(ObjectDataInput in) throws IOException {
    String map = in.readString();
    long id = in.readLong();
    int rows = in.readInt();
    int rpb = in.readInt();
    int n = in.readInt();
    List<String> labels = new ArrayList<>(n);
    List<ValueType> types = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      labels.add(in.readString());
      types.add(ValueType.values()[in.readByte()]);
    }
    return new FrameRef(map, id, rows, labels, types, rpb, in.readByteArray());
  }

  @Override
  public String toString() {
    return "frame " + id + " (" + rows + "x" + types.size() + ")";
  }
}
