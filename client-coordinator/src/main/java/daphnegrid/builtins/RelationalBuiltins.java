package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;
import static daphnegrid.builtins.Builtins.one;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.relational.Aggregates;
import daphnegrid.kernels.relational.Relational;
import daphnegrid.runtime.FrameValue;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Value;
import daphnegrid.sql.Sql;
import daphnegrid.sql.SqlError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Extended relational algebra on frames (spec 7.12): cartesian, innerJoin, semiJoin, groupJoin,
 * groupSum, registerView and sql. Labels, value types and row orders are DAPHNE's: joins are
 * lhs-major with rhs rows in order (its hash join probes lhs rows in order), groupSum's groups come
 * in ascending key order (it groups by sorting), semiJoin keeps lhs order. DAPHNE's groupJoin
 * returns its groups in hash-map order; here they come in order of first occurrence in lhs.
 */
final class RelationalBuiltins implements BuiltinFamily {
  private static final RelationalBuiltins FAMILY = new RelationalBuiltins();

  private RelationalBuiltins() {}

  static void register() {
    add("cartesian", List.of("lhs", "rhs"), 2, 2, FAMILY, null);
    add("innerJoin", List.of("lhs", "rhs", "lhsOn", "rhsOn", "numRowRes"), 4, 5, FAMILY, null);
    add("semiJoin", List.of("lhs", "rhs", "lhsOn", "rhsOn", "numRowRes"), 4, 5, FAMILY, null);
    add("groupJoin", List.of("lhs", "rhs", "lhsOn", "rhsOn", "rhsAgg"), 5, 5, FAMILY, null);
    add("groupSum", null, 3, -1, FAMILY, null);
    add("registerView", List.of("viewName", "view"), 2, 2, FAMILY, null);
    add("sql", List.of("query"), 1, 1, FAMILY, null);
  }

  @Override
  public boolean takesFrame(Builtin b, int index) {
    return switch (b.name()) {
      case "cartesian", "innerJoin", "semiJoin", "groupJoin" -> index < 2;
      case "groupSum" -> index == 0;
      case "registerView" -> index == 1;
      default -> false;
    };
  }

  @Override
  public List<StaticType> type(Builtin b, List<StaticType> a, Span at) {
    String fn = b.name();
    switch (fn) {
      case "cartesian":
        requireFrame(fn, a, 0, at);
        requireFrame(fn, a, 1, at);
        return frame();
      case "innerJoin", "semiJoin", "groupJoin":
        requireFrame(fn, a, 0, at);
        requireFrame(fn, a, 1, at);
        for (int i = 2; i < Math.min(a.size(), 4); i++) requireString(fn, a, i, at);
        if (fn.equals("groupJoin")) {
          requireString(fn, a, 4, at);
        } else if (a.size() == 5) {
          Typing.requireScalar(fn, a.get(4), 4, at);
          Typing.requireNumeric(fn, a.get(4), 4, at);
        }
        return fn.equals("innerJoin")
            ? frame()
            : List.of(StaticType.frame(), StaticType.matrix(ValueType.SIZE));
      case "groupSum":
        requireFrame(fn, a, 0, at);
        for (int i = 1; i < a.size(); i++) requireString(fn, a, i, at);
        return frame();
      case "registerView":
        constantString(fn, a, 0, at, "the view name");
        requireFrame(fn, a, 1, at);
        return Typing.none();
      default: // sql
        {
          String query = constantString(fn, a, 0, at, "the query");
          try {
            Sql.parse(query);
          } catch (SqlError e) {
            throw new ScriptException.Compile(at, e.render());
          }
          return frame();
        }
    }
  }

  private static List<StaticType> frame() {
    return Typing.one(StaticType.frame());
  }

  private static void requireFrame(String fn, List<StaticType> a, int i, Span at) {
    StaticType t = a.get(i);
    if (t.known() && !t.isFrame()) {
      throw new ScriptException.Compile(
          at, "argument " + (i + 1) + " of `" + fn + "` must be a frame, got " + t.describe());
    }
  }

