package daphnegrid.sql;

import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.relational.Aggregates;
import daphnegrid.kernels.relational.BlockJoin;
import daphnegrid.kernels.relational.PartialAggregates;
import daphnegrid.kernels.relational.Relational;
import daphnegrid.kernels.relational.RowFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.ASTNodeAccess;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Executes one SELECT, columnar. The steps and DAPHNE's conventions they keep:
 *
 * <ol>
 *   <li>FROM: views and subqueries; comma joins and INNER JOIN ... ON. Equality conjuncts between
 *       the rows so far and the next table (from ON, or from WHERE for comma joins) become hash
 *       join keys; the rest filter the joined rows. Rows come lhs-major, as a cross product
 *       filtered in order would.
 *   <li>WHERE filters by a selection vector.
 *   <li>GROUP BY (also {@code *} and {@code t.*}) groups by hash; groups come in ascending key
 *       order, as DAPHNE's sort-based grouping gives them. Aggregates without GROUP BY form one
 *       group. {@code *} in a grouped query means the grouping columns (DAPHNE).
 *   <li>Output labels: the alias, {@code t.c} for columns of {@code *}, else the expression as
 *       written without whitespace ({@code sum(f.b)}, {@code 1*2.5}).
 *   <li>HAVING, DISTINCT (rows in ascending order, as DAPHNE groups them), ORDER BY (stable),
 *       LIMIT/OFFSET.
 * </ol>
 */
final class SelectRunner {
  private final Sql.Parsed parsed;
  private final Map<String, Frame> views;
  private final Map<String, RemoteView> remote;
  private final ForkJoinPool pool;
  private final int[] lineStarts;

