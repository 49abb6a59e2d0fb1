package daphnegrid.runtime;

import daphnegrid.builtins.Builtin;
import daphnegrid.builtins.Builtins;
import daphnegrid.builtins.CallBinding;
import daphnegrid.builtins.Invocation;
import daphnegrid.dsl.ModuleLoader;
import daphnegrid.dsl.ScriptArgs;
import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.dsl.ast.Expr;
import daphnegrid.dsl.ast.Script;
import daphnegrid.dsl.ast.Stmt;
import daphnegrid.dsl.types.FunctionTable;
import daphnegrid.dsl.types.Liveness;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.Indexing;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.Frames;
import daphnegrid.plan.Placement;
import daphnegrid.plan.Planner;
import daphnegrid.plan.RunStatistics;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a checked script statement by statement. Values are immutable, so assignment and argument
 * passing share them; left indexing makes a new matrix (copy-on-write). Kernel failures become
 * execution errors (exit 3) at the position of the operation that failed.
 */
public final class Interpreter {
  private final ExecutionContext ctx;
  private final Ops ops;
  private final Planner planner;
  private final Progress progress;
  private final ScriptArgs scriptArgs;
  private final ModuleLoader.Pass imports;
  private final ArrayDeque<CallFrame> stack = new ArrayDeque<>();
  private final Retention retention;
  private final Map<Stmt.FuncDef, Liveness> functionLiveness = new IdentityHashMap<>();

  /**
   * @param placement the engines and which of them runs each piece of work
   * @param modules the run's module loader; the interpreter walks the imports in a pass of its own
   * @param scriptName the script's name, used to name programs
   */
  public Interpreter(
      Writer out,
      Writer err,
      RunOptions options,
      Placement placement,
      ScriptArgs scriptArgs,
      ModuleLoader modules,
      String scriptName) {
    this.retention = new Retention(stack, placement, () -> context().views().values());
    this.progress = placement.progress();
    this.planner =
        new Planner(
            placement, retention::writtenOutValues, options.explain() ? err : null, scriptName);
    this.ops = new Ops(planner, options.sparse(), options.threads());
    this.ctx = new ExecutionContext(out, err, options, ops);
    this.scriptArgs = scriptArgs;
    this.imports = modules.newPass();
  }

  public ExecutionContext context() {
    return ctx;
  }

  /** The fused programs run so far. */
  public RunStatistics statistics() {
    return planner.statistics();
  }

  private static Value hold(Value v, CallFrame f) {
    return Retention.hold(v, f);
  }

  /** Runs the script's top level. */
  public void run(Script script) {
    runModule(script, false);
  }

  /**
   * Runs a script's top level in a new frame; an imported one exports all its variables, so an
   * engine keeps them all.
   */
  private CallFrame runModule(Script script, boolean imported) {
    CallFrame f =
        new CallFrame(new FunctionTable(), script.path(), Liveness.of(script.statements()));
    f.exports = imported;
    stack.push(f);
    try {
      block(script.statements(), f);
    } finally {
      stack.pop();
    }
    return f;
  }

  // ---- statements ---------------------------------------------------------------------------

  /** Executes statements in order; true if a return was executed. */
  private boolean block(List<Stmt> body, CallFrame f) {
    for (Stmt s : body) {
      if (exec(s, f)) {
        return true;
      }
      retention.statementDone();
    }
    return false;
  }

  private boolean exec(Stmt s, CallFrame f) {
    if (s instanceof Stmt.Block) {
      return execNow(s, f); // a container: --statistics charges its statements, not its braces
    }
    RunStatistics stats = planner.statistics();
    stats.statementStarted(s.span());
    progress.statement(s.span());
    try {
      return execNow(s, f);
    } finally {
      stats.statementFinished();
    }
  }

