package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.CsrBlock;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.util.concurrent.CompletionStage;

/**
 * Reads and writes of CSR row blocks as member tasks do them. A CSR matrix is one block per row
 * block (all columns), key {@code (id, blockRow, 0)}, so block i is in the partition of row block i
 * of every matrix of that row count. Reads of a block this member owns are local ({@code OBJECT}
 * maps hand out a copy, which the kernels may keep).
 */
final class CsrBlocks {
  private final HazelcastInstance hz;

  CsrBlocks(HazelcastInstance hz) {
    this.hz = hz;
  }

  /** Row block blockRow of the CSR matrix m. */
  CsrMatrix block(MatrixRef m, int blockRow) {
    IMap<BlockKey, CsrBlock> map = hz.getMap(m.map());
    CsrBlock b = map.get(m.key(blockRow, 0));
    if (b == null) {
      throw new IllegalStateException(
          "CSR block row " + blockRow + " of " + m + " is missing on the grid");
    }
    return b.matrix();
  }

  /** Starts storing x as row block blockRow of the CSR matrix m (and its backups). */
  CompletionStage<Void> store(MatrixRef m, int blockRow, CsrMatrix x) {
    IMap<BlockKey, CsrBlock> map = hz.getMap(m.map());
    return map.setAsync(m.key(blockRow, 0), new CsrBlock(m.rowStart(blockRow), x));
  }
}
