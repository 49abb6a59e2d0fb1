package daphnegrid.kernels.relational;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.Frames;
import daphnegrid.kernels.frame.StringColumn;
import daphnegrid.kernels.pipeline.RowBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * GROUP BY one or several columns with sum, count, min, max and avg of columns, in two steps:
 * {@link #block} aggregates one row block (the rows of it that pass a {@link RowFilter}) into
 * partials, one row per key of the block; {@link #combine} folds the blocks' partials in block
 * order into one row per key, keys in ascending order (as {@link Relational#groupInKeyOrder}:
 * several columns compare column by column; -0 and 0 one key shown as first met, NaN one key). The
 * blocks are the {@link RowBlocks} of the frame's row count, so a grid member can make the partials
 * of its own row blocks and the coordinator combine them: the result is the same bits wherever the
 * blocks were aggregated, with one thread or many.
 *
 * <p>Order of summation: a float sum (and the sum of avg) is each block's rows folded in row order
 * from +0, then the blocks' sums folded in block order from +0. With one block that is the
 * row-order fold {@link Aggregates} does; with several it may differ from it in the last bits.
 * Integer sums, counts, min and max do not depend on the order (min and max: the first of equal
 * values in row order, NaN never chosen, as {@link Aggregates}).
 *
 * <p>Partials of a block, as a frame: the key columns (first occurrence in the block), then per
 * aggregate one column (count: si64; sum: si64 for integers, f64, or f32 accumulated in f32; min,
 * max: the column's type; avg: f64 sum) and for avg a second, si64 count.
 */
public final class PartialAggregates {
  private PartialAggregates() {}

  /** An aggregate: fn of column (a position in the frame; -1 with COUNT: count(*)). */
  public record Agg(Aggregates.Fn fn, int column) {
    public Agg {
      if (fn != Aggregates.Fn.SUM
          && fn != Aggregates.Fn.COUNT
          && fn != Aggregates.Fn.MIN
          && fn != Aggregates.Fn.MAX
          && fn != Aggregates.Fn.MEAN) {
        throw new IllegalArgumentException("no partials for " + fn);
      }
      if (column < 0 && fn != Aggregates.Fn.COUNT) {
        throw new IllegalArgumentException(fn + " needs a column");
      }
    }
  }

  /**
   * One row per group in ascending key order: the key columns (none without GROUP BY), each
   * aggregate's result column, and the number of groups.
   */
  public record Result(List<Column> keys, List<Column> values, int groups) {}

  /** The key positions of GROUP BY column key, -1 for none (one group). */
  public static int[] keyOf(int key) {
    return key < 0 ? new int[0] : new int[] {key};
  }

  /**
   * The partials of block (the rows of one row block of a frame) grouped by the columns keys (none:
   * all rows one group, none for a block without rows), over the rows that pass filter.
   *
   * @throws KernelException for sum or avg of str values
   */
  public static Frame block(Frame block, RowFilter filter, int[] keys, List<Agg> aggs) {
    Frame f = filter.terms() == 0 ? block : block.gatherRows(filter.select(block));
    return partials(f, 0, f.rows(), keys, aggs);
  }

  /**
   * The partials of the rows from .. to of f (all of them pass): the key columns are cut out of f
   * (the grouping hashes whole columns), the aggregated columns are read in place.
   */
  private static Frame partials(Frame f, int from, int to, int[] keys, List<Agg> aggs) {
    int n = to - from;
    boolean whole = from == 0 && to == f.rows();
    int groups;
    int[] groupOf;
    List<String> labels = new ArrayList<>();
    List<Column> cols = new ArrayList<>();
    if (keys.length == 0) {
      groups = n > 0 ? 1 : 0;
      groupOf = new int[n];
      labels.add("key");
      cols.add(Column.of(DenseMatrix.allocate(ValueType.SI64, groups, 1)));
    } else {
      List<Column> keyCols = new ArrayList<>();
      for (int k : keys) keyCols.add(whole ? f.column(k) : f.column(k).slice(from, to));
      Relational.Grouping g = Relational.group(keyCols, null);
      groups = g.firstRow().length;
      groupOf = g.groupOf();
      for (int k = 0; k < keys.length; k++) {
        labels.add("key" + k);
        cols.add(keyCols.get(k).gather(g.firstRow()));
      }
    }
    for (int a = 0; a < aggs.size(); a++) {
      Agg agg = aggs.get(a);
      Column v = agg.column() < 0 ? null : f.column(agg.column());
      labels.add("p" + a);
      switch (agg.fn()) {
        case COUNT -> cols.add(rowsPerGroup(groupOf, groups));
        case MEAN -> {
          requireNumbers(agg, v);
          boolean f64 = v.type() == ValueType.F64;
          cols.add(
              Aggregates.apply(
                  Aggregates.Fn.SUM,
                  f64 ? v : asF64(v, from, to),
                  f64 ? from : 0,
                  groupOf,
                  groups));
          labels.add("n" + a);
          cols.add(rowsPerGroup(groupOf, groups));
        }
        default -> {
          if (agg.fn() == Aggregates.Fn.SUM) {
            requireNumbers(agg, v);
          }
          cols.add(
              groups == 0 && v.type() == ValueType.STR
                  ? StringColumn.of(new String[0], 0)
                  : Aggregates.apply(agg.fn(), v, from, groupOf, groups));
        }
      }
    }
    return Frame.of(labels, cols);
  }

  /** The rows of each group, as si64 (what count gives: every row counts). */
  private static Column rowsPerGroup(int[] groupOf, int groups) {
    long[] n = new long[groups];
    for (int g : groupOf) {
      if (g >= 0) n[g]++;
    }
    return Column.of(DenseMatrix.wrap(ValueType.SI64, groups, 1, n));
  }

  private static void requireNumbers(Agg agg, Column v) {
    if (v.type() == ValueType.STR) {
      throw new KernelException(
          "aggregation " + agg.fn().name().toLowerCase() + " is not defined for str values");
    }
  }

  /** Rows from .. to of the column as f64 (what avg sums). */
  private static Column asF64(Column v, int from, int to) {
    DenseMatrix m = v.toMatrix();
    double[] d = new double[to - from];
    for (int i = 0; i < d.length; i++) d[i] = m.getDouble(from + i);
    return Column.of(DenseMatrix.wrap(ValueType.F64, d.length, 1, d));
  }

  /**
   * The result of the blocks' partials (in block order) of a frame whose columns have types,
   * grouped by keyCount columns: one row per key, keys ascending; without a key (keyCount 0) one
   * row, also when no row passed (sum and count 0, min and max the neutral value, avg NaN, as
   * {@link Aggregates} gives them for an empty group).
   *
   * @throws KernelException for min or max of str values over no rows at all
   */
  public static Result combine(
      List<Frame> partials, List<ValueType> types, List<Agg> aggs, int keyCount) {
    Frame all = Frames.concatRows(partials);
    boolean grouped = keyCount > 0;
    if (!grouped && all.rows() == 0) {
      List<Column> out = new ArrayList<>();
      for (Agg agg : aggs) {
        ValueType t = agg.column() < 0 ? ValueType.SI64 : types.get(agg.column());
        Column empty =
            t == ValueType.STR
                ? StringColumn.of(new String[0], 0)
                : Column.of(DenseMatrix.allocate(t, 0, 1));
        out.add(Aggregates.apply(agg.fn(), empty, new int[0], 1));
      }
      return new Result(List.of(), out, 1);
    }
    List<Column> keyCols = new ArrayList<>();
    for (int k = 0; k < keyCount; k++) keyCols.add(all.column(k));
    Relational.Grouping g =
        grouped
            ? Relational.groupInKeyOrder(keyCols, null)
            : new Relational.Grouping(new int[all.rows()], new int[] {0});
    int groups = g.firstRow().length;
    int[] groupOf = g.groupOf();
    List<Column> out = new ArrayList<>();
    int c = Math.max(1, keyCount);
    for (Agg agg : aggs) {
      Column p = all.column(c++);
      switch (agg.fn()) {
        case COUNT -> out.add(Aggregates.apply(Aggregates.Fn.SUM, p, groupOf, groups));
        case MEAN -> {
          Column n = all.column(c++);
          double[] sum =
              (double[]) Aggregates.apply(Aggregates.Fn.SUM, p, groupOf, groups).toMatrix().data();
          long[] count =
              (long[]) Aggregates.apply(Aggregates.Fn.SUM, n, groupOf, groups).toMatrix().data();
          double[] mean = new double[groups];
          for (int k = 0; k < groups; k++) mean[k] = sum[k] / count[k];
          out.add(Column.of(DenseMatrix.wrap(ValueType.F64, groups, 1, mean)));
        }
        default -> out.add(Aggregates.apply(agg.fn(), p, groupOf, groups));
      }
    }
    List<Column> keys = new ArrayList<>();
    for (Column k : keyCols) keys.add(k.gather(g.firstRow()));
    return new Result(keys, out, groups);
  }

  /**
   * The whole aggregation of f here: {@link #block} over each of its {@link RowBlocks} (in parallel
   * on pool, or on this thread when pool is null), then {@link #combine}. One si64 key of a small
   * range with aggregates of si64 and f64 columns takes {@link DirectGrouping}, which gives the
   * same result without partial frames.
   */
  public static Result run(
      Frame f, RowFilter filter, int[] keys, List<Agg> aggs, ForkJoinPool pool) {
    long t0 = TIMING ? System.nanoTime() : 0;
    Result direct = DirectGrouping.run(f, filter, keys, aggs, pool);
    if (direct != null) {
      if (TIMING) {
        System.err.printf("group timing: direct %.1f ms%n", (System.nanoTime() - t0) / 1e6);
      }
      return direct;
    }
    return runPartials(f, filter, keys, aggs, pool);
  }

  /** {@link #run} by {@link #block} and {@link #combine} always. */
  static Result runPartials(
      Frame f, RowFilter filter, int[] keys, List<Agg> aggs, ForkJoinPool pool) {
    long t0 = TIMING ? System.nanoTime() : 0;
    int blocks = Math.max(1, RowBlocks.count(f.rows()));
    Frame[] parts = new Frame[blocks];
    // Only the columns the keys and the aggregates read are cut into row blocks: a slice copies its
    // columns, and the others would be copied for nothing.
    int[] used = usedColumns(f.cols(), keys, aggs);
    int[] at = new int[f.cols()];
    java.util.Arrays.fill(at, -1);
    for (int k = 0; k < used.length; k++) at[used[k]] = k;
    Frame g = f.selectColumns(used);
    int[] gKeys = remap(keys, at);
    List<Agg> gAggs = new ArrayList<>(aggs.size());
    for (Agg a : aggs) {
      boolean reads = a.column() >= 0 && a.fn() != Aggregates.Fn.COUNT;
      gAggs.add(new Agg(a.fn(), reads ? at[a.column()] : -1));
    }
    java.util.function.IntConsumer one =
        b -> {
          int r0 = (int) RowBlocks.start(f.rows(), b);
          int r1 = (int) Math.min(f.rows(), RowBlocks.end(f.rows(), b));
          long s0 = TIMING ? System.nanoTime() : 0;
          // with a filter, only the block's rows that pass are copied (the filter reads f in place)
          // without one, the block's rows are read in place (only its key columns are cut)
          Frame cut =
              filter.terms() == 0 ? g : g.gatherRows(filter.select(f, r0, Math.max(r0, r1)));
          long s1 = TIMING ? System.nanoTime() : 0;
          parts[b] =
              filter.terms() == 0
                  ? partials(g, r0, Math.max(r0, r1), gKeys, gAggs)
                  : partials(cut, 0, cut.rows(), gKeys, gAggs);
          if (TIMING) {
            SLICE.addAndGet(s1 - s0);
            BLOCK.addAndGet(System.nanoTime() - s1);
          }
        };
    if (pool == null || blocks == 1) {
      for (int b = 0; b < blocks; b++) one.accept(b);
    } else {
      pool.submit(() -> java.util.stream.IntStream.range(0, blocks).parallel().forEach(one)).join();
    }
    long t1 = TIMING ? System.nanoTime() : 0;
    List<ValueType> types = new ArrayList<>();
    for (int j = 0; j < f.cols(); j++) types.add(f.type(j));
    Result r = combine(List.of(parts), types, aggs, keys.length);
    if (TIMING) {
      long t2 = System.nanoTime();
      System.err.printf(
          "group timing: blocks %.1f ms (thread sums: slices %.1f ms, partials %.1f ms),"
              + " combine %.1f ms%n",
          (t1 - t0) / 1e6, SLICE.getAndSet(0) / 1e6, BLOCK.getAndSet(0) / 1e6, (t2 - t1) / 1e6);
    }
    return r;
  }

  /** Phase times to stderr with the system property daphnegrid.sql.timing (for measuring). */
  static final boolean TIMING = Boolean.getBoolean("daphnegrid.sql.timing");

  private static final java.util.concurrent.atomic.AtomicLong SLICE =
      new java.util.concurrent.atomic.AtomicLong();
  private static final java.util.concurrent.atomic.AtomicLong BLOCK =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * The column positions the keys and aggs read, ascending, each once: count reads no column (it
   * counts rows), and the filter reads the frame's own columns before any copy.
   */
  private static int[] usedColumns(int cols, int[] keys, List<Agg> aggs) {
    boolean[] used = new boolean[cols];
    for (int j : keys) used[j] = true;
    for (Agg a : aggs) {
      if (a.column() >= 0 && a.fn() != Aggregates.Fn.COUNT) {
        used[a.column()] = true;
      }
    }
    return java.util.stream.IntStream.range(0, cols).filter(j -> used[j]).toArray();
  }

  private static int[] remap(int[] positions, int[] at) {
    int[] out = new int[positions.length];
    for (int i = 0; i < out.length; i++) out[i] = at[positions[i]];
    return out;
  }
}
