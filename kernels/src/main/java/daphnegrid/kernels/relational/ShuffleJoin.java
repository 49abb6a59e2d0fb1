package daphnegrid.kernels.relational;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.Frames;
import daphnegrid.kernels.pipeline.RowBlocks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An equi-join of two frames that are both too large to send whole to every grid member, by
 * partitions of the join key: each side's row blocks are filtered, cut to the named columns and
 * split by the hash of their key ({@link #split}); the rows of one partition from both sides are
 * joined where the partition is ({@link #joinPartition}); the coordinator puts the partitions'
 * joined rows in the join's order ({@link #inJoinOrder}).
 *
 * <p>Order. The join's order ({@link Relational#innerJoin}) is left-major with right rows in order.
 * Every row carries its row number in its frame (column 0 of a batch, si64). Equal keys have equal
 * hashes in the encoding both sides share ({@link Keys#common}), so all the right rows matching one
 * left row are in that row's partition. Within a partition the batches of each side are put in row
 * order (by their first row: a batch holds rows of one row block, ascending) before joining, so a
 * partition's joined rows are in the join's order restricted to its left rows; a stable counting
 * sort by the left row number then gives the whole join in its order, whatever the partitions and
 * wherever they ran.
 *
 * <p>Batches are frames (typed columns), never rows of boxed values.
 */
public final class ShuffleJoin {
  private ShuffleJoin() {}

  /** The label of a batch's row-number column. */
  public static final String ROW = "row";

  /**
   * The rows of block (rows [rowOffset, ...) of its frame) that pass filter, with a row-number
   * column then the columns keep, split into parts partitions by the hash of the key columns keys
   * (positions among keep) in the encoding they share with the other side's key types
   * otherKeyTypes. Element p is partition p's batch, or null when no row of the block goes there.
   */
  public static Frame[] split(
      Frame block,
      long rowOffset,
      RowFilter filter,
      int[] keep,
      int[] keys,
      List<ValueType> otherKeyTypes,
      int parts) {
    int[] rows = filter.terms() == 0 ? null : filter.select(block);
    Frame cut = block.selectColumns(keep);
    if (rows != null && rows.length != block.rows()) {
      cut = cut.gatherRows(rows);
    }
    int n = cut.rows();
    long[] number = new long[n];
    for (int i = 0; i < n; i++) number[i] = rowOffset + (rows == null ? i : rows[i]);
    int[] part = partitions(cut, keys, otherKeyTypes, parts);
    int[] count = new int[parts];
    for (int p : part) count[p]++;
    int[][] at = new int[parts][];
    for (int p = 0; p < parts; p++) at[p] = new int[count[p]];
    int[] fill = new int[parts];
    for (int i = 0; i < n; i++) at[part[i]][fill[part[i]]++] = i;
    Frame[] out = new Frame[parts];
    for (int p = 0; p < parts; p++) {
      if (count[p] == 0) {
        continue;
      }
      long[] num = new long[count[p]];
      for (int k = 0; k < num.length; k++) num[k] = number[at[p][k]];
      out[p] = withRowNumbers(num, count[p] == n ? cut : cut.gatherRows(at[p]));
    }
    return out;
  }

  /** The partition (0..parts-1) of each row of f by its key columns keys. */
  static int[] partitions(Frame f, int[] keys, List<ValueType> otherKeyTypes, int parts) {
    if (parts < 1) {
      throw new IllegalArgumentException("a shuffle needs at least one partition, got " + parts);
    }
    Keys.Kind[] kinds = new Keys.Kind[keys.length];
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < keys.length; j++) {
      cols.add(f.column(keys[j]));
      kinds[j] = Keys.common(f.type(keys[j]), otherKeyTypes.get(j));
    }
    int[] out = new int[f.rows()];
    if (parts == 1 || keys.length == 0) {
      return out;
    }
    Keys k = Keys.of(cols, kinds);
    for (int i = 0; i < out.length; i++) out[i] = Math.floorMod(k.hash(i), parts);
    return out;
  }

  /** A batch with no rows: the row-number column, then schema's columns. */
  public static Frame emptyBatch(Frame schema) {
    return withRowNumbers(new long[0], schema.sliceRows(0, 0));
  }

  private static Frame withRowNumbers(long[] number, Frame f) {
    List<String> labels = new ArrayList<>(List.of(ROW));
    List<Column> cols = new ArrayList<>();
    cols.add(Column.of(DenseMatrix.wrap(ValueType.SI64, number.length, 1, number)));
    for (int j = 0; j < f.cols(); j++) {
      labels.add("c" + j);
      cols.add(f.column(j));
    }
    return Frame.of(labels, cols);
  }

  /**
   * One partition's joined rows: the left batches (each a row-number column, then the left side's
   * columns; leftKeys count those columns from 0) joined with the right ones on leftKeys =
   * rightKeys. The result is the left row number (si64), then the left columns, then the right
   * ones, in the join's order among these rows. An empty list of batches stands for a side without
   * rows here; leftEmpty and rightEmpty ({@link #emptyBatch}) give its columns.
   */
  public static Frame joinPartition(
      List<Frame> left,
      List<Frame> right,
      int[] leftKeys,
      int[] rightKeys,
      Frame leftEmpty,
      Frame rightEmpty) {
    Frame l = inRowOrder(left, leftEmpty);
    Frame r = inRowOrder(right, rightEmpty);
    List<Column> lk = new ArrayList<>(), rk = new ArrayList<>();
    for (int j : leftKeys) lk.add(l.column(j + 1));
    for (int j : rightKeys) rk.add(r.column(j + 1));
    Relational.Pairs p = Relational.innerJoin(lk, rk, null);
    List<String> labels = new ArrayList<>(List.of(ROW));
    List<Column> cols = new ArrayList<>();
    cols.add(l.column(0).gather(p.left()));
    for (int j = 1; j < l.cols(); j++) {
      labels.add("l" + (j - 1));
      cols.add(l.column(j).gather(p.left()));
    }
    for (int j = 1; j < r.cols(); j++) {
      labels.add("r" + (j - 1));
      cols.add(r.column(j).gather(p.right()));
    }
    return Frame.of(labels, cols);
  }

  /** The batches put together in row order (by first row; none: empty). */
  private static Frame inRowOrder(List<Frame> batches, Frame empty) {
    List<Frame> sorted = new ArrayList<>();
    for (Frame b : batches) {
      if (b.rows() > 0) {
        sorted.add(b);
      }
    }
    if (sorted.isEmpty()) {
      return empty;
    }
    sorted.sort(Comparator.comparingLong(b -> b.column(0).toMatrix().i64()[0]));
    return Frames.concatRows(sorted);
  }

  /**
   * The join from its partitions' {@link #joinPartition} results (any order of partitions): the
   * left columns then the right ones (labels l0.., r0..), left-major with right rows in order.
   * leftRows bounds the left row numbers; empty is any part (for the columns when parts is empty).
   */
  public static Frame inJoinOrder(List<Frame> parts, long leftRows, Frame empty) {
    List<Frame> some = new ArrayList<>();
    for (Frame p : parts) {
      if (p.rows() > 0) {
        some.add(p);
      }
    }
    Frame all = some.isEmpty() ? empty.sliceRows(0, 0) : Frames.concatRows(some);
    long[] row = all.column(0).toMatrix().i64();
    int n = row.length;
    // a stable counting sort by the left row: one partition holds all the pairs of a left row
    int[] start = new int[(int) leftRows + 1];
    for (long r : row) start[(int) r + 1]++;
    for (int r = 0; r < leftRows; r++) start[r + 1] += start[r];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[start[(int) row[i]]++] = i;
    List<String> labels = new ArrayList<>();
    List<Column> cols = new ArrayList<>();
    for (int c = 1; c < all.cols(); c++) {
      labels.add(all.label(c));
      cols.add(all.column(c).gather(order));
    }
    return cols.isEmpty() ? Frame.empty(n) : Frame.of(labels, cols);
  }

  /**
   * The whole shuffle join here, the reference of the grid's Jet job: each side cut into its {@link
   * RowBlocks}, each block split into parts partitions, each partition joined, the partitions put
   * in the join's order.
   */
  public static Frame run(
      Frame left,
      RowFilter leftFilter,
      int[] leftKeep,
      int[] leftKeys,
      Frame right,
      RowFilter rightFilter,
      int[] rightKeep,
      int[] rightKeys,
      int parts) {
    List<ValueType> lt = new ArrayList<>(), rt = new ArrayList<>();
    for (int j : leftKeys) lt.add(left.type(leftKeep[j]));
    for (int j : rightKeys) rt.add(right.type(rightKeep[j]));
    List<List<Frame>> lb = blocksSplit(left, leftFilter, leftKeep, leftKeys, rt, parts);
    List<List<Frame>> rb = blocksSplit(right, rightFilter, rightKeep, rightKeys, lt, parts);
    Frame le = emptyBatch(left.selectColumns(leftKeep));
    Frame re = emptyBatch(right.selectColumns(rightKeep));
    List<Frame> joined = new ArrayList<>();
    // the partitions in reverse: the order they are joined in must not matter
    for (int p = parts - 1; p >= 0; p--) {
      joined.add(joinPartition(lb.get(p), rb.get(p), leftKeys, rightKeys, le, re));
    }
    return inJoinOrder(joined, left.rows(), joined.get(0));
  }

  private static List<List<Frame>> blocksSplit(
      Frame f, RowFilter filter, int[] keep, int[] keys, List<ValueType> other, int parts) {
    List<List<Frame>> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) out.add(new ArrayList<>());
    int n = f.rows();
    // the blocks in reverse: batches may arrive in any order
    for (int b = RowBlocks.count(n) - 1; b >= 0; b--) {
      int r0 = (int) RowBlocks.start(n, b);
      int r1 = (int) Math.min(n, RowBlocks.end(n, b));
      Frame[] split = split(f.sliceRows(r0, r1), r0, filter, keep, keys, other, parts);
      for (int p = 0; p < parts; p++) {
        if (split[p] != null) {
          out.get(p).add(split[p]);
        }
      }
    }
    return out;
  }
}
