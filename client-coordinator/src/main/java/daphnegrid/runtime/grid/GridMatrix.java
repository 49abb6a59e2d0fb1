package daphnegrid.runtime.grid;

import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.runtime.MatrixValue;
import java.lang.ref.WeakReference;

/**
 * The coordinator's handle of a distributed matrix: where its blocks are ({@link MatrixRef}), and,
 * for a copy of a local matrix sent to the grid, the local value that carries the handle (so
 * freeing it can detach it).
 */
final class GridMatrix extends GridObject {
  final MatrixRef ref;
  private final WeakReference<MatrixValue> copyOf;

  GridMatrix(MatrixRef ref, long seq, MatrixValue copyOf) {
    super(seq);
    this.ref = ref;
    this.copyOf = copyOf == null ? null : new WeakReference<>(copyOf);
  }

  @Override
  String map() {
    return ref.map();
  }

  @Override
  void detachCopy() {
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
