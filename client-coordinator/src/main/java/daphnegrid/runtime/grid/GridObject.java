package daphnegrid.runtime.grid;

/**
 * A value whose blocks are on the grid, in one map of its own: a matrix ({@link GridMatrix}) or a
 * frame ({@link GridFrame}). Knows when it was made (a sequence number: see {@link
 * GridHandles#retain}) and whether its map was destroyed.
 */
abstract class GridObject {
  final long seq;
  private boolean freed;

  GridObject(long seq) {
    this.seq = seq;
  }

  /** The name of the map holding the blocks. */
  abstract String map();

  boolean freed() {
    return freed;
  }

  /** Marks the blocks gone; a local value that carried this copy forgets it. */
  void markFreed() {
    freed = true;
    detachCopy();
  }

  /** Called once the blocks are gone: a local value that carries this copy forgets it. */
  abstract void detachCopy();
}
