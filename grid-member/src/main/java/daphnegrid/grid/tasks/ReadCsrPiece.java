package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.CsrBlock;
import daphnegrid.config.serial.CsrBlockSerializer;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.grid.metrics.GridMetrics;
import daphnegrid.kernels.Indexing;
import daphnegrid.kernels.sparse.CsrMatrix;
import daphnegrid.kernels.sparse.CsrReorg;
import java.io.IOException;
import java.util.Map;

/**
 * Reads the rows of a CSR row block from firstRow on, as many whole rows as fit in maxBytes as a
 * block ({@link CsrBlockSerializer}'s bytes, seal included), at least one: how a block larger than
 * {@code --max-distr-chunk-size} is collected in several messages, the next one asked from the row
 * after this piece's last. The piece is a {@link CsrBlock} whose row offset is the block's plus
 * firstRow and whose seal is the whole block's (null if it has none), which the coordinator checks
 * once it has every piece. Read-only, so it takes no lock and has no backup processor. A missing
 * block yields null.
 */
public final class ReadCsrPiece
    implements EntryProcessor<BlockKey, CsrBlock, CsrBlock>,
        ReadOnly,
        IdentifiedDataSerializable,
        HazelcastInstanceAware {
  private int firstRow;
  private long maxBytes;
  private transient GridMetrics metrics;

  /** For deserialization. */
  public ReadCsrPiece() {}

  public ReadCsrPiece(int firstRow, long maxBytes) {
    this.firstRow = firstRow;
    this.maxBytes = maxBytes;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.metrics = GridMetrics.of(hz);
  }

  @Override
  public CsrBlock process(Map.Entry<BlockKey, CsrBlock> entry) {
    CsrBlock b = entry.getValue();
    if (b == null) {
      return null;
    }
    CsrMatrix m = b.matrix();
    int first = Math.min(firstRow, m.rows());
    int end =
        CsrBlockSerializer.pieceEnd(m, first, maxBytes, b.seal() == null ? 0 : b.seal().length);
    CsrMatrix piece =
        CsrReorg.slice(m, new Indexing.Range(first, end), new Indexing.Range(0, m.cols()));
    CsrBlock out = new CsrBlock(b.rowOffset() + first, piece, b.seal());
    if (metrics != null) {
      metrics.bytesOut(CsrBlockSerializer.serializedBytes(out));
    }
    return out;
  }

  @Override
  public EntryProcessor<BlockKey, CsrBlock, CsrBlock> getBackupProcessor() {
    return null;
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.READ_CSR_PIECE;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(firstRow);
    out.writeLong(maxBytes);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    firstRow = in.readInt();
    maxBytes = in.readLong();
  }
}
