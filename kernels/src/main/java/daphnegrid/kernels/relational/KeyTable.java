package daphnegrid.kernels.relational;

import java.util.Arrays;

/**
 * An open-addressing hash table of distinct keys of one {@link Keys}: each distinct key is a group,
 * numbered in insertion order and represented by the first row that had it. Slots hold group id + 1
 * (0 = empty); each group's hash is kept so that most mismatches cost no key comparison. Not
 * thread-safe: each thread builds its own.
 */
final class KeyTable {
  private final Keys keys;
  private int[] slots;
  private int mask;
  private int[] groupRow;
  private int[] groupHash;
  private int groups;

  KeyTable(Keys keys, int expected) {
    this.keys = keys;
    int cap = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
    slots = new int[cap];
    mask = cap - 1;
    groupRow = new int[Math.max(16, Math.min(expected, 1 << 20))];
    groupHash = new int[groupRow.length];
  }

  int groups() {
    return groups;
  }

  /** The first row of group g. */
  int row(int g) {
    return groupRow[g];
  }

  /** The group of row i (hash h) of this table's keys, adding a new group if it is new. */
  int findOrAdd(int i, int h) {
    int s = h & mask;
    while (true) {
      int g = slots[s] - 1;
      if (g < 0) {
        break;
      }
      if (groupHash[g] == h && keys.equal(groupRow[g], keys, i)) {
        return g;
      }
      s = (s + 1) & mask;
    }
    if (groups == groupRow.length) {
      groupRow = Arrays.copyOf(groupRow, groups * 2);
      groupHash = Arrays.copyOf(groupHash, groups * 2);
    }
    int g = groups++;
    groupRow[g] = i;
    groupHash[g] = h;
    slots[s] = g + 1;
    if (groups * 2 > slots.length) {
      grow();
    }
    return g;
  }

  /** The group whose key equals row i (hash h) of probe (same encodings), or -1. */
  int find(Keys probe, int i, int h) {
    int s = h & mask;
    while (true) {
      int g = slots[s] - 1;
      if (g < 0) {
        return -1;
      }
      if (groupHash[g] == h && keys.equal(groupRow[g], probe, i)) {
        return g;
      }
      s = (s + 1) & mask;
    }
  }

  private void grow() {
    int[] bigger = new int[slots.length * 2];
    int m = bigger.length - 1;
    for (int g = 0; g < groups; g++) {
      int s = groupHash[g] & m;
      while (bigger[s] != 0) {
        s = (s + 1) & m;
      }
      bigger[s] = g + 1;
    }
    slots = bigger;
    mask = m;
  }
}
