package daphnegrid.builtins;

import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.runtime.Value;
import java.util.List;

/**
 * One built-in function: its keyword parameter names (null when keywords are not accepted), how
 * many arguments it takes, how the checker types a call before execution, and what it does.
 */
public record Builtin(
    String name, List<String> params, int minArgs, int maxArgs, Typer typer, Impl impl) {

  /** Types a call from its argument types; throws a ScriptException for a rejected call. */
  @FunctionalInterface
  public interface Typer {
    List<StaticType> type(List<StaticType> args, Span at);
  }

  /** Runs a call; arguments are in declaration order. */
  @FunctionalInterface
  public interface Impl {
    List<Value> call(Invocation inv);
  }

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