  private boolean execNow(Stmt s, CallFrame f) {
    f.current = s;
    f.inFlight.clear();
    if (s instanceof Stmt.ExprStmt e) {
      evalAll(e.expr(), f);
    } else if (s instanceof Stmt.Assign a) {
      assign(a, f);
    } else if (s instanceof Stmt.Block b) {
      return block(b.body(), f);
    } else if (s instanceof Stmt.If i) {
      if (condition(i.cond(), f)) {
        return exec(i.then(), f);
      } else if (i.otherwise() != null) {
        return exec(i.otherwise(), f);
      }
    } else if (s instanceof Stmt.While w) {
      while (condition(w.cond(), f)) {
        exec(w.body(), f);
        f.current = w;
      }
    } else if (s instanceof Stmt.DoWhile d) {
      do {
        exec(d.body(), f);
        f.current = d;
      } while (condition(d.cond(), f));
    } else if (s instanceof Stmt.For l) {
      forLoop(l, f);
    } else if (s instanceof Stmt.FuncDef d) {
      FunctionTable own = f.functions.copy();
      FunctionTable.Function fn = new FunctionTable.Function(d, own);
      own.define(d.name(), fn);
      f.functions.define(d.name(), fn);
    } else if (s instanceof Stmt.Return r) {
      List<Value> vals = new ArrayList<>();
      for (Expr e : r.values()) {
        vals.add(eval(e, f));
      }
      f.returned = vals;
      return true;
    } else if (s instanceof Stmt.Import im) {
      importModule(im, f);
    }
    return false;
  }

  private void importModule(Stmt.Import im, CallFrame f) {
    imports.load(
        f.file,
        im,
        module -> {
          CallFrame m = runModule(module.script(), true);
          module.export(m.vars, f.vars::put);
          module.export(
              m.functions.all(),
              (name, overloads) -> overloads.forEach(fn -> f.functions.define(name, fn)));
        });
  }

  private boolean condition(Expr cond, CallFrame f) {
    Value v = eval(cond, f);
    try {
      return Ops.truth(v);
    } catch (KernelException e) {
      throw new ScriptException.Runtime(cond.span(), e.getMessage());
    }
  }

  private void forLoop(Stmt.For l, CallFrame f) {
    long from = loopBound(l.from(), f);
    long to = loopBound(l.to(), f);
    long step = l.step() == null ? (to >= from ? 1 : -1) : loopBound(l.step(), f);
    if (step == 0) {
      return;
    }
    for (long v = from; step > 0 ? v <= to : v >= to; v += step) {
      f.vars.put(l.var(), new ScalarValue(Scalar.si64(v)));
      exec(l.body(), f);
      if (step > 0 ? v > Long.MAX_VALUE - step : v < Long.MIN_VALUE - step) {
        break;
      }
    }
    f.vars.remove(l.var());
  }

  private long loopBound(Expr e, CallFrame f) {
    return scalarOf(eval(e, f), e.span()).asLong();
  }

  private void assign(Stmt.Assign a, CallFrame f) {
    List<Value> vals = evalAll(a.value(), f);
    for (int i = 0; i < a.targets().size(); i++) {
      Stmt.Target t = a.targets().get(i);
      Value v = vals.get(i);
      if (!t.indexed()) {
        f.vars.put(t.name(), v);
        continue;
      }
      if (t.rows().kind() == Expr.Slice.Kind.ALL && t.cols().kind() == Expr.Slice.Kind.ALL) {
        f.vars.put(t.name(), v);
        continue;
      }
      MatrixValue target = (MatrixValue) f.vars.get(t.name());
      Indexing.Range rows = insertRange(t.rows(), target.rows(), "row", f);
      Indexing.Range cols = insertRange(t.cols(), target.cols(), "column", f);
      if (!(v instanceof MatrixValue m)) {
        throw new ScriptException.Runtime(t.span(), "left indexing needs a matrix on the right");
      }
      try {
        f.vars.put(
            t.name(), new MatrixValue(Indexing.insert(target.dense(), rows, cols, m.dense())));
      } catch (KernelException e) {
        throw new ScriptException.Runtime(t.span(), e.getMessage());
      }
    }
  }

