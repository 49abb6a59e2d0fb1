package daphnegrid.builtins;

import java.util.List;

/**
 * One built-in function: its keyword parameter names (null when keywords are not accepted), how
 * many arguments it takes, the {@link BuiltinFamily} that types and runs it, and the operation it
 * stands for when a family implements several alike ({@code sqrt} is {@code UnaryOp.SQRT}).
 */
public record Builtin(
    String name, List<String> params, int minArgs, int maxArgs, BuiltinFamily family, Object op) {

  /** True if n arguments are acceptable (maxArgs -1: no upper bound). */
  public boolean acceptsCount(int n) {
    return n >= minArgs && (maxArgs < 0 || n <= maxArgs);
  }

  /** "exactly 2", "between 2 and 4", "at least 4" */
  public String countText() {
    if (minArgs == maxArgs) {
      return "exactly " + minArgs;
    }
    if (maxArgs < 0) {
      return "at least " + minArgs;
    }
    return "between " + minArgs + " and " + maxArgs;
  }
}