  SelectRunner(
      Sql.Parsed parsed,
      Map<String, Frame> views,
      Map<String, RemoteView> remote,
      ForkJoinPool pool) {
    this.parsed = parsed;
    this.views = views;
    this.remote = remote;
    this.pool = pool;
    List<Integer> starts = new ArrayList<>(List.of(0));
    String t = parsed.text();
    for (int i = 0; i < t.length(); i++) {
      if (t.charAt(i) == '\n') starts.add(i + 1);
    }
    lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  Frame run() {
    return select(parsed.select());
  }

  // ---------------------------------------------------------------- errors and positions

  private SqlError error(Object at, String message) {
    int[] p = position(at);
    return new SqlError(SqlError.Kind.STATIC, p[0], p[1], message);
  }

  private SqlError runtimeError(Object at, String message) {
    int[] p = position(at);
    return new SqlError(SqlError.Kind.RUNTIME, p[0], p[1], message);
  }

  private static int[] position(Object at) {
    if (at instanceof ASTNodeAccess a && a.getASTNode() != null) {
      Node n = a.getASTNode();
      if (n.jjtGetFirstToken() != null) {
        return new int[] {n.jjtGetFirstToken().beginLine, n.jjtGetFirstToken().beginColumn};
      }
    }
    return new int[] {1, 1};
  }

  /** The query text of a node as written, whitespace outside literals removed (DAPHNE's label). */
  private String written(Object node) {
    if (node instanceof ASTNodeAccess a && a.getASTNode() != null) {
      Node n = a.getASTNode();
      if (n.jjtGetFirstToken() != null && n.jjtGetLastToken() != null) {
        int from = offset(n.jjtGetFirstToken().beginLine, n.jjtGetFirstToken().beginColumn);
        int to = offset(n.jjtGetLastToken().endLine, n.jjtGetLastToken().endColumn) + 1;
        if (from >= 0 && to <= parsed.text().length() && from < to) {
          return withoutSpaces(parsed.text().substring(from, to));
        }
      }
    }
    return withoutSpaces(node.toString());
  }

  private int offset(int line, int col) {
    return line - 1 < lineStarts.length ? lineStarts[line - 1] + col - 1 : -1;
  }

  /** Whitespace removed outside literals; placeholders back to their quoted values. */
  private String withoutSpaces(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' && i + 1 < s.length() && s.charAt(i + 1) == Sql.MARK) {
        int end = s.indexOf('\'', i + 1);
        String v = Sql.literal(s.substring(i + 1, end), parsed.strings());
        sb.append('\'').append(v).append('\'');
        i = end;
      } else if (!Character.isWhitespace(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- SELECT

  private Frame select(Select s) {
    if (s instanceof ParenthesedSelect p) {
      return select(p.getSelect());
    }
    if (!(s instanceof PlainSelect ps)) {
      throw error(s, "set operations (UNION, INTERSECT, EXCEPT) and VALUES are not supported");
    }
    if (ps.getWithItemsList() != null && !ps.getWithItemsList().isEmpty()) {
      throw error(s, "WITH is not supported");
    }
    if (ps.getFromItem() == null) {
      throw error(s, "a query needs a FROM clause");
    }
    List<Expression> where = new ArrayList<>();
    if (ps.getWhere() != null) {
      conjuncts(ps.getWhere(), where);
    }
    Ctx ctx = partialGrouping(ps, where);
    Rel rel = ctx == null ? null : ctx.rel;
    if (ctx == null) {
      rel = from(ps, where);
      if (!where.isEmpty()) {
        Ctx rows = new Ctx(rel, null);
        boolean[] mask = null;
        for (Expression w : where) {
          boolean[] m = condition(w, rows);
          mask = mask == null ? m : ColumnOps.and(mask, m);
        }
        rel = rel.gather(Relational.selection(mask));
      }
      ctx = grouping(ps, rel);
    }
    // Output columns.
    List<String> labels = new ArrayList<>();
    List<Column> cols = new ArrayList<>();
    List<Object> origins = new ArrayList<>(); // the select item of each label, for errors
    for (SelectItem<?> item : ps.getSelectItems()) {
      Expression e = item.getExpression();
      if (e instanceof AllColumns || e instanceof AllTableColumns) {
        String table = e instanceof AllTableColumns at ? at.getTable().getName() : null;
        if (table != null && !rel.hasTable(table)) {
          throw error(e, "unknown table " + table + " in " + table + ".*");
        }
        expandStar(ctx, table, labels, cols);
        while (origins.size() < labels.size()) origins.add(e);
        continue;
      }
      Val v = eval(e, ctx);
      if (v instanceof Val.Mask) {
        throw error(e, "a condition cannot be a result column: " + written(e));
      }
      labels.add(item.getAlias() != null ? item.getAlias().getName() : written(e));
      cols.add(v.column(ctx.n));
      origins.add(e);
    }
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < labels.size(); k++) {
      if (!seen.add(labels.get(k))) {
        throw runtimeError(origins.get(k), "the result has two columns labelled " + labels.get(k));
      }
    }
    int n = ctx.n;
    int[] keep = null;
    if (ps.getHaving() != null) {
      if (ctx.groupOf == null) {
        throw error(ps.getHaving(), "HAVING needs GROUP BY or an aggregate");
      }
      keep = Relational.selection(condition(ps.getHaving(), ctx));
    }
    // ORDER BY keys, evaluated alongside the output rows.
    List<Column> orderKeys = new ArrayList<>();
    List<Boolean> asc = new ArrayList<>();
    if (ps.getOrderByElements() != null) {
      for (OrderByElement o : ps.getOrderByElements()) {
        Expression e = o.getExpression();
        int j = outputIndex(e, labels, ps);
        Column key;
        if (j >= 0) {
          key = cols.get(j);
        } else if (ps.getDistinct() != null) {
          throw error(e, "with DISTINCT, ORDER BY must name a result column: " + written(e));
        } else {
          key = eval(e, ctx).column(n);
        }
        orderKeys.add(key);
        asc.add(o.isAsc());
      }
    }
    Frame out = frame(labels, cols, n);
    Frame keys = frame(null, orderKeys, n);
    if (keep != null) {
      out = Relational.gather(out, keep, pool);
      keys = Relational.gather(keys, keep, pool);
    }
    if (ps.getDistinct() != null) {
      if (ps.getDistinct().getOnSelectItems() != null) {
        throw error(ps, "DISTINCT ON is not supported");
      }
      int[] first = Relational.distinct(out.columns(), pool);
      Frame d = Relational.gather(out, first, pool);
      boolean[] up = new boolean[d.cols()];
      java.util.Arrays.fill(up, true);
      int[] sorted = Relational.order(d.columns(), up, pool);
      int[] rows = new int[sorted.length];
      for (int i = 0; i < rows.length; i++) rows[i] = first[sorted[i]];
      out = Relational.gather(out, rows, pool);
      keys = Relational.gather(keys, rows, pool);
    }
    if (!orderKeys.isEmpty()) {
      boolean[] up = new boolean[asc.size()];
      for (int k = 0; k < up.length; k++) up[k] = asc.get(k);
      out = Relational.gather(out, Relational.order(keys.columns(), up, pool), pool);
    }
    return limit(ps, out);
  }

  private Frame limit(PlainSelect ps, Frame out) {
    Limit l = ps.getLimit();
    Offset o = ps.getOffset();
    long from = 0, count = Long.MAX_VALUE;
    if (o != null) {
      from = constantCount(o.getOffset(), "OFFSET");
    }
    if (l != null) {
      if (l.getOffset() != null) {
        from = constantCount(l.getOffset(), "OFFSET");
      }
      if (l.getRowCount() != null) {
        count = constantCount(l.getRowCount(), "LIMIT");
      }
    }
    int a = (int) Math.min(from, out.rows());
    int b = (int) Math.min(out.rows(), a + Math.min(count, Integer.MAX_VALUE));
    return a == 0 && b == out.rows() ? out : out.sliceRows(a, b);
  }

  private long constantCount(Expression e, String what) {
    if (e instanceof LongValue v && v.getValue() >= 0) {
      return v.getValue();
    }
    throw error(e, what + " needs a non-negative integer literal, not " + written(e));
  }

  private static Frame frame(List<String> labels, List<Column> cols, int n) {
    if (cols.isEmpty()) {
      return Frame.empty(n);
    }
    List<String> l = labels;
    if (l == null) {
      l = new ArrayList<>();
      for (int j = 0; j < cols.size(); j++) l.add("k" + j);
    }
    return Frame.of(l, cols);
  }

  /** The result column an ORDER BY expression names (alias or same text), or -1. */
  private int outputIndex(Expression e, List<String> labels, PlainSelect ps) {
    String text = written(e);
    if (e instanceof net.sf.jsqlparser.schema.Column c && c.getTable() == null) {
      int j = labels.indexOf(c.getColumnName());
      if (j >= 0) return j;
    }
    if (e instanceof LongValue v) {
      long k = v.getValue(); // ORDER BY 2: the second result column
      if (k >= 1 && k <= labels.size()) return (int) k - 1;
      throw error(e, "ORDER BY position " + k + " is not a result column");
    }
    return labels.indexOf(text);
  }

  private void expandStar(Ctx ctx, String table, List<String> labels, List<Column> cols) {
    Rel rel = ctx.rel;
    if (ctx.groupOf != null) {
      for (int k = 0; k < ctx.keyExprs.size(); k++) {
        int j = ctx.keyIndex[k];
        if (j >= 0 && (table == null || rel.tables().get(j).equals(table))) {
          labels.add(rel.tables().get(j) + "." + rel.names().get(j));
          cols.add(ctx.keyCols.get(k));
        }
      }
      return;
    }
    for (int j = 0; j < rel.width(); j++) {
      if (table == null || rel.tables().get(j).equals(table)) {
        labels.add(rel.tables().get(j) + "." + rel.names().get(j));
        cols.add(rel.columns().get(j));
      }
    }
  }

  // ---------------------------------------------------------------- FROM

  private Rel from(PlainSelect ps, List<Expression> where) {
    Rel broadcast = broadcastJoin(ps, where);
    if (broadcast != null) {
      return broadcast;
    }
    Rel acc =
        pushDown(
            item(ps.getFromItem(), where, ps.getJoins() != null), where, ps.getJoins() != null);
    if (ps.getJoins() == null) {
      return acc;
    }
    for (Join j : ps.getJoins()) {
      Rel r = pushDown(item(j.getFromItem(), where, true), where, true);
      for (String t : new HashSet<>(r.tables())) {
        if (acc.hasTable(t)) {
          throw error(
              j.getFromItem(), "the table name " + t + " is used twice in FROM; give one an alias");
        }
      }
      List<Expression> conds = new ArrayList<>();
      if (j.isSimple() || j.isCross()) {
        if (j.getOnExpressions() != null && !j.getOnExpressions().isEmpty()) {
          throw error(j, "a cross join has no ON condition");
        }
        // Equalities in WHERE between the rows so far and this table become join keys.
        for (Expression w : new ArrayList<>(where)) {
          if (w instanceof EqualsTo eq && splitsAcross(eq, acc, r)) {
            conds.add(w);
            where.remove(w);
          }
        }
      } else if ((j.isInner()
          || (!j.isLeft()
              && !j.isRight()
              && !j.isFull()
              && !j.isOuter()
              && !j.isNatural()
              && !j.isSemi()
              && !j.isStraight()
              && !j.isApply()))) {
        if (j.getUsingColumns() != null && !j.getUsingColumns().isEmpty()) {
          throw error(j, "JOIN ... USING is not supported; write ON t.a = u.a");
        }
        if (j.getOnExpressions() == null || j.getOnExpressions().isEmpty()) {
          throw error(j, "JOIN needs an ON condition");
        }
        for (Expression on : j.getOnExpressions()) {
          conjuncts(on, conds);
        }
      } else {
        throw error(j, "only inner joins are supported");
      }
      acc = join(acc, r, conds);
    }
    return acc;
  }

  static final long BROADCAST_MAX_CELLS = 1L << 22;

  /**
   * How a FROM clause of two views joined on equalities of their columns runs block by block: one
   * view (the blocked side) is read in its row blocks, filtered by its WHERE terms and cut to the
   * columns the query names; the other is read as usual (its own conjuncts applied here) and joined
   * with each block ({@link BlockJoin}).
   */
  private record BlockPlan(
      RemoteView remote, // the blocked view when its rows live elsewhere, else null
      Frame local, // its frame when held here, else null
      boolean blockLeft, // whether the blocked view is the query's left table
      String q, // its qualifier
      int[] keep,
      RowFilter filter,
      int[] blockKeys,
      Rel blocked, // the blocked side's columns keep, no rows (names for the result)
      Rel other,
      int[] otherKeys,
      List<Expression> conds) {
    Rel left() {
      return blockLeft ? blocked : other;
    }

    Rel right() {
      return blockLeft ? other : blocked;
    }

    /** The joined rows' names and types: the left table's columns, then the right table's. */
    Rel schema() {
      return sideBySide(left(), right());
    }

    Frame otherFrame() {
      List<String> labels = new ArrayList<>();
      for (int c = 0; c < other.width(); c++) labels.add("c" + c);
      return other.width() == 0 ? Frame.empty(other.rows()) : Frame.of(labels, other.columns());
    }

    boolean broadcast() {
      return (long) other.rows() * Math.max(1, other.width()) <= BROADCAST_MAX_CELLS;
    }
  }

  /** The columns of a, then those of b, without rows. */
  private static Rel sideBySide(Rel a, Rel b) {
    List<String> t = new ArrayList<>(a.tables()), n = new ArrayList<>(a.names());
    t.addAll(b.tables());
    n.addAll(b.names());
    List<Column> c = new ArrayList<>();
    for (Column x : a.columns()) c.add(x.gather(new int[0]));
    for (Column x : b.columns()) c.add(x.gather(new int[0]));
    return new Rel(t, n, c, 0);
  }

  /** The two tables of a FROM clause of one join, as written; null for any other FROM. */
  private record TwoTables(Table lt, String lq, Table rt, String rq, Join j, boolean comma) {}

  private TwoTables twoTables(PlainSelect ps) {
    if (ps.getJoins() == null || ps.getJoins().size() != 1) {
      return null;
    }
    if (!(ps.getFromItem() instanceof Table lt)) {
      return null;
    }
    Join j = ps.getJoins().get(0);
    if (!(j.getFromItem() instanceof Table rt)) {
      return null;
    }
    boolean comma = j.isSimple() || j.isCross();
    boolean on = j.getOnExpressions() != null && !j.getOnExpressions().isEmpty();
    boolean using = j.getUsingColumns() != null && !j.getUsingColumns().isEmpty();
    boolean inner =
        !comma
            && (j.isInner()
                || (!j.isLeft()
                    && !j.isRight()
                    && !j.isFull()
                    && !j.isOuter()
                    && !j.isNatural()
                    && !j.isSemi()
                    && !j.isStraight()
                    && !j.isApply()));
    if (comma ? on : !inner || using || !on) {
      return null;
    }
    String lq =
        ps.getFromItem().getAlias() != null ? ps.getFromItem().getAlias().getName() : lt.getName();
    String rq =
        j.getFromItem().getAlias() != null ? j.getFromItem().getAlias().getName() : rt.getName();
    if (lq.equals(rq) || !isView(lt.getName()) || !isView(rt.getName())) {
      return null;
    }
    return new TwoTables(lt, lq, rt, rq, j, comma);
  }

  private boolean isView(String name) {
    return remote.containsKey(name) || views.containsKey(name);
  }

  private int viewRows(String name) {
    RemoteView v = remote.get(name);
    return v != null ? v.rows() : views.get(name).rows();
  }

  /** A view's columns under q with no rows. */
  private Rel viewSchema(String name, String q) {
    RemoteView v = remote.get(name);
    return Rel.of(q, v != null ? emptyFrame(v) : views.get(name).sliceRows(0, 0));
  }

  /** A join's conditions and, for each, the column of one side and the column of the other. */
  private record JoinKeys(
      List<Expression> conds,
      List<net.sf.jsqlparser.schema.Column> a,
      List<net.sf.jsqlparser.schema.Column> b) {}

  /**
   * The join conditions of tt (its ON conjuncts, or for a comma join the WHERE equalities across
   * the two schemas), each an equality of a column of a and a column of b of the same kind (str or
   * number); null when there are none or one is of another shape (nothing consumed).
   */
  private JoinKeys joinKeys(TwoTables tt, List<Expression> where, Rel a, Rel b) {
    List<Expression> conds = new ArrayList<>();
    if (tt.comma()) {
      for (Expression w : where) {
        if (w instanceof EqualsTo eq && splitsAcross(eq, a, b)) {
          conds.add(w);
        }
      }
    } else {
      for (Expression e : tt.j().getOnExpressions()) {
        conjuncts(e, conds);
      }
    }
    if (conds.isEmpty()) {
      return null;
    }
    List<net.sf.jsqlparser.schema.Column> as = new ArrayList<>(), bs = new ArrayList<>();
    for (Expression c : conds) {
      if (!(c instanceof EqualsTo eq)
          || !(eq.getLeftExpression() instanceof net.sf.jsqlparser.schema.Column x)
          || !(eq.getRightExpression() instanceof net.sf.jsqlparser.schema.Column y)
          || !splitsAcross(eq, a, b)) {
        return null;
      }
      boolean aFirst = refersOnlyTo(x, a);
      net.sf.jsqlparser.schema.Column ac = aFirst ? x : y, bc = aFirst ? y : x;
      boolean aStr = a.columns().get(find(a, ac, false)).type() == daphnegrid.kernels.ValueType.STR;
      boolean bStr = b.columns().get(find(b, bc, false)).type() == daphnegrid.kernels.ValueType.STR;
      if (aStr != bStr) {
        return null; // the join here reports the mismatch
      }
      as.add(ac);
      bs.add(bc);
    }
    return new JoinKeys(conds, as, bs);
  }

  /**
   * Plans the join of two views block by block, the blocked side on the left when blockLeft: the
   * blocked side's WHERE conjuncts must all be terms, the join conditions equalities of a column of
   * each side (of the same kind: str or number). With whole, every WHERE conjunct must be one of
   * these or read only the other side. null when the query is not of this shape (nothing consumed);
   * otherwise the conjuncts it takes are removed from where and the other side is read.
   */
  private BlockPlan planBlockJoin(
      PlainSelect ps, TwoTables tt, List<Expression> where, boolean blockLeft, boolean whole) {
    String bName = (blockLeft ? tt.lt() : tt.rt()).getName();
    String bq = blockLeft ? tt.lq() : tt.rq();
    Rel bSchema = viewSchema(bName, bq);
    Rel oSchema =
        viewSchema((blockLeft ? tt.rt() : tt.lt()).getName(), blockLeft ? tt.rq() : tt.lq());
    // WHERE conjuncts of the blocked view only: all terms, applied to its blocks
    List<Expression> mine = conjunctsOf(bSchema, where);
    RowFilter bFilter = termsFilter(mine, bSchema, schemaView(bSchema));
    if (bFilter == null) {
      return null;
    }
    // the join keys: equalities of a blocked column and an other column
    JoinKeys jk = joinKeys(tt, where, bSchema, oSchema);
    if (jk == null) {
      return null;
    }
    List<Expression> conds = jk.conds();
    List<net.sf.jsqlparser.schema.Column> bks = jk.a(), oks = jk.b();
    if (whole) {
      for (Expression w : where) {
        if (!mine.contains(w) && !conds.contains(w) && !refersOnlyTo(w, oSchema)) {
          return null;
        }
      }
    }
    // from here on as from() does it: the other side read (its own conjuncts applied) ...
    where.removeAll(mine);
    FromItem otherItem = blockLeft ? tt.j().getFromItem() : ps.getFromItem();
    Rel other = pushDown(item(otherItem, where, true), where, true);
    if (tt.comma()) {
      where.removeAll(conds);
    }
    // ... and the blocked side's columns the query names
    Rel pruned = prune(bSchema);
    int[] keep = keepOf(bSchema, pruned);
    int[] blockKeys = new int[bks.size()];
    int[] otherKeys = new int[oks.size()];
    for (int k = 0; k < blockKeys.length; k++) {
      blockKeys[k] = find(pruned, bks.get(k), true);
      otherKeys[k] = find(other, oks.get(k), true);
    }
    return new BlockPlan(
        remote.get(bName),
        remote.containsKey(bName) ? null : views.get(bName),
        blockLeft,
        bq,
        keep,
        bFilter,
        blockKeys,
        pruned,
        other,
        otherKeys,
        conds);
  }

  /**
   * FROM a remote view joined with one other view on equalities of columns (a comma join with them
   * in WHERE, or INNER JOIN ... ON with nothing else), on either side: the other view is read as
   * usual, then broadcast to the members holding the remote view's row blocks, which join their
   * blocks (filtered and cut as a scan) with it ({@link BlockJoin}); the result is the join in its
   * order, left-major with right rows in order, as {@link #join} makes it here. With two remote
   * views the one with more rows stays where it is (the left one when they have as many). null for
   * any other FROM clause, which runs as before (and reports what is wrong with it).
   */
  private Rel broadcastJoin(PlainSelect ps, List<Expression> where) {
    TwoTables tt = twoTables(ps);
    if (tt == null) {
      return null;
    }
    RemoteView lv = remote.get(tt.lt().getName()), rv = remote.get(tt.rt().getName());
    Rel shuffled = shuffleJoin(tt, where, lv, rv);
    if (shuffled != null) {
      return shuffled;
    }
    boolean blockLeft;
    if (lv != null && lv.join() != null && (rv == null || lv.rows() >= rv.rows())) {
      blockLeft = true;
    } else if (rv != null && rv.join() != null) {
      blockLeft = false;
    } else {
      return null;
    }
    BlockPlan p = planBlockJoin(ps, tt, where, blockLeft, false);
    if (p == null) {
      return null;
    }
    if (!p.broadcast()) {
      // too large to send to every member: the blocked side's scan comes here and is joined here
      Rel scanned = prune(Rel.of(p.q(), p.remote().scan().rows(p.keep(), p.filter())));
      return blockLeft ? join(scanned, p.other(), p.conds()) : join(p.other(), scanned, p.conds());
    }
    Frame joined;
    try {
      joined =
          p.remote()
              .join()
              .rows(p.keep(), p.filter(), p.blockKeys(), p.otherFrame(), p.otherKeys(), blockLeft);
    } catch (KernelException x) {
      throw runtimeError(p.conds().get(0), x.getMessage());
    }
    Rel s = p.schema();
    return new Rel(s.tables(), s.names(), joined.columns(), joined.rows());
  }

  /** One side of a shuffle join: its columns keep (names: pruned), WHERE terms and key columns. */
  private record ShuffleSide(Rel pruned, int[] keep, RowFilter filter, List<Expression> mine) {}

  /**
   * A view's columns the query names and its WHERE conjuncts as terms; null if a conjunct that
   * reads only this view is not a term.
   */
  private ShuffleSide shuffleSide(Rel schema, List<Expression> where) {
    List<Expression> mine = conjunctsOf(schema, where);
    RowFilter filter = termsFilter(mine, schema, schemaView(schema));
    if (filter == null) {
      return null;
    }
    Rel pruned = prune(schema);
    return new ShuffleSide(pruned, keepOf(schema, pruned), filter, mine);
  }

  /** A view of schema's column names and types only (what {@link #term} reads). */
  private static RemoteView schemaView(Rel schema) {
    List<daphnegrid.kernels.ValueType> types = new ArrayList<>();
    for (Column c : schema.columns()) types.add(c.type());
    return new RemoteView(schema.names(), types, null, null);
  }

  /** The conjuncts of where that read only schema's columns, in order. */
  private List<Expression> conjunctsOf(Rel schema, List<Expression> where) {
    List<Expression> mine = new ArrayList<>();
    for (Expression w : where) {
      if (refersOnlyTo(w, schema)) {
        mine.add(w);
      }
    }
    return mine;
  }

  /**
   * conjuncts as one filter over the rows of view v (schema its columns); null if one is not a
   * term.
   */
  private RowFilter termsFilter(List<Expression> conjuncts, Rel schema, RemoteView v) {
    int n = conjuncts.size();
    int[] cols = new int[n];
    RowFilter.Op[] ops = new RowFilter.Op[n];
    Object[] ks = new Object[n];
    for (int t = 0; t < n; t++) {
      if (!term(conjuncts.get(t), schema, v, t, cols, ops, ks)) {
        return null;
      }
    }
    return new RowFilter(cols, ops, ks);
  }

  /** The positions in schema of pruned's columns (pruned keeps schema's order). */
  private static int[] keepOf(Rel schema, Rel pruned) {
    int[] keep = new int[pruned.width()];
    for (int c = 0, k = 0; c < schema.width() && k < keep.length; c++) {
      if (schema.names().get(c).equals(pruned.names().get(k))) {
        keep[k++] = c;
      }
    }
    return keep;
  }

  /**
   * FROM two remote views joined on equalities of columns, both large ({@link RemoteView.Shuffle}
   * decides): both are shuffled by key where their rows live and joined per key partition; the
   * result is the join in its order, left-major with right rows in order, as {@link #join} makes
   * it. Every WHERE conjunct that reads one view only must be a term (filtering its row blocks);
   * other conjuncts stay in where for the joined rows. null (nothing consumed) for any other shape,
   * or when the views are small enough to broadcast one.
   */
  private Rel shuffleJoin(TwoTables tt, List<Expression> where, RemoteView lv, RemoteView rv) {
    if (lv == null || rv == null || lv.shuffle() == null || rv.shuffle() == null) {
      return null;
    }
    Rel lSchema = viewSchema(tt.lt().getName(), tt.lq());
    Rel rSchema = viewSchema(tt.rt().getName(), tt.rq());
    JoinKeys jk = joinKeys(tt, where, lSchema, rSchema);
    if (jk == null) {
      return null;
    }
    List<Expression> conds = jk.conds();
    List<net.sf.jsqlparser.schema.Column> lks = jk.a(), rks = jk.b();
    ShuffleSide l = shuffleSide(lSchema, where), r = shuffleSide(rSchema, where);
    if (l == null || r == null) {
      return null;
    }
    long lCells = (long) lv.rows() * Math.max(1, l.keep().length);
    long rCells = (long) rv.rows() * Math.max(1, r.keep().length);
    if (!lv.shuffle().applies(rv, lCells, rCells)) {
      return null;
    }
    int[] lKeys = new int[lks.size()], rKeys = new int[rks.size()];
    for (int k = 0; k < lKeys.length; k++) {
      lKeys[k] = find(l.pruned(), lks.get(k), true);
      rKeys[k] = find(r.pruned(), rks.get(k), true);
    }
    where.removeAll(l.mine());
    where.removeAll(r.mine());
    if (tt.comma()) {
      where.removeAll(conds);
    }
    Frame joined;
    try {
      joined = lv.shuffle().rows(l.keep(), l.filter(), lKeys, rv, r.keep(), r.filter(), rKeys);
    } catch (KernelException x) {
      throw runtimeError(conds.get(0), x.getMessage());
    }
    Rel s = sideBySide(l.pruned(), r.pruned());
    return new Rel(s.tables(), s.names(), joined.columns(), joined.rows());
  }

  /**
   * GROUP BY after a join of two views on equalities of columns, by partials per row block of one
   * of them ({@link BlockJoin#aggregate}): the view with more rows (the left one when they have as
   * many) is joined block by block with the other, each block's joined rows aggregated, the blocks'
   * partials combined in block order. That is the definition wherever the rows are, so float sums
   * are the same bits locally and on the grid; on the grid, when that view lives there and the
   * other (read and filtered here) has at most {@link #BROADCAST_MAX_CELLS} cells, the members do
   * it. Shape: every WHERE conjunct a term of the blocked view, a join equality, or a condition of
   * the other view alone; GROUP BY columns (or none, with an aggregate); aggregates as {@link
   * #partialGrouping} takes them. null for any other query.
   */
  private Ctx joinGrouping(PlainSelect ps, List<Expression> where) {
    TwoTables tt = twoTables(ps);
    if (tt == null) {
      return null;
    }
    boolean blockLeft = viewRows(tt.lt().getName()) >= viewRows(tt.rt().getName());
    // the shape, checked against both views' columns before anything is read
    Rel full =
        sideBySide(viewSchema(tt.lt().getName(), tt.lq()), viewSchema(tt.rt().getName(), tt.rq()));
    List<Function> calls = groupedCalls(ps, full);
    if (calls == null) {
      return null;
    }
    BlockPlan p = planBlockJoin(ps, tt, where, blockLeft, true);
    if (p == null) {
      return null;
    }
    Rel schema = p.schema();
    List<daphnegrid.kernels.ValueType> types = new ArrayList<>();
    for (Column c : schema.columns()) types.add(c.type());
    List<Expression> keyExprs = groupColumns(ps);
    int[] keys = new int[keyExprs.size()];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = find(schema, (net.sf.jsqlparser.schema.Column) keyExprs.get(k), true);
    }
    List<PartialAggregates.Agg> aggs = new ArrayList<>();
    List<String> aggKeys = new ArrayList<>();
    for (Function f : calls) {
      PartialAggregates.Agg a = agg(f, schema, types);
      String k = aggKey(f, schema);
      if (!aggKeys.contains(k)) {
        aggKeys.add(k);
        aggs.add(a);
      }
    }
    PartialAggregates.Result r;
    try {
      if (p.remote() != null && p.broadcast()) {
        r =
            p.remote()
                .joinAggregate()
                .rows(
                    p.keep(),
                    p.filter(),
                    p.blockKeys(),
                    p.otherFrame(),
                    p.otherKeys(),
                    blockLeft,
                    keys,
                    aggs);
      } else {
        Frame blocked = p.local();
        if (blocked == null) { // the other side is too large to broadcast: the view comes here
          int[] all = new int[p.remote().types().size()];
          for (int j = 0; j < all.length; j++) all[j] = j;
          blocked = p.remote().scan().rows(all, RowFilter.none());
        }
        r =
            BlockJoin.aggregate(
                blocked,
                p.filter(),
                p.keep(),
                p.blockKeys(),
                p.otherFrame(),
                p.otherKeys(),
                blockLeft,
                keys,
                aggs,
                pool);
      }
    } catch (KernelException x) {
      throw runtimeError(calls.isEmpty() ? ps : calls.get(0), x.getMessage());
    }
    where.clear();
    return groupedCtx(schema, r, keyExprs, keys, aggKeys);
  }

  /**
   * Filters one FROM item by the WHERE conjuncts that read only its columns (removing them from
   * where), before it is joined: inner joins commute with such filters, and joining fewer rows
   * gathers fewer.
   */
  private Rel pushDown(Rel r, List<Expression> where, boolean joined) {
    if (!joined || where.isEmpty()) {
      return r;
    }
    boolean[] mask = null;
    Ctx c = new Ctx(r, null);
    for (Expression w : new ArrayList<>(where)) {
      if (refersOnlyTo(w, r)) {
        boolean[] m = condition(w, c);
        mask = mask == null ? m : ColumnOps.and(mask, m);
        where.remove(w);
      }
    }
    return mask == null ? r : r.gather(Relational.selection(mask));
  }

  /**
   * The identifiers of the query, or null when it selects or groups by a star: a view's columns
   * that no identifier names are never read, so they are dropped before joins gather rows.
   */
  private Set<String> referencedNames() {
    String t = parsed.text();
    if (t.contains(".*")
        || java.util.regex.Pattern.compile("(?i)(select|distinct|,|by)\\s*\\*").matcher(t).find()) {
      return null;
    }
    Set<String> out = new HashSet<>();
    Node root = parsed.select().getASTNode();
    if (root != null && columnNames(root, out)) {
      return out;
    }
    out.clear();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher(t);
    while (m.find()) out.add(m.group());
    return out;
  }

  /**
   * Adds the names of the column references under n (JSqlParser links each node to the object it
   * built); false when no column reference was found, so that the caller falls back to every
   * identifier of the text. Table names and qualifiers are not column names: a view column that is
   * only named as a table (f.d and a view d) is not kept.
   */
  private static boolean columnNames(Node n, Set<String> out) {
    boolean found = false;
    if (n.jjtGetValue() instanceof net.sf.jsqlparser.schema.Column c) {
      out.add(c.getColumnName());
      found = true;
    }
    for (int k = 0; k < n.jjtGetNumChildren(); k++) {
      found |= columnNames(n.jjtGetChild(k), out);
    }
    return found;
  }

  private Set<String> names;
  private boolean namesKnown;

  private Rel prune(Rel r) {
    if (!namesKnown) {
      names = referencedNames();
      namesKnown = true;
    }
    if (names == null) {
      return r;
    }
    List<String> t = new ArrayList<>(), n = new ArrayList<>();
    List<Column> c = new ArrayList<>();
    for (int j = 0; j < r.width(); j++) {
      // Keep the first column even when none is named, so the table itself stays known.
      if (names.contains(r.names().get(j)) || (j == 0 && r.width() > 0 && noneNamed(r))) {
        t.add(r.tables().get(j));
        n.add(r.names().get(j));
        c.add(r.columns().get(j));
      }
    }
    return c.size() == r.width() ? r : new Rel(t, n, c, r.rows());
  }

  private boolean noneNamed(Rel r) {
    for (String n : r.names()) {
      if (names.contains(n)) return false;
    }
    return true;
  }

  /**
   * The rows of one FROM item. A remote view is scanned where its rows live: with the columns the
   * query names and, when every WHERE conjunct that reads only this item compares one of its
   * columns with a constant, filtered by them (those conjuncts are then taken out of where). Pushed
   * terms cannot fail, so the script fails or succeeds as it would here; otherwise no term is
   * pushed and WHERE runs here as usual.
   *
   * @param joined whether the FROM clause joins tables (else every conjunct reads only this item)
   */
  private Rel item(FromItem fi, List<Expression> where, boolean joined) {
    String alias = fi.getAlias() != null ? fi.getAlias().getName() : null;
    if (fi instanceof Table t && remote.containsKey(t.getName())) {
      return scan(remote.get(t.getName()), alias != null ? alias : t.getName(), where, joined);
    }
    if (fi instanceof Table t) {
      Frame f = views.get(t.getName());
      if (f == null) {
        throw error(t, "unknown view " + t.getName() + " (register it with registerView)");
      }
      return prune(Rel.of(alias != null ? alias : t.getName(), f));
    }
    if (fi instanceof ParenthesedSelect p) {
      if (alias == null) {
        throw error(fi, "a subquery in FROM needs an alias");
      }
      return Rel.of(alias, select(p.getSelect()));
    }
    throw error(fi, "unsupported FROM item: " + written(fi));
  }

  private Rel scan(RemoteView v, String q, List<Expression> where, boolean joined) {
    Rel schema = Rel.of(q, emptyFrame(v));
    int[] keep = keepOf(schema, prune(schema));
    List<Expression> mine = joined ? conjunctsOf(schema, where) : new ArrayList<>(where);
    RowFilter filter = termsFilter(mine, schema, v);
    if (filter != null) {
      where.removeAll(mine);
    } else {
      filter = RowFilter.none();
    }
    return prune(Rel.of(q, v.scan().rows(keep, filter)));
  }

  /**
   * Fills term t from w if w compares a column of schema with a constant of a comparable type
   * ({@code c op k} or {@code k op c}); false otherwise.
   */
  private boolean term(
      Expression w, Rel schema, RemoteView v, int t, int[] cols, RowFilter.Op[] ops, Object[] ks) {
    RowFilter.Op op =
        w instanceof EqualsTo
            ? RowFilter.Op.EQ
            : w instanceof NotEqualsTo
                ? RowFilter.Op.NE
                : w instanceof MinorThan
                    ? RowFilter.Op.LT
                    : w instanceof MinorThanEquals
                        ? RowFilter.Op.LE
                        : w instanceof GreaterThan
                            ? RowFilter.Op.GT
                            : w instanceof GreaterThanEquals ? RowFilter.Op.GE : null;
    if (op == null) {
      return false;
    }
    net.sf.jsqlparser.expression.BinaryExpression b =
        (net.sf.jsqlparser.expression.BinaryExpression) w;
    Expression l = b.getLeftExpression(), r = b.getRightExpression();
    if (!(l instanceof net.sf.jsqlparser.schema.Column)) {
      Expression x = l;
      l = r;
      r = x;
      op = op.flipped();
    }
    if (!(l instanceof net.sf.jsqlparser.schema.Column c)) {
      return false;
    }
    int j = find(schema, c, false);
    Object k = constant(r);
    if (j < 0 || k == null || !RowFilter.comparable(v.types().get(j), k)) {
      return false;
    }
    cols[t] = j;
    ops[t] = op;
    ks[t] = k;
    return true;
  }

  /** The value of a literal (a number, a signed number, a string) as eval gives it, or null. */
  private Object constant(Expression e) {
    if (e instanceof LongValue v) {
      return v.getValue();
    }
    if (e instanceof DoubleValue v) {
      return v.getValue();
    }
    if (e instanceof StringValue sv) {
      String v = Sql.literal(sv.getValue(), parsed.strings());
      return v != null ? v : sv.getValue();
    }
    if (e instanceof Parenthesis p) {
      return constant(p.getExpression());
    }
    if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
      return constant(p.get(0));
    }
    if (e instanceof SignedExpression s) {
      Object x = constant(s.getExpression());
      if (!(x instanceof Number)) {
        return null;
      }
      if (s.getSign() != '-') {
        return x;
      }
      // as eval: 0 - x in si64, or in f64 when x is a float
      return x instanceof Double d ? 0.0 - d : (Object) (0L - (Long) x);
    }
    return null;
  }

