package daphnegrid.kernels.relational;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.Frames;
import daphnegrid.kernels.pipeline.RowBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * An equi-join of a large frame cut into row blocks (the blocked side) with a small frame (the
 * other side, which a grid member receives whole), block by block. The blocked side may be the left
 * or the right table of the query; the joined rows always have the left table's columns first, and
 * the join's order is left-major with right rows in order ({@link Relational#innerJoin}).
 *
 * <ul>
 *   <li>Blocked side on the left: each block's joined rows are a contiguous run of the join, so the
 *       blocks' parts put together in block order are the join ({@link #leftPart}).
 *   <li>Blocked side on the right: a block's joined rows come in the order of the other (left)
 *       side's rows, so each part carries the other side's row number in column 0 ({@link
 *       #rightPart}) and {@link #inLeftOrder} sorts the parts' rows by it, stably: left-major,
 *       right rows in block order and so in row order.
 *   <li>GROUP BY after the join ({@link #partials}): each block's joined rows, in the join's order
 *       within the block, are aggregated into {@link PartialAggregates} partials, which are
 *       combined in block order. That is the definition of such a query's result on every engine
 *       ({@link #aggregate} here), so a float sum is the same bits locally and on the grid.
 * </ul>
 */
public final class BlockJoin {
  private BlockJoin() {}

  /** The joined rows of one block, before they are assembled. */
  private record Joined(Frame block, Relational.Pairs pairs) {}

  /**
   * The rows of block that pass filter (columns keep) joined with other on blockKeys (positions
   * among keep) = otherKeys.
   */
  private static Joined join(
      Frame block,
      RowFilter filter,
      int[] keep,
      int[] blockKeys,
      Frame other,
      int[] otherKeys,
      boolean blockLeft) {
    Frame b = filter.apply(block, keep);
    List<Column> bk = new ArrayList<>(), ok = new ArrayList<>();
    for (int j : blockKeys) bk.add(b.column(j));
    for (int j : otherKeys) ok.add(other.column(j));
    Relational.Pairs p =
        blockLeft ? Relational.innerJoin(bk, ok, null) : Relational.innerJoin(ok, bk, null);
    return new Joined(b, p);
  }

  /**
   * One block of the blocked side on the left joined with other: the block's columns keep, then
   * other's columns (labels l0.., r0..), in the join's order.
   */
  public static Frame leftPart(
      Frame block, RowFilter filter, int[] keep, int[] blockKeys, Frame other, int[] otherKeys) {
    Joined j = join(block, filter, keep, blockKeys, other, otherKeys, true);
    return joined(j.block(), other, j.pairs());
  }

  /**
   * One block of the blocked side on the right joined with other (the left side): column 0 the row
   * of other (si64), then the block's columns keep, in the join's order within the block.
   */
  public static Frame rightPart(
      Frame block, RowFilter filter, int[] keep, int[] blockKeys, Frame other, int[] otherKeys) {
    Joined j = join(block, filter, keep, blockKeys, other, otherKeys, false);
    Relational.Pairs p = j.pairs();
    long[] row = new long[p.size()];
    for (int i = 0; i < row.length; i++) row[i] = p.left()[i];
    List<String> labels = new ArrayList<>(List.of("row"));
    List<Column> cols = new ArrayList<>();
    cols.add(Column.of(DenseMatrix.wrap(ValueType.SI64, row.length, 1, row)));
    for (int c = 0; c < j.block().cols(); c++) {
      labels.add("r" + c);
      cols.add(j.block().column(c).gather(p.right()));
    }
    return Frame.of(labels, cols);
  }

  /**
   * The join of other (the left side) with the blocked side from the {@link #rightPart}s of its
   * blocks in block order: other's columns, then the blocked side's, left-major with right rows in
   * order.
   */
  public static Frame inLeftOrder(List<Frame> parts, Frame other) {
    Frame all = Frames.concatRows(parts);
    long[] row = all.column(0).toMatrix().i64();
    int n = row.length;
    // a stable counting sort by the left row
    int[] start = new int[other.rows() + 1];
    for (long r : row) start[(int) r + 1]++;
    for (int r = 0; r < other.rows(); r++) start[r + 1] += start[r];
    int[] order = new int[n];
    int[] left = new int[n];
    for (int i = 0; i < n; i++) {
      int at = start[(int) row[i]]++;
      order[at] = i;
      left[at] = (int) row[i];
    }
    List<String> labels = new ArrayList<>();
    List<Column> cols = new ArrayList<>();
    for (int c = 0; c < other.cols(); c++) {
      labels.add("l" + c);
      cols.add(other.column(c).gather(left));
    }
    for (int c = 1; c < all.cols(); c++) {
      labels.add("r" + (c - 1));
      cols.add(all.column(c).gather(order));
    }
    return cols.isEmpty() ? Frame.empty(n) : Frame.of(labels, cols);
  }

  /**
   * The partials ({@link PartialAggregates#block}) of one block's joined rows, grouped by groupKeys
   * with aggs; both name columns of the joined rows (the left table's columns, then the right
   * table's, the blocked side's being its columns keep).
   */
  public static Frame partials(
      Frame block,
      RowFilter filter,
      int[] keep,
      int[] blockKeys,
      Frame other,
      int[] otherKeys,
      boolean blockLeft,
      int[] groupKeys,
      List<PartialAggregates.Agg> aggs) {
    Joined j = join(block, filter, keep, blockKeys, other, otherKeys, blockLeft);
    Frame rows =
        blockLeft ? joined(j.block(), other, j.pairs()) : joined(other, j.block(), j.pairs());
    return PartialAggregates.block(rows, RowFilter.none(), groupKeys, aggs);
  }

  /** The types of the joined rows' columns (for {@link PartialAggregates#combine}). */
  public static List<ValueType> types(
      List<ValueType> blockTypes, int[] keep, Frame other, boolean blockLeft) {
    List<ValueType> mine = new ArrayList<>(), theirs = new ArrayList<>();
    for (int j : keep) mine.add(blockTypes.get(j));
    for (int j = 0; j < other.cols(); j++) theirs.add(other.type(j));
    List<ValueType> out = new ArrayList<>(blockLeft ? mine : theirs);
    out.addAll(blockLeft ? theirs : mine);
    return out;
  }

  /**
   * GROUP BY after the join, here: {@link #partials} over each of the blocked frame's {@link
   * RowBlocks} (in parallel on pool, or on this thread when pool is null), combined in block order.
   */
  public static PartialAggregates.Result aggregate(
      Frame blocked,
      RowFilter filter,
      int[] keep,
      int[] blockKeys,
      Frame other,
      int[] otherKeys,
      boolean blockLeft,
      int[] groupKeys,
      List<PartialAggregates.Agg> aggs,
      ForkJoinPool pool) {
    int n = blocked.rows();
    int blocks = Math.max(1, RowBlocks.count(n));
    Frame[] parts = new Frame[blocks];
    java.util.function.IntConsumer one =
        b -> {
          int r0 = (int) RowBlocks.start(n, b);
          int r1 = (int) Math.min(n, RowBlocks.end(n, b));
          parts[b] =
              partials(
                  blocked.sliceRows(r0, Math.max(r0, r1)),
                  filter,
                  keep,
                  blockKeys,
                  other,
                  otherKeys,
                  blockLeft,
                  groupKeys,
                  aggs);
        };
    if (pool == null || blocks == 1) {
      for (int b = 0; b < blocks; b++) one.accept(b);
    } else {
      pool.submit(() -> java.util.stream.IntStream.range(0, blocks).parallel().forEach(one)).join();
    }
    List<ValueType> blockTypes = new ArrayList<>();
    for (int j = 0; j < blocked.cols(); j++) blockTypes.add(blocked.type(j));
    return PartialAggregates.combine(
        List.of(parts), types(blockTypes, keep, other, blockLeft), aggs, groupKeys.length);
  }

  /** The columns of l at p.left(), then those of r at p.right() (labels l0.., r0..). */
  public static Frame joined(Frame l, Frame r, Relational.Pairs p) {
    List<String> labels = new ArrayList<>();
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < l.cols(); j++) {
      labels.add("l" + j);
      cols.add(l.column(j).gather(p.left()));
    }
    for (int j = 0; j < r.cols(); j++) {
      labels.add("r" + j);
      cols.add(r.column(j).gather(p.right()));
    }
    return cols.isEmpty() ? Frame.empty(p.size()) : Frame.of(labels, cols);
  }
}
