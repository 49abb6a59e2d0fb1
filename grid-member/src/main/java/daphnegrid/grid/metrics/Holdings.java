package daphnegrid.grid.metrics;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import daphnegrid.config.GridMaps;
import daphnegrid.config.serial.BlockKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one member holds of the grid's maps at one moment, by map family ({@code blocks}, {@code
 * tmp}): Hazelcast's own figures from {@link LocalMapStats}, and the serialized size of the blocks
 * whose primary copy the member owns.
 *
 * <p>The grid's maps are in OBJECT format (entry processors work on the stored object), and for
 * that format Hazelcast 5.7 counts no memory cost: its estimator is a zero-size one for every
 * format but BINARY. {@link MapCostKeeper} replaces it in the grid maps' storages with a {@link
 * BlockCostEstimator}, so {@code ownedEntryMemoryCost} and {@code backupEntryMemoryCost} hold the
 * keys, records and values, in JMX and Management Center as here. {@link #bytesHeld} is the
 * serialized size of the blocks alone (a 20-byte header and the raw cells), read with a read-only
 * entry processor per map on the member's own keys, which touches the stored objects without
 * copying them.
 *
 * @param ownedEntryMemoryCost Hazelcast's figure, kept by {@link MapCostKeeper}
 * @param bytesHeld serialized bytes of the owned blocks
 */
record Holdings(
    String family,
    long maps,
    long ownedEntries,
    long backupEntries,
    long ownedEntryMemoryCost,
    long backupEntryMemoryCost,
    long heapCost,
    long bytesHeld) {

  static final String BLOCKS = "blocks";
  static final String TEMP = "tmp";

  /** The holdings of member hz, one per family (both always present). */
  static Map<String, Holdings> read(HazelcastInstance hz) {
    MapCostKeeper.installNow(hz);
    Map<String, long[]> sums = new LinkedHashMap<>();
    sums.put(BLOCKS, new long[7]);
    sums.put(TEMP, new long[7]);
    for (DistributedObject o : hz.getDistributedObjects()) {
      if (!(o instanceof IMap<?, ?>) || GridMaps.owner(o.getName()).isEmpty()) {
        continue;
      }
      @SuppressWarnings("unchecked")
      IMap<BlockKey, Object> map = (IMap<BlockKey, Object>) o;
      long[] s = sums.get(o.getName().startsWith(BLOCKS + ".") ? BLOCKS : TEMP);
      LocalMapStats st = map.getLocalMapStats();
      s[0]++;
      s[1] += st.getOwnedEntryCount();
      s[2] += st.getBackupEntryCount();
      s[3] += st.getOwnedEntryMemoryCost();
      s[4] += st.getBackupEntryMemoryCost();
      s[5] += st.getHeapCost();
      s[6] += ownedBytes(map);
    }
    Map<String, Holdings> out = new LinkedHashMap<>();
    sums.forEach((f, s) -> out.put(f, new Holdings(f, s[0], s[1], s[2], s[3], s[4], s[5], s[6])));
    return out;
  }

  /** Serialized bytes of the blocks of map whose primary copy is on this member. */
  static long ownedBytes(IMap<BlockKey, Object> map) {
    Set<BlockKey> keys = map.localKeySet();
    if (keys.isEmpty()) {
      return 0;
    }
    long sum = 0;
    try {
      for (Long b : map.executeOnKeys(keys, new BlockBytes()).values()) {
        sum += b == null ? 0 : b;
      }
    } catch (RuntimeException e) {
      // the map was destroyed while it was read (a script freed it): it holds nothing now
    }
    return sum;
  }
}
