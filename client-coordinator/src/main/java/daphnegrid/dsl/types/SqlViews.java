package daphnegrid.dsl.types;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.sql.Sql;
import daphnegrid.sql.SqlError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The views the script registers and the queries it runs, collected while the script is checked;
 * after the whole script is checked, each query is checked against the views (DAPHNE resolves a
 * query's names while it compiles the script). A view's schema counts as known when every {@code
 * registerView} of that name in the script registers a frame of that same known schema; a view that
 * no {@code registerView} names is unknown wherever the query runs. Queries that read a view of any
 * other kind are left to the run.
 */
final class SqlViews {
  private final Map<String, Set<FrameSchema>> registered = new HashMap<>();
  private final Set<String> opaque = new HashSet<>();
  private final Map<Span, String> queries = new LinkedHashMap<>();

  void register(String view, FrameSchema schema) {
    if (schema == null) {
      opaque.add(view);
    } else {
      registered.computeIfAbsent(view, v -> new HashSet<>()).add(schema);
    }
  }

  void query(String query, Span at) {
    queries.put(at, query);
  }

  /** Throws the first query's static error as a compile error at its {@code sql} call. */
  void checkQueries() {
    if (queries.isEmpty()) {
      return;
    }
    Map<String, Frame> known = new HashMap<>();
    Set<String> unsure = new HashSet<>(opaque);
    for (Map.Entry<String, Set<FrameSchema>> e : registered.entrySet()) {
      Frame f = e.getValue().size() == 1 ? empty(e.getValue().iterator().next()) : null;
      if (f == null) {
        unsure.add(e.getKey());
      } else {
        known.put(e.getKey(), f);
      }
    }
    for (Map.Entry<Span, String> q : queries.entrySet()) {
      try {
        Sql.check(q.getValue(), known, unsure);
      } catch (SqlError e) {
        throw new ScriptException.Compile(q.getKey(), e.render());
      }
    }
  }

  /** An empty frame of schema s, or null if s cannot be one (the run reports why). */
  private static Frame empty(FrameSchema s) {
    try {
      List<Column> cols = new ArrayList<>();
      for (ValueType t : s.types()) {
        cols.add(Column.of(DenseMatrix.allocate(t, 0, 1)));
      }
      return cols.isEmpty() ? null : Frame.of(s.labels(), cols);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The schema of {@code createFrame(columns..., labels...)} from its argument types: known when
   * every column's value type is known and the labels are constant strings (or absent).
   */
  static FrameSchema createdSchema(List<StaticType> args) {
    int k = 0;
    while (k < args.size() && args.get(k).isMatrix()) {
      k++;
    }
    if (k == 0 || (k < args.size() && args.size() != 2 * k)) {
      return null;
    }
    List<String> labels = new ArrayList<>();
    List<ValueType> types = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      ValueType t = args.get(i).valueType();
      if (t == null) {
        return null;
      }
      types.add(t);
      if (k < args.size()) {
        StaticType l = args.get(k + i);
        if (l.constant() == null || l.constant().type() != ValueType.STR) {
          return null;
        }
        labels.add(l.constant().stringValue());
      } else {
        labels.add("col_" + i);
      }
    }
    return new FrameSchema(labels, types);
  }
}
