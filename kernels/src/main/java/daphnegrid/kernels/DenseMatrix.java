package daphnegrid.kernels;

import java.util.Arrays;

/**
 * A dense, row-major matrix of one {@link ValueType}, backed by one Java array whose type follows
 * {@link ValueType#storage()}: {@code double[]}, {@code float[]}, {@code long[]} (si64, ui64,
 * size), {@code int[]} (si32, ui32), {@code byte[]} (si8, ui8, bool as 0/1) or {@code String[]}.
 *
 * <p>Element (r, c) is at index {@code r * cols + c}. Kernels write into matrices they are given,
 * so the array is mutable; the interpreter treats every matrix a script can see as immutable
 * (copy-on-write).
 */
public final class DenseMatrix {
  /** Largest cell count a single array can hold. */
  public static final long MAX_CELLS = Integer.MAX_VALUE - 16;

  private final ValueType type;
  private final int rows;
  private final int cols;
  private final Object data;

  private DenseMatrix(ValueType type, int rows, int cols, Object data) {
    this.type = type;
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /** A new zero-filled (empty-string-filled for str) matrix. */
  public static DenseMatrix allocate(ValueType type, long rows, long cols) {
    int n = checkCells(rows, cols);
    Object data =
        switch (type.storage()) {
          case DOUBLE -> new double[n];
          case FLOAT -> new float[n];
          case LONG -> new long[n];
          case INT -> new int[n];
          case BYTE -> new byte[n];
          case STRING -> {
            String[] s = new String[n];
            Arrays.fill(s, "");
            yield s;
          }
        };
    return new DenseMatrix(type, (int) rows, (int) cols, data);
  }

  /** Wraps an array of the storage type of {@code type} holding rows * cols elements. */
  public static DenseMatrix wrap(ValueType type, int rows, int cols, Object data) {
    int n = checkCells(rows, cols);
    if (storageOf(data) != type.storage() || java.lang.reflect.Array.getLength(data) < n) {
      throw new IllegalArgumentException(
          "array does not fit " + type + " " + rows + "x" + cols + ": " + data.getClass());
    }
    return new DenseMatrix(type, rows, cols, data);
  }

  public static DenseMatrix ofDoubles(int rows, int cols, double... values) {
    return wrap(ValueType.F64, rows, cols, values);
  }

  public static DenseMatrix ofLongs(ValueType type, int rows, int cols, long... values) {
    DenseMatrix m = allocate(type, rows, cols);
    for (int i = 0; i < values.length; i++) {
      m.setLong(i, values[i]);
    }
    return m;
  }

  /** A 1x1 matrix holding s. */
  public static DenseMatrix ofScalar(Scalar s) {
    DenseMatrix m = allocate(s.type(), 1, 1);
    m.set(0, s);
    return m;
  }

  private static int checkCells(long rows, long cols) {
    if (rows < 0 || cols < 0) {
      throw new KernelException("negative matrix dimension: " + rows + "x" + cols);
    }
    if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE || rows * cols > MAX_CELLS) {
      throw new KernelException(
          "matrix of " + rows + "x" + cols + " cells exceeds the dense limit of " + MAX_CELLS);
    }
    return (int) (rows * cols);
  }

