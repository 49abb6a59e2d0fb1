package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A member's zero-copy view of the blocks stored on it. In an OBJECT-format map, an entry processor
 * that calls {@code setValue(block)} makes the record hold that very object; reading it back with
 * {@code IMap.get} would serialize and deserialize a copy (tens of MB per block of a wide matrix).
 * So the processors that write blocks ({@link StoreBlock}, {@link StorePiece}) also note the object
 * here, and tasks read blocks from here first.
 *
 * <p>Why this is safe: a (map, key) pair is written once and never changed (matrices are immutable
 * and every result goes to a new map; map names carry a per-client id and are never reused), so any
 * object found here has the right contents, whether or not the record still holds it. The
 * references are weak: once the map is destroyed or the partition has migrated away, nothing holds
 * the block but this view, and the collector drops it. A miss falls back to {@code IMap.get}.
 */
public final class BlockCache {
  private static final String CONTEXT_KEY = "daphnegrid.blockCache";

  private record Key(String map, BlockKey key) {}

  private static final class Ref extends WeakReference<DenseBlock> {
    final Key key;

    /** The block's seal was checked here, or this member sealed it ({@code MemberSeal}). */
    volatile boolean checked;

    Ref(Key key, DenseBlock block, ReferenceQueue<DenseBlock> queue) {
      super(block, queue);
      this.key = key;
    }
  }

  private final ConcurrentHashMap<Key, Ref> refs = new ConcurrentHashMap<>();
  private final ReferenceQueue<DenseBlock> queue = new ReferenceQueue<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /** The cache of member hz (kept in its user context, created on first use). */
  public static BlockCache of(HazelcastInstance hz) {
    return (BlockCache) hz.getUserContext().computeIfAbsent(CONTEXT_KEY, k -> new BlockCache());
  }

  /**
   * Notes block as the stored object of (map, key).
   *
   * @param checked its seal was checked, or this member sealed it: readers need not check again
   */
  void put(String map, BlockKey key, DenseBlock block, boolean checked) {
    expunge();
    Key k = new Key(map, key);
    Ref r = new Ref(k, block, queue);
    r.checked = checked;
    refs.put(k, r);
  }

  /** True if block is the object noted for (map, key) and its seal was checked. */
  boolean checked(String map, BlockKey key, DenseBlock block) {
    Ref r = refs.get(new Key(map, key));
    return r != null && r.checked && r.get() == block;
  }

  /** Records that the seal of block, noted for (map, key), was checked. */
  void markChecked(String map, BlockKey key, DenseBlock block) {
    Ref r = refs.get(new Key(map, key));
    if (r != null && r.get() == block) {
      r.checked = true;
    }
  }

  /** The block, or null when this member has no live object for it. */
  DenseBlock get(String map, BlockKey key) {
    Ref r = refs.get(new Key(map, key));
    DenseBlock b = r == null ? null : r.get();
    (b == null ? misses : hits).incrementAndGet();
    return b;
  }

  /** Reads served from the cache so far. */
  public long hits() {
    return hits.get();
  }

  /** Reads that had to fetch a copy so far. */
  public long misses() {
    return misses.get();
  }

  /** Number of blocks still held (by the maps: entries whose block was collected are dropped). */
  public int size() {
    expunge();
    refs.values().removeIf(r -> r.get() == null);
    return refs.size();
  }

  private void expunge() {
    for (Reference<? extends DenseBlock> r; (r = queue.poll()) != null; ) {
      Ref ref = (Ref) r;
      refs.remove(ref.key, ref);
    }
  }
}
