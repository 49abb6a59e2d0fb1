package daphnegrid.kernels.frame;

import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Frame kernels that build new frames or leave the frame world: conversions to and from matrices
 * (spec 3.6, 5.7), column binding and row binding (spec 7.7), and label changes (spec 7.12). None
 * modifies its arguments; unchanged columns are shared.
 */
public final class Frames {
  private Frames() {}

  /**
   * {@code as.frame(m)} and {@code createFrame}'s columns: one column per matrix column, of the
   * matrix's value type, labelled {@code col_0, col_1, ...}.
   *
   * @throws KernelException for a bool matrix (frames have no bool columns)
   */
  public static Frame fromMatrix(DenseMatrix m) {
    requireColumnType(m.type());
    List<Column> cols = new ArrayList<>(m.cols());
    if (m.cols() == 1) {
      cols.add(Column.of(m));
    } else {
      for (int c = 0; c < m.cols(); c++) {
        cols.add(Column.of(column(m, c)));
      }
    }
    Frame f = Frame.of(Frame.defaultLabels(m.cols()), cols);
    return m.cols() == 0 ? Frame.empty(m.rows()) : f;
  }

  /** Column c of m as a new n x 1 matrix. */
  static DenseMatrix column(DenseMatrix m, int c) {
    int rows = m.rows();
    int cols = m.cols();
    DenseMatrix out = DenseMatrix.allocate(m.type(), rows, 1);
    Object src = m.data();
    Object dst = out.data();
    for (int r = 0; r < rows; r++) {
      System.arraycopy(src, r * cols + c, dst, r, 1);
    }
    return out;
  }

  /**
   * {@code as.matrix<vt>(f)}: an rows x cols matrix of vt, each column converted cell by cell as
   * {@link Casts} does (strings parsed as numbers). With vt null ({@code as.matrix(f)}) the frame
   * must have exactly one column, whose type the matrix keeps (DAPHNE cannot type the result of a
   * multi-column frame otherwise).
   *
   * @throws KernelException for vt null and not exactly one column, or a string that is no number
   */
  public static DenseMatrix toMatrix(Frame f, ValueType vt) {
    if (vt == null) {
      if (f.cols() != 1) {
        throw new KernelException(
            "as.matrix of a frame with "
                + f.cols()
                + " columns needs a value type, e.g. as.matrix<f64>(...)");
      }
      vt = f.type(0);
    }
    int rows = f.rows();
    int cols = f.cols();
    if (cols == 1) {
      return Casts.cast(f.column(0).toMatrix(), vt);
    }
    DenseMatrix out = DenseMatrix.allocate(vt, rows, cols);
    Object dst = out.data();
    for (int c = 0; c < cols; c++) {
      Object src = Casts.cast(f.column(c).toMatrix(), vt).data();
      for (int r = 0; r < rows; r++) {
        System.arraycopy(src, r, dst, r * cols + c, 1);
      }
    }
    return out;
  }

  /**
   * {@code cbind(a, b)}: the columns of a, then those of b. Labels must stay unique.
   *
   * @throws KernelException if the row counts differ or a label appears in both
   */
  public static Frame cbind(Frame a, Frame b) {
    if (a.rows() != b.rows()) {
      throw new KernelException(
          "ColBind - the two operands must have the same number of rows, but the left frame has "
              + a.rows()
              + " and the right one "
              + b.rows());
    }
    List<String> labels = new ArrayList<>(a.labels());
    List<Column> columns = new ArrayList<>(a.columns());
    for (int j = 0; j < b.cols(); j++) {
      if (a.indexOf(b.label(j)) >= 0) {
        throw new KernelException(
            "ColBind - the column label '" + b.label(j) + "' appears in both frames");
      }
      labels.add(b.label(j));
      columns.add(b.column(j));
    }
    return labels.isEmpty() ? Frame.empty(a.rows()) : Frame.of(labels, columns);
  }

  /**
   * {@code rbind(a, b)}: the rows of a, then those of b. Both must have the same column types and
   * labels, in the same order.
   *
   * @throws KernelException if the column counts, types or labels differ
   */
  public static Frame rbind(Frame a, Frame b) {
    if (a.cols() != b.cols()) {
      throw new KernelException(
          "RowBind - the two operands must have the same number of columns, but the left frame"
              + " has "
              + a.cols()
              + " and the right one "
              + b.cols());
    }
    List<Column> columns = new ArrayList<>(a.cols());
    for (int j = 0; j < a.cols(); j++) {
      if (a.type(j) != b.type(j)) {
        throw new KernelException(
            "RowBind - the two operands must have the same schema, but column "
                + j
                + " is "
                + a.type(j).dslName()
                + " on the left and "
                + b.type(j).dslName()
                + " on the right");
      }
      if (!a.label(j).equals(b.label(j))) {
        throw new KernelException(
            "RowBind - the two operands must have the same column labels, but column "
                + j
                + " is '"
                + a.label(j)
                + "' on the left and '"
                + b.label(j)
                + "' on the right");
      }
      columns.add(concat(a.column(j), b.column(j)));
    }
    return columns.isEmpty() ? Frame.empty(a.rows() + b.rows()) : Frame.of(a.labels(), columns);
  }

