package daphnegrid.builtins;

import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.runtime.Value;
import java.util.List;

/**
 * A group of related built-ins implemented by one class, which types a call before execution and
 * runs it, choosing by {@link Builtin#name()}. (One class per family rather than one lambda per
 * built-in: classes can be archived by the JVM's start-up cache, lambdas here cannot.)
 */
public interface BuiltinFamily {
  /**
   * The result types of a call from its argument types (in declaration order).
   *
   * @throws daphnegrid.dsl.ScriptException for a call rejected before execution
   */
  List<StaticType> type(Builtin b, List<StaticType> args, Span at);

  /**
   * Whether argument index (in declaration order) may be a list; the checker rejects lists
   * everywhere else.
   */
  default boolean takesList(Builtin b, int index) {
    return false;
  }

  /**
   * Whether argument index (in declaration order) may be a frame; the checker rejects frames
   * everywhere else.
   */
  default boolean takesFrame(Builtin b, int index) {
    return false;
  }

  /** Runs a call; arguments are in declaration order. */
  List<Value> call(Builtin b, Invocation inv);
}
