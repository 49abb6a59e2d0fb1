package daphnegrid.kernels.relational;

import java.util.Arrays;

/**
 * An open-addressing hash table of distinct long keys (one key column in a {@link Keys} encoding):
 * each distinct key is a group, numbered in insertion order. Keys sit in the slots next to their
 * group ids, so a probe touches one or two cache lines and compares primitives; the general {@link
 * KeyTable} goes through the rows of a {@link Keys} instead. Not thread-safe.
 */
final class LongTable {
  private long[] slotKey;
  private int[] slotGroup; // group id + 1, 0 = empty
  private int mask;
  private long[] groupKey;
  private int groups;

  LongTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
    slotKey = new long[cap];
    slotGroup = new int[cap];
    mask = cap - 1;
    groupKey = new long[Math.max(16, Math.min(expected, 1 << 16))];
  }

  int groups() {
    return groups;
  }

  /** The key of group g. */
  long key(int g) {
    return groupKey[g];
  }

  /** The group of key, adding a new group if it is new. */
  int findOrAdd(long key) {
    int s = Keys.mix(key) & mask;
    while (true) {
      int g = slotGroup[s] - 1;
      if (g < 0) {
        break;
      }
      if (slotKey[s] == key) {
        return g;
      }
      s = (s + 1) & mask;
    }
    if (groups == groupKey.length) {
      groupKey = Arrays.copyOf(groupKey, groups * 2);
    }
    int g = groups++;
    groupKey[g] = key;
    slotKey[s] = key;
    slotGroup[s] = g + 1;
    if (groups * 2 > slotKey.length) {
      grow();
    }
    return g;
  }

  /** The group of key, or -1. */
  int find(long key) {
    int s = Keys.mix(key) & mask;
    while (true) {
      int g = slotGroup[s] - 1;
      if (g < 0 || slotKey[s] == key) {
        return g;
      }
      s = (s + 1) & mask;
    }
  }

  private void grow() {
    int cap = slotKey.length * 2;
    long[] keys = new long[cap];
    int[] ids = new int[cap];
    int m = cap - 1;
    for (int g = 0; g < groups; g++) {
      int s = Keys.mix(groupKey[g]) & m;
      while (ids[s] != 0) {
        s = (s + 1) & m;
      }
      keys[s] = groupKey[g];
      ids[s] = g + 1;
    }
    slotKey = keys;
    slotGroup = ids;
    mask = m;
  }
}
