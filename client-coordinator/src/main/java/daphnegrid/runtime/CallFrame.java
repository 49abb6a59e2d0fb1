package daphnegrid.runtime;

import daphnegrid.dsl.ast.Stmt;
import daphnegrid.dsl.types.FunctionTable;
import daphnegrid.dsl.types.Liveness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The variables and callable functions of one function invocation (or of a script's top). */
final class CallFrame {
  final Map<String, Value> vars = new HashMap<>();
  FunctionTable functions;
  final Path file;
  final Liveness liveness;

  /** The statement running now (null before the first). */
  Stmt current;

  /** What a return statement returned. */
  List<Value> returned;

  /**
   * Matrices the running statement has evaluated so far: held in Java locals while the rest of the
   * statement evaluates (a function it calls may run statements meanwhile), so an engine must keep
   * them although no variable refers to them.
   */
  final List<Value> inFlight = new ArrayList<>();

  /** An imported module: its variables outlive its statements. */
  boolean exports;

  CallFrame(FunctionTable functions, Path file, Liveness liveness) {
    this.functions = functions;
    this.file = file;
    this.liveness = liveness;
  }
}
