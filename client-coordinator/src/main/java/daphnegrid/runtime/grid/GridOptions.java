package daphnegrid.runtime.grid;

/**
 * Options of the grid engine, fixed for a run.
 *
 * @param maxChunkBytes the most cell bytes one message carries ({@code --max-distr-chunk-size};
 *     DAPHNE's default 2147482623): larger blocks and broadcast operands travel in pieces
 * @param placementMinCells a program runs on the grid when its split inputs hold at least this many
 *     cells (or already live there); smaller work stays local ({@code --grid-min-cells})
 * @param broadcastMaxCells the largest right side of a product {@code X @ Y} (with X on the grid)
 *     that travels inside each program's task; a larger Y is multiplied by a Jet job that sends Y
 *     from member to member ({@code --grid-broadcast-max-cells})
 * @param shuffleMinCells a SQL join of two frames that live on the grid shuffles both by key in a
 *     Jet job when each has at least this many cells (rows times the columns the query names);
 *     otherwise the smaller is sent to the members holding the larger ({@code
 *     --grid-shuffle-min-cells})
 */
public record GridOptions(
    long maxChunkBytes, long placementMinCells, long broadcastMaxCells, long shuffleMinCells) {
  /** DAPHNE's default --max-distr-chunk-size: 2^31 - 1 - 1024. */
  public static final long DEFAULT_MAX_CHUNK_BYTES = 2147482623L;

  /** Default placement threshold: 2^20 cells (8 MiB of f64). */
  public static final long DEFAULT_PLACEMENT_MIN_CELLS = 1L << 20;

  /**
   * Default {@code broadcastMaxCells}: 2^22 cells (32 MiB of f64). Up to it, sending Y with every
   * program is cheap next to a Jet job's start-up (tens of milliseconds); beyond it, each member's
   * copy is better assembled once from the blocks of the other members.
   */
  public static final long DEFAULT_BROADCAST_MAX_CELLS = 1L << 22;

  /**
   * Default {@code shuffleMinCells}: 2^22 cells, the most a broadcast side may hold (SelectRunner's
   * limit): a join whose smaller side fits is cheaper as a broadcast (one task per member, no Jet
   * job), one whose sides both exceed it would otherwise read one of them here.
   */
  public static final long DEFAULT_SHUFFLE_MIN_CELLS = 1L << 22;

  /** The options with the default shuffle threshold. */
  public GridOptions(long maxChunkBytes, long placementMinCells, long broadcastMaxCells) {
    this(maxChunkBytes, placementMinCells, broadcastMaxCells, DEFAULT_SHUFFLE_MIN_CELLS);
  }

  public GridOptions {
    if (maxChunkBytes < 1) {
      throw new IllegalArgumentException(
          "--max-distr-chunk-size must be positive, got " + maxChunkBytes);
    }
    if (placementMinCells < 0) {
      throw new IllegalArgumentException(
          "--grid-min-cells must not be negative, got " + placementMinCells);
    }
    if (broadcastMaxCells < 0) {
      throw new IllegalArgumentException(
          "--grid-broadcast-max-cells must not be negative, got " + broadcastMaxCells);
    }
    if (shuffleMinCells < 0) {
      throw new IllegalArgumentException(
          "--grid-shuffle-min-cells must not be negative, got " + shuffleMinCells);
    }
  }

  public static GridOptions defaults() {
    return new GridOptions(
        DEFAULT_MAX_CHUNK_BYTES,
        DEFAULT_PLACEMENT_MIN_CELLS,
        DEFAULT_BROADCAST_MAX_CELLS,
        DEFAULT_SHUFFLE_MIN_CELLS);
  }
}
