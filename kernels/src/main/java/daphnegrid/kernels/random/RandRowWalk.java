package daphnegrid.kernels.random;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;

/**
 * Row ranges of one dense float {@code rand}, generated one after another by one value generator
 * ({@link Generators#randRowWalk}). Each {@link #next} gives what {@link Generators#randRows} gives
 * for the same range and first draw; the difference is the cost of getting there. A range whose
 * first draw lies at or after the end of the range before skips the draws in between ({@link
 * Mt19937#discard}: stepping through a short gap, a jump for a long one), where a range of its own
 * starts a new generator and jumps from the start of the stream (15 to 60 ms). A grid member that
 * walks its block rows of a matrix in stream order thus jumps once instead of once per block. A
 * range that starts before the end of the one before gets a new generator. Not thread-safe.
 */
public final class RandRowWalk {
  private final long rows;
  private final long cols;
  private final Scalar min;
  private final Scalar max;
  private final long seed;
  private Mt19937 g;
  private long at; // the next draw of g

  RandRowWalk(long rows, long cols, Scalar min, Scalar max, long seed) {
    RandGenerator.validateRows(rows, cols, min, max, seed);
    this.rows = rows;
    this.cols = cols;
    this.min = min;
    this.max = max;
    this.seed = seed;
  }

  /**
   * Rows [r0, r1) from draw firstDraw of the value stream.
   *
   * @throws IllegalArgumentException if the range is not within [0, rows] or firstDraw is negative
   */
  public RandBlock next(long r0, long r1, long firstDraw) {
    if (r0 < 0 || r0 > r1 || r1 > rows || firstDraw < 0) {
      throw new IllegalArgumentException(
          "rows [" + r0 + ", " + r1 + ") at draw " + firstDraw + " of a " + rows + "-row rand");
    }
    if (g == null || firstDraw < at) {
      g = new Mt19937(seed);
      at = 0;
    }
    g.discard(firstDraw - at);
    DenseMatrix out = DenseMatrix.allocate(min.type(), r1 - r0, cols);
    long draws = RandGenerator.fillNonZero(out, 0, out.size(), min, max, g);
    at = firstDraw + draws;
    return new RandBlock(out, r0, firstDraw, draws);
  }
}
