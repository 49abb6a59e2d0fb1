package daphnegrid.kernels;

import java.util.concurrent.ForkJoinPool;

/**
 * Cache-blocked transposition for every storage type. The matrix is walked in {@link #BLOCK} x
 * BLOCK tiles so that both the rows read and the rows written stay in L1 while a tile is copied;
 * within a tile the writes are sequential. A 1 x n or n x 1 matrix is a plain copy.
 */
public final class Transpose {
  private Transpose() {}

  /** Tile edge in cells; 32 x 32 eight-byte cells read and written fit in L1 together. */
  static final int BLOCK = 32;

  /**
   * out = t(a), for matrices of the same value type; out must be cols x rows and must not share a's
   * array.
   *
   * @throws KernelException if the types or shapes do not fit
   */
  public static DenseMatrix transpose(DenseMatrix a, DenseMatrix out) {
    return transpose(a, out, null);
  }

  /**
   * As {@link #transpose(DenseMatrix, DenseMatrix)}, f64 on pool's threads (null: inline).
   *
   * @throws KernelException if the types or shapes do not fit
   */
  public static DenseMatrix transpose(DenseMatrix a, DenseMatrix out, ForkJoinPool pool) {
    if (a.type() != out.type() || out.rows() != a.cols() || out.cols() != a.rows()) {
      throw new KernelException(
          "transpose of " + a.header() + " cannot be written to " + out.header());
    }
    if (a.data() == out.data() && a.size() > 1) {
      throw new IllegalArgumentException("transpose cannot run in place");
    }
    int r = a.rows();
    int c = a.cols();
    switch (a.type().storage()) {
      case DOUBLE -> transpose(a.f64(), 0, r, c, out.f64(), 0, pool);
      case FLOAT -> transpose(a.f32(), 0, r, c, out.f32(), 0);
      case LONG -> transpose(a.i64(), 0, r, c, out.i64(), 0);
      case INT -> transpose(a.i32(), 0, r, c, out.i32(), 0);
      case BYTE -> transpose(a.i8(), 0, r, c, out.i8(), 0);
      case STRING -> transpose((Object[]) a.str(), 0, r, c, (Object[]) out.str(), 0);
    }
    return out;
  }

  /** out (cols x rows) = t(a) for a (rows x cols); out must not overlap a. */
  public static void transpose(double[] a, int aOff, int rows, int cols, double[] out, int outOff) {
    if (rows == 1 || cols == 1) {
      System.arraycopy(a, aOff, out, outOff, rows * cols);
      return;
    }
    transposeColumns(a, aOff, rows, cols, 0, cols, out, outOff);
  }

  /**
   * As {@link #transpose(double[], int, int, int, double[], int)}, the columns split into bands of
   * whole tiles over pool's threads (each writes its own rows of out); null runs inline.
   */
  public static void transpose(
      double[] a, int aOff, int rows, int cols, double[] out, int outOff, ForkJoinPool pool) {
    int parts = (long) rows * cols < PARALLEL_MIN_CELLS ? 1 : Parallel.parts(pool);
    if (parts <= 1 || rows == 1 || cols == 1 || cols < parts * BLOCK) {
      transpose(a, aOff, rows, cols, out, outOff);
      return;
    }
    Parallel.forEach(
        pool,
        parts,
        t ->
            transposeColumns(
                a,
                aOff,
                rows,
                cols,
                Parallel.cut(cols, parts, t, BLOCK),
                Parallel.cut(cols, parts, t + 1, BLOCK),
                out,
                outOff));
  }

  /** Below this many cells a transpose stays on one thread. */
  static final long PARALLEL_MIN_CELLS = 1 << 18;

  /** Rows j0 .. j1-1 of out = columns j0 .. j1-1 of a, tile by tile. */
  private static void transposeColumns(
      double[] a, int aOff, int rows, int cols, int j0, int j1, double[] out, int outOff) {
    for (int i0 = 0; i0 < rows; i0 += BLOCK) {
      int i1 = Math.min(i0 + BLOCK, rows);
      for (int jb = j0; jb < j1; jb += BLOCK) {
        int je = Math.min(jb + BLOCK, j1);
        for (int j = jb; j < je; j++) {
          int o = outOff + j * rows;
          for (int i = i0; i < i1; i++) {
            out[o + i] = a[aOff + i * cols + j];
          }
        }
      }
    }
  }

