package daphnegrid.builtins;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.runtime.ExecutionContext;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.ScalarValue;
import daphnegrid.runtime.Value;
import java.util.List;

/** One call of a built-in at run time: its arguments, where it was written, the context. */
public record Invocation(String name, List<Value> args, Span at, ExecutionContext context) {
  /** Matrix operations of this run. */
  public daphnegrid.runtime.Ops ops() {
    return context.ops();
  }

  public int count() {
    return args.size();
  }

  public Value arg(int i) {
    return args.get(i);
  }

  public boolean isMatrix(int i) {
    return args.get(i) instanceof MatrixValue;
  }

  /** Argument i as a scalar (a 1x1 matrix is not accepted). */
  public Scalar scalar(int i) {
    if (args.get(i) instanceof ScalarValue s) {
      return s.scalar();
    }
    throw error("argument " + (i + 1) + " of `" + name + "` must be a scalar");
  }

  public MatrixValue matrix(int i) {
    if (args.get(i) instanceof MatrixValue m) {
      return m;
    }
    throw error("argument " + (i + 1) + " of `" + name + "` must be a matrix");
  }

  /**
   * Argument i's cells; the first call computes every pending matrix argument together (one pass
   * where they share work).
   */
  public DenseMatrix dense(int i) {
    MatrixValue m = matrix(i);
    if (m.isPending()) {
      context.ops().forceAll(args);
    }
    return m.dense();
  }

  public long asLong(int i) {
    return scalar(i).asLong();
  }

  /** A size argument: a non-negative integer. */
  public long asSize(int i) {
    long v = scalar(i).asLong();
    if (v < 0) {
      throw error("argument " + (i + 1) + " of `" + name + "` must not be negative, got " + v);
    }
    return v;
  }

  public double asDouble(int i) {
    return scalar(i).asDouble();
  }

  public boolean asBool(int i) {
    return scalar(i).isTrue();
  }

  public String asString(int i) {
    Scalar s = scalar(i);
    if (s.type() != daphnegrid.kernels.ValueType.STR) {
      throw error("argument " + (i + 1) + " of `" + name + "` must be a string");
    }
    return s.stringValue();
  }

  public ScriptException.Runtime error(String message) {
    return new ScriptException.Runtime(at, message);
  }
}
