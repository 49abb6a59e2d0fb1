package daphnegrid.runtime.grid;

import daphnegrid.grid.tasks.FrameRef;
import daphnegrid.runtime.FrameValue;
import java.lang.ref.WeakReference;

/**
 * The coordinator's handle of a distributed frame: where its row blocks are ({@link FrameRef}),
 * and, for a copy of a local frame sent to the grid, the local value that carries the handle.
 */
final class GridFrame extends GridObject {
  final FrameRef ref;
  private final WeakReference<FrameValue> copyOf;

  GridFrame(FrameRef ref, long seq, FrameValue copyOf) {
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
    FrameValue v = copyOf == null ? null : copyOf.get();
    if (v != null && v.remote() == this && v.isLocal()) {
      v.detachRemote();
    }
  }

  @Override
  public String toString() {
    return ref.toString();
  }
}
