package daphnegrid.kernels.pipeline;

/**
 * How a row space of n rows is cut into blocks. The block size depends on n only — never on the
 * number of threads or workers, the width of the data or any option — so that reductions, which
 * combine one partial per block in block order, give bit-identical results on every engine.
 *
 * <p>Blocks are a power of two of rows between {@link #MIN_ROWS} and {@link #MAX_ROWS}, the
 * smallest that makes at most {@link #TARGET_BLOCKS} blocks: from TARGET_BLOCKS * MIN_ROWS (64 Ki)
 * to TARGET_BLOCKS * MAX_ROWS (4 Mi) rows that is 33 to 64 blocks (enough to spread over threads
 * and grid members); fewer rows make fewer blocks of MIN_ROWS, more rows more blocks of MAX_ROWS.
 * The last block may be shorter.
 */
public final class RowBlocks {
  public static final int MIN_ROWS = 1024;
  public static final int MAX_ROWS = 1 << 16;
  public static final int TARGET_BLOCKS = 64;

  private RowBlocks() {}

  /** Rows per block for a row space of n rows. */
  public static int rowsPerBlock(long n) {
    long want = Math.max(1, (n + TARGET_BLOCKS - 1) / TARGET_BLOCKS);
    long p = Long.highestOneBit(want);
    if (p < want) {
      p <<= 1;
    }
    return (int) Math.max(MIN_ROWS, Math.min(MAX_ROWS, p));
  }

  /** Number of blocks for n rows (at least one, also for n = 0). */
  public static int count(long n) {
    int r = rowsPerBlock(n);
    return (int) Math.max(1, (n + r - 1) / r);
  }

  /** First row of block b. */
  public static long start(long n, int b) {
    return (long) b * rowsPerBlock(n);
  }

  /** One past the last row of block b. */
  public static long end(long n, int b) {
    return Math.min(n, start(n, b) + rowsPerBlock(n));
  }
}
