package daphnegrid.sql;

import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.relational.Relational;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows a query reads: columns, each named by the table (view or alias) it comes from and its
 * own name. Joining and filtering gather the columns by row positions, each column when it is first
 * read ({@link Gathered}): a filter followed by a join gathers, of the columns they pass on, only
 * those the rest of the query reads, and each of them once, through the positions of both.
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
  static Rel join(Rel l, Rel r, Relational.Pairs p) {
    List<String> t = new ArrayList<>(l.tables), n = new ArrayList<>(l.names);
    t.addAll(r.tables);
    n.addAll(r.names);
    List<Column> lc = l.gather(p.left()).columns, rc = r.gather(p.right()).columns;
    List<Column> c =
        new java.util.AbstractList<>() {
          @Override
          public Column get(int j) {
            return j < lc.size() ? lc.get(j) : rc.get(j - lc.size());
          }

          @Override
          public int size() {
            return lc.size() + rc.size();
          }
        };
    return new Rel(t, n, c, p.size());
  }

  Rel gather(int[] positions) {
    return new Rel(tables, names, Gathered.of(columns, positions), positions.length);
  }

  /**
   * Columns base.get(j) gathered at positions, each one on its first get. Gathering gathered
   * columns composes the positions instead (one int per row), so a column is gathered once, from
   * its view, however many filters and joins it passed.
   */
  static final class Gathered extends java.util.AbstractList<Column> {
    private final List<Column> base;
    private final int[] positions;
    private final Column[] done;

    private Gathered(List<Column> base, int[] positions) {
      this.base = base;
      this.positions = positions;
      this.done = new Column[base.size()];
    }

    static List<Column> of(List<Column> columns, int[] positions) {
      if (columns.isEmpty()) {
        return columns;
      }
      if (columns instanceof Gathered g) {
        int[] p = new int[positions.length];
        for (int i = 0; i < p.length; i++) {
          p[i] = g.positions[positions[i]];
        }
        return new Gathered(g.base, p);
      }
      return new Gathered(columns, positions);
    }

    @Override
    public synchronized Column get(int j) {
      if (done[j] == null) {
        done[j] = base.get(j).gather(positions);
      }
      return done[j];
    }

    @Override
    public int size() {
      return done.length;
    }
  }
}
