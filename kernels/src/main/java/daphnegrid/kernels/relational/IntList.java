package daphnegrid.kernels.relational;

import java.util.Arrays;

/** A growable int array. */
final class IntList {
  private int[] a;
  private int n;

  IntList(int capacity) {
    a = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (n == a.length) {
      a = Arrays.copyOf(a, checkedGrow(n));
    }
    a[n++] = v;
  }

  int size() {
    return n;
  }

  int[] array() {
    return a;
  }

  private static int checkedGrow(int n) {
    long next = (long) n + (n >> 1) + 4;
    if (next > Integer.MAX_VALUE - 16) {
      if (n >= Integer.MAX_VALUE - 16) {
        throw new daphnegrid.kernels.KernelException(
            "a relational result cannot have more than " + (Integer.MAX_VALUE - 16) + " rows");
      }
      next = Integer.MAX_VALUE - 16;
    }
    return (int) next;
  }

  /** The lists' contents one after the other. */
  static int[] concat(IntList[] lists) {
    long total = 0;
    for (IntList l : lists) {
      total += l.n;
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new daphnegrid.kernels.KernelException(
          "a relational result cannot have more than " + (Integer.MAX_VALUE - 16) + " rows");
    }
    int[] out = new int[(int) total];
    int at = 0;
    for (IntList l : lists) {
      System.arraycopy(l.a, 0, out, at, l.n);
      at += l.n;
    }
    return out;
  }
}
