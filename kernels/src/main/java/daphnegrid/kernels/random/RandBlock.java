package daphnegrid.kernels.random;

import daphnegrid.kernels.DenseMatrix;

/**
 * Rows [firstRow, firstRow + rows.rows()) of a dense {@code rand} result, generated on their own by
 * {@link Generators#randRows}, and where they sit in the value generator's stream: they used draws
 * [firstDraw, firstDraw + draws).
 *
 * <p>Every cell of a float {@code rand} with sparsity 1 takes {@link
 * Generators#drawsPerCell(daphnegrid.kernels.ValueType)} draws, except when a draw is exactly 0 and
 * is drawn again. So a block is exact when its firstDraw equals the draws actually used by all rows
 * above it; see {@link Generators#randRows} for how a caller checks that.
 */
public record RandBlock(DenseMatrix rows, long firstRow, long firstDraw, long draws) {

  /** The draw index at which the next row's cells start. */
  public long nextDraw() {
    return firstDraw + draws;
  }

  /** True when some cell of this block was drawn again because it came out as zero. */
  public boolean zeroRedraw() {
    return draws != (long) rows.size() * Generators.drawsPerCell(rows.type());
  }
}
