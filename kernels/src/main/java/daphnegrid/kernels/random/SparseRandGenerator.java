package daphnegrid.kernels.random;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DAPHNE's {@code rand} for a CSR result (spec 9.5), bit for bit: one {@link Minstd0} engine draws
 * first all non-zero values, then the non-zeros per row, then the sorted column positions of each
 * row. Single-threaded: every draw depends on the ones before.
 *
 * <p>{@link #rowRanges} makes only some row ranges of that matrix (a grid member's row blocks). It
 * cannot jump: the number of draws a value, a row count or a column takes depends on rejections, so
 * it replays the stream from the start. It draws the values twice (once to reach the row counts,
 * once, from a copy of the engine, to keep the values of its rows) and the column draws up to the
 * end of its last range, storing nothing outside its ranges.
 */
final class SparseRandGenerator {
  private SparseRandGenerator() {}

  static CsrMatrix rand(long rows, long cols, Scalar min, Scalar max, double sparsity, long seed) {
    checkShape(rows, cols, min, max, sparsity);
    return generate(
            (int) rows, (int) cols, min, max, sparsity, seed, new int[] {0}, new int[] {(int) rows})
        .get(0);
  }

  /**
   * Rows [starts[i], ends[i]) of {@link #rand} for each i; the ranges ascending and disjoint.
   *
   * @throws IllegalArgumentException if the ranges are not ascending, disjoint and within rows
   */
  static List<CsrMatrix> rowRanges(
      long rows,
      long cols,
      Scalar min,
      Scalar max,
      double sparsity,
      long seed,
      long[] starts,
      long[] ends) {
    checkShape(rows, cols, min, max, sparsity);
    int[] s = new int[starts.length];
    int[] e = new int[ends.length];
    long prev = 0;
    for (int i = 0; i < s.length; i++) {
      if (starts[i] < prev || ends[i] < starts[i] || ends[i] > rows) {
        throw new IllegalArgumentException(
            "row ranges must be ascending, disjoint and within " + rows + " rows");
      }
      s[i] = (int) starts[i];
      e[i] = (int) ends[i];
      prev = ends[i];
    }
    return generate((int) rows, (int) cols, min, max, sparsity, seed, s, e);
  }

  /**
   * The number of stored cells of rand(rows, cols, min, max, sparsity, ...) as CSR.
   *
   * @throws KernelException for the argument errors of {@link #rand}
   */
  static long checkShape(long rows, long cols, Scalar min, Scalar max, double sparsity) {
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
    return (long) nnzD;
  }

  private static List<CsrMatrix> generate(
      int nr, int nc, Scalar min, Scalar max, double sparsity, long seed, int[] s, int[] e) {
    int nnz = (int) checkShape(nr, nc, min, max, sparsity);
    long rows = nr;
    long cols = nc;
    ValueType t = min.type();
    Minstd0 g = new Minstd0(Generators.resolveSeed(seed));
    boolean whole = s.length == 1 && s[0] == 0 && e[0] == nr;

    // the values: kept at once for the whole matrix, else drawn again below from this copy
    Minstd0 atValues = whole ? null : g.copy();
    DenseMatrix all = whole ? DenseMatrix.allocate(t, 1, nnz) : null;
    drawValues(g, min, max, nnz, all, 0);

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
    // stored cells before each row
    int[] before = new int[nr + 1];
    for (int r = 0; r < nr; r++) {
      before[r + 1] = before[r] + perRow[r]; // non-zeros of row r in both branches
    }

    int ranges = s.length;
    int[][] offsets = new int[ranges][];
    int[][] colIdxs = new int[ranges][];
    for (int k = 0; k < ranges; k++) {
      offsets[k] = new int[e[k] - s[k] + 1];
      colIdxs[k] = new int[before[e[k]] - before[s[k]]];
    }
    int last = ranges == 0 ? 0 : e[ranges - 1];
    boolean[] inSet = new boolean[nc];
    int[] members = new int[nc];
    int k = 0;
    for (int r = 0; r < last; r++) {
      while (r >= e[k]) {
        k++;
      }
      boolean keep = r >= s[k];
      int[] dst = colIdxs[k];
      int p = keep ? before[r] - before[s[k]] : 0;
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
      if (keep) {
        if (sparsity <= 0.5) {
          Arrays.sort(members, 0, size);
          System.arraycopy(members, 0, dst, p, size);
          p += size;
        } else {
          for (int c = 0; c < nc; c++) {
            if (!inSet[c]) {
              dst[p++] = c;
            }
          }
        }
        offsets[k][r - s[k] + 1] = p;
      }
      for (int i = 0; i < size; i++) {
        inSet[members[i]] = false;
      }
    }

    List<CsrMatrix> out = new ArrayList<>(ranges);
    if (whole) {
      out.add(CsrMatrix.wrap(t, nr, nc, offsets[0], colIdxs[0], all.data()));
      return out;
    }
    // the values of each range: the draws [before[s], before[e]) of the value stream
    int drawn = 0;
    for (int q = 0; q < ranges; q++) {
      int from = before[s[q]];
      int to = before[e[q]];
      drawValues(atValues, min, max, from - drawn, null, 0);
      DenseMatrix values = DenseMatrix.allocate(t, 1, to - from);
      drawValues(atValues, min, max, to - from, values, 0);
      drawn = to;
      out.add(CsrMatrix.wrap(t, e[q] - s[q], nc, offsets[q], colIdxs[q], values.data()));
    }
    return out;
  }

  /** Draws n values of min's type in [min, max) (floats) or [min, max] into dst (null: dropped). */
  private static void drawValues(
      Minstd0 g, Scalar min, Scalar max, int n, DenseMatrix dst, int at) {
    switch (min.type()) {
      case F64 -> {
        double lo = min.doubleValue();
        double hi = max.doubleValue();
        if (dst == null) {
          for (int i = 0; i < n; i++) {
            g.uniformF64(lo, hi);
          }
        } else {
          double[] v = dst.f64();
          for (int i = 0; i < n; i++) {
            v[at + i] = g.uniformF64(lo, hi);
          }
        }
      }
      case F32 -> {
        float lo = (float) min.doubleValue();
        float hi = (float) max.doubleValue();
        if (dst == null) {
          for (int i = 0; i < n; i++) {
            g.uniformF32(lo, hi);
          }
        } else {
          float[] v = dst.f32();
          for (int i = 0; i < n; i++) {
            v[at + i] = g.uniformF32(lo, hi);
          }
        }
      }
      default -> {
        long lo = min.bits();
        long hi = max.bits();
        for (int i = 0; i < n; i++) {
          long v = g.uniformInt(lo, hi);
          if (dst != null) {
            dst.setLong(at + i, v);
          }
        }
      }
    }
  }
}
