package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.kernels.DenseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Block reads and writes as member tasks do them: reads come from the {@link BlockCache} (no copy)
 * and fall back to the map (a copy, e.g. after a partition migrated here); writes go through {@link
 * StoreBlock} so that the stored object is cached.
 */
final class LocalBlocks {
  private final HazelcastInstance hz;
  private final BlockCache cache;

  LocalBlocks(HazelcastInstance hz) {
    this.hz = hz;
    this.cache = BlockCache.of(hz);
  }

  /** Block (blockRow, blockCol) of m. */
  DenseMatrix block(MatrixRef m, int blockRow, int blockCol) {
    BlockKey key = m.key(blockRow, blockCol);
    DenseBlock b = cache.get(m.map(), key);
    if (b != null) {
      if (!cache.checked(m.map(), key, b)) {
        MemberSeal.check(hz, m.map(), key, b);
        cache.markChecked(m.map(), key, b);
      }
      return b.matrix();
    }
    IMap<BlockKey, DenseBlock> map = hz.getMap(m.map());
    b = map.get(key);
    if (b == null) {
      throw new IllegalStateException(
          "block (" + blockRow + ", " + blockCol + ") of " + m + " is missing on the grid");
    }
    return MemberSeal.check(hz, m.map(), key, b).matrix();
  }

  /** All columns of row block blockRow of m (the stored block itself when it is one block wide). */
  DenseMatrix rows(MatrixRef m, int blockRow) {
    if (m.colBlocks() == 1) {
      return block(m, blockRow, 0);
    }
    int rows = (int) (m.rowEnd(blockRow) - m.rowStart(blockRow));
    DenseMatrix out = DenseMatrix.allocate(m.type(), rows, m.cols());
    for (int c = 0; c < m.colBlocks(); c++) {
      DenseMatrix part = block(m, blockRow, c);
      int c0 = m.colStart(c);
      int w = part.cols();
      for (int r = 0; r < rows; r++) {
        System.arraycopy(part.data(), r * w, out.data(), r * m.cols() + c0, w);
      }
    }
    return out;
  }

  /** The whole of m (a small matrix, e.g. a broadcast operand too large for one message). */
  DenseMatrix whole(MatrixRef m) {
    DenseMatrix out = DenseMatrix.allocate(m.type(), m.rows(), m.cols());
    for (int b = 0; b < m.rowBlocks(); b++) {
      DenseMatrix rows = rows(m, b);
      System.arraycopy(rows.data(), 0, out.data(), (int) (m.rowStart(b) * m.cols()), rows.size());
    }
    return out;
  }

  /**
   * Starts storing rows (all columns of row block blockRow of m) as m's column blocks and returns
   * the writes in flight; {@link #await} them before reporting the block done. Not waiting here
   * lets the next block's kernels run while this block's backups travel.
   */
  List<CompletionStage<Void>> store(MatrixRef m, int blockRow, DenseMatrix rows) {
    IMap<BlockKey, DenseBlock> map = hz.getMap(m.map());
    long r0 = m.rowStart(blockRow);
    List<CompletionStage<Void>> writes = new ArrayList<>();
    for (int c = 0; c < m.colBlocks(); c++) {
      DenseMatrix part = m.colBlocks() == 1 ? rows : columns(rows, m.colStart(c), m.colEnd(c));
      BlockKey key = m.key(blockRow, c);
      DenseBlock block = MemberSeal.seal(hz, m, key, new DenseBlock(r0, part));
      writes.add(map.submitToKey(key, StoreBlock.local(m.map(), block, cache)));
    }
    return writes;
  }

  /** Waits until every write (and its backup) is done. */
  static void await(List<CompletionStage<Void>> writes) {
    for (CompletionStage<Void> w : writes) {
      try {
        w.toCompletableFuture().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while storing blocks", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot store a block: " + e.getCause(), e);
      }
    }
  }

  static DenseMatrix columns(DenseMatrix m, int c0, int c1) {
    int w = c1 - c0;
    DenseMatrix out = DenseMatrix.allocate(m.type(), m.rows(), w);
    for (int r = 0; r < m.rows(); r++) {
      System.arraycopy(m.data(), r * m.cols() + c0, out.data(), r * w, w);
    }
    return out;
  }
}
