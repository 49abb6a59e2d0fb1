package daphnegrid.kernels.random;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.util.Arrays;

/**
 * DAPHNE's {@code rand} for a CSR result (spec 9.5), bit for bit: one {@link Minstd0} engine draws
 * first all non-zero values, then the non-zeros per row, then the sorted column positions of each
 * row. Single-threaded: every draw depends on the ones before.
 */
final class SparseRandGenerator {
  private SparseRandGenerator() {}

  static CsrMatrix rand(long rows, long cols, Scalar min, Scalar max, double sparsity, long seed) {
    RandGenerator.validate(rows, cols, min, max, sparsity);
    if (rows > Integer.MAX_VALUE - 1 || cols > Integer.MAX_VALUE) {
      throw new KernelException(
          "rand: a sparse matrix of " + rows + "x" + cols + " cells exceeds the size limit");
    }
    double nnzD = ElementOps.roundHalfAway((double) (rows * cols) * sparsity);
    if (nnzD > DenseMatrix.MAX_CELLS) {
      throw new KernelException(
          "rand: " + (long) nnzD + " non-zeros exceed the limit of " + DenseMatrix.MAX_CELLS);
    }
    int nnz = (int) nnzD;
    int nr = (int) rows;
    int nc = (int) cols;
    ValueType t = min.type();
    Minstd0 g = new Minstd0(Generators.resolveSeed(seed));

    DenseMatrix values = DenseMatrix.allocate(t, 1, nnz);
    switch (t) {
      case F64 -> {
        double[] v = values.f64();
        double lo = min.doubleValue();
        double hi = max.doubleValue();
        for (int i = 0; i < nnz; i++) {
          v[i] = g.uniformF64(lo, hi);
        }
      }
      case F32 -> {
        float[] v = values.f32();
        float lo = (float) min.doubleValue();
        float hi = (float) max.doubleValue();
        for (int i = 0; i < nnz; i++) {
          v[i] = g.uniformF32(lo, hi);
        }
      }
      default -> {
        long lo = min.bits();
        long hi = max.bits();
        for (int i = 0; i < nnz; i++) {
          values.setLong(i, g.uniformInt(lo, hi));
        }
      }
    }

    int[] perRow = new int[nr];
    if (sparsity <= 0.5) {
      long assigned = 0;
      while (assigned < nnz) {
        int r = (int) g.uniformUnsigned(nr - 1L);
        if (perRow[r] < nc) {
          perRow[r]++;
          assigned++;
        }
      }
    } else {
      Arrays.fill(perRow, nc);
      long assigned = rows * cols;
      while (assigned > nnz) {
        int r = (int) g.uniformUnsigned(nr - 1L);
        if (perRow[r] > 0) {
          perRow[r]--;
          assigned--;
        }
      }
    }

    int[] offsets = new int[nr + 1];
    int[] colIdxs = new int[nnz];
    boolean[] inSet = new boolean[nc];
    int[] members = new int[nc];
    int p = 0;
    for (int r = 0; r < nr; r++) {
      // std::set: distinct draws, used in ascending order
      int want = sparsity <= 0.5 ? perRow[r] : nc - perRow[r];
      int size = 0;
      while (size < want) {
        int c = (int) g.uniformUnsigned(nc - 1L);
        if (!inSet[c]) {
          inSet[c] = true;
          members[size++] = c;
        }
      }
      if (sparsity <= 0.5) {
        Arrays.sort(members, 0, size);
        System.arraycopy(members, 0, colIdxs, p, size);
        p += size;
      } else {
        for (int c = 0; c < nc; c++) {
          if (!inSet[c]) {
            colIdxs[p++] = c;
          }
        }
      }
      for (int i = 0; i < size; i++) {
        inSet[members[i]] = false;
      }
      offsets[r + 1] = p;
    }
    return CsrMatrix.wrap(t, nr, nc, offsets, colIdxs, values.data());
  }
}
