package daphnegrid.kernels.frame;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;

/**
 * One column of a {@link Frame}: n values of one value type. Frames hold no bool columns (spec
 * 3.4). Numeric columns wrap an n x 1 matrix, so every matrix kernel works on them unchanged.
 */
public sealed interface Column permits Column.Numeric, StringColumn {
  ValueType type();

  int size();

  /** Element i as a scalar of the column's type. */
  Scalar get(int i);

  /** The rows from (inclusive) to (exclusive), in order. */
  Column slice(int from, int to);

  /** The rows at the given positions, in the order given (duplicates allowed). */
  Column gather(int[] positions);

  /** The column as an n x 1 matrix of its own value type (str: a String[] matrix). */
  DenseMatrix toMatrix();

  /** Bytes of the column's data (values, plus offsets for strings), for memory accounting. */
  long dataBytes();

  /** A column of the n x 1 matrix m: str matrices become compact {@link StringColumn}s. */
  static Column of(DenseMatrix m) {
    if (m.cols() != 1) {
      throw new IllegalArgumentException("a frame column needs one matrix column, not " + m.cols());
    }
    if (m.type() == ValueType.STR) {
      return StringColumn.of(m.str(), m.rows());
    }
    if (m.type() == ValueType.BOOL) {
      throw new IllegalArgumentException("frames have no bool columns");
    }
    return new Numeric(m, null);
  }

  /**
   * A si64 column of the n x 1 matrix m (n > 0) whose smallest and largest values the caller
   * already knows, because it made them (a CSV reader tracks them while it parses): {@link
   * Numeric#range()} then answers without a pass over the values, which a grouping by the column
   * needs to pick its path.
   *
   * @throws IllegalArgumentException if m is not a non-empty si64 column or min > max
   */
  static Column ofSi64(DenseMatrix m, long min, long max) {
    if (m.type() != ValueType.SI64 || m.cols() != 1 || m.rows() == 0 || min > max) {
      throw new IllegalArgumentException("not a si64 column with values in [min, max]");
    }
    return new Numeric(m, new Range(min, max));
  }

  /** The smallest and largest value of a si64 column. */
  record Range(long min, long max) {}

  /**
   * A numeric column backed by an n x 1 matrix that nobody else writes, with the range of its
   * values when its maker knew it ({@link #ofSi64}).
   */
  final class Numeric implements Column {
    private final DenseMatrix values;
    private final Range range;

    private Numeric(DenseMatrix values, Range range) {
      if (values.cols() != 1 || !values.type().isNumeric() || values.type() == ValueType.BOOL) {
        throw new IllegalArgumentException("not a numeric column: " + values.header());
      }
      this.values = values;
      this.range = range;
    }

    /** The values as an n x 1 matrix. */
    public DenseMatrix values() {
      return values;
    }

    /** The smallest and largest value of a si64 column, when known without a pass; else null. */
    public Range range() {
      return range;
    }

    /** Columns are equal when they wrap the same matrix. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Numeric n && n.values.equals(values);
    }

    @Override
    public int hashCode() {
      return values.hashCode();
    }

    @Override
    public String toString() {
      return "Numeric[values=" + values + (range == null ? "" : ", range=" + range) + "]";
    }

    @Override
    public ValueType type() {
      return values.type();
    }

    @Override
    public int size() {
      return values.rows();
    }

    @Override
    public Scalar get(int i) {
      return values.get(i);
    }

    @Override
    public Column slice(int from, int to) {
      Object src = values.data();
      Object dst =
          java.lang.reflect.Array.newInstance(src.getClass().getComponentType(), to - from);
      System.arraycopy(src, from, dst, 0, to - from);
      return new Numeric(DenseMatrix.wrap(values.type(), to - from, 1, dst), null);
    }

    @Override
    public Column gather(int[] positions) {
      int n = positions.length;
      ValueType t = values.type();
      Object out =
          switch (t.storage()) {
            case DOUBLE -> {
              double[] s = values.f64(), d = new double[n];
              for (int i = 0; i < n; i++) d[i] = s[positions[i]];
              yield d;
            }
            case FLOAT -> {
              float[] s = values.f32(), d = new float[n];
              for (int i = 0; i < n; i++) d[i] = s[positions[i]];
              yield d;
            }
            case LONG -> {
              long[] s = values.i64(), d = new long[n];
              for (int i = 0; i < n; i++) d[i] = s[positions[i]];
              yield d;
            }
            case INT -> {
              int[] s = values.i32(), d = new int[n];
              for (int i = 0; i < n; i++) d[i] = s[positions[i]];
              yield d;
            }
            case BYTE -> {
              byte[] s = values.i8(), d = new byte[n];
              for (int i = 0; i < n; i++) d[i] = s[positions[i]];
              yield d;
            }
            case STRING -> throw new IllegalStateException("numeric column holds strings");
          };
      return new Numeric(DenseMatrix.wrap(t, n, 1, out), null);
    }

    @Override
    public DenseMatrix toMatrix() {
      return values;
    }

    @Override
    public long dataBytes() {
      long width =
          switch (values.type().storage()) {
            case DOUBLE, LONG -> 8;
            case FLOAT, INT -> 4;
            case BYTE -> 1;
            case STRING -> throw new IllegalStateException();
          };
      return width * values.rows();
    }
  }
}