  private Indexing.Range insertRange(Expr.Slice s, int n, String axis, CallFrame f) {
    try {
      return switch (s.kind()) {
        case ALL -> new Indexing.Range(0, n);
        case SINGLE -> {
          long p = position(s.single(), f);
          yield Indexing.insertRange(p, p < 0 ? 0L : p + 1, n, true, axis);
        }
        case RANGE ->
            Indexing.insertRange(
                s.lo() == null ? null : position(s.lo(), f),
                s.hi() == null ? null : position(s.hi(), f),
                n,
                false,
                axis);
      };
    } catch (KernelException e) {
      throw new ScriptException.Runtime(
          s.single() != null ? s.single().span() : (s.lo() != null ? s.lo().span() : null),
          e.getMessage());
    }
  }

  private long position(Expr e, CallFrame f) {
    Scalar s = scalarOf(eval(e, f), e.span());
    if (s.type() == ValueType.STR) {
      throw new ScriptException.Runtime(e.span(), "positions must be numbers");
    }
    return s.asLong();
  }

  private static Scalar scalarOf(Value v, Span at) {
    try {
      return Ops.toScalar(v);
    } catch (KernelException e) {
      throw new ScriptException.Runtime(at, e.getMessage());
    }
  }

  // ---- expressions --------------------------------------------------------------------------

  /** The single value of an expression. */
  private Value eval(Expr e, CallFrame f) {
    if (e instanceof Expr.Call c) {
      List<Value> vs = call(c, f);
      for (Value v : vs) {
        hold(v, f);
      }
      return vs.get(0);
    }
    try {
      return hold(evalOne(e, f), f);
    } catch (KernelException | NumberFormatException ex) {
      throw new ScriptException.Runtime(e.span(), ex.getMessage());
    } catch (UncheckedIOException ex) {
      throw new ScriptException.Runtime(e.span(), ex.getCause().getMessage());
    }
  }

  private List<Value> evalAll(Expr e, CallFrame f) {
    if (e instanceof Expr.Call c) {
      List<Value> vs = call(c, f);
      for (Value v : vs) {
        hold(v, f);
      }
      return vs;
    }
    return List.of(eval(e, f));
  }

  private Value evalOne(Expr e, CallFrame f) {
    if (e instanceof Expr.Literal l) {
      return new ScalarValue(l.value());
    } else if (e instanceof Expr.Ref r) {
      return f.vars.get(r.name());
    } else if (e instanceof Expr.ScriptArg a) {
      return new ScalarValue(scriptArgs.value(a.name(), a.span()));
    } else if (e instanceof Expr.Unary u) {
      Value v = eval(u.operand(), f);
      return u.negate() ? ops.unary(UnaryOp.MINUS, v, u.span()) : v;
    } else if (e instanceof Expr.Binary b) {
      Value l = eval(b.left(), f);
      Value r = eval(b.right(), f);
      return ops.binary(b.op(), l, r, b.span());
    } else if (e instanceof Expr.Ternary t) {
      return ternary(t, f);
    } else if (e instanceof Expr.Cast c) {
      return cast(c, eval(c.arg(), f));
    } else if (e instanceof Expr.MatrixLiteral m) {
      return matrixLiteral(m, f);
    } else if (e instanceof Expr.Index ix) {
      return index(ix, f);
    } else if (e instanceof Expr.FrameColumns fc) {
      return frameColumns(fc, f);
    } else if (e instanceof Expr.FrameRows fr) {
      return frameRows(fr, f);
    }
    throw new AssertionError("not evaluable here: " + e);
  }

