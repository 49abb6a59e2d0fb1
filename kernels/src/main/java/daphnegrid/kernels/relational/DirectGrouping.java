package daphnegrid.kernels.relational;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.pipeline.RowBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * {@link PartialAggregates#run} for one si64 key whose values span a small range (max - min below
 * {@link #maxRange}) and aggregates of si64 or f64 columns (count of any column): the key minus the
 * smallest key is the group's slot, so there is no hashing, no group-id array and no copy of any
 * column. Each {@link RowBlocks} block folds its rows that pass the filter, in row order, into its
 * own slot arrays, reading the frame's columns in place (in parallel over the blocks); the blocks'
 * slots are then folded in block order into the keys present, which come out ascending. That is
 * exactly the definition of {@link PartialAggregates}: a float sum is each block's rows folded from
 * +0, then the blocks' sums folded from +0 in block order; min and max keep the first of equal
 * values and never choose NaN; so the result is the same bits as the partials' path, here and on
 * the grid.
 */
final class DirectGrouping {
  private DirectGrouping() {}

  /**
   * The largest key span (max - min + 1) for a frame of rows rows: a slot array per block and
   * aggregate, so at most an eighth of a block (and at least 1,024 slots).
   */
  static int maxRange(int rows) {
    return Math.max(1024, RowBlocks.rowsPerBlock(rows) / 8);
  }

  /** The aggregation if this path applies to it, else null (the caller takes the general path). */
  static PartialAggregates.Result run(
      Frame f, RowFilter filter, int[] keys, List<PartialAggregates.Agg> aggs, ForkJoinPool pool) {
    int n = f.rows();
    if (keys.length != 1 || n == 0 || f.type(keys[0]) != ValueType.SI64) {
      return null;
    }
    for (PartialAggregates.Agg a : aggs) {
      if (a.fn() != Aggregates.Fn.COUNT) {
        ValueType t = f.type(a.column());
        if (t != ValueType.SI64 && t != ValueType.F64) {
          return null;
        }
      }
    }
    long t0 = PartialAggregates.TIMING ? System.nanoTime() : 0;
    Column keyColumn = f.column(keys[0]);
    long[] key = keyColumn.toMatrix().i64();
    int blocks = Math.max(1, RowBlocks.count(n));
    // the key range: known to a column read from a file (Column.ofSi64), else one pass
    Column.Range known = ((Column.Numeric) keyColumn).range();
    long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
    if (known != null) {
      min = known.min();
      max = known.max();
    } else {
      long[] lo = new long[blocks];
      long[] hi = new long[blocks];
      each(
          pool,
          blocks,
          b -> {
            long mn = Long.MAX_VALUE, mx = Long.MIN_VALUE;
            for (int i = start(n, b), e = end(n, b); i < e; i++) {
              long k = key[i];
              mn = Math.min(mn, k);
              mx = Math.max(mx, k);
            }
            lo[b] = mn;
            hi[b] = mx;
          });
      for (int b = 0; b < blocks; b++) {
        min = Math.min(min, lo[b]);
        max = Math.max(max, hi[b]);
      }
    }
    long span = max - min; // negative when it overflows
    if (span < 0 || span >= maxRange(n)) {
      return null;
    }
    long t1 = PartialAggregates.TIMING ? System.nanoTime() : 0;
    int range = (int) span + 1;
    long base = min;
    int na = aggs.size();
    // per block: the rows of each slot, and per aggregate its slots (long[] or double[])
    int[][] rowsOf = new int[blocks][];
    Object[][] acc = new Object[blocks][na];
    // The block fold and each() hand out their work through anonymous classes, not lambdas: the
    // start-up cache holds classes, but not the classes the JVM makes for lambdas on their first
    // use (with the Vector API's incubator module in the boot layer it links no lambda ahead), and
    // making them took milliseconds of a first query that runs in tens of them.
    each(
        pool,
        blocks,
        new java.util.function.IntConsumer() {
          @Override
          public void accept(int b) {
            int r0 = start(n, b), r1 = end(n, b);
            int[] sel = filter.terms() == 0 ? null : filter.select(f, r0, r1);
            int[] cnt = new int[range];
            rowsOf[b] = cnt;
            // the rows per slot, counted in the same pass as the first f64 sum when there is one
            int counted = -1;
            for (int a = 0; a < na && counted < 0; a++) {
              PartialAggregates.Agg agg = aggs.get(a);
              if ((agg.fn() == Aggregates.Fn.SUM || agg.fn() == Aggregates.Fn.MEAN)
                  && f.type(agg.column()) == ValueType.F64) {
                double[] sums = new double[range];
                countSumF(
                    key, base, f.column(agg.column()).toMatrix().f64(), r0, r1, sel, cnt, sums);
                acc[b][a] = sums;
                counted = a;
              }
            }
            if (counted < 0) {
              count(key, base, r0, r1, sel, cnt);
            }
            for (int a = 0; a < na; a++) {
              PartialAggregates.Agg agg = aggs.get(a);
              if (agg.fn() == Aggregates.Fn.COUNT || a == counted) {
                continue;
              }
              DenseMatrix v = f.column(agg.column()).toMatrix();
              acc[b][a] = fold(agg.fn(), v, key, base, r0, r1, sel, range);
            }
          }
        });
    long t2 = PartialAggregates.TIMING ? System.nanoTime() : 0;
    // the keys present, ascending, and each one's slot
    int groups = 0;
    long[] total = new long[range];
    for (int b = 0; b < blocks; b++) {
      int[] cnt = rowsOf[b];
      for (int s = 0; s < range; s++) total[s] += cnt[s];
    }
    for (int s = 0; s < range; s++) {
      if (total[s] > 0) groups++;
    }
    int[] slot = new int[groups];
    long[] keyOut = new long[groups];
    long[] countOut = new long[groups];
    for (int s = 0, g = 0; s < range; s++) {
      if (total[s] > 0) {
        slot[g] = s;
        keyOut[g] = base + s;
        countOut[g++] = total[s];
      }
    }
    List<Column> out = new ArrayList<>(na);
    for (int a = 0; a < na; a++) {
      PartialAggregates.Agg agg = aggs.get(a);
      out.add(
          agg.fn() == Aggregates.Fn.COUNT
              ? Column.of(DenseMatrix.wrap(ValueType.SI64, groups, 1, countOut.clone()))
              : combine(agg.fn(), f.type(agg.column()), acc, a, rowsOf, slot, countOut));
    }
    Column keyCol = Column.of(DenseMatrix.wrap(ValueType.SI64, groups, 1, keyOut));
    if (PartialAggregates.TIMING) {
      System.err.printf(
          "group timing: key range %.1f ms, block folds %.1f ms, combine %.1f ms%n",
          (t1 - t0) / 1e6, (t2 - t1) / 1e6, (System.nanoTime() - t2) / 1e6);
    }
    return new PartialAggregates.Result(List.of(keyCol), out, groups);
  }

  private static int start(int n, int b) {
    return (int) RowBlocks.start(n, b);
  }

  private static int end(int n, int b) {
    return (int) RowBlocks.end(n, b);
  }

  private static void each(ForkJoinPool pool, int blocks, java.util.function.IntConsumer body) {
    if (pool == null || blocks == 1 || pool.getParallelism() < 2) {
      for (int b = 0; b < blocks; b++) body.accept(b);
    } else {
      // blocks handed out one at a time in block order, to as many workers as the pool has
      java.util.concurrent.atomic.AtomicInteger next =
          new java.util.concurrent.atomic.AtomicInteger();
      daphnegrid.kernels.Parallel.forEach(
          pool,
          Math.min(blocks, pool.getParallelism()),
          new java.util.function.IntConsumer() {
            @Override
            public void accept(int t) {
              for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                body.accept(b);
              }
            }
          });
    }
  }

  /** cnt[key - base]++ over the rows r0..r1 (or the rows sel, when not null). */
  private static void count(long[] key, long base, int r0, int r1, int[] sel, int[] cnt) {
    if (sel == null) {
      for (int i = r0; i < r1; i++) cnt[(int) (key[i] - base)]++;
    } else {
      for (int i : sel) cnt[(int) (key[i] - base)]++;
    }
  }

  /**
   * One block's slots of fn over v: sum (f64: from +0 in row order), min, max (the first of equal
   * values, NaN never chosen), avg's f64 sum; slots without rows hold the neutral value.
   */
  private static Object fold(
      Aggregates.Fn fn,
      DenseMatrix v,
      long[] key,
      long base,
      int r0,
      int r1,
      int[] sel,
      int range) {
    boolean f64 = v.type() == ValueType.F64;
    switch (fn) {
      case SUM -> {
        if (f64) {
          double[] s = new double[range];
          sumF(key, base, v.f64(), r0, r1, sel, s);
          return s;
        }
        long[] s = new long[range];
        sumL(key, base, v.i64(), r0, r1, sel, s);
        return s;
      }
      case MEAN -> {
        double[] s = new double[range];
        if (f64) {
          sumF(key, base, v.f64(), r0, r1, sel, s);
        } else {
          sumLAsF(key, base, v.i64(), r0, r1, sel, s);
        }
        return s;
      }
      case MIN, MAX -> {
        boolean min = fn == Aggregates.Fn.MIN;
        if (f64) {
          double[] s = new double[range];
          java.util.Arrays.fill(s, min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
          if (min) {
            minF(key, base, v.f64(), r0, r1, sel, s);
          } else {
            maxF(key, base, v.f64(), r0, r1, sel, s);
          }
          return s;
        }
        long[] s = new long[range];
        java.util.Arrays.fill(s, min ? Long.MAX_VALUE : Long.MIN_VALUE);
        if (min) {
          minL(key, base, v.i64(), r0, r1, sel, s);
        } else {
          maxL(key, base, v.i64(), r0, r1, sel, s);
        }
        return s;
      }
      default -> throw new IllegalStateException("no direct fold for " + fn);
    }
  }

  /** {@link #count} and {@link #sumF} in one pass over the rows. */
  private static void countSumF(
      long[] key, long base, double[] v, int r0, int r1, int[] sel, int[] cnt, double[] s) {
    if (sel == null) {
      for (int i = r0; i < r1; i++) {
        int g = (int) (key[i] - base);
        cnt[g]++;
        s[g] += v[i];
      }
    } else {
      for (int i : sel) {
        int g = (int) (key[i] - base);
        cnt[g]++;
        s[g] += v[i];
      }
    }
  }

  private static void sumF(
      long[] key, long base, double[] v, int r0, int r1, int[] sel, double[] s) {
    if (sel == null) {
      for (int i = r0; i < r1; i++) s[(int) (key[i] - base)] += v[i];
    } else {
      for (int i : sel) s[(int) (key[i] - base)] += v[i];
    }
  }

  private static void sumLAsF(
      long[] key, long base, long[] v, int r0, int r1, int[] sel, double[] s) {
    if (sel == null) {
      for (int i = r0; i < r1; i++) s[(int) (key[i] - base)] += (double) v[i];
    } else {
      for (int i : sel) s[(int) (key[i] - base)] += (double) v[i];
    }
  }

  private static void sumL(long[] key, long base, long[] v, int r0, int r1, int[] sel, long[] s) {
    if (sel == null) {
      for (int i = r0; i < r1; i++) s[(int) (key[i] - base)] += v[i];
    } else {
      for (int i : sel) s[(int) (key[i] - base)] += v[i];
    }
  }

  private static void minF(
      long[] key, long base, double[] v, int r0, int r1, int[] sel, double[] s) {
    if (sel == null) {
      for (int i = r0; i < r1; i++) {
        int g = (int) (key[i] - base);
        if (v[i] < s[g]) s[g] = v[i];
      }
    } else {
      for (int i : sel) {
        int g = (int) (key[i] - base);
        if (v[i] < s[g]) s[g] = v[i];
      }
    }
  }

  private static void maxF(
      long[] key, long base, double[] v, int r0, int r1, int[] sel, double[] s) {
    if (sel == null) {
      for (int i = r0; i < r1; i++) {
        int g = (int) (key[i] - base);
        if (v[i] > s[g]) s[g] = v[i];
      }
    } else {
      for (int i : sel) {
        int g = (int) (key[i] - base);
        if (v[i] > s[g]) s[g] = v[i];
      }
    }
  }

  private static void minL(long[] key, long base, long[] v, int r0, int r1, int[] sel, long[] s) {
    if (sel == null) {
      for (int i = r0; i < r1; i++) {
        int g = (int) (key[i] - base);
        if (v[i] < s[g]) s[g] = v[i];
      }
    } else {
      for (int i : sel) {
        int g = (int) (key[i] - base);
        if (v[i] < s[g]) s[g] = v[i];
      }
    }
  }

  private static void maxL(long[] key, long base, long[] v, int r0, int r1, int[] sel, long[] s) {
    if (sel == null) {
      for (int i = r0; i < r1; i++) {
        int g = (int) (key[i] - base);
        if (v[i] > s[g]) s[g] = v[i];
      }
    } else {
      for (int i : sel) {
        int g = (int) (key[i] - base);
        if (v[i] > s[g]) s[g] = v[i];
      }
    }
  }

  /**
   * The result column of aggregate a: its blocks' slots folded in block order, over the blocks in
   * which the slot has rows (as the partials' combine folds the rows of the blocks holding the
   * key).
   */
  private static Column combine(
      Aggregates.Fn fn,
      ValueType t,
      Object[][] acc,
      int a,
      int[][] rowsOf,
      int[] slot,
      long[] countOut) {
    int groups = slot.length;
    int blocks = acc.length;
    boolean floats = t == ValueType.F64 || fn == Aggregates.Fn.MEAN;
    if (floats) {
      double[] out = new double[groups];
      switch (fn) {
        case SUM, MEAN -> {
          for (int b = 0; b < blocks; b++) {
            double[] s = (double[]) acc[b][a];
            int[] cnt = rowsOf[b];
            for (int g = 0; g < groups; g++) {
              if (cnt[slot[g]] > 0) out[g] += s[slot[g]];
            }
          }
          if (fn == Aggregates.Fn.MEAN) {
            for (int g = 0; g < groups; g++) out[g] = out[g] / countOut[g];
          }
        }
        default -> {
          boolean min = fn == Aggregates.Fn.MIN;
          java.util.Arrays.fill(out, min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
          for (int b = 0; b < blocks; b++) {
            double[] s = (double[]) acc[b][a];
            int[] cnt = rowsOf[b];
            for (int g = 0; g < groups; g++) {
              double x = s[slot[g]];
              if (cnt[slot[g]] > 0 && (min ? x < out[g] : x > out[g])) out[g] = x;
            }
          }
        }
      }
      return Column.of(DenseMatrix.wrap(ValueType.F64, groups, 1, out));
    }
    long[] out = new long[groups];
    switch (fn) {
      case SUM -> {
        for (int b = 0; b < blocks; b++) {
          long[] s = (long[]) acc[b][a];
          int[] cnt = rowsOf[b];
          for (int g = 0; g < groups; g++) {
            if (cnt[slot[g]] > 0) out[g] += s[slot[g]];
          }
        }
      }
      default -> {
        boolean min = fn == Aggregates.Fn.MIN;
        java.util.Arrays.fill(out, min ? Long.MAX_VALUE : Long.MIN_VALUE);
        for (int b = 0; b < blocks; b++) {
          long[] s = (long[]) acc[b][a];
          int[] cnt = rowsOf[b];
          for (int g = 0; g < groups; g++) {
            long x = s[slot[g]];
            if (cnt[slot[g]] > 0 && (min ? x < out[g] : x > out[g])) out[g] = x;
          }
        }
      }
    }
    return Column.of(DenseMatrix.wrap(ValueType.SI64, groups, 1, out));
  }
}
