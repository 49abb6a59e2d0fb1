package daphnegrid.kernels;

/**
 * Array-level elementwise kernels for f64 and f32: the hot loops behind the elementwise facades.
 *
 * <p>Conventions shared by every method: a matrix operand is {@code rows x cols} cells stored
 * row-major and contiguously from its offset; {@code len} counts cells. A method reads its inputs,
 * writes exactly the {@code len} (or {@code rows * cols}) output cells and nothing else, so callers
 * can run it on a row tile of a larger array and reuse output buffers. Every result is bit for bit
 * what {@link ElementOps} gives when applied cell by cell (for f32: {@code ElementOps.f32}), on any
 * hardware and in both implementations.
 *
 * <p>Aliasing: {@code out} may be the same array as {@code a} or {@code b} with the same offset
 * (in-place update); any other overlap of {@code out} with an input is not allowed. On a {@link
 * KernelException} (domain errors of sqrt, ln, asin, acos) the output cells are unspecified.
 */
public interface ElementwiseKernels {

  /** out[i] = op(a[i], b[i]) for i below len. */
  void binary(
      BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int len);

  /** out[i] = op(a[i], s): the matrix-scalar shape. */
  void binaryScalar(BinaryOp op, double[] a, int aOff, double s, double[] out, int outOff, int len);

  /** out[r,c] = op(a[r,c], row[c]): a 1 x cols row vector broadcast to every row of a. */
  void binaryRowVector(
      BinaryOp op,
      double[] a,
      int aOff,
      double[] row,
      int rowOff,
      double[] out,
      int outOff,
      int rows,
      int cols);

  /** out[r,c] = op(a[r,c], col[r]): a rows x 1 column vector broadcast along every row of a. */
  void binaryColVector(
      BinaryOp op,
      double[] a,
      int aOff,
      double[] col,
      int colOff,
      double[] out,
      int outOff,
      int rows,
      int cols);

  /**
   * out[i] = op(a[i]) for the numeric unary ops (not LOWER/UPPER).
   *
   * @throws KernelException as {@link ElementOps#f64(UnaryOp, double)} for domain errors
   */
  void unary(UnaryOp op, double[] a, int aOff, double[] out, int outOff, int len);

  /** f32 twin of {@link #binary(BinaryOp, double[], int, double[], int, double[], int, int)}. */
  void binary(
      BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int len);

  /** f32 twin of {@link #binaryScalar(BinaryOp, double[], int, double, double[], int, int)}. */
  void binaryScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int len);

  /** f32 twin of the row-vector broadcast. */
  void binaryRowVector(
      BinaryOp op,
      float[] a,
      int aOff,
      float[] row,
      int rowOff,
      float[] out,
      int outOff,
      int rows,
      int cols);

  /** f32 twin of the column-vector broadcast. */
  void binaryColVector(
      BinaryOp op,
      float[] a,
      int aOff,
      float[] col,
      int colOff,
      float[] out,
      int outOff,
      int rows,
      int cols);

  /**
   * f32 twin of {@link #unary(UnaryOp, double[], int, double[], int, int)}, with the semantics of
   * {@link ElementOps#f32(UnaryOp, float)}.
   */
  void unary(UnaryOp op, float[] a, int aOff, float[] out, int outOff, int len);
}
