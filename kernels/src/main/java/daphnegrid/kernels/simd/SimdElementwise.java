package daphnegrid.kernels.simd;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.ElementwiseKernels;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.plain.ScalarElementwise;

/**
 * Vector API elementwise kernels; bit-identical to {@link
 * daphnegrid.kernels.plain.ScalarElementwise}. When gated, each (operation, shape) runs the plain
 * twin until its vector loop is compiled ({@link Warmup}).
 */
public final class SimdElementwise implements ElementwiseKernels {
  private final ScalarElementwise plain;
  private final Warmup[] bin64 = Warmup.each(BinaryOp.values().length);
  private final Warmup[] scal64 = Warmup.each(BinaryOp.values().length);
  private final Warmup[] un64 = Warmup.each(UnaryOp.values().length);
  private final Warmup[] bin32 = Warmup.each(BinaryOp.values().length);
  private final Warmup[] scal32 = Warmup.each(BinaryOp.values().length);
  private final Warmup[] un32 = Warmup.each(UnaryOp.values().length);

  /** Always the vector loops. */
  public SimdElementwise() {
    this(false);
  }

  /** With gated set, the plain loops run until the vector loops are compiled. */
  SimdElementwise(boolean gated) {
    this.plain = gated ? new ScalarElementwise() : null;
  }

  private boolean coldBinary64(BinaryOp op, long cells) {
    Warmup w = bin64[op.ordinal()];
    if (plain == null || w.hot()) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F64Vector.binary(op, Warmup.D_IN, 0, Warmup.D_IN, Warmup.CELLS, Warmup.D_OUT, 0, Warmup.CELLS);
    return !w.record(System.nanoTime() - t0);
  }

  private boolean coldScalar64(BinaryOp op, long cells) {
    Warmup w = scal64[op.ordinal()];
    if (plain == null || w.hot()) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F64Vector.binaryScalar(op, Warmup.D_IN, 0, 0.5, Warmup.D_OUT, 0, Warmup.CELLS);
    return !w.record(System.nanoTime() - t0);
  }

  private boolean coldUnary64(UnaryOp op, long cells) {
    Warmup w = un64[op.ordinal()];
    if (plain == null || w.hot()) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F64Vector.unary(op, Warmup.D_IN, 0, Warmup.D_OUT, 0, Warmup.CELLS);
    return !w.record(System.nanoTime() - t0);
  }

  private boolean coldBinary32(BinaryOp op, long cells) {
    Warmup w = bin32[op.ordinal()];
    if (plain == null || w.hot()) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F32Vector.binary(op, Warmup.F_IN, 0, Warmup.F_IN, Warmup.CELLS, Warmup.F_OUT, 0, Warmup.CELLS);
    return !w.record(System.nanoTime() - t0);
  }

  private boolean coldScalar32(BinaryOp op, long cells) {
    Warmup w = scal32[op.ordinal()];
    if (plain == null || w.hot()) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F32Vector.binaryScalar(op, Warmup.F_IN, 0, 0.5f, Warmup.F_OUT, 0, Warmup.CELLS);
    return !w.record(System.nanoTime() - t0);
  }

  private boolean coldUnary32(UnaryOp op, long cells) {
    Warmup w = un32[op.ordinal()];
    if (plain == null || w.hot()) {
      return false;
    }
    if (!w.probeAfter(cells)) {
      return true;
    }
    long t0 = System.nanoTime();
    F32Vector.unary(op, Warmup.F_IN, 0, Warmup.F_OUT, 0, Warmup.CELLS);
    return !w.record(System.nanoTime() - t0);
  }

  @Override
  public void binary(
      BinaryOp op, double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int len) {
    if (coldBinary64(op, len)) {
      plain.binary(op, a, aOff, b, bOff, out, outOff, len);
      return;
    }
    F64Vector.binary(op, a, aOff, b, bOff, out, outOff, len);
  }

  @Override
  public void binaryScalar(
      BinaryOp op, double[] a, int aOff, double s, double[] out, int outOff, int len) {
    if (coldScalar64(op, len)) {
      plain.binaryScalar(op, a, aOff, s, out, outOff, len);
      return;
    }
    F64Vector.binaryScalar(op, a, aOff, s, out, outOff, len);
  }

  @Override
  public void binaryRowVector(
      BinaryOp op,
      double[] a,
      int aOff,
      double[] row,
      int rowOff,
      double[] out,
      int outOff,
      int rows,
      int cols) {
    if (coldBinary64(op, (long) rows * cols)) {
      plain.binaryRowVector(op, a, aOff, row, rowOff, out, outOff, rows, cols);
      return;
    }
    for (int r = 0; r < rows; r++) {
      F64Vector.binary(op, a, aOff + r * cols, row, rowOff, out, outOff + r * cols, cols);
    }
  }

  @Override
  public void binaryColVector(
      BinaryOp op,
      double[] a,
      int aOff,
      double[] col,
      int colOff,
      double[] out,
      int outOff,
      int rows,
      int cols) {
    if (coldScalar64(op, (long) rows * cols)) {
      plain.binaryColVector(op, a, aOff, col, colOff, out, outOff, rows, cols);
      return;
    }
    for (int r = 0; r < rows; r++) {
      F64Vector.binaryScalar(op, a, aOff + r * cols, col[colOff + r], out, outOff + r * cols, cols);
    }
  }

  @Override
  public void unary(UnaryOp op, double[] a, int aOff, double[] out, int outOff, int len) {
    if (coldUnary64(op, len)) {
      plain.unary(op, a, aOff, out, outOff, len);
      return;
    }
    F64Vector.unary(op, a, aOff, out, outOff, len);
  }

  @Override
  public void binary(
      BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int len) {
    if (coldBinary32(op, len)) {
      plain.binary(op, a, aOff, b, bOff, out, outOff, len);
      return;
    }
    F32Vector.binary(op, a, aOff, b, bOff, out, outOff, len);
  }

  @Override
  public void binaryScalar(
      BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int len) {
    if (coldScalar32(op, len)) {
      plain.binaryScalar(op, a, aOff, s, out, outOff, len);
      return;
    }
    F32Vector.binaryScalar(op, a, aOff, s, out, outOff, len);
  }

  @Override
  public void binaryRowVector(
      BinaryOp op,
      float[] a,
      int aOff,
      float[] row,
      int rowOff,
      float[] out,
      int outOff,
      int rows,
      int cols) {
    if (coldBinary32(op, (long) rows * cols)) {
      plain.binaryRowVector(op, a, aOff, row, rowOff, out, outOff, rows, cols);
      return;
    }
    for (int r = 0; r < rows; r++) {
      F32Vector.binary(op, a, aOff + r * cols, row, rowOff, out, outOff + r * cols, cols);
    }
  }

  @Override
  public void binaryColVector(
      BinaryOp op,
      float[] a,
      int aOff,
      float[] col,
      int colOff,
      float[] out,
      int outOff,
      int rows,
      int cols) {
    if (coldScalar32(op, (long) rows * cols)) {
      plain.binaryColVector(op, a, aOff, col, colOff, out, outOff, rows, cols);
      return;
    }
    for (int r = 0; r < rows; r++) {
      F32Vector.binaryScalar(op, a, aOff + r * cols, col[colOff + r], out, outOff + r * cols, cols);
    }
  }

  @Override
  public void unary(UnaryOp op, float[] a, int aOff, float[] out, int outOff, int len) {
    if (coldUnary32(op, len)) {
      plain.unary(op, a, aOff, out, outOff, len);
      return;
    }
    F32Vector.unary(op, a, aOff, out, outOff, len);
  }
}