  private Value frameColumns(Expr.FrameColumns e, CallFrame f) {
    List<String> labels = new ArrayList<>();
    List<DenseMatrix> cols = new ArrayList<>();
    for (int j = 0; j < e.labels().size(); j++) {
      labels.add(frameLabel(e.labels().get(j), f));
      Expr c = e.columns().get(j);
      Value v = eval(c, f);
      if (!(v instanceof MatrixValue m)) {
        throw new ScriptException.Runtime(
            c.span(), "the columns of a frame literal must be matrices");
      }
      cols.add(FrameValue.detached(m));
    }
    return new FrameValue(Frames.of(labels, cols));
  }

  private Value frameRows(Expr.FrameRows e, CallFrame f) {
    List<String> labels = new ArrayList<>();
    for (Expr l : e.labels()) {
      labels.add(frameLabel(l, f));
    }
    int n = e.rows().size();
    Scalar[][] cells = new Scalar[labels.size()][n];
    ValueType[] types = new ValueType[labels.size()];
    for (int r = 0; r < n; r++) {
      List<Expr> row = e.rows().get(r);
      for (int j = 0; j < row.size(); j++) {
        Scalar s = scalarOf(eval(row.get(j), f), row.get(j).span());
        cells[j][r] = s;
        types[j] = types[j] == null ? s.type() : ValueType.mostGeneral(types[j], s.type());
      }
    }
    List<DenseMatrix> cols = new ArrayList<>();
    for (int j = 0; j < labels.size(); j++) {
      DenseMatrix m = DenseMatrix.allocate(types[j], n, 1);
      for (int r = 0; r < n; r++) {
        m.set(r, cells[j][r]);
      }
      cols.add(m);
    }
    return new FrameValue(Frames.of(labels, cols));
  }

  private String frameLabel(Expr label, CallFrame f) {
    Scalar s = scalarOf(eval(label, f), label.span());
    if (s.type() != ValueType.STR) {
      throw new ScriptException.Runtime(label.span(), "frame column labels must be strings");
    }
    return s.stringValue();
  }

  private Value ternary(Expr.Ternary t, CallFrame f) {
    Value c = eval(t.cond(), f);
    Value a = eval(t.then(), f);
    Value b = eval(t.otherwise(), f);
    if (c instanceof ScalarValue s) {
      return s.scalar().isTrue() ? a : b;
    }
    DenseMatrix cond = ((MatrixValue) c).dense();
    ValueType vt = a instanceof MatrixValue m ? m.type() : ((ScalarValue) a).scalar().type();
    DenseMatrix out = DenseMatrix.allocate(vt, cond.rows(), cond.cols());
    DenseMatrix am = selectOperand(a, cond, "then");
    DenseMatrix bm = selectOperand(b, cond, "else");
    for (int i = 0; i < out.size(); i++) {
      out.set(
          i,
          cond.get(i).isTrue() ? am.get(am.size() == 1 ? 0 : i) : bm.get(bm.size() == 1 ? 0 : i));
    }
    return new MatrixValue(out);
  }

  private static DenseMatrix selectOperand(Value v, DenseMatrix cond, String which) {
    if (v instanceof ScalarValue s) {
      return DenseMatrix.ofScalar(s.scalar());
    }
    DenseMatrix m = ((MatrixValue) v).dense();
    if (m.rows() != cond.rows() || m.cols() != cond.cols()) {
      throw new KernelException(
          "the "
              + which
              + " operand of ?: must have the condition's shape "
              + cond.rows()
              + "x"
              + cond.cols()
              + ", got "
              + m.rows()
              + "x"
              + m.cols());
    }
    return m;
  }