  private static void requireString(String fn, List<StaticType> a, int i, Span at) {
    StaticType t = a.get(i);
    if (t.known() && (!t.isScalar() || (t.valueType() != null && t.valueType() != ValueType.STR))) {
      throw new ScriptException.Compile(
          at, "argument " + (i + 1) + " of `" + fn + "` must be a string, got " + t.describe());
    }
  }

  /** DAPHNE needs the view name and the query as constants when it compiles the script. */
  private static String constantString(String fn, List<StaticType> a, int i, Span at, String what) {
    requireString(fn, a, i, at);
    StaticType t = a.get(i);
    if (t.constant() == null || t.constant().type() != ValueType.STR) {
      throw new ScriptException.Compile(
          at,
          "`"
              + fn
              + "` needs "
              + what
              + " as a constant string (a literal or a variable bound to one)");
    }
    return t.constant().stringValue();
  }

  @Override
  public List<Value> call(Builtin b, Invocation inv) {
    ForkJoinPool pool = inv.ops().localPool();
    try {
      switch (b.name()) {
        case "cartesian":
          {
            Frame l = frame(inv, 0), r = frame(inv, 1);
            return one(
                new FrameValue(pairs(inv, l, r, Relational.cartesian(l.rows(), r.rows()), pool)));
          }
        case "innerJoin":
          {
            Frame shuffled = shuffledInnerJoin(inv);
            if (shuffled != null) {
              return one(new FrameValue(shuffled));
            }
            Frame l = frame(inv, 0), r = frame(inv, 1);
            Column lk = column(inv, l, 2, 1), rk = column(inv, r, 3, 2);
            Relational.Pairs p = Relational.innerJoin(List.of(lk), List.of(rk), pool);
            return one(new FrameValue(pairs(inv, l, r, p, pool)));
          }
        case "semiJoin":
          {
            Frame l = frame(inv, 0), r = frame(inv, 1);
            Column lk = column(inv, l, 2, 1), rk = column(inv, r, 3, 2);
            int[] rows = Relational.semiJoin(List.of(lk), List.of(rk), pool);
            Frame keys = Frame.of(List.of(inv.asString(2)), List.of(lk.gather(rows)));
            return List.of(new FrameValue(keys), new MatrixValue(positions(rows)));
          }
        case "groupJoin":
          return groupJoin(inv);
        case "groupSum":
          return groupSum(inv, pool);
        case "registerView":
          if (!(inv.arg(1) instanceof FrameValue view)) {
            frame(inv, 1); // the error for a non-frame
            return List.of();
          }
          inv.context().views().put(inv.asString(0), view);
          return List.of();
        default:
          try {
            return one(new FrameValue(sql(inv, pool)));
          } catch (SqlError e) {
            if (e.kind() == SqlError.Kind.STATIC) {
              throw new ScriptException.Compile(inv.at(), e.render());
            }
            throw inv.error(e.render());
          }
      }
    } catch (KernelException | IllegalArgumentException e) {
      throw inv.error("`" + b.name() + "`: " + e.getMessage());
    }
  }