  private static ValueType.Storage storageOf(Object data) {
    if (data instanceof double[]) {
      return ValueType.Storage.DOUBLE;
    } else if (data instanceof float[]) {
      return ValueType.Storage.FLOAT;
    } else if (data instanceof long[]) {
      return ValueType.Storage.LONG;
    } else if (data instanceof int[]) {
      return ValueType.Storage.INT;
    } else if (data instanceof byte[]) {
      return ValueType.Storage.BYTE;
    } else if (data instanceof String[]) {
      return ValueType.Storage.STRING;
    }
    throw new IllegalArgumentException("not a matrix array: " + data);
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

  /** Number of cells, rows * cols. */
  public int size() {
    return rows * cols;
  }

  public boolean isRowVector() {
    return rows == 1;
  }

  public boolean isColVector() {
    return cols == 1;
  }

  /** The backing array (its length may exceed {@link #size()} for reused buffers). */
  public Object data() {
    return data;
  }

  public double[] f64() {
    return (double[]) data;
  }

  public float[] f32() {
    return (float[]) data;
  }

  public long[] i64() {
    return (long[]) data;
  }

  public int[] i32() {
    return (int[]) data;
  }

  public byte[] i8() {
    return (byte[]) data;
  }

  public String[] str() {
    return (String[]) data;
  }

  /** The "RxC, type" header DAPHNE prints, e.g. {@code DenseMatrix(2x3, double)}. */
  public String header() {
    return "DenseMatrix(" + rows + "x" + cols + ", " + type.cppName() + ")";
  }

  /** Element i (row-major) as a double; integers convert as their type says. */
  public double getDouble(int i) {
    return switch (type.storage()) {
      case DOUBLE -> ((double[]) data)[i];
      case FLOAT -> ((float[]) data)[i];
      case STRING -> throw new KernelException("a string matrix was used where numbers are needed");
      default -> Convert.toDouble(getLong(i), type);
    };
  }

  /**
   * Element i as the normalised integer payload of its type (ui8 and ui32 zero-extended, bool 0/1);
   * float elements are converted to si64 by truncation.
   */
  public long getLong(int i) {
    return switch (type) {
      case F64 -> Convert.fromDouble(((double[]) data)[i], ValueType.SI64);
      case F32 -> Convert.fromDouble(((float[]) data)[i], ValueType.SI64);
      case SI64, UI64, SIZE -> ((long[]) data)[i];
      case SI32 -> ((int[]) data)[i];
      case UI32 -> ((int[]) data)[i] & 0xFFFFFFFFL;
      case SI8, BOOL -> ((byte[]) data)[i];
      case UI8 -> ((byte[]) data)[i] & 0xFFL;
      case STR -> throw new KernelException("a string matrix was used where numbers are needed");
    };
  }

  public String getString(int i) {
    return ((String[]) data)[i];
  }

  /** Element i as a scalar of this matrix's type. */
  public Scalar get(int i) {
    return switch (type.storage()) {
      case DOUBLE -> Scalar.ofDouble(type, ((double[]) data)[i]);
      case FLOAT -> Scalar.ofDouble(type, ((float[]) data)[i]);
      case STRING -> Scalar.str(((String[]) data)[i]);
      default -> Scalar.ofLong(type, getLong(i));
    };
  }

  public Scalar get(int r, int c) {
    return get(r * cols + c);
  }

  /** Stores a float value (for integer types: converted by truncation). */
  public void setDouble(int i, double v) {
    switch (type.storage()) {
      case DOUBLE -> ((double[]) data)[i] = v;
      case FLOAT -> ((float[]) data)[i] = (float) v;
      case STRING -> throw new IllegalStateException("string matrix set from a number");
      default -> setLong(i, Convert.fromDouble(v, type));
    }
  }

  /** Stores an integer value of this matrix's integer type (narrowed; floats: converted). */
  public void setLong(int i, long v) {
    switch (type.storage()) {
      case DOUBLE -> ((double[]) data)[i] = (double) v;
      case FLOAT -> ((float[]) data)[i] = (float) v;
      case LONG -> ((long[]) data)[i] = v;
      case INT -> ((int[]) data)[i] = (int) v;
      case BYTE -> ((byte[]) data)[i] = (byte) (type == ValueType.BOOL ? (v != 0 ? 1 : 0) : v);
      case STRING -> throw new IllegalStateException("string matrix set from a number");
    }
  }

  /** Stores s, which is converted to this matrix's type first. */
  public void set(int i, Scalar s) {
    Scalar v = s.convert(type);
    switch (type.storage()) {
      case DOUBLE -> ((double[]) data)[i] = v.doubleValue();
      case FLOAT -> ((float[]) data)[i] = (float) v.doubleValue();
      case STRING -> ((String[]) data)[i] = v.stringValue();
      default -> setLong(i, v.bits());
    }
  }

  /** Sets every cell to zero (the empty string for str). */
  public void clear() {
    int n = size();
    switch (type.storage()) {
      case DOUBLE -> Arrays.fill((double[]) data, 0, n, 0.0);
      case FLOAT -> Arrays.fill((float[]) data, 0, n, 0f);
      case LONG -> Arrays.fill((long[]) data, 0, n, 0L);
      case INT -> Arrays.fill((int[]) data, 0, n, 0);
      case BYTE -> Arrays.fill((byte[]) data, 0, n, (byte) 0);
      case STRING -> Arrays.fill((String[]) data, 0, n, "");
    }
  }

  /** A copy with its own array of exactly size() elements. */
  public DenseMatrix copy() {
    int n = size();
    Object a =
        switch (type.storage()) {
          case DOUBLE -> Arrays.copyOf((double[]) data, n);
          case FLOAT -> Arrays.copyOf((float[]) data, n);
          case LONG -> Arrays.copyOf((long[]) data, n);
          case INT -> Arrays.copyOf((int[]) data, n);
          case BYTE -> Arrays.copyOf((byte[]) data, n);
          case STRING -> Arrays.copyOf((String[]) data, n);
        };
    return new DenseMatrix(type, rows, cols, a);
  }

  /** The same cells seen as rows x cols (shares the array). */
  public DenseMatrix reshape(int newRows, int newCols) {
    if ((long) newRows * newCols != size()) {
      throw new KernelException(
          "reshape must retain the number of cells: "
              + rows
              + "x"
              + cols
              + " cannot become "
              + newRows
              + "x"
              + newCols);
    }
    return new DenseMatrix(type, newRows, newCols, data);
  }

  /** Same type, shape and cells (floats compared bit for bit). */
  public boolean sameContents(DenseMatrix o) {
    if (o.type != type || o.rows != rows || o.cols != cols) {
      return false;
    }
    int n = size();
    return switch (type.storage()) {
      case DOUBLE -> Arrays.equals((double[]) data, 0, n, (double[]) o.data, 0, n);
      case FLOAT -> Arrays.equals((float[]) data, 0, n, (float[]) o.data, 0, n);
      case LONG -> Arrays.equals((long[]) data, 0, n, (long[]) o.data, 0, n);
      case INT -> Arrays.equals((int[]) data, 0, n, (int[]) o.data, 0, n);
      case BYTE -> Arrays.equals((byte[]) data, 0, n, (byte[]) o.data, 0, n);
      case STRING -> Arrays.equals((String[]) data, 0, n, (String[]) o.data, 0, n);
    };
  }

  @Override
  public String toString() {
    return header();
  }
}