  private static Frame emptyFrame(RemoteView v) {
    List<Column> cols = new ArrayList<>();
    for (daphnegrid.kernels.ValueType t : v.types()) {
      cols.add(
          t == daphnegrid.kernels.ValueType.STR
              ? daphnegrid.kernels.frame.StringColumn.of(new String[0], 0)
              : Column.of(daphnegrid.kernels.DenseMatrix.allocate(t, 0, 1)));
    }
    return cols.isEmpty() ? Frame.empty(0) : Frame.of(v.labels(), cols);
  }

  private Rel join(Rel l, Rel r, List<Expression> conds) {
    List<Column> lk = new ArrayList<>(), rk = new ArrayList<>();
    List<Expression> rest = new ArrayList<>();
    Ctx lc = new Ctx(l, null), rc = new Ctx(r, null);
    for (Expression c : conds) {
      if (c instanceof EqualsTo eq && splitsAcross(eq, l, r)) {
        boolean leftFirst = refersOnlyTo(eq.getLeftExpression(), l);
        Expression le = leftFirst ? eq.getLeftExpression() : eq.getRightExpression();
        Expression re = leftFirst ? eq.getRightExpression() : eq.getLeftExpression();
        Val a = eval(le, lc), b = eval(re, rc);
        if (a.isString() != b.isString()) {
          throw error(eq, "cannot compare a string with a number: " + written(eq));
        }
        lk.add(a.column(l.rows()));
        rk.add(b.column(r.rows()));
      } else {
        rest.add(c);
      }
    }
    Relational.Pairs pairs;
    try {
      pairs =
          lk.isEmpty()
              ? Relational.cartesian(l.rows(), r.rows())
              : Relational.innerJoin(lk, rk, pool);
    } catch (KernelException e) {
      throw runtimeError(conds.isEmpty() ? null : conds.get(0), e.getMessage());
    }
    Rel joined = Rel.join(l, r, pairs);
    if (rest.isEmpty()) {
      return joined;
    }
    Ctx jc = new Ctx(joined, null);
    boolean[] mask = null;
    for (Expression c : rest) {
      boolean[] m = condition(c, jc);
      mask = mask == null ? m : ColumnOps.and(mask, m);
    }
    return joined.gather(Relational.selection(mask));
  }

