package daphnegrid.kernels.random;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;

/** Interim generators; replaced by the bit-exact implementation. */
public final class Generators {
  private Generators() {}

  public static DenseMatrix fill(Scalar v, long rows, long cols) {
    DenseMatrix m = DenseMatrix.allocate(v.type(), rows, cols);
    for (int i = 0; i < m.size(); i++) {
      m.set(i, v);
    }
    return m;
  }

  public static DenseMatrix seq(Scalar from, Scalar to, Scalar inc) {
    throw new KernelException("seq: pending");
  }

  public static DenseMatrix rand(
      long rows, long cols, Scalar min, Scalar max, double sparsity, long seed) {
    throw new KernelException("rand: pending");
  }

  public static DenseMatrix sample(Scalar range, long size, boolean withReplacement, long seed) {
    throw new KernelException("sample: pending");
  }
}
