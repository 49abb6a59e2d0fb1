package daphnegrid.builtins;

import daphnegrid.runtime.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table of built-in functions, filled once from the families ({@link DataBuiltins}, {@link
 * MathBuiltins}, {@link AggregateBuiltins}, {@link MatrixBuiltins}, {@link IoBuiltins}, {@link
 * ListBuiltins}, {@link FrameBuiltins}, {@link DnnBuiltins}).
 */
public final class Builtins {
  private static final Map<String, Builtin> TABLE = new HashMap<>();

  /**
   * Names DaphneDSL defines that this runtime does not implement (frames, SQL, I/O devices, ...).
   */
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "intersect",
          "merge",
          "except",
          "fullOuterJoin",
          "leftOuterJoin",
          "antiJoin",
          "outerXor",
          "outerConcat",
          "openFile",
          "openDevice",
          "openFileOnTarget",
          "close",
          "readCsv",
          "receiveFromNumpy",
          "saveDaphneLibResult");

  static {
    DataBuiltins.register();
    MathBuiltins.register();
    AggregateBuiltins.register();
    MatrixBuiltins.register();
    IoBuiltins.register();
    ListBuiltins.register();
    RelationalBuiltins.register();
    FrameBuiltins.register();
    DnnBuiltins.register();
  }

  private Builtins() {}

  static void add(Builtin b) {
    if (TABLE.put(b.name(), b) != null) {
      throw new IllegalStateException("built-in registered twice: " + b.name());
    }
  }

  static void add(
      String name, List<String> params, int min, int max, BuiltinFamily family, Object op) {
    add(new Builtin(name, params, min, max, family, op));
  }

  /** The built-in called name, or null. */
  public static Builtin lookup(String name) {
    return TABLE.get(name);
  }

  /** True for names of DaphneDSL built-ins this runtime rejects as unsupported. */
  public static boolean isUnsupported(String name) {
    return UNSUPPORTED.contains(name) || name.endsWith("_backward");
  }

  /** The error for a call of an unsupported built-in (see {@link #isUnsupported}). */
  public static String unsupportedMessage(String name) {
    return switch (name) {
      case "intersect", "merge", "except" ->
          "built-in function `"
              + name
              + "` is a set operation that DaphneDSL declares but DAPHNE does not implement"
              + " (it has no kernel); use sql() with DISTINCT and joins instead";
      default -> "built-in function `" + name + "` is not supported by this runtime";
    };
  }

  static List<Value> one(Value v) {
    return List.of(v);
  }
}
