package daphnegrid.runtime.grid;

import daphnegrid.grid.tasks.GenerateBlocks;
import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.runtime.MatrixSource;

/**
 * How the blocks of a generated matrix are made again: its source (rand, fill or seq) and, for
 * rand, each block row's first draw (where the rows above it ended, which a value drawn again moves
 * off its nominal place). A block made again has the bits it had: the generators are functions of
 * the source and the block row alone.
 *
 * <p>Generated matrices therefore need no backups on the grid ({@code tmp.*} maps): backing them up
 * cost as much as generating them, and a member that is lost takes only blocks that {@link
 * GridEngine} makes again from here before the run goes on.
 *
 * @param firstDraws per block row (rand only; empty otherwise)
 */
record Regeneration(MatrixSource source, long[] firstDraws) {

  /** Whether src's blocks can be made again on their own (a file may have changed since). */
  static boolean possible(MatrixSource src) {
    return src instanceof MatrixSource.Rand r
        ? r.blockwise()
        : src instanceof MatrixSource.Fill || src instanceof MatrixSource.Seq;
  }

  /** The task that makes the given block rows of ref again. */
  GenerateBlocks task(MatrixRef ref, int[] blockRows) {
    if (source instanceof MatrixSource.Rand r) {
      long[] first = new long[blockRows.length];
      for (int i = 0; i < blockRows.length; i++) {
        first[i] = firstDraws[blockRows[i]];
      }
      return GenerateBlocks.rand(ref, blockRows, r.min(), r.max(), r.seed(), first);
    }
    return GridEngine.generator(source, ref, blockRows); // fill, seq: the blocks' first making
  }
}
