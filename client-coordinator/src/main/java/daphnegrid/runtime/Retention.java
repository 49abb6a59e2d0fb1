package daphnegrid.runtime;

import daphnegrid.dsl.ast.Stmt;
import daphnegrid.plan.Placement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The interpreter's side of memory: which values a running script may still use, told to the
 * engines between statements so that they free (grid maps) or reuse (pooled arrays) the rest.
 *
 * <p>A value stays reachable while a running frame may still read its variable (by {@link
 * daphnegrid.dsl.types.Liveness}), while a statement of a frame below is in the middle of using it
 * (it was evaluated and sits in a Java local while a called function runs), or while it belongs to
 * an imported module. A list keeps its matrices reachable; pending computations keep their operands
 * reachable. Frames count as matrices do (a grid frame's row blocks are freed like a matrix's).
 */
final class Retention {
  private final Deque<CallFrame> stack;
  private final Placement placement;
  private final java.util.function.Supplier<Collection<? extends Value>> pinned;

  /**
   * @param stack the interpreter's frames, innermost first
   * @param pinned values reachable for the rest of the run whatever the variables hold (the frames
   *     registered as SQL views)
   */
  Retention(
      Deque<CallFrame> stack,
      Placement placement,
      java.util.function.Supplier<Collection<? extends Value>> pinned) {
    this.stack = stack;
    this.placement = placement;
    this.pinned = pinned;
  }

  /**
   * The matrices in the variables a running frame may still read (lists give their elements): the
   * planner writes these out when it computes them.
   */
  Collection<Value> liveValues() {
    return values(false);
  }

  /**
   * The matrices a fused pass forced now must write out: as {@link #liveValues}, except that for
   * the innermost frame running an assignment (to plain variables) or an expression statement only
   * the variables read after that statement count. A matrix only the running statement reads has
   * already been taken into the pending computations its evaluation built; should the statement
   * still need it by name, it stays pending and is computed again, with the same cells.
   *
   * <p>Why: in k-means, {@code C = (t(P) @ X) / t(sum(P, 1))} forces one pass that computes P on
   * the way; writing P (n x k) out cost a fresh or recycled n x k array every iteration, more than
   * the pass itself when the pool had no array of that size at hand.
   */
  Collection<Value> writtenOutValues() {
    return values(true);
  }

  /**
   * The matrices in the variables each frame may still read; with afterInnermost, for the innermost
   * frame running a plain statement only those read after it (see above).
   */
  private Collection<Value> values(boolean afterInnermost) {
    List<Value> out = new ArrayList<>();
    boolean innermost = true;
    for (CallFrame f : stack) {
      Set<String> names = null;
      if (f.current != null) {
        names =
            afterInnermost && innermost && statementOnly(f.current)
                ? f.liveness.after(f.current)
                : f.liveness.during(f.current);
      }
      innermost = false;
      if (names == null) {
        f.vars.values().forEach(v -> addMatrices(v, out));
        continue;
      }
      for (String n : names) {
        addMatrices(f.vars.get(n), out);
      }
    }
    return out;
  }

  /** An expression statement or an assignment to plain variables (no indexed target). */
  private static boolean statementOnly(Stmt s) {
    if (s instanceof Stmt.ExprStmt) {
      return true;
    }
    if (s instanceof Stmt.Assign a) {
      return a.targets().stream().noneMatch(Stmt.Target::indexed);
    }
    return false;
  }

  /** Adds the matrices and frames v holds (itself, or a list's elements) to out. */
  private static void addMatrices(Value v, Collection<? super Value> out) {
    if (v instanceof MatrixValue || v instanceof FrameValue) {
      out.add(v);
    } else if (v instanceof ListValue l) {
      out.addAll(l.elements());
    }
  }

  /** Records that the running statement of f holds v in a Java local; returns v. */
  static Value hold(Value v, CallFrame f) {
    addMatrices(v, f.inFlight);
    return v;
  }

  /** After a statement: the engines that track liveness learn what is still reachable. */
  void statementDone() {
    if (placement.tracksLiveness()) {
      placement.retain(reachable());
    }
  }

  void callStarted() {
    placement.callStarted();
  }

  void callFinished() {
    placement.callFinished();
  }

  /** Everything the script may still use, pending computations followed to their operands. */
  Reachable reachable() {
    List<Value> roots = new ArrayList<>(liveValues());
    roots.addAll(pinned.get());
    for (CallFrame f : stack) {
      roots.addAll(f.inFlight);
      if (f.exports) {
        f.vars.values().forEach(v -> addMatrices(v, roots));
      }
    }
    Reachable r = new Reachable();
    Set<MatrixValue> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<MatrixValue> todo = new ArrayDeque<>();
    for (Value v : roots) {
      if (v instanceof MatrixValue m && seen.add(m)) {
        todo.add(m);
      } else if (v instanceof FrameValue f) {
        r.add(f);
      }
    }
    while (!todo.isEmpty()) {
      MatrixValue m = todo.poll();
      r.add(m);
      if (m.isPending()) {
        for (MatrixValue o : m.pending().operands()) {
          if (seen.add(o)) {
            todo.add(o);
          }
        }
      }
    }
    return r;
  }
}
