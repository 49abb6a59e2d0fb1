package daphnegrid.runtime.grid;

import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.runtime.MatrixValue;
import java.lang.ref.WeakReference;

/**
 * The coordinator's handle of a distributed matrix: where its blocks are ({@link MatrixRef}), when
 * it was made (a sequence number: see {@link GridEngine#retain}), for a copy of a local matrix sent
 * to the grid, the local value that carries the handle (so freeing it can detach it), and, for a
 * generated matrix, how to make its blocks again ({@link Regeneration}).
 */
final class GridMatrix {
  final MatrixRef ref;
  final long seq;
  private final WeakReference<MatrixValue> copyOf;
  private boolean freed;
  private volatile Regeneration regeneration;

  GridMatrix(MatrixRef ref, long seq, MatrixValue copyOf) {
    this.ref = ref;
    this.seq = seq;
    this.copyOf = copyOf == null ? null : new WeakReference<>(copyOf);
  }

  /** How to make lost blocks again, or null when they cannot be (they have backups instead). */
  Regeneration regeneration() {
    return regeneration;
  }

  void regeneration(Regeneration r) {
    regeneration = r;
  }

  boolean freed() {
    return freed;
  }

  /** Marks the blocks gone; a local value that carried this copy forgets it. */
  void markFreed() {
    freed = true;
    MatrixValue v = copyOf == null ? null : copyOf.get();
    if (v != null && v.remote() == this && v.isLocal()) {
      v.detachRemote();
    }
  }

  @Override
  public String toString() {
    return ref.toString();
  }
}
