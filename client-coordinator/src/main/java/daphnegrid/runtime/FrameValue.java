package daphnegrid.runtime;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Frame;

/**
 * A frame (spec 3.4, 5.1): labelled columns of their own value types. Frames live on the
 * coordinator; under {@code --distributed} their operations run there too.
 */
public record FrameValue(Frame frame) implements Value {
  public int rows() {
    return frame.rows();
  }

  public int cols() {
    return frame.cols();
  }

  /**
   * The cells of m in an array of their own, for a frame column: the engines lend the arrays of
   * large matrices and reuse them once no value reaches the matrix, which a frame's column would
   * otherwise still share.
   */
  public static DenseMatrix detached(MatrixValue m) {
    DenseMatrix d = m.dense();
    return d.type() == ValueType.STR ? d : d.copy();
  }

  /** {@code Frame(RxC, [label:type, ...])}, as print and typeOf write it (spec 8.5, 8.7). */
  @Override
  public String typeName() {
    return frame.header();
  }
}
