package daphnegrid.runtime.grid;

import daphnegrid.grid.tasks.CsrResult;
import daphnegrid.grid.tasks.CsrTask;
import daphnegrid.grid.tasks.GenerateBlocks;
import daphnegrid.grid.tasks.GenerateResult;
import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.kernels.Scalar;
import daphnegrid.runtime.MatrixSource;
import java.util.concurrent.Callable;

/**
 * How the blocks of a generated matrix are made again: its source (rand, fill, seq, or a sparse
 * rand's arguments) and, for rand, each block row's first draw (where the rows above it ended,
 * which a value drawn again moves off its nominal place). A block made again has the bits it had:
 * the generators are functions of the source and the block row alone.
 *
 * <p>Generated matrices therefore need no backups on the grid ({@code tmp.*} maps): backing them up
 * cost as much as generating them, and a member that is lost takes only blocks that {@link
 * GridEngine} makes again from here before the run goes on.
 *
 * @param firstDraws per block row (rand only; empty otherwise)
 * @param csr the blocks are a sparse rand's CSR blocks ({@link CsrTask}), whatever its sparsity
 */
record Regeneration(MatrixSource source, long[] firstDraws, boolean csr) {

  /**
   * A sparse rand's CSR blocks: its arguments, each block row made again by a replay of the stream
   * on its new owner ({@link CsrTask#rand}).
   */
  static Regeneration sparseRand(
      long rows, long cols, Scalar min, Scalar max, double sparsity, long seed) {
    return new Regeneration(
        new MatrixSource.Rand(rows, cols, min, max, sparsity, seed), new long[0], true);
  }

  /** Whether src's blocks can be made again on their own (a file may have changed since). */
  static boolean possible(MatrixSource src) {
    return src instanceof MatrixSource.Rand r
        ? r.blockwise()
        : src instanceof MatrixSource.Fill || src instanceof MatrixSource.Seq;
  }

  /**
   * The task that makes the given block rows of ref again: a {@link GenerateBlocks} ({@link
   * GenerateResult}) or, for a sparse rand, a {@link CsrTask} ({@link CsrResult}).
   */
  Callable<?> task(MatrixRef ref, int[] blockRows) {
    if (csr()) {
      MatrixSource.Rand r = (MatrixSource.Rand) source;
      return CsrTask.rand(ref, r.min(), r.max(), r.sparsity(), r.seed(), blockRows);
    }
    if (source instanceof MatrixSource.Rand r) {
      long[] first = new long[blockRows.length];
      for (int i = 0; i < blockRows.length; i++) {
        first[i] = firstDraws[blockRows[i]];
      }
      return GenerateBlocks.rand(ref, blockRows, r.min(), r.max(), r.seed(), first);
    }
    return GridEngine.generator(source, ref, blockRows); // fill, seq: the blocks' first making
  }

  /** The failure message of a task's answer, or null. */
  static String failure(Object answer) {
    return answer instanceof CsrResult c ? c.failure() : ((GenerateResult) answer).failure();
  }
}
