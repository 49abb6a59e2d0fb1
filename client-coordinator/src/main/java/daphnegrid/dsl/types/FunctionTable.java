package daphnegrid.dsl.types;

import daphnegrid.dsl.ast.Stmt;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * User-defined functions visible at a point of a script, by (possibly qualified) name, each name
 * holding its overloads in definition order. Shared by the checker and the interpreter, which both
 * pick overloads with {@link #select}.
 */
public final class FunctionTable {
  /** A definition together with the table of functions its body may call. */
  public record Function(Stmt.FuncDef def, FunctionTable scope) {}

  private final Map<String, List<Function>> byName = new HashMap<>();

  public FunctionTable copy() {
    FunctionTable t = new FunctionTable();
    byName.forEach((k, v) -> t.byName.put(k, new ArrayList<>(v)));
    return t;
  }

  public void define(String name, Function f) {
    byName.computeIfAbsent(name, k -> new ArrayList<>()).add(f);
  }

  public boolean has(String name) {
    return byName.containsKey(name);
  }

  public List<Function> overloads(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /** Functions defined in this table under plain names (for exporting an imported module). */
  public Map<String, List<Function>> all() {
    return byName;
  }

  /**
   * The first overload (in definition order) with as many parameters as arguments whose typed
   * parameters all accept the argument types; null if none. Typed parameters accept exactly their
   * type: the same scalar value type, or a matrix of the given value type ({@code matrix} alone
   * accepts any matrix). Unknown argument types are accepted.
   */
  public Function select(String name, List<StaticType> args) {
    for (Function f : overloads(name)) {
      List<Stmt.Param> ps = f.def().params();
      if (ps.size() != args.size()) {
        continue;
      }
      boolean ok = true;
      for (int i = 0; i < ps.size() && ok; i++) {
        ok = accepts(ps.get(i).type(), args.get(i));
      }
      if (ok) {
        return f;
      }
    }
    return null;
  }

  /** Whether a declared type admits a value of static type t. */
  public static boolean accepts(Stmt.TypeSpec spec, StaticType t) {
    if (spec == null || !t.known()) {
      return true;
    }
    if (spec.matrix()) {
      return t.isMatrix()
          && (spec.valueType() == null
              || t.valueType() == null
              || spec.valueType() == t.valueType());
    }
    ValueType vt = spec.valueType();
    return t.isScalar() && (t.valueType() == null || t.valueType() == vt);
  }
}