  /**
   * The rows of parts, one after the other, as one frame: how row blocks of one frame are put back
   * together. Every part must have the labels and column types of the first (not checked: row
   * blocks of one frame have them by construction); one copy of each column's data.
   *
   * @throws IllegalArgumentException if parts is empty
   */
  public static Frame concatRows(List<Frame> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no row blocks to put together");
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    Frame first = parts.get(0);
    long rows = 0;
    for (Frame p : parts) {
      rows += p.rows();
    }
    if (rows > Integer.MAX_VALUE - 16) {
      throw new KernelException("a frame cannot hold " + rows + " rows");
    }
    if (first.cols() == 0) {
      return Frame.empty((int) rows);
    }
    List<Column> columns = new ArrayList<>(first.cols());
    for (int j = 0; j < first.cols(); j++) {
      columns.add(concatColumn(first.type(j), parts, j, (int) rows));
    }
    return Frame.of(first.labels(), columns);
  }

  private static Column concatColumn(ValueType t, List<Frame> parts, int j, int rows) {
    if (t == ValueType.STR) {
      List<StringColumn> strings = new ArrayList<>(parts.size());
      for (Frame p : parts) strings.add((StringColumn) p.column(j));
      return StringColumn.concat(strings);
    }
    DenseMatrix out = DenseMatrix.allocate(t, rows, 1);
    int at = 0;
    for (Frame p : parts) {
      DenseMatrix m = p.column(j).toMatrix();
      System.arraycopy(m.data(), 0, out.data(), at, m.rows());
      at += m.rows();
    }
    return Column.of(out);
  }

  /** The values of x, then those of y (same type). */
  static Column concat(Column x, Column y) {
    if (x instanceof StringColumn sx && y instanceof StringColumn sy) {
      StringColumn.Builder b = new StringColumn.Builder(sx.size() + sy.size());
      for (StringColumn s : new StringColumn[] {sx, sy}) {
        int[] off = s.offsets();
        for (int i = 0; i < s.size(); i++) {
          b.add(s.bytes(), off[i], off[i + 1]);
        }
      }
      return b.build();
    }
    DenseMatrix mx = x.toMatrix();
    DenseMatrix my = y.toMatrix();
    long n = (long) mx.rows() + my.rows();
    DenseMatrix out = DenseMatrix.allocate(mx.type(), n, 1);
    System.arraycopy(mx.data(), 0, out.data(), 0, mx.rows());
    System.arraycopy(my.data(), 0, out.data(), mx.rows(), my.rows());
    return Column.of(out);
  }

  /**
   * {@code setColLabelsPrefix(f, prefix)}: each label becomes {@code prefix.label}; a label that
   * already holds a '.' loses the part before its first '.' to the prefix.
   */
  public static Frame withLabelPrefix(Frame f, String prefix) {
    List<String> out = new ArrayList<>(f.cols());
    for (String l : f.labels()) {
      int dot = l.indexOf('.');
      out.add(prefix + "." + (dot < 0 ? l : l.substring(dot + 1)));
    }
    return relabel(f, out);
  }

  /**
   * f with new labels, one per column.
   *
   * @throws KernelException if the count differs or a label repeats
   */
  public static Frame relabel(Frame f, List<String> labels) {
    if (labels.size() != f.cols()) {
      throw new KernelException(
          "the number of labels ("
              + labels.size()
              + ") must be the number of columns of the frame ("
              + f.cols()
              + ")");
    }
    try {
      return f.cols() == 0 ? f : f.withLabels(labels);
    } catch (IllegalArgumentException e) {
      throw new KernelException(e.getMessage());
    }
  }

  /**
   * A frame of the given labels and n x 1 column matrices (frame literals, createFrame).
   *
   * @throws KernelException if a column is not n x 1 of a frame column type, the lengths differ or
   *     a label repeats
   */
  public static Frame of(List<String> labels, List<DenseMatrix> columns) {
    List<Column> cols = new ArrayList<>(columns.size());
    for (int j = 0; j < columns.size(); j++) {
      DenseMatrix m = columns.get(j);
      if (m.cols() != 1) {
        throw new KernelException(
            "a frame column must be a matrix with one column, but column "
                + j
                + " is "
                + m.rows()
                + "x"
                + m.cols());
      }
      requireColumnType(m.type());
      cols.add(Column.of(m));
    }
    try {
      return Frame.of(labels, cols);
    } catch (IllegalArgumentException e) {
      throw new KernelException(e.getMessage());
    }
  }