  /**
   * innerJoin of two frames that live only on the grid, both large enough to shuffle ({@code
   * --grid-shuffle-min-cells}, all their columns counted): a Jet job shuffles both by key, with the
   * local join's result. null when the frames are not such or the call is one the local path
   * reports an error for (a missing key column, str against a number, a label in both).
   */
  private static Frame shuffledInnerJoin(Invocation inv) {
    if (!(inv.arg(0) instanceof FrameValue l)
        || !(inv.arg(1) instanceof FrameValue r)
        || l.isLocal()
        || l.remote() == null
        || r.isLocal()
        || r.remote() == null) {
      return null;
    }
    int lj = l.labels().indexOf(inv.asString(2)), rj = r.labels().indexOf(inv.asString(3));
    if (lj < 0
        || rj < 0
        || (l.types().get(lj) == ValueType.STR) != (r.types().get(rj) == ValueType.STR)) {
      return null;
    }
    List<String> labels = new ArrayList<>(l.labels());
    for (String x : r.labels()) {
      if (labels.contains(x)) {
        return null;
      }
      labels.add(x);
    }
    long lCells = (long) l.rows() * l.labels().size(), rCells = (long) r.rows() * r.labels().size();
    if (!inv.ops().shufflesJoin(l, r, lCells, rCells)) {
      return null;
    }
    int[] lAll = java.util.stream.IntStream.range(0, l.labels().size()).toArray();
    int[] rAll = java.util.stream.IntStream.range(0, r.labels().size()).toArray();
    Frame j =
        inv.ops()
            .shuffleJoinFrame(
                l,
                lAll,
                daphnegrid.kernels.relational.RowFilter.none(),
                new int[] {lj},
                r,
                rAll,
                daphnegrid.kernels.relational.RowFilter.none(),
                new int[] {rj});
    return j.withLabels(labels);
  }

  private static Frame frame(Invocation inv, int i) {
    return FrameBuiltins.frame(inv, i);
  }

  /** The column of f labelled by string argument i (the frame is argument frameArg, 1-based). */
  private static Column column(Invocation inv, Frame f, int i, int frameArg) {
    String label = inv.asString(i);
    int j = f.indexOf(label);
    if (j < 0) {
      throw inv.error(
          "argument "
              + (i + 1)
              + " of `"
              + inv.name()
              + "`: frame argument "
              + frameArg
              + " has no column labelled '"
              + label
              + "' (its labels: "
              + String.join(", ", f.labels())
              + ")");
    }
    return f.column(j);
  }

  /** lhs columns then rhs columns, rows as paired; labels must stay unique. */
  private static Frame pairs(
      Invocation inv, Frame l, Frame r, Relational.Pairs p, ForkJoinPool pool) {
    List<String> labels = new ArrayList<>(l.labels());
    for (String s : r.labels()) {
      if (labels.contains(s)) {
        throw inv.error(
            "`"
                + inv.name()
                + "`: both frames have a column labelled '"
                + s
                + "'; relabel one first (setColLabels or setColLabelsPrefix)");
      }
      labels.add(s);
    }
    List<Column> cols = new ArrayList<>(Relational.gather(l, p.left(), pool).columns());
    cols.addAll(Relational.gather(r, p.right(), pool).columns());
    return cols.isEmpty() ? Frame.empty(p.size()) : Frame.of(labels, cols);
  }

  private static DenseMatrix positions(int[] rows) {
    long[] v = new long[rows.length];
    for (int i = 0; i < v.length; i++) v[i] = rows[i];
    return DenseMatrix.wrap(ValueType.SIZE, v.length, 1, v);
  }

  private static List<Value> groupJoin(Invocation inv) {
    Frame l = frame(inv, 0), r = frame(inv, 1);
    Column lk = column(inv, l, 2, 1), rk = column(inv, r, 3, 2), agg = column(inv, r, 4, 2);
    if (agg.type() == ValueType.STR) {
      throw inv.error("`groupJoin`: cannot sum the str column '" + inv.asString(4) + "'");
    }
    Relational.GroupJoin g = Relational.groupJoin(List.of(lk), List.of(rk));
    Column sums = Aggregates.apply(Aggregates.Fn.SUM, agg, g.groupOfRight(), g.leftRows().length);
    Frame res =
        Frame.of(
            List.of(inv.asString(2), "SUM(" + inv.asString(4) + ")"),
            List.of(lk.gather(g.leftRows()), sums));
    return List.of(new FrameValue(res), new MatrixValue(positions(g.leftRows())));
  }

