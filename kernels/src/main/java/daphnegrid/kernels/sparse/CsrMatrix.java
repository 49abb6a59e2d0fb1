package daphnegrid.kernels.sparse;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;

/**
 * A matrix in compressed sparse row form, for every numeric value type.
 *
 * <p>Layout: the non-zeros of row r are at positions {@code rowOffsets[r] .. rowOffsets[r + 1] - 1}
 * of {@code colIdxs} (ascending within the row) and of the values array, whose Java type follows
 * {@link ValueType#storage()} as in {@link DenseMatrix}. Offsets and column indices are {@code
 * int}s: a matrix holds fewer than 2^31 non-zeros (one Java array), and the column count is an
 * {@code int} like everywhere else in the kernels; so a non-zero costs its value plus four bytes,
 * and a row four bytes. Stored cells may hold an explicit zero (a product that underflowed); all
 * kernels treat them like any other stored cell, which gives the same values as the dense result.
 *
 * <p>Instances are immutable once built: kernels return new matrices and never write into their
 * arguments, so the arrays may be shared between matrices (slices of whole rows share nothing, a
 * matrix and its elementwise result share the index arrays).
 */
public final class CsrMatrix {
  private final ValueType type;
  private final int rows;
  private final int cols;
  private final int[] rowOffsets;
  private final int[] colIdxs;
  private final Object values;
  private final DenseMatrix view;

  private CsrMatrix(
      ValueType type, int rows, int cols, int[] rowOffsets, int[] colIdxs, Object values) {
    this.type = type;
    this.rows = rows;
    this.cols = cols;
    this.rowOffsets = rowOffsets;
    this.colIdxs = colIdxs;
    this.values = values;
    this.view = DenseMatrix.wrap(type, 1, rowOffsets[rows], values);
  }

  /**
   * Wraps the three arrays (not copied). rowOffsets has rows + 1 entries starting at 0 and never
   * decreasing; colIdxs and values hold at least rowOffsets[rows] entries.
   *
   * @throws IllegalArgumentException if the arrays do not describe a rows x cols matrix
   */
  public static CsrMatrix wrap(
      ValueType type, int rows, int cols, int[] rowOffsets, int[] colIdxs, Object values) {
    if (!type.isNumeric()) {
      throw new KernelException("a CSR matrix cannot hold values of type " + type.dslName());
    }
    if (rows < 0 || cols < 0 || rowOffsets.length < rows + 1 || rowOffsets[0] != 0) {
      throw new IllegalArgumentException("bad row offsets for a " + rows + "x" + cols + " matrix");
    }
    int nnz = rowOffsets[rows];
    if (colIdxs.length < nnz || java.lang.reflect.Array.getLength(values) < nnz) {
      throw new IllegalArgumentException("fewer column indices or values than non-zeros: " + nnz);
    }
    DenseMatrix.wrap(type, 1, 0, values); // checks the array type
    return new CsrMatrix(type, rows, cols, rowOffsets, colIdxs, values);
  }

  /** The all-zero rows x cols matrix. */
  public static CsrMatrix zeros(ValueType type, int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new KernelException("negative matrix dimension: " + rows + "x" + cols);
    }
    return new CsrMatrix(
        type, rows, cols, new int[rows + 1], new int[0], DenseMatrix.allocate(type, 1, 0).data());
  }

  public ValueType type() {
    return type;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Number of stored cells. */
  public int nnz() {
    return rowOffsets[rows];
  }

  /** Number of stored cells of row r. */
  public int nnz(int r) {
    return rowOffsets[r + 1] - rowOffsets[r];
  }

  /** The row offsets (rows + 1 entries); not to be modified. */
  public int[] rowOffsets() {
    return rowOffsets;
  }

  /** The column index of every stored cell; not to be modified. */
  public int[] colIdxs() {
    return colIdxs;
  }

  /** The values array ({@code double[]}, {@code long[]}, ...); not to be modified. */
  public Object valueArray() {
    return values;
  }

  public double[] f64() {
    return (double[]) values;
  }

  /**
   * The stored values as a 1 x nnz dense matrix sharing this matrix's array (not to be modified).
   */
  public DenseMatrix values() {
    return view;
  }

  /** Stored value k as a double. */
  public double getDouble(int k) {
    return view.getDouble(k);
  }

  /** Stored value k as a scalar of this matrix's type. */
  public Scalar value(int k) {
    return view.get(k);
  }

  /** Cell (r, c): a binary search in row r. */
  public Scalar get(int r, int c) {
    int k = java.util.Arrays.binarySearch(colIdxs, rowOffsets[r], rowOffsets[r + 1], c);
    return k >= 0 ? value(k) : Scalar.ofLong(type, 0);
  }

  /** Fraction of stored cells (0 for an empty matrix). */
  public double density() {
    long cells = (long) rows * cols;
    return cells == 0 ? 0 : (double) nnz() / cells;
  }

  /** Bytes of the three arrays as far as they are used: values, column indices, row offsets. */
  public long payloadBytes() {
    return (long) nnz() * (type.byteWidth() + Integer.BYTES) + (long) (rows + 1) * Integer.BYTES;
  }

  /** The header DAPHNE prints, e.g. {@code CSRMatrix(2x3, double)}. */
  public String header() {
    return "CSRMatrix(" + rows + "x" + cols + ", " + type.cppName() + ")";
  }

  /** Same type, shape, pattern and values (floats bit for bit). */
  public boolean sameContents(CsrMatrix o) {
    if (o.type != type || o.rows != rows || o.cols != cols || o.nnz() != nnz()) {
      return false;
    }
    int n = nnz();
    return java.util.Arrays.equals(rowOffsets, 0, rows + 1, o.rowOffsets, 0, rows + 1)
        && java.util.Arrays.equals(colIdxs, 0, n, o.colIdxs, 0, n)
        && values().sameContents(o.values());
  }

  @Override
  public String toString() {
    return header() + " with " + nnz() + " non-zeros";
  }
}