  private Value cast(Expr.Cast c, Value v) {
    if ("frame".equals(c.dataType())) {
      if (v instanceof FrameValue) {
        return v;
      }
      return new FrameValue(Frames.fromMatrix(FrameValue.detached(Ops.toMatrix(v))));
    }
    if (v instanceof FrameValue fv) {
      if ("scalar".equals(c.dataType())) {
        Scalar s = Frames.toScalar(fv.frame());
        return new ScalarValue(c.valueType() == null ? s : s.convert(c.valueType()));
      }
      if ("matrix".equals(c.dataType())) {
        return new MatrixValue(Frames.toMatrix(fv.frame(), c.valueType()));
      }
      throw new KernelException("as." + c.valueType().dslName() + " of a frame is not supported");
    }
    if ("scalar".equals(c.dataType())) {
      Scalar s = Ops.toScalar(v);
      return new ScalarValue(c.valueType() == null ? s : s.convert(c.valueType()));
    }
    if ("matrix".equals(c.dataType())) {
      MatrixValue m = Ops.toMatrix(v);
      return c.valueType() == null ? m : ops.convert(m, c.valueType(), c.span());
    }
    return ops.convert(v, c.valueType(), c.span());
  }

  private Value matrixLiteral(Expr.MatrixLiteral m, CallFrame f) {
    List<Scalar> cells = new ArrayList<>(m.elements().size());
    ValueType vt = null;
    for (Expr el : m.elements()) {
      Scalar s = scalarOf(eval(el, f), el.span());
      cells.add(s);
      vt = vt == null ? s.type() : ValueType.mostGeneral(vt, s.type());
    }
    int n = cells.size();
    long rows = n;
    long cols = 1;
    if (m.hasShape()) {
      Long r = m.rows() == null ? null : scalarOf(eval(m.rows(), f), m.rows().span()).asLong();
      Long c = m.cols() == null ? null : scalarOf(eval(m.cols(), f), m.cols().span()).asLong();
      if (r != null && c != null) {
        rows = r;
        cols = c;
      } else if (r != null) {
        rows = r;
        cols = r == 0 ? 0 : n / r;
      } else if (c != null) {
        cols = c;
        rows = c == 0 ? 0 : n / c;
      }
      if (rows < 0 || cols < 0 || rows * cols != n) {
        throw new KernelException(
            "reshape must retain the number of cells: "
                + n
                + " cells cannot become "
                + rows
                + "x"
                + cols);
      }
    }
    DenseMatrix out = DenseMatrix.allocate(vt, rows, cols);
    for (int i = 0; i < n; i++) {
      out.set(i, cells.get(i));
    }
    return ops.sparse().literal(out);
  }

  private Value index(Expr.Index ix, CallFrame f) {
    Value t = eval(ix.target(), f);
    if (t instanceof FrameValue fv) {
      return new FrameValue(indexFrame(fv.frame(), ix, f));
    }
    if (!(t instanceof MatrixValue mv)) {
      throw new KernelException(
          (t instanceof ListValue ? "a list" : "a scalar") + " cannot be indexed");
    }
    if (!mv.isPending() && !mv.isLocal()) {
      // held by the engine: a row range is fetched alone, not the whole matrix
      Selection rows = selection(ix.rows(), mv.rows(), "row", ix.bitVector(), f);
      DenseMatrix part = rows.range == null ? null : ops.rows(mv, rows.range.lo(), rows.range.hi());
      DenseMatrix m = part != null ? part : mv.dense();
      Indexing.Range own = part != null ? new Indexing.Range(0, part.rows()) : rows.range;
      Selection cols = selection(ix.cols(), mv.cols(), "column", ix.bitVector(), f);
      if (own != null && cols.range != null) {
        return new MatrixValue(Indexing.slice(m, own, cols.range));
      }
      int[] r = own != null ? Indexing.range(own) : rows.positions();
      return new MatrixValue(Indexing.gather(m, r, cols.positions()));
    }
    DenseMatrix m = mv.dense();
    Selection rows = selection(ix.rows(), m.rows(), "row", ix.bitVector(), f);
    Selection cols = selection(ix.cols(), m.cols(), "column", ix.bitVector(), f);
    if (rows.range != null && cols.range != null) {
      return new MatrixValue(Indexing.slice(m, rows.range, cols.range));
    }
    return new MatrixValue(Indexing.gather(m, rows.positions(), cols.positions()));
  }

