package daphnegrid.sql;

import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.relational.RowFilter;
import java.util.List;

/**
 * A view whose frame is held elsewhere (row blocks on the grid): its labels and types are known
 * here, its rows are read by a scan where they live, which filters them by the query's WHERE terms
 * that compare a column with a constant and sends back only the columns the query names.
 */
public record RemoteView(List<String> labels, List<ValueType> types, Scan scan) {
  /** Reads a remote view's rows. */
  public interface Scan {
    /** The rows that pass filter, with the columns keep (positions, ascending), in row order. */
    Frame rows(int[] keep, RowFilter filter);
  }
}
