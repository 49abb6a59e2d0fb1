package daphnegrid.dsl.ast;

import daphnegrid.dsl.Span;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.util.List;

/** DaphneDSL expressions: plain immutable data, produced by the parser. */
public sealed interface Expr {
  Span span();

  /** A literal number, bool or string. */
  record Literal(Span span, Scalar value) implements Expr {}

  /** A variable, possibly qualified by an import prefix ({@code lib.x}). */
  record Ref(Span span, String name) implements Expr {}

  /** A script argument {@code $name}. */
  record ScriptArg(Span span, String name) implements Expr {}

  /** Prefix {@code -e} ({@code negate}) or {@code +e}. */
  record Unary(Span span, boolean negate, Expr operand) implements Expr {}

  record Binary(Span span, BinaryOp op, Expr left, Expr right) implements Expr {}

  /** {@code cond ? then : otherwise}. */
  record Ternary(Span span, Expr cond, Expr then, Expr otherwise) implements Expr {}

  /** One call argument, positional (name null) or keyword. */
  record Arg(Span span, String name, Expr value) {}

  /** A call of a built-in or user-defined function; hint is a kernel hint or null. */
  record Call(Span span, String name, String hint, List<Arg> args) implements Expr {}

  /**
   * {@code as.matrix(x)}, {@code as.f64(x)}, {@code as.matrix<f64>(x)}: dataType is "matrix",
   * "scalar", "frame" or null; valueType may be null.
   */
  record Cast(Span span, String dataType, ValueType valueType, Expr arg) implements Expr {}

  /** {@code [e1, ..., en](rows, cols)}; hasShape is true when the parenthesised part exists. */
  record MatrixLiteral(Span span, List<Expr> elements, boolean hasShape, Expr rows, Expr cols)
      implements Expr {}

  /**
   * A frame literal by columns (spec 3.4): {@code {label1: col1, label2: col2}}; labels and columns
   * are expressions, one column per label.
   */
  record FrameColumns(Span span, List<Expr> labels, List<Expr> columns) implements Expr {}

  /**
   * A frame literal by rows (spec 3.4): {@code {[l1, l2], [v11, v12], ...}}; the first row holds
   * the labels, every later row one value per label.
   */
  record FrameRows(Span span, List<Expr> labels, List<List<Expr>> rows) implements Expr {}

  /**
   * {@code obj[rows, cols]} or, with bitVector, {@code obj[[rows, cols]]}; either part may be
   * {@link Slice#ALL}.
   */
  record Index(Span span, Expr target, Slice rows, Slice cols, boolean bitVector) implements Expr {}

  /**
   * One part of an indexing: everything, a single expression (a position or position list or bit
   * vector), or a range {@code lo:hi} with optional bounds.
   */
  record Slice(Kind kind, Expr single, Expr lo, Expr hi) {
    public enum Kind {
      ALL,
      SINGLE,
      RANGE
    }

    public static final Slice ALL = new Slice(Kind.ALL, null, null, null);

    public static Slice single(Expr e) {
      return new Slice(Kind.SINGLE, e, null, null);
    }

    public static Slice range(Expr lo, Expr hi) {
      return new Slice(Kind.RANGE, null, lo, hi);
    }
  }
}
