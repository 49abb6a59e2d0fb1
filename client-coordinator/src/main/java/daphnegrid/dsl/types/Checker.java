package daphnegrid.dsl.types;

import daphnegrid.builtins.Builtin;
import daphnegrid.builtins.Builtins;
import daphnegrid.builtins.CallBinding;
import daphnegrid.builtins.Typing;
import daphnegrid.dsl.ModuleLoader;
import daphnegrid.dsl.ScriptArgs;
import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.dsl.ast.Expr;
import daphnegrid.dsl.ast.Script;
import daphnegrid.dsl.ast.Stmt;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole script before anything runs (spec 3, 4, 11.4): names and scoping, function and
 * built-in calls (arity, keywords, overloads, result counts), script arguments, the modules imports
 * bring in, and the value types the language fixes statically (consistency across control flow,
 * conditional expressions, the operand rules of {@link OperandRules}, rand's min/max). Scalar
 * constants are propagated where the language needs them (aggregation axes) and folded by {@link
 * ConstantFolding}; imported files come from the run's {@link ModuleLoader}.
 *
 * <p>A branch of an {@code if} whose condition is a constant (a literal, an expression of
 * constants, a script argument, a variable or parameter bound to one) never runs. DAPHNE resolves
 * names, calls and the variables' types after the branches while parsing, then drops such a branch
 * before it infers the types of operations; so the checker checks the branch's names, calls and the
 * types its assignments leave, but not its operations, and only the branch that runs decides what
 * the variables hold afterwards. Function bodies are checked once per combination of argument types
 * and constant arguments, so a constant passed to a function decides the branches inside it the
 * same way.
 *
 * <p>Name and call errors throw {@link ScriptException.Parse} (exit 1); type errors throw {@link
 * ScriptException.Compile} (exit 2).
 */
public final class Checker {
  private final ScriptArgs scriptArgs;
  private final ModuleLoader.Pass imports;
  private final Deque<Stmt.FuncDef> checking = new ArrayDeque<>();
  // by identity: a definition's record equality would compare (and hash) its whole body
  private final Map<Stmt.FuncDef, Map<List<StaticType>, List<StaticType>>> specialised =
      new IdentityHashMap<>();
  private final MetaReader metaReader;
  private final SqlViews views = new SqlViews();

  /** Reads the value type of a matrix file from its meta data at check time. */
  @FunctionalInterface
  public interface MetaReader {
    /** The value type of file, or throws ScriptException.Compile. */
    ValueType valueType(String file, Span at);

    /** Checks that file has a frame's meta data, or throws ScriptException.Compile. */
    default void checkFrame(String file, Span at) {}

    /** Checks file's frame meta data as {@link #checkFrame}; its schema, or null if unknown. */
    default FrameSchema frameSchema(String file, Span at) {
      checkFrame(file, at);
      return null;
    }
  }

  /** Per-function (or script) state: where returns may appear and what they returned. */
  private static final class FunctionContext {
    final Stmt.FuncDef def;
    final List<List<StaticType>> returns = new ArrayList<>();
    FunctionTable functions;
    int loopDepth;
    int blockDepth;

    /** How many branches that a constant condition never takes enclose the code being checked. */
    int unreachable;

    FunctionContext(Stmt.FuncDef def, FunctionTable functions) {
      this.def = def;
      this.functions = functions;
    }

    boolean reachable() {
      return unreachable == 0;
    }
  }

  /**
   * @param modules the run's module loader; the checker walks the imports in a pass of its own
   */
  public Checker(ScriptArgs scriptArgs, ModuleLoader modules, MetaReader metaReader) {
    this.scriptArgs = scriptArgs;
    this.imports = modules.newPass();
    this.metaReader = metaReader;
  }

  /** Checks the main script; returns normally iff it may run. */
  public void check(Script script) {
    checkModule(script);
    views.checkQueries();
  }

  /** Checks a script's top level; returns its top-level variables and its functions. */
  private CheckedModule checkModule(Script script) {
    FunctionContext fc = new FunctionContext(null, new FunctionTable());
    Scope top = new Scope(null, true);
    for (Stmt s : script.statements()) {
      statement(s, top, fc, script.path());
    }
    CheckedModule m = new CheckedModule();
    for (Map.Entry<String, Scope.Var> e : top.vars.entrySet()) {
      m.vars.put(e.getKey(), e.getValue().type);
    }
    m.functions = fc.functions;
    return m;
  }

  private static final class CheckedModule {
    final Map<String, StaticType> vars = new HashMap<>();
    FunctionTable functions;
  }

  // ---- statements ---------------------------------------------------------------------------

  private void statements(List<Stmt> body, Scope scope, FunctionContext fc, Path file) {
    for (Stmt s : body) {
      statement(s, scope, fc, file);
      if (s instanceof Stmt.Return) {
        return; // statements after a return in the same block are dropped (spec 4.8)
      }
    }
  }

  private void statement(Stmt s, Scope scope, FunctionContext fc, Path file) {
    if (s instanceof Stmt.ExprStmt e) {
      types(e.expr(), scope, fc, 0);
    } else if (s instanceof Stmt.Assign a) {
      assign(a, scope, fc);
    } else if (s instanceof Stmt.Block b) {
      fc.blockDepth++;
      statements(b.body(), new Scope(scope, false), fc, file);
      fc.blockDepth--;
    } else if (s instanceof Stmt.If i) {
      ifStatement(i, scope, fc, file);
    } else if (s instanceof Stmt.While w) {
      conditionType(w.cond(), scope, fc);
      loop(w.body(), scope, fc, file, null, w.cond());
    } else if (s instanceof Stmt.DoWhile d) {
      loop(d.body(), scope, fc, file, null, null);
      conditionType(d.cond(), scope, fc);
    } else if (s instanceof Stmt.For f) {
      for (Expr e : new Expr[] {f.from(), f.to(), f.step()}) {
        if (e != null) {
          StaticType t = type(e, scope, fc);
          if (t.isMatrix() || t.isList() || t.isFrame() || t.valueType() == ValueType.STR) {
            typeError(fc, e.span(), "loop bounds must be numeric scalars, got " + t.describe());
          }
        }
      }
      loop(f.body(), scope, fc, file, f.var(), null);
    } else if (s instanceof Stmt.FuncDef d) {
      defineFunction(d, scope, fc, file);
    } else if (s instanceof Stmt.Return r) {
      ret(r, scope, fc);
    } else if (s instanceof Stmt.Import im) {
      importStatement(im, scope, fc, file);
    }
  }

  private void importStatement(Stmt.Import im, Scope scope, FunctionContext fc, Path file) {
    if (fc.def != null || scope.parent != null || fc.blockDepth > 0) {
      throw new ScriptException.Parse(im.span(), "imports are only allowed at the top level");
    }
    imports.load(
        file,
        im,
        module -> {
          CheckedModule m = checkModule(module.script());
          module.export(m.vars, (name, t) -> scope.vars.put(name, new Scope.Var(t, false)));
          module.export(
              m.functions.all(),
              (name, overloads) -> overloads.forEach(f -> fc.functions.define(name, f)));
        });
  }

  private void ifStatement(Stmt.If i, Scope scope, FunctionContext fc, Path file) {
    Boolean taken = ConstantFolding.condition(conditionType(i.cond(), scope, fc));
    Map<String, Scope.Var> before = scope.visible();
    Map<String, StaticType> saved = snapshot(before);
    fc.blockDepth++;
    branch(i.then(), Boolean.FALSE.equals(taken), scope, fc, file);
    Map<String, StaticType> afterThen = snapshot(before);
    restore(before, saved);
    if (i.otherwise() != null) {
      branch(i.otherwise(), Boolean.TRUE.equals(taken), scope, fc, file);
    }
    fc.blockDepth--;
    Map<String, StaticType> afterElse = snapshot(before);
    for (var e : before.entrySet()) {
      StaticType t1 = afterThen.get(e.getKey());
      StaticType t2 = afterElse.get(e.getKey());
      // DAPHNE compares the branches while parsing, before a constant condition removes one
      if (!t1.compatible(t2)) {
        throw new ScriptException.Parse(
            i.span(),
            "variable `"
                + e.getKey()
                + "` has different types after the branches of this if statement: "
                + t1.describe()
                + " and "
                + t2.describe());
      }
      // with a constant condition the branch that runs alone decides (constants included)
      e.getValue().type = taken == null ? t1.merge(t2) : taken ? t1 : t2;
    }
  }

  /** One branch of an if, in a scope of its own; unreachable when a constant condition skips it. */
  private void branch(Stmt s, boolean unreachable, Scope scope, FunctionContext fc, Path file) {
    if (unreachable) {
      fc.unreachable++;
    }
    statement(s, new Scope(scope, false), fc, file);
    if (unreachable) {
      fc.unreachable--;
    }
  }

  private void loop(
      Stmt body, Scope scope, FunctionContext fc, Path file, String loopVar, Expr whileCond) {
    Map<String, Scope.Var> before = scope.visible();
    Set<String> assigned = new HashSet<>();
    assignedNames(body, assigned);
    for (String n : assigned) {
      Scope.Var v = before.get(n);
      if (v != null) {
        v.type = v.type.withoutConstant();
      }
    }
    if (whileCond != null) {
      conditionType(whileCond, scope, fc);
    }
    Map<String, StaticType> saved = snapshot(before);
    Scope inner = new Scope(scope, false);
    if (loopVar != null) {
      inner.vars.put(loopVar, new Scope.Var(StaticType.scalar(ValueType.SI64), true));
    }
    fc.loopDepth++;
    fc.blockDepth++;
    statement(body, inner, fc, file);
    fc.loopDepth--;
    fc.blockDepth--;
    for (var e : before.entrySet()) {
      StaticType t0 = saved.get(e.getKey());
      StaticType t1 = e.getValue().type;
      if (!t0.compatible(t1)) {
        throw new ScriptException.Parse(
            body.span(),
            "variable `"
                + e.getKey()
                + "` changes its type inside this loop: "
                + t0.describe()
                + " before, "
                + t1.describe()
                + " after");
      }
      e.getValue().type = t0.merge(t1);
    }
  }

  private static Map<String, StaticType> snapshot(Map<String, Scope.Var> vars) {
    Map<String, StaticType> m = new HashMap<>();
    for (Map.Entry<String, Scope.Var> e : vars.entrySet()) {
      m.put(e.getKey(), e.getValue().type);
    }
    return m;
  }

  private static void restore(Map<String, Scope.Var> vars, Map<String, StaticType> saved) {
    for (Map.Entry<String, Scope.Var> e : vars.entrySet()) {
      e.getValue().type = saved.get(e.getKey());
    }
  }

  /** Names assigned anywhere in s (for dropping constants before a loop body). */
  private static void assignedNames(Stmt s, Set<String> out) {
    if (s instanceof Stmt.Assign a) {
      for (Stmt.Target t : a.targets()) {
        out.add(t.name());
      }
    } else if (s instanceof Stmt.Block b) {
      for (Stmt x : b.body()) {
        assignedNames(x, out);
      }
    } else if (s instanceof Stmt.If i) {
      assignedNames(i.then(), out);
      if (i.otherwise() != null) {
        assignedNames(i.otherwise(), out);
      }
    } else if (s instanceof Stmt.While w) {
      assignedNames(w.body(), out);
    } else if (s instanceof Stmt.DoWhile d) {
      assignedNames(d.body(), out);
    } else if (s instanceof Stmt.For f) {
      assignedNames(f.body(), out);
    }
  }

  private StaticType conditionType(Expr cond, Scope scope, FunctionContext fc) {
    StaticType t = type(cond, scope, fc);
    if (t.isList() || t.isFrame()) {
      typeError(
          fc, cond.span(), "a condition must be a scalar or a 1x1 matrix, got " + t.describe());
    }
    return t;
  }

  private void assign(Stmt.Assign a, Scope scope, FunctionContext fc) {
    List<StaticType> values = types(a.value(), scope, fc, a.targets().size());
    if (values.size() != a.targets().size()) {
      throw new ScriptException.Parse(
          a.span(),
          "the right side yields "
              + values.size()
              + " value(s) but "
              + a.targets().size()
              + " variable(s) are assigned");
    }
    for (int i = 0; i < values.size(); i++) {
      Stmt.Target t = a.targets().get(i);
      StaticType v = values.get(i);
      Scope.Var existing = scope.lookup(t.name());
      if (existing != null && existing.readOnly) {
        throw new ScriptException.Parse(
            t.span(), "trying to assign read-only variable `" + t.name() + "` (a loop variable)");
      }
      if (t.name().contains(".")) {
        throw new ScriptException.Parse(t.span(), "cannot assign to `" + t.name() + "`");
      }
      if (t.indexed()) {
        if (existing == null) {
          throw new ScriptException.Parse(
              t.span(), "variable `" + t.name() + "` referenced before assignment");
        }
        if (existing.type.isScalar() || existing.type.isList() || existing.type.isFrame()) {
          typeError(fc, t.span(), "a " + dataType(existing.type) + " cannot be left-indexed");
        }
        checkLeftSlice(t.rows(), scope, fc);
        checkLeftSlice(t.cols(), scope, fc);
        if (v.known() && !v.isMatrix()) {
          typeError(
              fc,
              t.span(),
              "left indexing needs a matrix on the right side (scalars are not broadcast; use"
                  + " [v] or as.matrix(v))");
        }
        existing.type = existing.type.withoutConstant();
        continue;
      }
      if (existing != null) {
        existing.type = v;
      } else {
        scope.vars.put(t.name(), new Scope.Var(v, false));
      }
    }
  }

  private void checkLeftSlice(Expr.Slice s, Scope scope, FunctionContext fc) {
    switch (s.kind()) {
      case ALL -> {}
      case SINGLE -> {
        StaticType t = type(s.single(), scope, fc);
        if (t.isMatrix() || t.isList() || t.isFrame() || t.valueType() == ValueType.STR) {
          throw new ScriptException.Parse(
              s.single().span(), "left indexing supports positions and ranges only");
        }
      }
      case RANGE -> {
        for (Expr e : new Expr[] {s.lo(), s.hi()}) {
          StaticType bound = e == null ? null : type(e, scope, fc);
          if (bound != null && (bound.isList() || bound.isFrame())) {
            throw new ScriptException.Parse(e.span(), "range bounds must be scalars");
          }
        }
      }
    }
  }

  private void ret(Stmt.Return r, Scope scope, FunctionContext fc) {
    if (fc.def == null) {
      throw new ScriptException.Parse(r.span(), "return outside of a function");
    }
    if (fc.loopDepth > 0) {
      throw new ScriptException.Parse(r.span(), "return is not allowed inside loops");
    }
    List<StaticType> vals = new ArrayList<>();
    for (Expr e : r.values()) {
      vals.add(type(e, scope, fc));
    }
    if (fc.reachable()) {
      fc.returns.add(vals); // a return that never runs gives the function no results
    }
  }

  // ---- functions ----------------------------------------------------------------------------

  private void defineFunction(Stmt.FuncDef d, Scope scope, FunctionContext fc, Path file) {
    if (fc.def != null || scope.parent != null || fc.blockDepth > 0) {
      throw new ScriptException.Parse(
          d.span(), "function `" + d.name() + "` must be defined at the top level");
    }
    Set<String> names = new HashSet<>();
    for (Stmt.Param p : d.params()) {
      if (!names.add(p.name())) {
        throw new ScriptException.Parse(
            p.span(), "parameter `" + p.name() + "` appears twice in function `" + d.name() + "`");
      }
    }
    FunctionTable own = fc.functions.copy();
    FunctionTable.Function f = new FunctionTable.Function(d, own);
    own.define(d.name(), f);
    fc.functions.define(d.name(), f);
    instantiate(f, declaredParams(d), d.span(), file);
  }

  private static List<StaticType> declaredParams(Stmt.FuncDef d) {
    return d.params().stream().map(p -> paramType(p.type())).toList();
  }

  private static StaticType paramType(Stmt.TypeSpec t) {
    if (t == null) {
      return StaticType.ANY;
    }
    return t.matrix() ? StaticType.matrix(t.valueType()) : StaticType.scalar(t.valueType());
  }

  /**
   * The result types of f called with args: its declared results, or what its body returns when
   * checked with those argument types. Constant arguments are constants in the body, so they decide
   * its constant conditions (memoised per argument types and constants).
   */
  private List<StaticType> instantiate(
      FunctionTable.Function f, List<StaticType> args, Span at, Path file) {
    Stmt.FuncDef d = f.def();
    List<StaticType> key = List.copyOf(args);
    Map<List<StaticType>, List<StaticType>> memo = specialised.get(d);
    if (memo == null) {
      memo = new HashMap<>();
      specialised.put(d, memo);
    }
    if (memo.containsKey(key)) {
      return memo.get(key);
    }
    if (beingChecked(d)) {
      if (d.results() == null) {
        throw new ScriptException.Parse(
            at,
            "recursive call of function `"
                + d.name()
                + "`, which does not declare its result types (add -> type)");
      }
      return declaredResults(d);
    }
    checking.push(d);
    try {
      FunctionContext fc = new FunctionContext(d, f.scope());
      Scope top = new Scope(null, true);
      for (int i = 0; i < d.params().size(); i++) {
        top.vars.put(d.params().get(i).name(), new Scope.Var(args.get(i), false));
      }
      statements(d.body().body(), top, fc, file);
      List<StaticType> results = resultsOf(d, fc);
      memo.put(key, results);
      return results;
    } finally {
      checking.pop();
    }
  }

  private static List<StaticType> declaredResults(Stmt.FuncDef d) {
    return d.results().stream().map(Checker::paramType).toList();
  }

  private List<StaticType> resultsOf(Stmt.FuncDef d, FunctionContext fc) {
    if (d.results() != null) {
      List<StaticType> declared = declaredResults(d);
      if (fc.returns.isEmpty() && !declared.isEmpty()) {
        throw new ScriptException.Parse(
            d.span(),
            "function `"
                + d.name()
                + "` declares "
                + declared.size()
                + " result(s) but never returns");
      }
      for (List<StaticType> r : fc.returns) {
        if (r.size() != declared.size()) {
          throw new ScriptException.Parse(
              d.span(),
              "function `"
                  + d.name()
                  + "` declares "
                  + declared.size()
                  + " result(s) but returns "
                  + r.size());
        }
        for (int i = 0; i < r.size(); i++) {
          if (!FunctionTable.accepts(d.results().get(i), r.get(i))) {
            throw new ScriptException.Parse(
                d.span(),
                "function `"
                    + d.name()
                    + "` declares result "
                    + (i + 1)
                    + " as "
                    + d.results().get(i)
                    + " but returns "
                    + r.get(i).describe());
          }
        }
      }
      return declared;
    }
    if (fc.returns.isEmpty()) {
      return List.of();
    }
    List<StaticType> first = fc.returns.get(0);
    List<StaticType> merged = new ArrayList<>(first);
    for (List<StaticType> r : fc.returns) {
      if (r.size() != first.size()) {
        throw new ScriptException.Parse(
            d.span(), "function `" + d.name() + "` returns different numbers of values");
      }
      for (int i = 0; i < r.size(); i++) {
        merged.set(i, merged.get(i).merge(r.get(i)).withoutConstant());
      }
    }
    return merged;
  }

  // ---- expressions --------------------------------------------------------------------------

  /** The single value of an expression (calls must yield exactly one). */
  private StaticType type(Expr e, Scope scope, FunctionContext fc) {
    List<StaticType> ts = types(e, scope, fc, 1);
    if (ts.size() != 1) {
      throw new ScriptException.Parse(
          e.span(),
          "expected exactly one value here, but the call yields " + ts.size() + " value(s)");
    }
    return ts.get(0);
  }

  /**
   * The values of an expression. In unreachable code a type error is no error: the values are then
   * unknown, as many as the caller expects, and checking goes on with the names and calls around.
   */
  private List<StaticType> types(Expr e, Scope scope, FunctionContext fc, int expected) {
    try {
      if (e instanceof Expr.Call c) {
        return call(c, scope, fc);
      }
      return List.of(typeOne(e, scope, fc));
    } catch (ScriptException.Compile ex) {
      if (fc.reachable()) {
        throw ex;
      }
      return Collections.nCopies(expected, StaticType.ANY);
    }
  }

  /** A type error where code may run; in unreachable code, nothing. */
  private static void typeError(FunctionContext fc, Span at, String message) {
    if (fc.reachable()) {
      throw new ScriptException.Compile(at, message);
    }
  }

  private StaticType typeOne(Expr e, Scope scope, FunctionContext fc) {
    if (e instanceof Expr.Literal l) {
      return StaticType.constant(l.value());
    } else if (e instanceof Expr.Ref r) {
      Scope.Var v = scope.lookup(r.name());
      if (v == null) {
        throw new ScriptException.Parse(
            r.span(), "variable `" + r.name() + "` referenced before assignment");
      }
      return v.type;
    } else if (e instanceof Expr.ScriptArg a) {
      return StaticType.constant(scriptArgs.value(a.name(), a.span()));
    } else if (e instanceof Expr.Unary u) {
      StaticType t = type(u.operand(), scope, fc);
      if (t.isList() || t.isFrame()) {
        throw new ScriptException.Compile(
            u.span(), "`" + (u.negate() ? "-" : "+") + "` is not defined for " + dataType(t) + "s");
      }
      if (!u.negate()) {
        return t;
      }
      StaticType folded = ConstantFolding.negate(u.span(), t);
      return folded != null ? folded : t;
    } else if (e instanceof Expr.Binary b) {
      return binary(b, scope, fc);
    } else if (e instanceof Expr.Ternary t) {
      return ternary(t, scope, fc);
    } else if (e instanceof Expr.Cast c) {
      return cast(c, scope, fc);
    } else if (e instanceof Expr.MatrixLiteral m) {
      return matrixLiteral(m, scope, fc);
    } else if (e instanceof Expr.Index ix) {
      return index(ix, scope, fc);
    } else if (e instanceof Expr.FrameColumns f) {
      return frameColumns(f, scope, fc);
    } else if (e instanceof Expr.FrameRows f) {
      return frameRows(f, scope, fc);
    }
    throw new AssertionError("unknown expression: " + e);
  }

  /** {@code {label: column, ...}}: str scalar labels, matrix columns (spec 3.4, exit 1). */
  private StaticType frameColumns(Expr.FrameColumns f, Scope scope, FunctionContext fc) {
    for (int j = 0; j < f.labels().size(); j++) {
      frameLabel(f.labels().get(j), scope, fc);
      Expr col = f.columns().get(j);
      StaticType t = type(col, scope, fc);
      if (t.known() && !t.isMatrix()) {
        throw new ScriptException.Parse(
            col.span(), "the columns of a frame literal must be matrices, got " + t.describe());
      }
      if (t.valueType() == ValueType.BOOL) {
        typeError(fc, col.span(), "frames have no bool columns, got " + t.describe());
      }
    }
    return StaticType.frame();
  }

  /** {@code {[labels], [row], ...}}: str scalar labels, scalar values (spec 3.4, exit 1). */
  private StaticType frameRows(Expr.FrameRows f, Scope scope, FunctionContext fc) {
    for (Expr l : f.labels()) {
      frameLabel(l, scope, fc);
    }
    ValueType[] col = new ValueType[f.labels().size()];
    boolean[] unknown = new boolean[col.length];
    for (List<Expr> row : f.rows()) {
      for (int j = 0; j < row.size(); j++) {
        StaticType t = type(row.get(j), scope, fc);
        if (t.known() && !t.isScalar()) {
          throw new ScriptException.Parse(
              row.get(j).span(),
              "the values of a frame literal row must be scalars, got " + t.describe());
        }
        if (t.valueType() == null) {
          unknown[j] = true;
        } else {
          col[j] = col[j] == null ? t.valueType() : ValueType.mostGeneral(col[j], t.valueType());
        }
      }
    }
    for (int j = 0; j < col.length; j++) {
      if (!unknown[j] && col[j] == ValueType.BOOL) {
        typeError(
            fc, f.labels().get(j).span(), "frames have no bool columns (all values are bool)");
      }
    }
    return StaticType.frame();
  }

  private void frameLabel(Expr label, Scope scope, FunctionContext fc) {
    StaticType t = type(label, scope, fc);
    if (t.known() && (!t.isScalar() || (t.valueType() != null && t.valueType() != ValueType.STR))) {
      throw new ScriptException.Parse(
          label.span(), "frame column labels must be strings, got " + t.describe());
    }
  }

  private StaticType binary(Expr.Binary b, Scope scope, FunctionContext fc) {
    StaticType l = type(b.left(), scope, fc);
    StaticType r = type(b.right(), scope, fc);
    if (l.isList() || r.isList()) {
      throw new ScriptException.Compile(
          b.span(), "`" + b.op().symbol() + "` is not defined for lists");
    }
    if (l.isFrame() || r.isFrame()) {
      return FrameOperands.binary(b.span(), b.op(), l, r);
    }
    OperandRules.Refusal refuse = message -> new ScriptException.Compile(b.span(), message);
    OperandRules.onStrings(b.op(), l.valueType(), r.valueType(), refuse);
    StaticType folded = ConstantFolding.binary(b.span(), b.op(), l, r);
    if (folded != null) {
      return folded;
    }
    if (l.isScalar() && r.isMatrix()) {
      OperandRules.scalarLeft(b.op(), l.valueType(), r.valueType(), r.describe(), refuse);
    }
    return Typing.binary(b.op(), l, r);
  }

  private StaticType ternary(Expr.Ternary t, Scope scope, FunctionContext fc) {
    StaticType c = type(t.cond(), scope, fc);
    StaticType a = type(t.then(), scope, fc);
    StaticType b = type(t.otherwise(), scope, fc);
    if (c.isList() || (!c.isScalar() && (a.isList() || b.isList()))) {
      throw new ScriptException.Compile(
          t.span(),
          "lists can only be chosen by ?: with a scalar condition, not selected cell by cell");
    }
    if (c.isFrame() || (!c.isScalar() && (a.isFrame() || b.isFrame()))) {
      throw new ScriptException.Compile(
          t.span(),
          "frames can only be chosen by ?: with a scalar condition, not selected cell by cell");
    }
    if (a.valueType() != null && b.valueType() != null && a.valueType() != b.valueType()) {
      throw new ScriptException.Compile(
          t.span(),
          "the two alternatives of ?: must have the same value type, got "
              + a.describe()
              + " and "
              + b.describe());
    }
    if (c.isMatrix()) {
      return StaticType.matrix(a.valueType() != null ? a.valueType() : b.valueType());
    }
    if (c.isScalar() && a.known() && b.known() && a.kind() != b.kind()) {
      throw new ScriptException.Compile(
          t.span(),
          "the two alternatives of ?: must have the same data type, got "
              + a.describe()
              + " and "
              + b.describe());
    }
    StaticType chosen = ConstantFolding.choose(c, a, b);
    if (chosen != null) {
      return chosen;
    }
    return a.withoutConstant().merge(b.withoutConstant());
  }

  private StaticType cast(Expr.Cast c, Scope scope, FunctionContext fc) {
    StaticType a = type(c.arg(), scope, fc);
    if (a.isList()) {
      throw new ScriptException.Compile(c.span(), "a list cannot be cast");
    }
    if ("frame".equals(c.dataType())) {
      if (c.valueType() != null) {
        throw new ScriptException.Parse(
            c.span(), "as.frame<...> is not supported: frames keep their column types");
      }
      if (a.valueType() == ValueType.BOOL) {
        typeError(fc, c.span(), "frames have no bool columns, got " + a.describe());
      }
      return StaticType.frame();
    }
    if (c.dataType() == null && a.isFrame()) {
      throw new ScriptException.Parse(
          c.span(),
          "as."
              + c.valueType().dslName()
              + " of a frame is not supported (frames keep their"
              + " column types; use as.matrix<"
              + c.valueType().dslName()
              + ">)");
    }
    if ("scalar".equals(c.dataType())) {
      if (c.valueType() == null) {
        return a.isScalar() ? a : StaticType.scalar(a.valueType());
      }
      StaticType folded = ConstantFolding.convert(c.span(), a, c.valueType());
      return folded != null ? folded : StaticType.scalar(c.valueType());
    }
    if ("matrix".equals(c.dataType())) {
      return StaticType.matrix(c.valueType() != null ? c.valueType() : a.valueType());
    }
    StaticType folded = ConstantFolding.convert(c.span(), a, c.valueType());
    if (folded != null) {
      return folded;
    }
    return a.known() ? new StaticType(a.kind(), c.valueType(), null) : StaticType.ANY;
  }

  private StaticType matrixLiteral(Expr.MatrixLiteral m, Scope scope, FunctionContext fc) {
    ValueType vt = null;
    boolean unknown = false;
    boolean anyStr = false;
    boolean anyNonStr = false;
    for (Expr el : m.elements()) {
      StaticType t = type(el, scope, fc);
      if (t.isMatrix() || t.isList() || t.isFrame()) {
        throw new ScriptException.Parse(
            el.span(), "the elements of a matrix literal must be scalars");
      }
      if (t.valueType() == null) {
        unknown = true;
        continue;
      }
      anyStr |= t.valueType() == ValueType.STR;
      anyNonStr |= t.valueType() != ValueType.STR;
      vt = vt == null ? t.valueType() : ValueType.mostGeneral(vt, t.valueType());
    }
    if (anyStr && anyNonStr) {
      throw new ScriptException.Parse(
          m.span(), "a matrix literal must not mix strings with other value types");
    }
    for (Expr dim : new Expr[] {m.rows(), m.cols()}) {
      StaticType d = dim == null ? null : type(dim, scope, fc);
      if (d != null && (d.isMatrix() || d.isList() || d.isFrame())) {
        throw new ScriptException.Parse(dim.span(), "matrix literal dimensions must be scalars");
      }
    }
    return StaticType.matrix(unknown ? null : vt);
  }

  private StaticType index(Expr.Index ix, Scope scope, FunctionContext fc) {
    StaticType t = type(ix.target(), scope, fc);
    if (t.isScalar() || t.isList()) {
      throw new ScriptException.Compile(
          ix.span(),
          "a " + dataType(t) + " cannot be indexed" + (t.isList() ? " (use remove)" : ""));
    }
    for (Expr.Slice s : new Expr.Slice[] {ix.rows(), ix.cols()}) {
      boolean frameCols = t.isFrame() && s == ix.cols();
      if (s.kind() == Expr.Slice.Kind.SINGLE) {
        StaticType p = type(s.single(), scope, fc);
        if (p.isList() || p.isFrame()) {
          throw new ScriptException.Compile(
              s.single().span(), "positions must be scalars or matrices, got " + p.describe());
        }
        if (p.valueType() == ValueType.STR && (!frameCols || !p.isScalar() || ix.bitVector())) {
          throw new ScriptException.Compile(
              s.single().span(),
              t.isFrame()
                  ? "frames can be indexed by a label for columns only"
                  : "matrices cannot be indexed by labels");
        }
        if (frameCols && ix.bitVector()) {
          throw new ScriptException.Compile(
              s.single().span(), "frame columns cannot be selected by a bit vector");
        }
      } else if (s.kind() == Expr.Slice.Kind.RANGE) {
        for (Expr e : new Expr[] {s.lo(), s.hi()}) {
          StaticType bound = e == null ? null : type(e, scope, fc);
          if (bound != null && (bound.isMatrix() || bound.isList() || bound.isFrame())) {
            throw new ScriptException.Parse(e.span(), "range bounds must be scalars");
          }
        }
      }
    }
    return t.isFrame() ? StaticType.frame() : StaticType.matrix(t.valueType());
  }

  private List<StaticType> call(Expr.Call c, Scope scope, FunctionContext fc) {
    if (c.name().equals("map") && !fc.functions.has("map")) {
      return List.of(map(c, scope, fc));
    }
    List<StaticType> argTypes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Expr.Arg a : c.args()) {
      argTypes.add(type(a.value(), scope, fc));
      names.add(a.name());
    }
    if (fc.functions.has(c.name())) {
      if (c.hint() != null) {
        throw new ScriptException.Parse(
            c.span(), "kernel hints are not allowed on user-defined function `" + c.name() + "`");
      }
      return userCall(c, argTypes, names, fc);
    }
    Builtin b = Builtins.lookup(c.name());
    if (b == null) {
      if (Builtins.isUnsupported(c.name())) {
        throw new ScriptException.Parse(c.span(), Builtins.unsupportedMessage(c.name()));
      }
      throw new ScriptException.Parse(c.span(), "unknown built-in function: `" + c.name() + "`");
    }
    if (!b.acceptsCount(argTypes.size())) {
      throw new ScriptException.Parse(
          c.span(),
          "built-in function `"
              + c.name()
              + "` expects "
              + b.countText()
              + " argument(s), but got "
              + argTypes.size());
    }
    CallBinding.Result bound = CallBinding.bind(c.name(), b.params(), b.minArgs(), names);
    if (!bound.ok()) {
      throw new ScriptException.Parse(c.span(), bound.error());
    }
    List<StaticType> ordered = CallBinding.reorder(argTypes, bound.order());
    for (int i = 0; i < ordered.size(); i++) {
      if (ordered.get(i).isList() && !b.family().takesList(b, i)) {
        throw new ScriptException.Compile(
            c.span(),
            "built-in function `" + c.name() + "` takes no list (argument " + (i + 1) + ")");
      }
      if (ordered.get(i).isFrame() && !b.family().takesFrame(b, i)) {
        throw new ScriptException.Compile(
            c.span(),
            "built-in function `" + c.name() + "` takes no frame (argument " + (i + 1) + ")");
      }
    }
    if (c.name().equals("readMatrix")) {
      Scalar path = ordered.get(0).constant();
      if (path != null && path.type() == ValueType.STR) {
        return List.of(StaticType.matrix(metaReader.valueType(path.stringValue(), c.span())));
      }
    }
    FrameSchema schema = null;
    if (c.name().equals("readFrame")) {
      Scalar path = ordered.get(0).constant();
      if (path != null && path.type() == ValueType.STR) {
        schema = metaReader.frameSchema(path.stringValue(), c.span());
      }
    }
    List<StaticType> result = new ArrayList<>();
    for (StaticType t : b.family().type(b, ordered, c.span())) {
      result.add(t.withoutSchema()); // a built-in's result is a new frame
    }
    if (c.name().equals("createFrame")) {
      schema = SqlViews.createdSchema(ordered);
    }
    if (schema != null) {
      result.set(0, StaticType.frame(schema));
    }
    Scalar name = ordered.isEmpty() ? null : ordered.get(0).constant();
    if (name != null && name.type() == ValueType.STR) {
      if (c.name().equals("registerView")) {
        views.register(name.stringValue(), ordered.get(1).schema());
      } else if (c.name().equals("sql") && fc.reachable()) {
        views.query(name.stringValue(), c.span());
      }
    }
    return result;
  }

  /**
   * {@code map(X, f)} (spec 7.14): X a matrix, f the bare name of a function with one parameter and
   * one result, which takes each element of X as a scalar; the result has X's shape and f's result
   * value type.
   */
  private StaticType map(Expr.Call c, Scope scope, FunctionContext fc) {
    if (c.args().size() != 2 || c.args().stream().anyMatch(a -> a.name() != null)) {
      throw new ScriptException.Parse(
          c.span(), "`map` takes two positional arguments: a matrix and the name of a function");
    }
    Expr arg = c.args().get(0).value();
    Expr fn = c.args().get(1).value();
    if (arg instanceof Expr.Ref r && scope.lookup(r.name()) == null && fc.functions.has(r.name())) {
      throw new ScriptException.Parse(
          arg.span(),
          "`map` takes the matrix first and the function second, but its first argument is the"
              + " function `"
              + r.name()
              + "`");
    }
    StaticType argType = type(arg, scope, fc);
    if (argType.known() && !argType.isMatrix()) {
      throw new ScriptException.Parse(
          arg.span(), "the first argument of `map` must be a matrix, not a " + dataType(argType));
    }
    if (!(fn instanceof Expr.Ref name)) {
      throw new ScriptException.Parse(
          fn.span(), "the second argument of `map` must be the name of a function");
    }
    if (scope.lookup(name.name()) != null && !fc.functions.has(name.name())) {
      throw new ScriptException.Parse(
          fn.span(), "`" + name.name() + "` is a variable, but `map` needs the name of a function");
    }
    List<FunctionTable.Function> overloads = fc.functions.overloads(name.name());
    if (overloads.isEmpty()) {
      throw new ScriptException.Parse(
          fn.span(), "`map` names an unknown function `" + name.name() + "`");
    }
    List<StaticType> elem = List.of(StaticType.scalar(argType.valueType()));
    FunctionTable.Function f = fc.functions.select(name.name(), elem);
    if (f == null) {
      boolean unary = overloads.stream().anyMatch(o -> o.def().params().size() == 1);
      throw new ScriptException.Parse(
          fn.span(),
          unary
              ? noDefinition(name.name(), elem)
              : "function `"
                  + name.name()
                  + "` given to `map` must take one argument, but takes "
                  + overloads.get(0).def().params().size());
    }
    List<StaticType> results = instantiate(f, elem, c.span(), null);
    if (results.size() != 1 || (results.get(0).known() && !results.get(0).isScalar())) {
      throw new ScriptException.Parse(
          fn.span(),
          "function `"
              + name.name()
              + "` given to `map` must return one scalar, but returns "
              + (results.size() == 1
                  ? "a " + dataType(results.get(0))
                  : results.size() + " results"));
    }
    return StaticType.matrix(results.get(0).valueType());
  }

  private List<StaticType> userCall(
      Expr.Call c, List<StaticType> argTypes, List<String> names, FunctionContext fc) {
    List<FunctionTable.Function> overloads = fc.functions.overloads(c.name());
    List<StaticType> ordered = argTypes;
    if (CallBinding.anyKeyword(names)) {
      List<String> params = null;
      for (FunctionTable.Function f : overloads) {
        if (f.def().params().size() == argTypes.size()) {
          List<String> ps = f.def().params().stream().map(Stmt.Param::name).toList();
          if (params != null && !params.equals(ps)) {
            throw new ScriptException.Parse(
                c.span(),
                "keyword arguments need the overloads of `"
                    + c.name()
                    + "` to share parameter names");
          }
          params = ps;
        }
      }
      if (params == null) {
        throw new ScriptException.Parse(c.span(), noDefinition(c.name(), argTypes));
      }
      CallBinding.Result bound = CallBinding.bind(c.name(), params, params.size(), names);
      if (!bound.ok()) {
        throw new ScriptException.Parse(c.span(), bound.error());
      }
      ordered = CallBinding.reorder(argTypes, bound.order());
    }
    FunctionTable.Function f = fc.functions.select(c.name(), ordered);
    if (f == null) {
      boolean arity = overloads.stream().anyMatch(o -> o.def().params().size() == argTypes.size());
      throw new ScriptException.Parse(
          c.span(),
          arity
              ? noDefinition(c.name(), ordered)
              : "function `"
                  + c.name()
                  + "` takes "
                  + overloads.get(0).def().params().size()
                  + " argument(s), but got "
                  + argTypes.size());
    }
    // a call that never runs is not specialised: the function's results for its declared types
    return instantiate(f, fc.reachable() ? ordered : declaredParams(f.def()), c.span(), null);
  }

  /** "scalar", "matrix", "frame" or "list", for messages. */
  private static String dataType(StaticType t) {
    return t.isList() ? "list" : t.isMatrix() ? "matrix" : t.isFrame() ? "frame" : "scalar";
  }

  private static String noDefinition(String name, List<StaticType> args) {
    return "no definition of function `"
        + name
        + "` for argument types ("
        + String.join(", ", args.stream().map(StaticType::describe).toList())
        + ")";
  }

  /** Whether d is being checked (a recursive call): by identity, see {@link #specialised}. */
  private boolean beingChecked(Stmt.FuncDef d) {
    for (Stmt.FuncDef f : checking) {
      if (f == d) {
        return true;
      }
    }
    return false;
  }
}