  /** Right indexing of a frame: rows first, then columns, which may also be a label. */
  private Frame indexFrame(Frame fr, Expr.Index ix, CallFrame f) {
    Selection rows = selection(ix.rows(), fr.rows(), "row", ix.bitVector(), f);
    Frame out =
        rows.range != null
            ? (rows.range.lo() == 0 && rows.range.hi() == fr.rows()
                ? fr
                : fr.sliceRows(rows.range.lo(), rows.range.hi()))
            : fr.gatherRows(rows.list);
    Expr.Slice cs = ix.cols();
    if (ix.bitVector() && cs.kind() != Expr.Slice.Kind.ALL) {
      throw new KernelException("frame columns cannot be selected by a bit vector");
    }
    Selection cols;
    if (cs.kind() == Expr.Slice.Kind.SINGLE) {
      Value v = eval(cs.single(), f);
      if (v instanceof ScalarValue sv && sv.scalar().type() == ValueType.STR) {
        return Frames.selectColumns(out, new int[] {Frames.column(out, sv.scalar().stringValue())});
      }
      cols = selectionOf(v, out.cols(), "column", false);
    } else {
      cols = selection(cs, out.cols(), "column", false, f);
    }
    if (cols.range != null && cols.range.lo() == 0 && cols.range.hi() == out.cols()) {
      return out;
    }
    return Frames.selectColumns(out, cols.positions());
  }

  /** Rows or columns picked by one part of an indexing: a range or explicit positions. */
  private record Selection(Indexing.Range range, int[] list) {
    int[] positions() {
      return range != null ? Indexing.range(range) : list;
    }
  }

  private Selection selection(Expr.Slice s, int n, String axis, boolean bits, CallFrame f) {
    switch (s.kind()) {
      case ALL:
        return new Selection(new Indexing.Range(0, n), null);
      case SINGLE:
        return selectionOf(eval(s.single(), f), n, axis, bits);
      default:
        {
          Long lo = s.lo() == null ? null : position(s.lo(), f);
          Long hi = s.hi() == null ? null : position(s.hi(), f);
          return new Selection(Indexing.extractRange(lo, hi, n, axis), null);
        }
    }
  }

  /** The rows or columns a position, position list or bit vector picks on an axis of n. */
  private static Selection selectionOf(Value v, int n, String axis, boolean bits) {
    if (v instanceof MatrixValue pm) {
      return new Selection(
          null,
          bits ? Indexing.bitVector(pm.dense(), n, axis) : Indexing.positions(pm.dense(), n, axis));
    }
    if (bits) {
      throw new KernelException("bit-vector indexing needs a matrix of 0/1 values");
    }
    if (!(v instanceof ScalarValue sv)) {
      throw new KernelException("positions must be scalars or matrices");
    }
    Scalar p = sv.scalar();
    if (p.type() == ValueType.STR) {
      throw new KernelException(
          "matrices cannot be indexed by labels (frames: by column labels only)");
    }
    return new Selection(Indexing.extractPosition(p.asLong(), n, axis), null);
  }

  // ---- calls --------------------------------------------------------------------------------

  private List<Value> call(Expr.Call c, CallFrame f) {
    if (c.name().equals("map") && !f.functions.has("map")) {
      return List.of(map(c, f));
    }
    List<Value> args = new ArrayList<>(c.args().size());
    List<String> names = new ArrayList<>(c.args().size());
    for (Expr.Arg a : c.args()) {
      args.add(eval(a.value(), f));
      names.add(a.name());
    }
    if (f.functions.has(c.name())) {
      return userCall(c, args, names, f);
    }
    Builtin b = Builtins.lookup(c.name());
    CallBinding.Result bound = CallBinding.bind(c.name(), b.params(), b.minArgs(), names);
    List<Value> ordered = CallBinding.reorder(args, bound.order());
    try {
      return b.family().call(b, new Invocation(c.name(), ordered, c.span(), ctx));
    } catch (KernelException | NumberFormatException ex) {
      String msg = ex.getMessage();
      throw new ScriptException.Runtime(
          c.span(), msg != null && msg.startsWith(c.name()) ? msg : c.name() + ": " + msg);
    } catch (UncheckedIOException ex) {
      throw new ScriptException.Runtime(c.span(), ex.getCause().getMessage());
    }
  }