  /** out (cols x rows) = t(a) for a (rows x cols); out must not overlap a. */
  public static void transpose(float[] a, int aOff, int rows, int cols, float[] out, int outOff) {
    if (rows == 1 || cols == 1) {
      System.arraycopy(a, aOff, out, outOff, rows * cols);
      return;
    }
    for (int i0 = 0; i0 < rows; i0 += BLOCK) {
      int i1 = Math.min(i0 + BLOCK, rows);
      for (int j0 = 0; j0 < cols; j0 += BLOCK) {
        int j1 = Math.min(j0 + BLOCK, cols);
        for (int j = j0; j < j1; j++) {
          int o = outOff + j * rows;
          for (int i = i0; i < i1; i++) {
            out[o + i] = a[aOff + i * cols + j];
          }
        }
      }
    }
  }

  /** out (cols x rows) = t(a) for a (rows x cols); out must not overlap a. */
  public static void transpose(long[] a, int aOff, int rows, int cols, long[] out, int outOff) {
    if (rows == 1 || cols == 1) {
      System.arraycopy(a, aOff, out, outOff, rows * cols);
      return;
    }
    for (int i0 = 0; i0 < rows; i0 += BLOCK) {
      int i1 = Math.min(i0 + BLOCK, rows);
      for (int j0 = 0; j0 < cols; j0 += BLOCK) {
        int j1 = Math.min(j0 + BLOCK, cols);
        for (int j = j0; j < j1; j++) {
          int o = outOff + j * rows;
          for (int i = i0; i < i1; i++) {
            out[o + i] = a[aOff + i * cols + j];
          }
        }
      }
    }
  }

  /** out (cols x rows) = t(a) for a (rows x cols); out must not overlap a. */
  public static void transpose(int[] a, int aOff, int rows, int cols, int[] out, int outOff) {
    if (rows == 1 || cols == 1) {
      System.arraycopy(a, aOff, out, outOff, rows * cols);
      return;
    }
    for (int i0 = 0; i0 < rows; i0 += BLOCK) {
      int i1 = Math.min(i0 + BLOCK, rows);
      for (int j0 = 0; j0 < cols; j0 += BLOCK) {
        int j1 = Math.min(j0 + BLOCK, cols);
        for (int j = j0; j < j1; j++) {
          int o = outOff + j * rows;
          for (int i = i0; i < i1; i++) {
            out[o + i] = a[aOff + i * cols + j];
          }
        }
      }
    }
  }

  /** out (cols x rows) = t(a) for a (rows x cols); out must not overlap a. */
  public static void transpose(byte[] a, int aOff, int rows, int cols, byte[] out, int outOff) {
    if (rows == 1 || cols == 1) {
      System.arraycopy(a, aOff, out, outOff, rows * cols);
      return;
    }
    for (int i0 = 0; i0 < rows; i0 += BLOCK) {
      int i1 = Math.min(i0 + BLOCK, rows);
      for (int j0 = 0; j0 < cols; j0 += BLOCK) {
        int j1 = Math.min(j0 + BLOCK, cols);
        for (int j = j0; j < j1; j++) {
          int o = outOff + j * rows;
          for (int i = i0; i < i1; i++) {
            out[o + i] = a[aOff + i * cols + j];
          }
        }
      }
    }
  }

  /** out (cols x rows) = t(a) for a (rows x cols); out must not overlap a. */
  public static void transpose(Object[] a, int aOff, int rows, int cols, Object[] out, int outOff) {
    if (rows == 1 || cols == 1) {
      System.arraycopy(a, aOff, out, outOff, rows * cols);
      return;
    }
    for (int i0 = 0; i0 < rows; i0 += BLOCK) {
      int i1 = Math.min(i0 + BLOCK, rows);
      for (int j0 = 0; j0 < cols; j0 += BLOCK) {
        int j1 = Math.min(j0 + BLOCK, cols);
        for (int j = j0; j < j1; j++) {
          int o = outOff + j * rows;
          for (int i = i0; i < i1; i++) {
            out[o + i] = a[aOff + i * cols + j];
          }
        }
      }
    }
  }
}
