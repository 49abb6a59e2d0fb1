package daphnegrid.kernels.relational;

import daphnegrid.kernels.Parallel;
import java.util.concurrent.ForkJoinPool;

/** Stable multi-key merge sort of row positions; parts sorted in parallel, then merged. */
final class Sort {
  private Sort() {}

  private static final int INSERTION_MAX = 24;

  static int[] order(Keys keys, boolean[] ascending, int parts, ForkJoinPool pool) {
    int n = keys.rows;
    if (ascending.length != keys.kinds.length) {
      throw new IllegalArgumentException("one ascending flag per sort key");
    }
    int[] a = new int[n], tmp = new int[n];
    for (int i = 0; i < n; i++) a[i] = i;
    RowOrder cmp = (x, y) -> compare(keys, ascending, x, y);
    int p = Math.max(1, Math.min(parts, n / INSERTION_MAX + 1));
    Parallel.forEach(
        pool,
        p,
        t -> {
          int from = Parallel.cut(n, p, t, 1), to = Parallel.cut(n, p, t + 1, 1);
          mergeSort(a, tmp, from, to, cmp);
        });
    // Merge neighbouring sorted runs pairwise until one is left.
    int[] src = a, dst = tmp;
    for (int width = 1; width < p; width *= 2) {
      int[] s = src, d = dst;
      int w = width;
      int merges = (p + 2 * w - 1) / (2 * w);
      Parallel.forEach(
          pool,
          merges,
          m -> {
            int lo = Parallel.cut(n, p, m * 2 * w, 1);
            int mid = Parallel.cut(n, p, Math.min(p, m * 2 * w + w), 1);
            int hi = Parallel.cut(n, p, Math.min(p, m * 2 * w + 2 * w), 1);
            merge(s, d, lo, mid, hi, cmp);
          });
      src = d;
      dst = s;
    }
    return src;
  }

  interface RowOrder {
    int compare(int a, int b);
  }

  private static int compare(Keys keys, boolean[] asc, int x, int y) {
    for (int j = 0; j < asc.length; j++) {
      int c = keys.compare(j, x, y);
      if (c != 0) {
        return asc[j] ? c : -c;
      }
    }
    return 0;
  }

  /** Sorts a[from, to) stably, using tmp[from, to) as scratch. */
  private static void mergeSort(int[] a, int[] tmp, int from, int to, RowOrder cmp) {
    if (to - from <= INSERTION_MAX) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && cmp.compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid, cmp);
    mergeSort(a, tmp, mid, to, cmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    merge(tmp, a, from, mid, to, cmp);
  }

  /** Merges src[lo, mid) and src[mid, hi) into dst[lo, hi); ties take the left run first. */
  private static void merge(int[] src, int[] dst, int lo, int mid, int hi, RowOrder cmp) {
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
      dst[k++] = cmp.compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
    }
    while (i < mid) dst[k++] = src[i++];
    while (j < hi) dst[k++] = src[j++];
  }
}
