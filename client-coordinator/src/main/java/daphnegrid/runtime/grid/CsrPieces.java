package daphnegrid.runtime.grid;

import com.hazelcast.map.IMap;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.CsrBlock;
import daphnegrid.config.serial.CsrBlockSerializer;
import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.grid.tasks.ReadCsrPiece;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One CSR row block collected in pieces of whole rows ({@link ReadCsrPiece}), because it is larger
 * than one message may be: the member cuts each piece to the message size from the row asked for,
 * and the next piece is asked from the row after it, so pieces arrive in row order. They are put
 * together here into the block as it is stored, with the whole block's seal that every piece
 * carries, so that the caller checks that seal exactly as for a block read in one message.
 */
final class CsrPieces {
  private final IMap<BlockKey, CsrBlock> map;
  private final BlockKey key;
  private final MatrixRef ref;
  private final long rowOffset;
  private final int rows;
  private final int nnz;
  private final long maxBytes;
  private final AtomicLong received;
  private final int[] offsets;
  private final int[] colIdxs;
  private final DenseMatrix values;
  private byte[] seal;

  /**
   * @param nnz the block's stored cells, as the coordinator recorded them
   * @param received counts the bytes of every piece that arrives
   */
  CsrPieces(
      IMap<BlockKey, CsrBlock> map,
      BlockKey key,
      MatrixRef ref,
      int nnz,
      long maxBytes,
      AtomicLong received) {
    this.map = map;
    this.key = key;
    this.ref = ref;
    this.rowOffset = ref.rowStart(key.blockRow());
    this.rows = (int) (ref.rowEnd(key.blockRow()) - rowOffset);
    this.nnz = nnz;
    this.maxBytes = maxBytes;
    this.received = received;
    this.offsets = new int[rows + 1];
    this.colIdxs = new int[nnz];
    this.values = DenseMatrix.allocate(ref.type(), 1, nnz);
  }

  /** Reads every piece and completes with the block they make (its seal not yet checked). */
  CompletionStage<CsrBlock> read() {
    return from(0)
        .thenApply(
            v -> {
              if (offsets[rows] != nnz) {
                throw notStored();
              }
              CsrMatrix m =
                  CsrMatrix.wrap(ref.type(), rows, ref.cols(), offsets, colIdxs, values.data());
              return new CsrBlock(rowOffset, m, seal);
            });
  }

  private CompletionStage<Void> from(int first) {
    return map.submitToKey(key, new ReadCsrPiece(first, maxBytes))
        .thenCompose(
            piece -> {
              int next = add(first, piece);
              return next < rows ? from(next) : CompletableFuture.completedFuture(null);
            });
  }

  /** Copies piece (rows from first on) into the block's arrays; returns the row after it. */
  private int add(int first, CsrBlock piece) {
    if (piece == null) {
      throw new IllegalStateException(
          "CSR row block " + key.blockRow() + " of " + ref + " is missing");
    }
    CsrMatrix p = piece.matrix();
    int at = offsets[first];
    if (piece.rowOffset() != rowOffset + first
        || (p.rows() == 0 && rows > 0)
        || first + p.rows() > rows
        || p.cols() != ref.cols()
        || p.type() != ref.type()
        || (long) at + p.nnz() > nnz) {
      throw notStored();
    }
    int[] off = p.rowOffsets();
    for (int i = 0; i <= p.rows(); i++) {
      offsets[first + i] = at + off[i];
    }
    System.arraycopy(p.colIdxs(), 0, colIdxs, at, p.nnz());
    System.arraycopy(p.valueArray(), 0, values.data(), at, p.nnz());
    seal = piece.seal();
    received.addAndGet(CsrBlockSerializer.serializedBytes(piece));
    return first + p.rows();
  }

  private IllegalStateException notStored() {
    return new IllegalStateException(
        "CSR row block " + key.blockRow() + " of " + ref + " is not the block that was stored");
  }
}