  /** {@code map(X, fn)}: fn called on each element of X, row by row (the checker vetted both). */
  private Value map(Expr.Call c, CallFrame f) {
    MatrixValue x = (MatrixValue) eval(c.args().get(0).value(), f);
    String name = ((Expr.Ref) c.args().get(1).value()).name();
    if (x.isPending()) {
      ops.forceAll(List.of(x));
    }
    DenseMatrix in = x.dense();
    int n = in.size();
    if (n == 0) {
      return new MatrixValue(DenseMatrix.allocate(in.type(), in.rows(), in.cols()));
    }
    Scalar[] out = new Scalar[n];
    for (int i = 0; i < n; i++) {
      List<Value> r = invoke(c.span(), name, List.of(new ScalarValue(in.get(i))), f);
      out[i] = ((ScalarValue) r.get(0)).scalar();
    }
    DenseMatrix result = DenseMatrix.allocate(out[0].type(), in.rows(), in.cols());
    for (int i = 0; i < n; i++) {
      result.set(i, out[i].convert(result.type()));
    }
    return new MatrixValue(result);
  }

  private List<Value> userCall(Expr.Call c, List<Value> args, List<String> names, CallFrame f) {
    List<Value> ordered = args;
    if (CallBinding.anyKeyword(names)) {
      for (FunctionTable.Function fn : f.functions.overloads(c.name())) {
        if (fn.def().params().size() == args.size()) {
          List<String> ps = fn.def().params().stream().map(Stmt.Param::name).toList();
          ordered =
              CallBinding.reorder(args, CallBinding.bind(c.name(), ps, ps.size(), names).order());
          break;
        }
      }
    }
    return invoke(c.span(), c.name(), ordered, f);
  }

  /** Runs the overload of function name that takes args (in parameter order). */
  private List<Value> invoke(Span at, String name, List<Value> ordered, CallFrame f) {
    List<StaticType> types = new ArrayList<>(ordered.size());
    for (Value v : ordered) {
      types.add(runtimeType(v));
    }
    FunctionTable.Function fn = f.functions.select(name, types);
    if (fn == null) {
      throw new ScriptException.Runtime(
          at, "no definition of function `" + name + "` for these argument types");
    }
    Stmt.FuncDef d = fn.def();
    Liveness lv = functionLiveness.computeIfAbsent(d, k -> Liveness.of(k.body().body()));
    CallFrame callee = new CallFrame(fn.scope(), f.file, lv);
    for (int i = 0; i < d.params().size(); i++) {
      callee.vars.put(d.params().get(i).name(), ordered.get(i));
    }
    stack.push(callee);
    retention.callStarted();
    try {
      block(d.body().body(), callee);
    } finally {
      retention.callFinished();
      stack.pop();
    }
    return callee.returned == null ? List.of() : callee.returned;
  }

  /** A value's type as the overload rules see it. */
  static StaticType runtimeType(Value v) {
    if (v instanceof ScalarValue s) {
      return StaticType.scalar(s.scalar().type());
    }
    if (v instanceof ListValue l) {
      return StaticType.list(l.elementType());
    }
    if (v instanceof FrameValue) {
      return StaticType.frame();
    }
    return StaticType.matrix(((MatrixValue) v).type());
  }

  /** Exposed for tests: evaluates a scalar negation the way the interpreter does. */
  static Scalar negate(Scalar s) {
    return ElementOps.apply(UnaryOp.MINUS, s);
  }
}
