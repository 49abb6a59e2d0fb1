package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.MatMul;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * The member's half of a product {@code out = X @ Y} whose right side is too large to travel inside
 * a task: Y arrives here as its blocks (a Jet broadcast, see {@code
 * daphnegrid.grid.jet.MatMulJob}), is assembled once, and every block row of X this member was
 * given is multiplied by it on the member's compute threads ({@link MemberCompute}) and stored as
 * the same block row of out, i.e. in the same partition (co-located with X's block row).
 *
 * <p>Each output block is one {@link MatMul#multiplyInto} of X's block rows with the whole of Y.
 * Every product cell is the same fma chain over the inner dimension whatever rows a call covers
 * ({@link daphnegrid.kernels.MatMulKernels}), so the blocks together are bit for bit the local
 * engine's single product of X and Y. Writes are idempotent (a restarted job writes the same blocks
 * again).
 */
public final class MultiplyRows {
  private MultiplyRows() {}

  /**
   * Y (of y's shape and type) from all of its blocks, in any order, each block's seal checked.
   *
   * @throws IllegalStateException if blocks are missing
   * @throws daphnegrid.config.serial.BlockSealException if a block was changed without the secret
   */
  public static DenseMatrix assemble(
      HazelcastInstance hz, MatrixRef y, List<Map.Entry<BlockKey, DenseBlock>> blocks) {
    DenseMatrix out = DenseMatrix.allocate(y.type(), y.rows(), y.cols());
    int expected = y.rowBlocks() * y.colBlocks();
    if (blocks.size() != expected) {
      throw new IllegalStateException(
          "expected " + expected + " blocks of " + y + ", received " + blocks.size());
    }
    for (Map.Entry<BlockKey, DenseBlock> e : blocks) {
      BlockKey k = e.getKey();
      DenseMatrix part = MemberSeal.check(hz, y.map(), k, e.getValue()).matrix();
      int r0 = (int) y.rowStart(k.blockRow());
      int c0 = y.colStart(k.blockCol());
      int w = part.cols();
      for (int r = 0; r < part.rows(); r++) {
        System.arraycopy(part.data(), r * w, out.data(), (r0 + r) * y.cols() + c0, w);
      }
    }
    return out;
  }

  /**
   * Stores X's block rows blockRows times y (both converted to type first) as the same block rows
   * of out (out: x.rows x y.cols, type; the row layout of x). Returns when every block is stored.
   */
  public static void run(
      HazelcastInstance hz,
      MatrixRef x,
      DenseMatrix y,
      ValueType type,
      MatrixRef out,
      int[] blockRows) {
    if (out.rowsPerBlock() != x.rowsPerBlock()) {
      throw new IllegalArgumentException(out + " is not laid out like " + x);
    }
    LocalBlocks blocks = new LocalBlocks(hz);
    DenseMatrix b = Casts.cast(y, type);
    List<CompletionStage<Void>> writes = Collections.synchronizedList(new ArrayList<>());
    List<Callable<Void>> jobs = new ArrayList<>(blockRows.length);
    for (int br : blockRows) {
      jobs.add(
          () -> {
            HeapGuard.of(hz)
                .reserve(
                    (out.rowEnd(br) - out.rowStart(br)) * out.cols() * type.byteWidth(),
                    "block row " + br + " of " + out);
            DenseMatrix a = Casts.cast(blocks.rows(x, br), type);
            DenseMatrix c = DenseMatrix.allocate(type, a.rows(), b.cols());
            MatMul.multiplyInto(a, b, c);
            writes.addAll(blocks.store(out, br, c));
            return null;
          });
    }
    try {
      MemberCompute.of(hz).runAll(jobs);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("multiplying " + x + " by Y: " + e.getMessage(), e);
    }
    LocalBlocks.await(writes);
  }
}
