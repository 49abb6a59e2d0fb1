package daphnegrid.runtime.local;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Arrays of the large matrices the local engine computes, reused once no value can read them.
 *
 * <p>Why: a fresh array costs far more than the kernel that fills it. Fresh memory is touched page
 * by page (about 3 ms per MiB on the machines we measured without huge pages), and a new array per
 * operation made elementwise work run at 0.6–1.0 GB/s where the kernel alone streams 30+ GB/s. So a
 * script that computes {@code Z = X + Y} in a loop should write each new Z into the array of the Z
 * it replaces.
 *
 * <p>How: {@link #matrix} lends arrays (from the free lists when one of the exact length is there,
 * else new) and remembers them. The interpreter tells the engine, between statements, which values
 * may still be read ({@link LocalEngine#retain}); every lent array that none of them reaches —
 * through its cells, or as an operand of a pending computation — goes back to the free lists. Only
 * arrays of at least {@link #MIN_BYTES} are pooled (smaller ones are cheap to allocate). Free
 * arrays are held through soft references, so memory pressure can still take them back, and at most
 * {@link #KEEP_PER_SIZE} per size are kept. Every lent array is filled completely by its producer
 * (a program's rows output, a matrix product, a transpose), so reused arrays are not cleared.
 *
 * <p>Thread-safe (one lock); lending and reclaiming happen on the interpreter's thread anyway.
 */
public final class BufferPool {
  /** Arrays smaller than this are allocated normally. */
  public static final long MIN_BYTES = 1 << 18;

  /** Free arrays kept per (storage, length). */
  static final int KEEP_PER_SIZE = 4;

  private record Key(ValueType.Storage storage, int length) {}

  private final Map<Key, ArrayDeque<SoftReference<Object>>> free = new HashMap<>();
  private final Set<Object> lent = Collections.newSetFromMap(new IdentityHashMap<>());
  private long reused;
  private long allocated;

  /** A rows x cols matrix of type t; its cells are unspecified (the caller writes all of them). */
  public synchronized DenseMatrix matrix(ValueType t, long rows, long cols) {
    long cells = rows * cols;
    if (cells * t.byteWidth() < MIN_BYTES || t == ValueType.STR || cells > DenseMatrix.MAX_CELLS) {
      return DenseMatrix.allocate(t, rows, cols);
    }
    Key key = new Key(t.storage(), (int) cells);
    ArrayDeque<SoftReference<Object>> q = free.get(key);
    Object data = null;
    while (data == null && q != null && !q.isEmpty()) {
      data = q.pollFirst().get();
    }
    DenseMatrix m;
    if (data != null) {
      m = DenseMatrix.wrap(t, (int) rows, (int) cols, data);
      reused++;
    } else {
      m = DenseMatrix.allocate(t, rows, cols);
      allocated++;
    }
    lent.add(m.data());
    return m;
  }

  /** True while some lent array has not come back. */
  public synchronized boolean hasLent() {
    return !lent.isEmpty();
  }

  /**
   * Takes back every lent array that is not in reachable (the arrays of every value that may still
   * be read).
   */
  public synchronized void reclaim(Set<Object> reachable) {
    for (Iterator<Object> it = lent.iterator(); it.hasNext(); ) {
      Object a = it.next();
      if (reachable.contains(a)) {
        continue;
      }
      it.remove();
      Key key = new Key(storageOf(a), java.lang.reflect.Array.getLength(a));
      ArrayDeque<SoftReference<Object>> q = free.computeIfAbsent(key, k -> new ArrayDeque<>());
      q.removeIf(r -> r.get() == null);
      if (q.size() < KEEP_PER_SIZE) {
        q.addFirst(new SoftReference<>(a));
      }
    }
  }

  /** Number of matrices served from a reused array and newly allocated (for tests). */
  synchronized long[] counts() {
    return new long[] {reused, allocated};
  }

  private static ValueType.Storage storageOf(Object a) {
    if (a instanceof double[]) {
      return ValueType.Storage.DOUBLE;
    } else if (a instanceof float[]) {
      return ValueType.Storage.FLOAT;
    } else if (a instanceof long[]) {
      return ValueType.Storage.LONG;
    } else if (a instanceof int[]) {
      return ValueType.Storage.INT;
    }
    return ValueType.Storage.BYTE;
  }
}
