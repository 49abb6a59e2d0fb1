package daphnegrid.plan;

import daphnegrid.dsl.Span;
import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import daphnegrid.runtime.MatrixValue;
import java.util.List;

/**
 * An operation whose result has not been computed yet. Operands are matrices (computed or pending)
 * and scalars; shapes and types were checked when the node was made, at the position {@code at} of
 * the script operation, which is also where a failure is reported.
 */
public sealed interface Pending {
  Span at();

  /** The matrix operands, in order. */
  List<MatrixValue> operands();

  /** left op right; right is a matrix (same shape, row or column vector) or a {@link Scalar}. */
  record EwBinary(Span at, BinaryOp op, MatrixValue left, Object right) implements Pending {
    @Override
    public List<MatrixValue> operands() {
      return right instanceof MatrixValue r ? List.of(left, r) : List.of(left);
    }
  }

  record EwUnary(Span at, UnaryOp op, MatrixValue arg) implements Pending {
    @Override
    public List<MatrixValue> operands() {
      return List.of(arg);
    }
  }

  record Cast(Span at, ValueType type, MatrixValue arg) implements Pending {
    @Override
    public List<MatrixValue> operands() {
      return List.of(arg);
    }
  }

  /** left @ right where right is small enough to broadcast. */
  record MatMul(Span at, MatrixValue left, MatrixValue right) implements Pending {
    @Override
    public List<MatrixValue> operands() {
      return List.of(left, right);
    }
  }

  /** op over each row (axis 0). */
  record RowAgg(Span at, AggOp op, MatrixValue arg) implements Pending {
    @Override
    public List<MatrixValue> operands() {
      return List.of(arg);
    }
  }

  /** op over each column (axis 1): a reduction over the rows. */
  record ColAgg(Span at, AggOp op, MatrixValue arg) implements Pending {
    @Override
    public List<MatrixValue> operands() {
      return List.of(arg);
    }
  }

  /** op over all cells: a reduction to a 1 x 1 matrix. */
  record FullAgg(Span at, AggOp op, MatrixValue arg) implements Pending {
    @Override
    public List<MatrixValue> operands() {
      return List.of(arg);
    }
  }

  /** t(left) @ right for two matrices with the same rows: a reduction over the rows. */
  record TMatMul(Span at, MatrixValue left, MatrixValue right) implements Pending {
    @Override
    public List<MatrixValue> operands() {
      return List.of(left, right);
    }
  }

  /** t(arg), kept symbolic so that t(A) @ B can become a {@link TMatMul}. */
  record Transpose(Span at, MatrixValue arg) implements Pending {
    @Override
    public List<MatrixValue> operands() {
      return List.of(arg);
    }
  }
}
