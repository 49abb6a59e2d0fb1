package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.CsrBlock;
import daphnegrid.config.serial.CsrBlockSerializer;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.grid.metrics.GridMetrics;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.io.IOException;
import java.util.Map;

/**
 * Writes rows [firstRow, firstRow + piece.rows()) of a CSR row block that is too large for one
 * message ({@code --max-distr-chunk-size}), whose stored cells start at cell firstCell of the
 * block: the first piece to arrive allocates the whole block (its shape and non-zeros travel with
 * every piece), each piece copies its row offsets (moved by firstCell), column indices and values
 * in. Pieces of one block cover disjoint rows and cells (neighbours write the same offset at their
 * common row boundary), so their order does not matter and re-running one (on the backup, or sent
 * again) is harmless. Nothing reads the block before the writer has seen every piece acknowledged.
 * Every piece carries the seal of the whole block (null without a grid secret), which the assembled
 * block keeps.
 */
public final class StoreCsrPiece
    implements EntryProcessor<BlockKey, CsrBlock, Void>,
        IdentifiedDataSerializable,
        HazelcastInstanceAware {
  private long rowOffset;
  private int rows;
  private int cols;
  private int nnz;
  private int firstRow;
  private int firstCell;
  private CsrMatrix piece;
  private byte[] seal;
  private transient GridMetrics metrics;

  /** For deserialization. */
  public StoreCsrPiece() {}

  /**
   * Rows [firstRow, firstRow + piece.rows()) of the rows x cols block at rowOffset with nnz stored
   * cells, the piece's first stored cell being the block's cell firstCell.
   */
  public StoreCsrPiece(
      long rowOffset,
      int rows,
      int cols,
      int nnz,
      int firstRow,
      int firstCell,
      CsrMatrix piece,
      byte[] seal) {
    this.rowOffset = rowOffset;
    this.rows = rows;
    this.cols = cols;
    this.nnz = nnz;
    this.firstRow = firstRow;
    this.firstCell = firstCell;
    this.piece = piece;
    this.seal = seal;
  }

  @Override
  public Void process(Map.Entry<BlockKey, CsrBlock> entry) {
    CsrBlock b = entry.getValue();
    if (!assembling(b)) {
      ValueType t = piece.type();
      int[] offsets = new int[rows + 1];
      offsets[rows] = nnz;
      Object values = DenseMatrix.allocate(t, 1, nnz).data();
      b = new CsrBlock(rowOffset, CsrMatrix.wrap(t, rows, cols, offsets, new int[nnz], values));
    }
    CsrMatrix m = b.matrix();
    int[] from = piece.rowOffsets();
    int[] to = m.rowOffsets();
    for (int i = 0; i <= piece.rows(); i++) {
      to[firstRow + i] = firstCell + from[i];
    }
    int n = piece.nnz();
    System.arraycopy(piece.colIdxs(), 0, m.colIdxs(), firstCell, n);
    System.arraycopy(piece.valueArray(), 0, m.valueArray(), firstCell, n);
    b = b.withSeal(seal);
    entry.setValue(b);
    if (metrics != null) {
      metrics.bytesIn(CsrBlockSerializer.serializedBytes(new CsrBlock(0, piece)));
    }
    return null;
  }

  /** True if b is this block (being) assembled: same place, shape, type and stored cells. */
  private boolean assembling(CsrBlock b) {
    return b != null
        && b.rowOffset() == rowOffset
        && b.rows() == rows
        && b.matrix().cols() == cols
        && b.nnz() == nnz
        && b.type() == piece.type();
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
    return GridMemberSerialization.STORE_CSR_PIECE;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(rowOffset);
    out.writeInt(rows);
    out.writeInt(cols);
    out.writeInt(nnz);
    out.writeInt(firstRow);
    out.writeInt(firstCell);
    out.writeObject(new CsrBlock(0, piece));
    out.writeByteArray(seal);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    rowOffset = in.readLong();
    rows = in.readInt();
    cols = in.readInt();
    nnz = in.readInt();
    firstRow = in.readInt();
    firstCell = in.readInt();
    piece = in.<CsrBlock>readObject().matrix();
    seal = in.readByteArray();
  }
}
