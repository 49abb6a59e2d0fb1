package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.CsrBlock;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.util.concurrent.CompletionStage;

/**
 * Reads and writes of CSR row blocks as member tasks do them. A CSR matrix is one block per row
 * block (all columns), key {@code (id, blockRow, 0)}, so block i is in the partition of row block i
 * of every matrix of that row count. Reads of a block this member owns are local ({@code OBJECT}
 * maps hand out a copy, which the kernels may keep), and check the copy's seal every time (there is
 * no cache of checked CSR blocks: the check costs one pass over the bytes the copy already took).
 * Writes are sealed only for an output whose {@link MatrixRef#warrant()} the coordinator made.
 */
final class CsrBlocks {
  private final HazelcastInstance hz;

  CsrBlocks(HazelcastInstance hz) {
    this.hz = hz;
  }

  /**
   * Row block blockRow of the CSR matrix m, its seal checked.
   *
   * @throws KernelException if the block is missing ({@link
   *     daphnegrid.config.serial.BlockSealException} if its seal fails)
   */
  CsrMatrix block(MatrixRef m, int blockRow) {
    IMap<BlockKey, CsrBlock> map = hz.getMap(m.map());
    BlockKey key = m.key(blockRow, 0);
    CsrBlock b = map.get(key);
    if (b == null) {
      throw new KernelException(
          "grid: CSR row block " + blockRow + " of " + m + " is missing on the grid");
    }
    return MemberSeal.check(hz, m.map(), key, b).matrix();
  }

  /**
   * Starts storing x as row block blockRow of the CSR matrix m (and its backups), sealed under m's
   * warrant.
   *
   * @throws daphnegrid.config.serial.BlockSealException if m's warrant is not valid
   */
  CompletionStage<Void> store(MatrixRef m, int blockRow, CsrMatrix x) {
    IMap<BlockKey, CsrBlock> map = hz.getMap(m.map());
    BlockKey key = m.key(blockRow, 0);
    CsrBlock block = MemberSeal.seal(hz, m, key, new CsrBlock(m.rowStart(blockRow), x));
    return map.setAsync(key, block);
  }
}
