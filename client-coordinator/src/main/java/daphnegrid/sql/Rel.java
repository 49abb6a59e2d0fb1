package daphnegrid.sql;

import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.relational.Relational;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The rows a query reads: columns, each named by the table (view or alias) it comes from and its
 * own name. Joining and filtering gather every column by row positions.
 */
record Rel(List<String> tables, List<String> names, List<Column> columns, int rows) {

  /**
   * A view's columns under qualifier q. A label that already holds a '.' (a column of an earlier
   * query's result) is renamed as setColLabelsPrefix does: the part before the first '.' is
   * replaced by q.
   */
  static Rel of(String q, Frame f) {
    List<String> t = new ArrayList<>(), n = new ArrayList<>();
    for (String label : f.labels()) {
      int dot = label.indexOf('.');
      t.add(q);
      n.add(dot < 0 ? label : label.substring(dot + 1));
    }
    return new Rel(t, n, f.columns(), f.rows());
  }

  int width() {
    return columns.size();
  }

  boolean hasTable(String q) {
    return tables.contains(q);
  }

  /** The columns of both relations side by side, rows paired as the pairs say. */
  static Rel join(Rel l, Rel r, Relational.Pairs p, ForkJoinPool pool) {
    List<String> t = new ArrayList<>(l.tables), n = new ArrayList<>(l.names);
    t.addAll(r.tables);
    n.addAll(r.names);
    List<Column> c = new ArrayList<>(l.gather(p.left(), pool).columns);
    c.addAll(r.gather(p.right(), pool).columns);
    return new Rel(t, n, c, p.size());
  }

  Rel gather(int[] positions, ForkJoinPool pool) {
    if (columns.isEmpty()) {
      return new Rel(tables, names, columns, positions.length);
    }
    List<String> labels = new ArrayList<>();
    for (int j = 0; j < columns.size(); j++) {
      labels.add(Integer.toString(j)); // gather needs unique labels only
    }
    Frame g = Relational.gather(Frame.of(labels, columns), positions, pool);
    return new Rel(tables, names, g.columns(), positions.length);
  }
}