  private boolean splitsAcross(EqualsTo eq, Rel l, Rel r) {
    Expression a = eq.getLeftExpression(), b = eq.getRightExpression();
    return (refersOnlyTo(a, l) && refersOnlyTo(b, r)) || (refersOnlyTo(a, r) && refersOnlyTo(b, l));
  }

  /** True if e reads at least one column and every column it reads resolves in rel. */
  private boolean refersOnlyTo(Expression e, Rel rel) {
    List<net.sf.jsqlparser.schema.Column> refs = new ArrayList<>();
    if (!columnsOf(e, refs) || refs.isEmpty()) {
      return false;
    }
    for (net.sf.jsqlparser.schema.Column c : refs) {
      if (find(rel, c, false) < 0) return false;
    }
    return true;
  }

  /** Collects the column references of e; false for expressions this engine cannot split. */
  private static boolean columnsOf(Expression e, List<net.sf.jsqlparser.schema.Column> out) {
    if (e instanceof net.sf.jsqlparser.schema.Column c) {
      out.add(c);
      return true;
    }
    if (e instanceof LongValue || e instanceof DoubleValue || e instanceof StringValue) {
      return true;
    }
    if (e instanceof net.sf.jsqlparser.expression.BinaryExpression b) {
      return columnsOf(b.getLeftExpression(), out) && columnsOf(b.getRightExpression(), out);
    }
    if (e instanceof SignedExpression s) {
      return columnsOf(s.getExpression(), out);
    }
    if (e instanceof Parenthesis p) {
      return columnsOf(p.getExpression(), out);
    }
    if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
      return columnsOf(p.get(0), out);
    }
    return false;
  }

  private static void conjuncts(Expression e, List<Expression> out) {
    if (e instanceof AndExpression a) {
      conjuncts(a.getLeftExpression(), out);
      conjuncts(a.getRightExpression(), out);
    } else if (e instanceof ParenthesedExpressionList<?> p
        && p.size() == 1
        && p.get(0) instanceof AndExpression) {
      conjuncts(p.get(0), out);
    } else {
      out.add(e);
    }
  }

  // ---------------------------------------------------------------- grouping

  /** Where select items are evaluated: the rows of rel, or its groups. */
  private static final class Ctx {
    final Rel rel;
    final int n;
    int[] groupOf; // null: row context
    int groups;
    List<Expression> keyExprs = List.of();
    List<String> keyTexts = List.of();
    int[] keyIndex = new int[0]; // rel column of a key that is a plain column, else -1
    List<Column> keyCols = List.of(); // one value per group
    Map<String, Column> partials; // aggregates already made from partials per row block

    Ctx(Rel rel, int[] groupOf) {
      this.rel = rel;
      this.n = rel.rows();
      this.groupOf = groupOf;
    }

    Ctx(Rel rel, int[] groupOf, int groups) {
      this.rel = rel;
      this.n = groups;
      this.groupOf = groupOf;
      this.groups = groups;
    }

    Ctx rows() {
      return new Ctx(rel, null);
    }
  }

  /**
   * GROUP BY by partials per row block ({@link PartialAggregates}), for a query of one shape: one
   * view in FROM, every WHERE conjunct a column-constant comparison, GROUP BY columns of the view
   * (or none, with an aggregate), every aggregate sum, count, min, max or avg of one column of the
   * view or count(*) (sum and avg of numbers). The groups' aggregates are made where the view's
   * rows are — on the members for a remote view — and the query goes on over the groups as usual;
   * null for any other query, which runs as before. A view of any size gets the same definition, so
   * a float sum is the same bits here and on the grid: each row block's rows in row order, then the
   * blocks in block order.
   */
  private Ctx partialGrouping(PlainSelect ps, List<Expression> where) {
    if (ps.getJoins() != null && !ps.getJoins().isEmpty()) {
      return joinGrouping(ps, where);
    }
    if (!(ps.getFromItem() instanceof Table t)) {
      return null;
    }
    String q =
        ps.getFromItem().getAlias() != null ? ps.getFromItem().getAlias().getName() : t.getName();
    RemoteView rv = remote.get(t.getName());
    Frame local = rv == null ? views.get(t.getName()) : null;
    if (rv == null && local == null) {
      return null;
    }
    Frame shape = rv != null ? emptyFrame(rv) : local;
    List<daphnegrid.kernels.ValueType> types = new ArrayList<>();
    for (int j = 0; j < shape.cols(); j++) types.add(shape.type(j));
    RemoteView schemaView = new RemoteView(shape.labels(), types, null, null);
    Rel schema = Rel.of(q, emptyFrame(schemaView));
    // WHERE: every conjunct a term
    int n = where.size();
    int[] cols = new int[n];
    RowFilter.Op[] ops = new RowFilter.Op[n];
    Object[] ks = new Object[n];
    for (int k = 0; k < n; k++) {
      if (!term(where.get(k), schema, schemaView, k, cols, ops, ks)) {
        return null;
      }
    }
    List<Function> calls = groupedCalls(ps, schema);
    if (calls == null) {
      return null;
    }
    List<Expression> keyExprs = groupColumns(ps);
    int[] keys = new int[keyExprs.size()];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = find(schema, (net.sf.jsqlparser.schema.Column) keyExprs.get(k), false);
    }
    List<PartialAggregates.Agg> aggs = new ArrayList<>();
    List<String> aggKeys = new ArrayList<>();
    for (Function f : calls) {
      String k = aggKey(f, schema);
      if (!aggKeys.contains(k)) {
        aggKeys.add(k);
        aggs.add(agg(f, schema, types));
      }
    }
    RowFilter filter = new RowFilter(cols, ops, ks);
    PartialAggregates.Result r;
    try {
      r =
          rv != null
              ? rv.aggregate().rows(filter, keys, aggs)
              : PartialAggregates.run(local, filter, keys, aggs, pool);
    } catch (KernelException x) {
      throw runtimeError(calls.isEmpty() ? ps : calls.get(0), x.getMessage());
    }
    where.clear();
    return groupedCtx(schema, r, keyExprs, keys, aggKeys);
  }

  /** The GROUP BY expressions of ps (none without GROUP BY). */
  private static List<Expression> groupColumns(PlainSelect ps) {
    List<Expression> out = new ArrayList<>();
    GroupByElement gb = ps.getGroupBy();
    if (gb != null && gb.getGroupByExpressionList() != null) {
      for (Object o : gb.getGroupByExpressionList()) out.add((Expression) o);
    }
    return out;
  }

  /**
   * The aggregate calls of a query grouped by partials over the columns of schema, or null when it
   * is not of that shape: GROUP BY columns of schema (or none, with an aggregate in the select
   * items or HAVING), every aggregate sum, count, min, max or avg of one column of schema or
   * count(*) (sum and avg of numbers).
   */
  private List<Function> groupedCalls(PlainSelect ps, Rel schema) {
    GroupByElement gb = ps.getGroupBy();
    if (gb != null) {
      if ((gb.getGroupingSets() != null && !gb.getGroupingSets().isEmpty())
          || gb.getGroupByExpressionList() == null
          || gb.getGroupByExpressionList().isEmpty()) {
        return null;
      }
      for (Object o : gb.getGroupByExpressionList()) {
        if (!(o instanceof net.sf.jsqlparser.schema.Column c) || find(schema, c, false) < 0) {
          return null;
        }
      }
    } else {
      boolean any = ps.getHaving() != null && hasAggregate(ps.getHaving());
      for (SelectItem<?> item : ps.getSelectItems()) {
        any |= hasAggregate(item.getExpression());
      }
      if (!any) {
        return null;
      }
    }
    List<Function> calls = new ArrayList<>();
    for (SelectItem<?> item : ps.getSelectItems()) {
      if (!aggregates(item.getExpression(), calls)) return null;
    }
    if (ps.getHaving() != null && !aggregates(ps.getHaving(), calls)) {
      return null;
    }
    if (ps.getOrderByElements() != null) {
      for (OrderByElement o : ps.getOrderByElements()) {
        if (!aggregates(o.getExpression(), calls)) return null;
      }
    }
    List<daphnegrid.kernels.ValueType> types = new ArrayList<>();
    for (Column c : schema.columns()) types.add(c.type());
    for (Function f : calls) {
      if (agg(f, schema, types) == null) {
        return null;
      }
    }
    return calls;
  }

  /** The groups of a query grouped by partials: its keys and its aggregates already made. */
  private Ctx groupedCtx(
      Rel schema,
      PartialAggregates.Result r,
      List<Expression> keyExprs,
      int[] keys,
      List<String> aggKeys) {
    Ctx c = new Ctx(schema, new int[0], r.groups());
    if (!keyExprs.isEmpty()) {
      List<String> texts = new ArrayList<>();
      for (Expression e : keyExprs) texts.add(written(e));
      c.keyExprs = keyExprs;
      c.keyTexts = texts;
      c.keyIndex = keys;
      c.keyCols = r.keys();
    }
    c.partials = new java.util.HashMap<>();
    for (int a = 0; a < aggKeys.size(); a++) {
      c.partials.put(aggKeys.get(a), r.values().get(a));
    }
    return c;
  }

  /**
   * Adds the aggregate calls under e to out; false if e holds a call that is not an aggregate, or
   * an aggregate whose argument is anything but one column or * (the query then runs as before,
   * which reports what is wrong with it).
   */
  private static boolean aggregates(Expression e, List<Function> out) {
    if (e instanceof Function f) {
      if (!isAggregate(f) || f.isDistinct() || f.isUnique()) {
        return false;
      }
      ExpressionList<?> p = f.getParameters();
      boolean star =
          f.isAllColumns() || (p != null && p.size() == 1 && p.get(0) instanceof AllColumns);
      if (!star
          && (p == null
              || p.size() != 1
              || !(p.get(0) instanceof net.sf.jsqlparser.schema.Column))) {
        return false;
      }
      out.add(f);
      return true;
    }
    if (e instanceof net.sf.jsqlparser.expression.BinaryExpression b) {
      return aggregates(b.getLeftExpression(), out) && aggregates(b.getRightExpression(), out);
    }
    if (e instanceof SignedExpression s) return aggregates(s.getExpression(), out);
    if (e instanceof NotExpression s) return aggregates(s.getExpression(), out);
    if (e instanceof Parenthesis p) return aggregates(p.getExpression(), out);
    if (e instanceof ParenthesedExpressionList<?> p) {
      for (Object o : p) {
        if (!(o instanceof Expression x) || !aggregates(x, out)) return false;
      }
      return true;
    }
    if (e instanceof Between b) {
      return aggregates(b.getLeftExpression(), out)
          && aggregates(b.getBetweenExpressionStart(), out)
          && aggregates(b.getBetweenExpressionEnd(), out);
    }
    return true;
  }

  /** The partial aggregate of call f over schema, or null if it has none (or is wrong). */
  private PartialAggregates.Agg agg(
      Function f, Rel schema, List<daphnegrid.kernels.ValueType> types) {
    String name = f.getName().toLowerCase(Locale.ROOT);
    ExpressionList<?> p = f.getParameters();
    boolean star =
        f.isAllColumns() || (p != null && p.size() == 1 && p.get(0) instanceof AllColumns);
    if (star) {
      return name.equals("count") ? new PartialAggregates.Agg(Aggregates.Fn.COUNT, -1) : null;
    }
    int j = find(schema, (net.sf.jsqlparser.schema.Column) p.get(0), false);
    if (j < 0) {
      return null;
    }
    Aggregates.Fn fn =
        switch (name) {
          case "sum" -> Aggregates.Fn.SUM;
          case "count" -> Aggregates.Fn.COUNT;
          case "min" -> Aggregates.Fn.MIN;
          case "max" -> Aggregates.Fn.MAX;
          default -> Aggregates.Fn.MEAN;
        };
    boolean str = types.get(j) == daphnegrid.kernels.ValueType.STR;
    if (str && (fn == Aggregates.Fn.SUM || fn == Aggregates.Fn.MEAN)) {
      return null;
    }
    return new PartialAggregates.Agg(fn, j);
  }

  /** What identifies an aggregate call: its function and column. */
  private String aggKey(Function f, Rel schema) {
    String name = f.getName().toLowerCase(Locale.ROOT);
    ExpressionList<?> p = f.getParameters();
    boolean star =
        f.isAllColumns() || (p != null && p.size() == 1 && p.get(0) instanceof AllColumns);
    if (star
        || p == null
        || p.size() != 1
        || !(p.get(0) instanceof net.sf.jsqlparser.schema.Column c)) {
      return name + "(*)";
    }
    return name + "#" + find(schema, c, false);
  }

  private Ctx grouping(PlainSelect ps, Rel rel) {
    GroupByElement gb = ps.getGroupBy();
    List<Expression> keys = new ArrayList<>();
    if (gb != null) {
      if (gb.getGroupingSets() != null && !gb.getGroupingSets().isEmpty()) {
        throw error(ps, "GROUPING SETS are not supported");
      }
      ExpressionList<?> list = gb.getGroupByExpressionList();
      for (Object o : list) {
        Expression e = (Expression) o;
        if (e instanceof AllColumns || e instanceof AllTableColumns) {
          String t = e instanceof AllTableColumns at ? at.getTable().getName() : null;
          if (t != null && !rel.hasTable(t)) {
            throw error(e, "unknown table " + t + " in " + t + ".*");
          }
          for (int j = 0; j < rel.width(); j++) {
            if (t == null || rel.tables().get(j).equals(t)) {
              keys.add(
                  new net.sf.jsqlparser.schema.Column(
                      new Table(rel.tables().get(j)), rel.names().get(j)));
            }
          }
        } else {
          keys.add(e);
        }
      }
    }
    boolean aggregates = false;
    for (SelectItem<?> item : ps.getSelectItems()) {
      aggregates |= hasAggregate(item.getExpression());
    }
    aggregates |= ps.getHaving() != null && hasAggregate(ps.getHaving());
    if (keys.isEmpty() && !aggregates) {
      return new Ctx(rel, null);
    }
    Ctx rows = new Ctx(rel, null);
    if (keys.isEmpty()) {
      Ctx c = new Ctx(rel, new int[rel.rows()], 1);
      return c;
    }
    List<Column> keyCols = new ArrayList<>();
    int[] keyIndex = new int[keys.size()];
    List<String> texts = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      Expression e = keys.get(k);
      if (hasAggregate(e)) {
        throw error(e, "GROUP BY cannot hold an aggregate: " + written(e));
      }
      keyIndex[k] = e instanceof net.sf.jsqlparser.schema.Column c ? find(rel, c, true) : -1;
      Val v = eval(e, rows);
      if (v instanceof Val.Mask) {
        throw error(e, "cannot group by a condition: " + written(e));
      }
      keyCols.add(v.column(rel.rows()));
      texts.add(e.getASTNode() == null ? e.toString().replace(" ", "") : written(e));
    }
    // Groups in ascending key order (DAPHNE groups by sorting).
    Relational.Grouping g = Relational.groupInKeyOrder(keyCols, pool);
    int[] groupOf = g.groupOf();
    Ctx c = new Ctx(rel, groupOf, g.groups());
    c.keyExprs = keys;
    c.keyTexts = texts;
    c.keyIndex = keyIndex;
    List<Column> sortedKeys = new ArrayList<>();
    for (Column k : keyCols) sortedKeys.add(k.gather(g.firstRow()));
    c.keyCols = sortedKeys;
    return c;
  }

  private static final Set<String> AGGREGATES = Set.of("sum", "count", "min", "max", "avg");

  private static boolean isAggregate(Function f) {
    return AGGREGATES.contains(f.getName().toLowerCase(Locale.ROOT));
  }

  private static boolean hasAggregate(Expression e) {
    if (e instanceof Function f) {
      if (isAggregate(f)) return true;
      if (f.getParameters() != null) {
        for (Object p : f.getParameters()) {
          if (p instanceof Expression x && hasAggregate(x)) return true;
        }
      }
      return false;
    }
    if (e instanceof net.sf.jsqlparser.expression.BinaryExpression b) {
      return hasAggregate(b.getLeftExpression()) || hasAggregate(b.getRightExpression());
    }
    if (e instanceof SignedExpression s) return hasAggregate(s.getExpression());
    if (e instanceof NotExpression s) return hasAggregate(s.getExpression());
    if (e instanceof Parenthesis p) return hasAggregate(p.getExpression());
    if (e instanceof ParenthesedExpressionList<?> p) {
      for (Object o : p) {
        if (o instanceof Expression x && hasAggregate(x)) return true;
      }
    }
    if (e instanceof Between b) {
      return hasAggregate(b.getLeftExpression())
          || hasAggregate(b.getBetweenExpressionStart())
          || hasAggregate(b.getBetweenExpressionEnd());
    }
    return false;
  }

  // ---------------------------------------------------------------- expressions

  /** The rel column c names, or -1 (or an error when report is set). */
  private int find(Rel rel, net.sf.jsqlparser.schema.Column c, boolean report) {
    String table = c.getTable() == null ? null : c.getTable().getName();
    String name = c.getColumnName();
    int found = -1;
    for (int j = 0; j < rel.width(); j++) {
      if ((table == null || rel.tables().get(j).equals(table)) && rel.names().get(j).equals(name)) {
        if (found >= 0) {
          if (report) throw error(c, "the column name " + written(c) + " is ambiguous");
          return -1;
        }
        found = j;
      }
    }
    if (found < 0 && report) {
      if (table != null && !rel.hasTable(table)) {
        throw error(c, "unknown table " + table + " in " + written(c));
      }
      throw error(c, "unknown column " + written(c));
    }
    return found;
  }

  private boolean[] condition(Expression e, Ctx ctx) {
    Val v = eval(e, ctx);
    if (v instanceof Val.Mask m) {
      return m.m();
    }
    throw error(e, "a condition must be a comparison: " + written(e));
  }

  private Val eval(Expression e, Ctx ctx) {
    if (ctx.groupOf != null
        && !ctx.keyTexts.isEmpty()
        && !(e instanceof Function f && isAggregate(f))) {
      int k = ctx.keyTexts.indexOf(written(e));
      if (k >= 0
          && !(e instanceof LongValue || e instanceof DoubleValue || e instanceof StringValue)) {
        return new Val.Col(ctx.keyCols.get(k));
      }
    }
    if (e instanceof LongValue v) {
      return new Val.Const(v.getValue());
    }
    if (e instanceof DoubleValue v) {
      return new Val.Const(v.getValue());
    }
    if (e instanceof StringValue s) {
      String v = Sql.literal(s.getValue(), parsed.strings());
      return new Val.Const(v != null ? v : s.getValue());
    }
    if (e instanceof net.sf.jsqlparser.schema.Column c) {
      int j = find(ctx.rel, c, true);
      if (ctx.groupOf == null) {
        return new Val.Col(ctx.rel.columns().get(j));
      }
      for (int k = 0; k < ctx.keyIndex.length; k++) {
        if (ctx.keyIndex[k] == j) return new Val.Col(ctx.keyCols.get(k));
      }
      throw error(c, "the column " + written(c) + " must be grouped or used in an aggregate");
    }
    if (e instanceof Parenthesis p) {
      return eval(p.getExpression(), ctx);
    }
    if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
      return eval(p.get(0), ctx);
    }
    if (e instanceof SignedExpression s) {
      Val v = number(s.getExpression(), ctx);
      return s.getSign() == '-'
          ? ColumnOps.arith(ColumnOps.Arith.SUB, new Val.Const(0L), v, ctx.n)
          : v;
    }
    if (e instanceof Addition b) return arith(ColumnOps.Arith.ADD, b, ctx);
    if (e instanceof Subtraction b) return arith(ColumnOps.Arith.SUB, b, ctx);
    if (e instanceof Multiplication b) return arith(ColumnOps.Arith.MUL, b, ctx);
    if (e instanceof Division b) return arith(ColumnOps.Arith.DIV, b, ctx);
    if (e instanceof Modulo b) return arith(ColumnOps.Arith.MOD, b, ctx);
    if (e instanceof EqualsTo b) return cmp(ColumnOps.Cmp.EQ, b, ctx);
    if (e instanceof NotEqualsTo b) return cmp(ColumnOps.Cmp.NE, b, ctx);
    if (e instanceof MinorThan b) return cmp(ColumnOps.Cmp.LT, b, ctx);
    if (e instanceof MinorThanEquals b) return cmp(ColumnOps.Cmp.LE, b, ctx);
    if (e instanceof GreaterThan b) return cmp(ColumnOps.Cmp.GT, b, ctx);
    if (e instanceof GreaterThanEquals b) return cmp(ColumnOps.Cmp.GE, b, ctx);
    if (e instanceof AndExpression b) {
      return new Val.Mask(
          ColumnOps.and(
              condition(b.getLeftExpression(), ctx), condition(b.getRightExpression(), ctx)));
    }
    if (e instanceof OrExpression b) {
      return new Val.Mask(
          ColumnOps.or(
              condition(b.getLeftExpression(), ctx), condition(b.getRightExpression(), ctx)));
    }
    if (e instanceof NotExpression nx) {
      return new Val.Mask(ColumnOps.not(condition(nx.getExpression(), ctx)));
    }
    if (e instanceof Between b) {
      return between(b, ctx);
    }
    if (e instanceof Function f) {
      return function(f, ctx);
    }
    throw error(e, "unsupported expression: " + written(e));
  }

  private Val number(Expression e, Ctx ctx) {
    Val v = eval(e, ctx);
    if (v instanceof Val.Mask || v.isString()) {
      throw error(e, "a number is needed here, not " + written(e));
    }
    return v;
  }

  private Val arith(ColumnOps.Arith op, net.sf.jsqlparser.expression.BinaryExpression b, Ctx ctx) {
    Val l = number(b.getLeftExpression(), ctx), r = number(b.getRightExpression(), ctx);
    try {
      return ColumnOps.arith(op, l, r, ctx.n);
    } catch (ArithmeticException x) {
      throw runtimeError(b, "integer division by zero in " + written(b));
    }
  }

  private Val cmp(ColumnOps.Cmp op, net.sf.jsqlparser.expression.BinaryExpression b, Ctx ctx) {
    Val l = eval(b.getLeftExpression(), ctx), r = eval(b.getRightExpression(), ctx);
    return new Val.Mask(compare(op, l, r, b, ctx));
  }

  private boolean[] compare(ColumnOps.Cmp op, Val l, Val r, Object at, Ctx ctx) {
    if (l instanceof Val.Mask || r instanceof Val.Mask) {
      throw error(at, "cannot compare conditions: " + written(at));
    }
    if (l.isString() != r.isString()) {
      throw error(at, "cannot compare a string with a number: " + written(at));
    }
    return ColumnOps.compare(op, l, r, ctx.n);
  }

  /** DAPHNE's BETWEEN is symmetric: x between a and b when a <= x <= b or b <= x <= a. */
  private Val between(Between b, Ctx ctx) {
    Val x = eval(b.getLeftExpression(), ctx);
    Val lo = eval(b.getBetweenExpressionStart(), ctx), hi = eval(b.getBetweenExpressionEnd(), ctx);
    boolean[] a =
        ColumnOps.and(
            compare(ColumnOps.Cmp.GE, x, lo, b, ctx), compare(ColumnOps.Cmp.LE, x, hi, b, ctx));
    boolean[] c =
        ColumnOps.and(
            compare(ColumnOps.Cmp.GE, x, hi, b, ctx), compare(ColumnOps.Cmp.LE, x, lo, b, ctx));
    boolean[] m = ColumnOps.or(a, c);
    return new Val.Mask(b.isNot() ? ColumnOps.not(m) : m);
  }

  private Val function(Function f, Ctx ctx) {
    String name = f.getName().toLowerCase(Locale.ROOT);
    if (!isAggregate(f)) {
      throw error(f, "unknown function " + f.getName() + " (supported: sum, count, min, max, avg)");
    }
    if (ctx.groupOf == null) {
      throw error(f, "an aggregate is not allowed here: " + written(f));
    }
    if (f.isDistinct() || f.isUnique()) {
      throw error(f, "DISTINCT inside an aggregate is not supported");
    }
    ExpressionList<?> params = f.getParameters();
    boolean star =
        f.isAllColumns()
            || (params != null && params.size() == 1 && params.get(0) instanceof AllColumns);
    if (ctx.partials != null) {
      Column made = ctx.partials.get(aggKey(f, ctx.rel));
      if (made == null) {
        throw new IllegalStateException("no partials were made for " + written(f));
      }
      return new Val.Col(made);
    }
    if (star) {
      if (!name.equals("count")) throw error(f, name + "(*) is not defined");
      return new Val.Col(
          Aggregates.apply(
              Aggregates.Fn.COUNT,
              new Val.Const(0L).column(ctx.groupOf.length),
              ctx.groupOf,
              ctx.groups));
    }
    if (params == null || params.size() != 1) {
      throw error(f, name + " takes one argument");
    }
    Expression arg = (Expression) params.get(0);
    if (hasAggregate(arg)) {
      throw error(arg, "aggregates cannot be nested: " + written(f));
    }
    Val v = eval(arg, ctx.rows());
    if (v instanceof Val.Mask) {
      throw error(arg, "cannot aggregate a condition: " + written(arg));
    }
    Aggregates.Fn fn =
        switch (name) {
          case "sum" -> Aggregates.Fn.SUM;
          case "count" -> Aggregates.Fn.COUNT;
          case "min" -> Aggregates.Fn.MIN;
          case "max" -> Aggregates.Fn.MAX;
          default -> Aggregates.Fn.MEAN;
        };
    if (v.isString() && (fn == Aggregates.Fn.SUM || fn == Aggregates.Fn.MEAN)) {
      throw error(f, name + " needs numbers, but " + written(arg) + " holds strings");
    }
    try {
      return new Val.Col(
          Aggregates.apply(fn, v.column(ctx.groupOf.length), ctx.groupOf, ctx.groups));
    } catch (KernelException x) {
      throw runtimeError(f, x.getMessage());
    }
  }
}
