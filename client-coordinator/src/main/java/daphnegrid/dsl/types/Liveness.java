package daphnegrid.dsl.types;

import daphnegrid.dsl.ast.Expr;
import daphnegrid.dsl.ast.Stmt;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which variables may still be read while and after each statement of one body (a script's top
 * level or a function body) runs: classic backward liveness over the structured statements, with
 * loops iterated to a fixed point. The planner uses it to write out only the matrices a later
 * statement can read; everything else a fused pass computes stays an intermediate.
 *
 * <p>{@link #during(Stmt)} is the set for the time the statement executes: what it reads itself
 * (for a loop or branch: everything its body may read first) plus what is live after it.
 */
public final class Liveness {
  private final Map<Stmt, Set<String>> during = new IdentityHashMap<>();
  private final Map<Stmt, Set<String>> after = new IdentityHashMap<>();

  private Liveness() {}

  /** Liveness for a body whose statements are followed by nothing (a script or a function). */
  public static Liveness of(List<Stmt> body) {
    Liveness l = new Liveness();
    l.block(body, Set.of());
    return l;
  }

  /** Variables that may be read while s runs or afterwards; null for statements not analysed. */
  public Set<String> during(Stmt s) {
    return during.get(s);
  }

  /**
   * Variables that may be read after s has finished; null for statements not analysed. While an
   * assignment or expression statement runs, a matrix only it reads is read through the pending
   * computations its evaluation already built, so a fused pass forced in the middle of it need not
   * write that matrix out.
   */
  public Set<String> after(Stmt s) {
    return after.get(s);
  }

  /** Live-in of statements under live-out out; records during() for each. */
  private Set<String> block(List<Stmt> body, Set<String> out) {
    Set<String> live = out;
    for (int i = body.size() - 1; i >= 0; i--) {
      live = stmt(body.get(i), live);
    }
    return live;
  }

  private Set<String> stmt(Stmt s, Set<String> after) {
    Set<String> in;
    if (s instanceof Stmt.ExprStmt e) {
      in = union(after, reads(e.expr()));
    } else if (s instanceof Stmt.Assign a) {
      Set<String> used = reads(a.value());
      Set<String> killed = new HashSet<>();
      for (Stmt.Target t : a.targets()) {
        if (t.indexed()) {
          used.add(t.name());
          slice(t.rows(), used);
          slice(t.cols(), used);
        } else {
          killed.add(t.name());
        }
      }
      in = new HashSet<>(after);
      in.removeAll(killed);
      in.addAll(used);
    } else if (s instanceof Stmt.Block b) {
      in = block(b.body(), after);
    } else if (s instanceof Stmt.If i) {
      Set<String> thenIn = stmt(i.then(), after);
      Set<String> elseIn = i.otherwise() == null ? after : stmt(i.otherwise(), after);
      in = union(union(thenIn, elseIn), reads(i.cond()));
    } else if (s instanceof Stmt.While w) {
      in = loop(w.body(), after, reads(w.cond()), null);
    } else if (s instanceof Stmt.DoWhile d) {
      // the body runs first; after it, the condition and possibly the body again
      Set<String> cond = reads(d.cond());
      Set<String> head = union(after, cond);
      Set<String> bodyIn = stmt(d.body(), head);
      while (true) {
        Set<String> next = stmt(d.body(), union(head, bodyIn));
        if (next.equals(bodyIn)) {
          break;
        }
        bodyIn = next;
      }
      in = bodyIn;
    } else if (s instanceof Stmt.For f) {
      Set<String> bounds = reads(f.from());
      bounds.addAll(reads(f.to()));
      if (f.step() != null) {
        bounds.addAll(reads(f.step()));
      }
      Set<String> body = loop(f.body(), after, Set.of(), f.var());
      in = union(body, bounds);
    } else if (s instanceof Stmt.Return r) {
      Set<String> used = new HashSet<>();
      for (Expr e : r.values()) {
        used.addAll(reads(e));
      }
      in = used;
      after = Set.of();
    } else {
      // function definitions are analysed on their own; imports read nothing of this body
      in = after;
    }
    during.put(s, union(in, after));
    this.after.merge(s, after, Liveness::union);
    return in;
  }

  /**
   * A loop whose condition reads cond before every iteration (and once more before leaving):
   * live-in of the loop, iterating the body's liveness to a fixed point. loopVar, if any, is
   * written before each iteration.
   */
  private Set<String> loop(Stmt body, Set<String> after, Set<String> cond, String loopVar) {
    Set<String> head = union(after, cond);
    while (true) {
      Set<String> bodyIn = new HashSet<>(stmt(body, head));
      if (loopVar != null) {
        bodyIn.remove(loopVar);
      }
      Set<String> next = union(union(after, cond), bodyIn);
      if (next.equals(head)) {
        return head;
      }
      head = next;
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }

  private static void slice(Expr.Slice s, Set<String> out) {
    if (s == null) {
      return;
    }
    for (Expr e : new Expr[] {s.single(), s.lo(), s.hi()}) {
      if (e != null) {
        out.addAll(reads(e));
      }
    }
  }

  /** The variables an expression reads. */
  static Set<String> reads(Expr e) {
    Set<String> out = new HashSet<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, Set<String> out) {
    if (e instanceof Expr.Ref r) {
      out.add(r.name());
    } else if (e instanceof Expr.Unary u) {
      collect(u.operand(), out);
    } else if (e instanceof Expr.Binary b) {
      collect(b.left(), out);
      collect(b.right(), out);
    } else if (e instanceof Expr.Ternary t) {
      collect(t.cond(), out);
      collect(t.then(), out);
      collect(t.otherwise(), out);
    } else if (e instanceof Expr.Call c) {
      for (Expr.Arg a : c.args()) {
        collect(a.value(), out);
      }
    } else if (e instanceof Expr.Cast c) {
      collect(c.arg(), out);
    } else if (e instanceof Expr.MatrixLiteral m) {
      for (Expr x : m.elements()) {
        collect(x, out);
      }
      if (m.rows() != null) {
        collect(m.rows(), out);
      }
      if (m.cols() != null) {
        collect(m.cols(), out);
      }
    } else if (e instanceof Expr.FrameColumns fc) {
      fc.labels().forEach(x -> collect(x, out));
      fc.columns().forEach(x -> collect(x, out));
    } else if (e instanceof Expr.FrameRows fr) {
      fr.labels().forEach(x -> collect(x, out));
      fr.rows().forEach(row -> row.forEach(x -> collect(x, out)));
    } else if (e instanceof Expr.Index ix) {
      collect(ix.target(), out);
      slice(ix.rows(), out);
      slice(ix.cols(), out);
    }
  }
}
