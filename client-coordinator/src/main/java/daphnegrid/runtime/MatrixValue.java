package daphnegrid.runtime;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;

/**
 * A matrix as the interpreter sees it: shape and value type are always known; the cells are
 * produced on demand by {@link #dense()}. Matrices are immutable from the script's point of view.
 */
public final class MatrixValue implements Value {
  private final DenseMatrix dense;

  public MatrixValue(DenseMatrix dense) {
    this.dense = dense;
  }

  public int rows() {
    return dense.rows();
  }

  public int cols() {
    return dense.cols();
  }

  public ValueType type() {
    return dense.type();
  }

  /** The cells, computed if they are not there yet. */
  public DenseMatrix dense() {
    return dense;
  }

  @Override
  public String typeName() {
    return "DenseMatrix(" + rows() + "x" + cols() + ", " + type().cppName() + ")";
  }
}
