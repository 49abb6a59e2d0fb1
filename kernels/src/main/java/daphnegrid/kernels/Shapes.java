package daphnegrid.kernels;

/** Shape checks with messages that name the operation and both shapes. */
public final class Shapes {
  private Shapes() {}

  public static String of(DenseMatrix m) {
    return m.rows() + "x" + m.cols();
  }

  /** How a right operand lines up with a left one in an elementwise operation (spec 6.1). */
  public enum Broadcast {
    SAME,
    ROW,
    COL
  }

  /**
   * The broadcast of b against a: same shape, a 1 x cols row vector, or a rows x 1 column vector.
   *
   * @throws KernelException for any other combination
   */
  public static Broadcast broadcast(String op, DenseMatrix a, DenseMatrix b) {
    if (a.rows() == b.rows() && a.cols() == b.cols()) {
      return Broadcast.SAME;
    }
    if (b.rows() == 1 && b.cols() == a.cols()) {
      return Broadcast.ROW;
    }
    if (b.cols() == 1 && b.rows() == a.rows()) {
      return Broadcast.COL;
    }
    throw new KernelException(
        "shape mismatch in '"
            + op
            + "': "
            + of(a)
            + " vs "
            + of(b)
            + " (lhs and rhs must either have the same dimensions, or one of them must be a"
            + " row/column vector with the width/height of the other)");
  }
}
