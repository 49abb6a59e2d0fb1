package daphnegrid.kernels.sparse;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Indexing.Range;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;

/** Slicing and concatenation of CSR matrices; results are new CSR matrices. */
public final class CsrReorg {
  private CsrReorg() {}

  /** The rows [r.lo, r.hi) and columns [c.lo, c.hi) of x (ranges already checked). */
  public static CsrMatrix slice(CsrMatrix x, Range r, Range c) {
    int[] off = x.rowOffsets();
    int[] idx = x.colIdxs();
    int rows = r.length();
    int[] nOff = new int[rows + 1];
    boolean allCols = c.lo() == 0 && c.hi() == x.cols();
    // first pass: the stored cells of each row inside [c.lo, c.hi), found by binary search
    int[] from = new int[rows];
    for (int i = 0; i < rows; i++) {
      int row = r.lo() + i;
      int s = allCols ? off[row] : lowerBound(idx, off[row], off[row + 1], c.lo());
      int e = allCols ? off[row + 1] : lowerBound(idx, s, off[row + 1], c.hi());
      from[i] = s;
      nOff[i + 1] = nOff[i] + (e - s);
    }
    int nnz = nOff[rows];
    int[] nIdx = new int[nnz];
    DenseMatrix nVal = DenseMatrix.allocate(x.type(), 1, nnz);
    for (int i = 0; i < rows; i++) {
      int len = nOff[i + 1] - nOff[i];
      System.arraycopy(x.valueArray(), from[i], nVal.data(), nOff[i], len);
      for (int k = 0; k < len; k++) {
        nIdx[nOff[i] + k] = idx[from[i] + k] - c.lo();
      }
    }
    return CsrMatrix.wrap(x.type(), rows, c.length(), nOff, nIdx, nVal.data());
  }

  /**
   * upperTri / lowerTri of a square x, as DAPHNE's CSR kernel: the stored non-zero cells strictly
   * above (upper) or below (lower) the diagonal, and on it when diag; each kept as its value when
   * values, else as 1. Explicitly stored zeros are dropped. The result is a new CSR matrix of x's
   * type.
   *
   * @throws KernelException if x is not square
   */
  public static CsrMatrix triangle(CsrMatrix x, boolean lower, boolean diag, boolean values) {
    if (x.rows() != x.cols()) {
      throw new KernelException(
          (lower ? "lowerTri" : "upperTri")
              + ": the matrix must be square, got "
              + x.rows()
              + "x"
              + x.cols());
    }
    int n = x.rows();
    int[] off = x.rowOffsets();
    int[] idx = x.colIdxs();
    // first pass: the kept cells of each row
    int[] nOff = new int[n + 1];
    for (int r = 0; r < n; r++) {
      int kept = 0;
      for (int k = off[r]; k < off[r + 1]; k++) {
        kept += keeps(idx[k], r, lower, diag) && x.getDouble(k) != 0 ? 1 : 0;
      }
      nOff[r + 1] = nOff[r] + kept;
    }
    int nnz = nOff[n];
    int[] nIdx = new int[nnz];
    DenseMatrix nVal = DenseMatrix.allocate(x.type(), 1, nnz);
    Scalar one = Scalar.ofLong(x.type(), 1);
    Object from = x.valueArray();
    int p = 0;
    for (int r = 0; r < n; r++) {
      for (int k = off[r]; k < off[r + 1]; k++) {
        if (keeps(idx[k], r, lower, diag) && x.getDouble(k) != 0) {
          nIdx[p] = idx[k];
          if (values) {
            System.arraycopy(from, k, nVal.data(), p, 1);
          } else {
            nVal.set(p, one);
          }
          p++;
        }
      }
    }
    return CsrMatrix.wrap(x.type(), n, n, nOff, nIdx, nVal.data());
  }

  private static boolean keeps(int c, int r, boolean lower, boolean diag) {
    return c == r ? diag : (lower ? c < r : c > r);
  }

  /** [a, b] side by side; both of the same value type. */
  public static CsrMatrix cbind(CsrMatrix a, CsrMatrix b) {
    if (a.rows() != b.rows()) {
      throw new KernelException(
          "ColBind - the two operands must have the same number of rows: "
              + a.rows()
              + "x"
              + a.cols()
              + " and "
              + b.rows()
              + "x"
              + b.cols());
    }
    requireSameType(a.type(), b.type());
    int rows = a.rows();
    int nnz = a.nnz() + b.nnz();
    int[] off = new int[rows + 1];
    int[] idx = new int[nnz];
    DenseMatrix val = DenseMatrix.allocate(a.type(), 1, nnz);
    int[] ao = a.rowOffsets();
    int[] bo = b.rowOffsets();
    int p = 0;
    for (int r = 0; r < rows; r++) {
      int na = ao[r + 1] - ao[r];
      System.arraycopy(a.colIdxs(), ao[r], idx, p, na);
      System.arraycopy(a.valueArray(), ao[r], val.data(), p, na);
      p += na;
      int nb = bo[r + 1] - bo[r];
      for (int k = 0; k < nb; k++) {
        idx[p + k] = b.colIdxs()[bo[r] + k] + a.cols();
      }
      System.arraycopy(b.valueArray(), bo[r], val.data(), p, nb);
      p += nb;
      off[r + 1] = p;
    }
    return CsrMatrix.wrap(a.type(), rows, a.cols() + b.cols(), off, idx, val.data());
  }

  /** a on top of b; both of the same value type. */
  public static CsrMatrix rbind(CsrMatrix a, CsrMatrix b) {
    if (a.cols() != b.cols()) {
      throw new KernelException(
          "RowBind - the two operands must have the same number of columns: "
              + a.rows()
              + "x"
              + a.cols()
              + " and "
              + b.rows()
              + "x"
              + b.cols());
    }
    requireSameType(a.type(), b.type());
    return rbindAll(a.type(), a.rows() + b.rows(), a.cols(), new CsrMatrix[] {a, b});
  }

  /** The pieces one under the other (same type and column count, rows adding up to rows). */
  static CsrMatrix rbindAll(ValueType type, int rows, int cols, CsrMatrix[] pieces) {
    if (pieces.length == 1 && pieces[0].rows() == rows) {
      return pieces[0];
    }
    long total = 0;
    for (CsrMatrix p : pieces) {
      total += p.nnz();
    }
    if (total > DenseMatrix.MAX_CELLS) {
      throw new KernelException("a CSR matrix cannot hold " + total + " non-zeros");
    }
    int nnz = (int) total;
    int[] off = new int[rows + 1];
    int[] idx = new int[nnz];
    DenseMatrix val = DenseMatrix.allocate(type, 1, nnz);
    int row = 0;
    int base = 0;
    for (CsrMatrix p : pieces) {
      int[] po = p.rowOffsets();
      for (int r = 0; r < p.rows(); r++) {
        off[row + r + 1] = base + po[r + 1];
      }
      System.arraycopy(p.colIdxs(), 0, idx, base, p.nnz());
      System.arraycopy(p.valueArray(), 0, val.data(), base, p.nnz());
      row += p.rows();
      base += p.nnz();
    }
    return CsrMatrix.wrap(type, rows, cols, off, idx, val.data());
  }

  private static int lowerBound(int[] a, int from, int to, int key) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static void requireSameType(ValueType a, ValueType b) {
    if (a != b) {
      throw new IllegalArgumentException("operands of different types: " + a + ", " + b);
    }
  }
}
