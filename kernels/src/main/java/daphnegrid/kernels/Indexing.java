package daphnegrid.kernels;

/**
 * Right indexing (extraction) and left indexing (insertion) with DAPHNE's bound rules (spec 3.7,
 * 4.3). Positions are already truncated to integers by the caller.
 */
public final class Indexing {
  private Indexing() {}

  /** A half-open range [lo, hi) along one axis. */
  public record Range(int lo, int hi) {
    public int length() {
      return hi - lo;
    }
  }

  /**
   * Normalises an extraction range on an axis of length n: omitted bounds are null; a negative lo
   * counts from the end and then a non-positive hi does too; otherwise a negative hi counts from
   * the end. Valid iff {@code 0 <= lo < n} and {@code lo <= hi <= n}.
   *
   * @throws KernelException for an invalid range
   */
  public static Range extractRange(Long lo, Long hi, long n, String axis) {
    long l = lo == null ? 0 : lo;
    long h = hi == null ? n : hi;
    if (l < 0) {
      l += n;
      if (h <= 0) {
        h += n;
      }
    } else if (h < 0) {
      h += n;
    }
    if (!(0 <= l && l < n && l <= h && h <= n)) {
      throw new KernelException(
          "invalid "
              + axis
              + " range "
              + describe(lo, hi)
              + " for an axis of length "
              + n
              + " (index out of bounds)");
    }
    return new Range((int) l, (int) h);
  }

  /** The extraction range of a single position p: {@code p : p+1} under the same rules. */
  public static Range extractPosition(long p, long n, String axis) {
    long hi = p + 1;
    if (p < 0) {
      long l = p + n;
      if (l < 0 || l >= n) {
        throw new KernelException(
            axis + " position " + p + " out of bounds for an axis of length " + n);
      }
      return new Range((int) l, (int) l + 1);
    }
    if (p >= n) {
      throw new KernelException(
          axis + " position " + p + " out of bounds for an axis of length " + n);
    }
    return new Range((int) p, (int) hi);
  }

  /**
   * Normalises an insertion range (left indexing) on an axis of length n; single marks a single
   * position (a negative single position addresses one row).
   *
   * @throws KernelException for an invalid range
   */
  public static Range insertRange(Long lo, Long hi, long n, boolean single, String axis) {
    long l = lo == null ? 0 : lo;
    long h = hi == null ? n : hi;
    long l2 = l < 0 ? l + n : l;
    long h2 = h < 0 ? h + n : h;
    if (l < 0 && h == 0) {
      h2 = l2 + 1;
    }
    if (!(0 <= l2 && l2 <= h2 && h2 <= n) || (l2 == n && l2 != 0)) {
      throw new KernelException(
          "invalid "
              + axis
              + (single ? " position " + lo : " range " + describe(lo, hi))
              + " for left indexing on an axis of length "
              + n
              + " (index out of bounds)");
    }
    return new Range((int) l2, (int) h2);
  }

  private static String describe(Long lo, Long hi) {
    return (lo == null ? "" : lo) + ":" + (hi == null ? "" : hi);
  }

  /** Positions from a position list (n x 1 matrix); negative entries count from the end. */
  public static int[] positions(DenseMatrix list, long n, String axis) {
    if (list.cols() != 1 && list.size() > 0) {
      throw new KernelException(
          "a position list must be a column (nx1) matrix, got " + Shapes.of(list));
    }
    int k = list.size();
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      long p =
          list.type().isFloat()
              ? Convert.fromDouble(list.getDouble(i), ValueType.SI64)
              : list.getLong(i);
      if (p < 0) {
        p += n;
      }
      if (p < 0 || p >= n) {
        throw new KernelException(
            axis
                + " position "
                + list.get(i).toDisplayString()
                + " out of bounds for an axis of length "
                + n);
      }
      out[i] = (int) p;
    }
    return out;
  }

  /** Positions selected by a 0/1 bit vector whose length must be n. */
  public static int[] bitVector(DenseMatrix bits, long n, String axis) {
    if (bits.size() != n || (bits.cols() != 1 && bits.rows() != 1 && n > 0)) {
      throw new KernelException(
          "sel must have exactly one entry (row) for each "
              + axis
              + " in arg: got "
              + Shapes.of(bits)
              + " for "
              + n
              + " "
              + axis
              + "s");
    }
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (bits.get(i).isTrue()) {
        count++;
      }
    }
    int[] out = new int[count];
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (bits.get(i).isTrue()) {
        out[j++] = i;
      }
    }
    return out;
  }

  public static int[] range(Range r) {
    int[] out = new int[r.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.lo() + i;
    }
    return out;
  }

  /** The rows [r.lo, r.hi) and columns [c.lo, c.hi) of m. */
  public static DenseMatrix slice(DenseMatrix m, Range r, Range c) {
    int cols = m.cols();
    int w = c.length();
    DenseMatrix out = DenseMatrix.allocate(m.type(), r.length(), w);
    if (w == cols) {
      System.arraycopy(m.data(), r.lo() * cols, out.data(), 0, r.length() * cols);
      return out;
    }
    for (int i = 0; i < r.length(); i++) {
      System.arraycopy(m.data(), (r.lo() + i) * cols + c.lo(), out.data(), i * w, w);
    }
    return out;
  }

  /** The cells at the given row and column positions (any order, repeats allowed). */
  public static DenseMatrix gather(DenseMatrix m, int[] rows, int[] cols) {
    int w = cols.length;
    int mc = m.cols();
    DenseMatrix out = DenseMatrix.allocate(m.type(), rows.length, w);
    Object src = m.data();
    Object dst = out.data();
    for (int i = 0; i < rows.length; i++) {
      int base = rows[i] * mc;
      for (int j = 0; j < w; j++) {
        copyCell(src, base + cols[j], dst, i * w + j);
      }
    }
    return out;
  }

  private static void copyCell(Object src, int si, Object dst, int di) {
    if (src instanceof double[] s) {
      ((double[]) dst)[di] = s[si];
    } else if (src instanceof long[] s) {
      ((long[]) dst)[di] = s[si];
    } else {
      System.arraycopy(src, si, dst, di, 1);
    }
  }

  /**
   * A copy of target with value written at rows [r.lo, r.hi) and columns [c.lo, c.hi); value must
   * have exactly that shape and target's value type.
   */
  public static DenseMatrix insert(DenseMatrix target, Range r, Range c, DenseMatrix value) {
    if (value.rows() != r.length() || value.cols() != c.length()) {
      throw new KernelException(
          "left indexing: the inserted matrix must be "
              + r.length()
              + "x"
              + c.length()
              + ", got "
              + Shapes.of(value));
    }
    if (value.type() != target.type()) {
      throw new KernelException(
          "left indexing: the inserted matrix has value type "
              + value.type().dslName()
              + " but the target has "
              + target.type().dslName());
    }
    DenseMatrix out = target.copy();
    int cols = target.cols();
    int w = c.length();
    for (int i = 0; i < r.length(); i++) {
      System.arraycopy(value.data(), i * w, out.data(), (r.lo() + i) * cols + c.lo(), w);
    }
    return out;
  }
}
