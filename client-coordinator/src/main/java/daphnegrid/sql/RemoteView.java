package daphnegrid.sql;

import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.relational.PartialAggregates;
import daphnegrid.kernels.relational.RowFilter;
import java.util.List;

/**
 * A view whose frame is held elsewhere (row blocks on the grid): its labels and types are known
 * here, its rows are read by a scan where they live, which filters them by the query's WHERE terms
 * that compare a column with a constant and sends back only the columns the query names; a query
 * that groups it by one column reads only the groups' partials ({@link Aggregate}).
 */
public record RemoteView(
    List<String> labels,
    List<ValueType> types,
    int rows,
    Scan scan,
    Aggregate aggregate,
    Join join,
    JoinAggregate joinAggregate,
    Shuffle shuffle) {
  /** A remote view with scans and grouping only (or a schema: rows 0, nothing to read). */
  public RemoteView(List<String> labels, List<ValueType> types, Scan scan, Aggregate aggregate) {
    this(labels, types, 0, scan, aggregate, null, null, null);
  }

  /** Joins two remote views' rows where they live, both shuffled by key. */
  public interface Shuffle {
    /**
     * Whether the join of this view (cells: rows times the columns the query names) with right
     * (rightCells) shuffles both; false when one is small enough to send to the other's rows, or
     * when they do not both live where they can be shuffled.
     */
    boolean applies(RemoteView right, long cells, long rightCells);

    /**
     * This view's rows that pass filter (columns keep; key columns keys among them) joined with
     * right's that pass rightFilter (rightKeep, rightKeys): this view's columns, then right's,
     * left-major with right rows in order.
     */
    Frame rows(
        int[] keep,
        RowFilter filter,
        int[] keys,
        RemoteView right,
        int[] rightKeep,
        RowFilter rightFilter,
        int[] rightKeys);
  }

  /** Joins a remote view's rows with a small frame where they live. */
  public interface Join {
    /**
     * The rows that pass filter (columns keep; key columns keys among them) joined with other on
     * otherKeys, the remote view being the left table when left is set: the left table's columns
     * then the right one's, left-major with right rows in order.
     */
    Frame rows(
        int[] keep, RowFilter filter, int[] keys, Frame other, int[] otherKeys, boolean left);
  }

  /** GROUP BY after such a join, by partials per row block of the remote view. */
  public interface JoinAggregate {
    /**
     * As {@link Join#rows}, then GROUP BY the joined rows' columns groupKeys with aggs, by partials
     * per row block of the remote view ({@link daphnegrid.kernels.relational.BlockJoin}).
     */
    PartialAggregates.Result rows(
        int[] keep,
        RowFilter filter,
        int[] keys,
        Frame other,
        int[] otherKeys,
        boolean left,
        int[] groupKeys,
        List<PartialAggregates.Agg> aggs);
  }

  /** Reads a remote view's rows. */
  public interface Scan {
    /** The rows that pass filter, with the columns keep (positions, ascending), in row order. */
    Frame rows(int[] keep, RowFilter filter);
  }

  /** Groups a remote view's rows where they live. */
  public interface Aggregate {
    /**
     * GROUP BY the columns keys (none: one group) of the rows that pass filter, by partials per row
     * block ({@link PartialAggregates}).
     */
    PartialAggregates.Result rows(RowFilter filter, int[] keys, List<PartialAggregates.Agg> aggs);
  }
}
