package daphnegrid.runtime;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What the running script may still reach, as the engines need it to free the rest: the handles of
 * cells held by an engine elsewhere ({@link MatrixValue#remote()}) and the arrays of cells here.
 * Made by {@link Retention} from the values the interpreter holds, following pending computations
 * to their operands, so an engine never walks the planner's graph itself.
 */
public final class Reachable {
  private final Set<Object> handles = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Object> arrays = Collections.newSetFromMap(new IdentityHashMap<>());

  void add(MatrixValue m) {
    if (m.remote() != null) {
      handles.add(m.remote());
    }
    DenseMatrix held = m.denseIfHeld();
    if (held != null) {
      arrays.add(held.data());
    }
    CsrMatrix csr = m.csrIfHeld();
    if (csr != null) {
      // the values of X op s may be a lent array (the index arrays never are)
      arrays.add(csr.valueArray());
    }
  }

  /** What exactly these values reach, nothing followed (for tests of the engines). */
  public static Reachable of(java.util.List<? extends Value> values) {
    Reachable r = new Reachable();
    for (Value v : values) {
      if (v instanceof MatrixValue m) {
        r.add(m);
      } else if (v instanceof FrameValue f) {
        r.add(f);
      }
    }
    return r;
  }

  void add(FrameValue f) {
    if (f.remote() != null) {
      handles.add(f.remote());
    }
  }

  /** True if an engine handle is reachable. */
  public boolean holdsHandle(Object handle) {
    return handles.contains(handle);
  }

  /** The reachable arrays of cells held in this process (by identity). */
  public Set<Object> arrays() {
    return Collections.unmodifiableSet(arrays);
  }
}
