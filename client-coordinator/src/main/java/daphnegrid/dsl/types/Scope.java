package daphnegrid.dsl.types;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One level of variable visibility for the checker: a block, a branch, a loop body, or the top of a
 * function or script (a boundary: lookups stop there, so functions never see globals).
 */
final class Scope {
  /** What the checker knows about one variable. */
  static final class Var {
    StaticType type;
    final boolean readOnly;

    Var(StaticType type, boolean readOnly) {
      this.type = type;
      this.readOnly = readOnly;
    }
  }

  final Scope parent;
  final boolean boundary;
  final Map<String, Var> vars = new LinkedHashMap<>();

  Scope(Scope parent, boolean boundary) {
    this.parent = parent;
    this.boundary = boundary;
  }

  /** The variable visible under name, or null. */
  Var lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Var v = s.vars.get(name);
      if (v != null) {
        return v;
      }
      if (s.boundary) {
        return null;
      }
    }
    return null;
  }

  /** All variables visible from here, innermost definition per name. */
  Map<String, Var> visible() {
    Map<String, Var> out = new LinkedHashMap<>();
    for (Scope s = this; s != null; s = s.parent) {
      s.vars.forEach(out::putIfAbsent);
      if (s.boundary) {
        break;
      }
    }
    return out;
  }
}