  /**
   * The columns at the given positions, in that order (repeats allowed). A label that would appear
   * twice becomes the default label of its position ({@code col_j}), as DAPHNE's views do.
   */
  public static Frame selectColumns(Frame f, int[] positions) {
    if (positions.length == 0) {
      return Frame.empty(f.rows());
    }
    List<String> labels = new ArrayList<>(positions.length);
    List<Column> cols = new ArrayList<>(positions.length);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < positions.length; i++) {
      String l = f.label(positions[i]);
      labels.add(seen.add(l) ? l : "col_" + i);
      cols.add(f.column(positions[i]));
    }
    try {
      return Frame.of(labels, cols);
    } catch (IllegalArgumentException e) {
      throw new KernelException(e.getMessage());
    }
  }

  /**
   * The position of the column labelled label.
   *
   * @throws KernelException if no column has that label
   */
  public static int column(Frame f, String label) {
    int j = f.indexOf(label);
    if (j < 0) {
      throw new KernelException(
          "column label '" + label + "' not found; the frame has " + f.labels());
    }
    return j;
  }

  /**
   * {@code as.scalar(f)}: the only cell of a 1x1 frame, of its column's type.
   *
   * @throws KernelException if f is not 1x1
   */
  public static daphnegrid.kernels.Scalar toScalar(Frame f) {
    if (f.rows() != 1 || f.cols() != 1) {
      throw new KernelException(
          "Cast frame to scalar: frame shape should be 1x1, got " + f.rows() + "x" + f.cols());
    }
    return f.column(0).get(0);
  }

  /**
   * {@code f op s} (DAPHNE's {@code EwBinaryObjSca} on frames): every column op s, with s converted
   * to the column's type and the result kept in it (so comparisons give 0/1 of the column's type
   * and {@code log} of an integer column is truncated). Labels stay.
   *
   * @throws KernelException for a str column or a string scalar
   */
  public static Frame binaryScalar(
      daphnegrid.kernels.BinaryOp op, Frame f, daphnegrid.kernels.Scalar s) {
    if (s.type() == ValueType.STR) {
      throw new KernelException("'" + op.symbol() + "' of a frame and a string is not supported");
    }
    List<Column> out = new ArrayList<>(f.cols());
    for (int j = 0; j < f.cols(); j++) {
      ValueType t = f.type(j);
      if (t == ValueType.STR) {
        throw new KernelException(
            "'"
                + op.symbol()
                + "' is not supported on the str column '"
                + f.label(j)
                + "' of a frame");
      }
      DenseMatrix r =
          daphnegrid.kernels.Elementwise.binaryScalar(op, f.column(j).toMatrix(), s.convert(t));
      out.add(Column.of(Casts.cast(r, t)));
    }
    return out.isEmpty() ? f : Frame.of(f.labels(), out);
  }

  /**
   * {@code order(f, keys..., ascending..., returnIndexes)} on a frame: the row positions of a
   * stable sort by the key columns, lexicographic in the order given (strings by their bytes,
   * unsigned types as unsigned, floats by {@link Double#compare}), each ascending or descending.
   *
   * @throws KernelException for a key column out of bounds
   */
  public static int[] order(Frame f, int[] keys, boolean[] ascending) {
    for (int k : keys) {
      if (k < 0 || k >= f.cols()) {
        throw new KernelException(
            "order: key column " + k + " out of bounds for a frame of " + f.cols() + " columns");
      }
    }
    Integer[] idx = new Integer[f.rows()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    java.util.Comparator<Integer> cmp = null;
    for (int k = 0; k < keys.length; k++) {
      java.util.Comparator<Integer> c = comparator(f.column(keys[k]));
      if (!ascending[k]) {
        c = c.reversed();
      }
      cmp = cmp == null ? c : cmp.thenComparing(c);
    }
    java.util.Arrays.sort(idx, cmp); // a stable merge sort
    int[] out = new int[idx.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  private static java.util.Comparator<Integer> comparator(Column col) {
    if (col instanceof StringColumn s) {
      return (x, y) -> s.compareAt(x, s, y);
    }
    DenseMatrix m = col.toMatrix();
    ValueType t = m.type();
    if (t.isFloat()) {
      return (x, y) -> Double.compare(m.getDouble(x), m.getDouble(y));
    }
    if (t.isUnsigned()) {
      return (x, y) -> Long.compareUnsigned(m.getLong(x), m.getLong(y));
    }
    return (x, y) -> Long.compare(m.getLong(x), m.getLong(y));
  }

  /** Rejects bool, which frames do not hold (spec 3.4), with a KernelException. */
  public static void requireColumnType(ValueType t) {
    if (t == ValueType.BOOL) {
      throw new KernelException("frames have no bool columns");
    }
  }
}
