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
    return broadcast(op, a.rows(), a.cols(), b.rows(), b.cols());
  }

  /** The broadcast of a br x bc operand against an ar x ac one; see the matrix form. */
  public static Broadcast broadcast(String op, long ar, long ac, long br, long bc) {
    if (ar == br && ac == bc) {
      return Broadcast.SAME;
    }
    if (br == 1 && bc == ac) {
      return Broadcast.ROW;
    }
    if (bc == 1 && br == ar) {
      return Broadcast.COL;
    }
    throw new KernelException(
        "shape mismatch in '"
            + op
            + "': "
            + ar
            + "x"
            + ac
            + " vs "
            + br
            + "x"
            + bc
            + " (lhs and rhs must either have the same dimensions, or one of them must be a"
            + " row/column vector with the width/height of the other)");
  }
}