  private static List<Value> groupSum(Invocation inv, ForkJoinPool pool) {
    Frame f = frame(inv, 0);
    int k = inv.count() - 2;
    List<Column> keys = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= k; i++) {
      keys.add(column(inv, f, i, 1));
      labels.add(inv.asString(i));
    }
    Column sum = column(inv, f, k + 1, 1);
    if (sum.type() == ValueType.STR) {
      throw inv.error("`groupSum`: cannot sum the str column '" + inv.asString(k + 1) + "'");
    }
    Relational.Grouping g = Relational.group(keys, pool);
    List<Column> first = new ArrayList<>();
    for (Column c : keys) first.add(c.gather(g.firstRow()));
    boolean[] up = new boolean[k];
    java.util.Arrays.fill(up, true);
    int[] order = Relational.order(first, up, pool);
    int[] rank = new int[order.length];
    for (int i = 0; i < order.length; i++) rank[order[i]] = i;
    int[] groupOf = g.groupOf().clone();
    for (int i = 0; i < groupOf.length; i++) groupOf[i] = rank[groupOf[i]];
    List<Column> cols = new ArrayList<>();
    for (Column c : first) cols.add(c.gather(order));
    cols.add(Aggregates.apply(Aggregates.Fn.SUM, sum, groupOf, g.groups()));
    labels.add("SUM(" + inv.asString(k + 1) + ")");
    return one(new FrameValue(Frame.of(labels, cols)));
  }

  /**
   * sql(query) over the registered views: frames held here are read as they are, frames held only
   * on the grid are scanned there ({@link daphnegrid.sql.RemoteView}).
   */
  private static Frame sql(Invocation inv, java.util.concurrent.ForkJoinPool pool) {
    java.util.Map<String, Frame> local = new java.util.HashMap<>();
    java.util.Map<String, daphnegrid.sql.RemoteView> remote = new java.util.HashMap<>();
    java.util.Map<daphnegrid.sql.RemoteView, FrameValue> values = new java.util.IdentityHashMap<>();
    for (java.util.Map.Entry<String, FrameValue> e : inv.context().views().entrySet()) {
      String name = e.getKey();
      FrameValue v = e.getValue();
      if (v.isLocal() || v.remote() == null) {
        local.put(name, v.frame());
      } else {
        daphnegrid.sql.RemoteView rv =
            new daphnegrid.sql.RemoteView(
                v.labels(),
                v.types(),
                v.rows(),
                (keep, filter) -> inv.ops().scanFrame(v, keep, filter),
                (filter, keys, aggs) -> inv.ops().aggregateFrame(v, filter, keys, aggs),
                (keep, filter, k, other, ok, left) ->
                    inv.ops().joinFrame(v, keep, filter, k, other, ok, left),
                (keep, filter, k, other, ok, left, gk, aggs) ->
                    inv.ops().joinAggregateFrame(v, keep, filter, k, other, ok, left, gk, aggs),
                shuffle(inv, v, values));
        remote.put(name, rv);
        values.put(rv, v);
      }
    }
    return Sql.run(inv.asString(0), local, remote, pool);
  }

  /** The shuffle join of grid frame v (the left table) with another view of the same query. */
  private static daphnegrid.sql.RemoteView.Shuffle shuffle(
      Invocation inv, FrameValue v, java.util.Map<daphnegrid.sql.RemoteView, FrameValue> values) {
    return new daphnegrid.sql.RemoteView.Shuffle() {
      @Override
      public boolean applies(daphnegrid.sql.RemoteView right, long cells, long rightCells) {
        FrameValue r = values.get(right);
        return r != null && inv.ops().shufflesJoin(v, r, cells, rightCells);
      }

      @Override
      public Frame rows(
          int[] keep,
          daphnegrid.kernels.relational.RowFilter filter,
          int[] keys,
          daphnegrid.sql.RemoteView right,
          int[] rightKeep,
          daphnegrid.kernels.relational.RowFilter rightFilter,
          int[] rightKeys) {
        return inv.ops()
            .shuffleJoinFrame(
                v, keep, filter, keys, values.get(right), rightKeep, rightFilter, rightKeys);
      }
    };
  }
}
