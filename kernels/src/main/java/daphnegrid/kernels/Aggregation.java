package daphnegrid.kernels;

/**
 * Full, row-wise and column-wise aggregation (spec 7.6) for every numeric value type.
 *
 * <p>Order of evaluation: a full sum, minimum or maximum of a float matrix uses four running
 * accumulators (cell k goes to accumulator k mod 4), combined as {@code op(op(a0,a1),op(a2,a3))},
 * then the remaining cells are folded in; a row aggregate folds left to right starting from the
 * row's first cell; a column aggregate folds top to bottom. Minimum and maximum follow C++'s {@code
 * std::min(acc, x)}: a NaN cell never replaces the accumulator. Integer sums wrap in the argument's
 * type; mean, var and stddev compute in double (float for f32).
 *
 * <p>Zero signs are DAPHNE's: full sums start at +0, as its AggAll does, so they are never -0; row
 * and column sums (and the sums behind their means) start at -0, which gives exactly the fold from
 * the first cell that its AggRow and AggCol compute (see {@link ReductionKernels}), so a row of -0
 * cells sums to -0.
 */
public final class Aggregation {
  private Aggregation() {}

  private static void requireNumeric(AggOp op, DenseMatrix m) {
    if (m.type() == ValueType.STR) {
      throw new KernelException(op.functionName() + " is not defined for string matrices");
    }
  }

  /** op over all cells (not defined for idxMin/idxMax). */
  public static Scalar full(AggOp op, DenseMatrix m) {
    requireNumeric(op, m);
    ValueType t = m.type();
    int n = m.size();
    switch (op) {
      case SUM, MIN, MAX -> {
        if (t == ValueType.F64) {
          return Scalar.f64(fullF64(op, m.f64(), 0, n, neutralDouble(op)));
        }
        if (t == ValueType.F32) {
          // f32 folds in float arithmetic
          return Scalar.ofDouble(t, fullF32(op, m.f32(), n));
        }
        long acc = neutralLong(op, t);
        for (int i = 0; i < n; i++) {
          acc = foldLong(op, acc, m.getLong(i), t);
        }
        return Scalar.ofLong(t, acc);
      }
      case MEAN, VAR, STDDEV -> {
        double[] v = toDoubles(m);
        double r = moment(op, v, n, 0.0);
        return t == ValueType.F32 ? Scalar.ofDouble(t, r) : Scalar.f64(r);
      }
      default -> throw new KernelException(op.functionName() + " needs an axis (0 or 1)");
    }
  }

  /** op over each row: an n x 1 result. */
  public static DenseMatrix rows(AggOp op, DenseMatrix m) {
    DenseMatrix out = DenseMatrix.allocate(op.resultType(m.type()), m.rows(), 1);
    rowsInto(op, m, out);
    return out;
  }

  /** Writes op over each row of m into out (m.rows x 1 of the op's result type). */
  public static void rowsInto(AggOp op, DenseMatrix m, DenseMatrix out) {
    requireNumeric(op, m);
    int rows = m.rows();
    int cols = m.cols();
    if (m.type() == ValueType.F64) {
      rowsF64(op, m.f64(), rows, cols, out);
      return;
    }
    for (int r = 0; r < rows; r++) {
      aggregateLine(op, m, r * cols, 1, cols, out, r);
    }
  }

  /**
   * Row aggregates of an f64 matrix through the selected kernels: sums, minima and maxima in the
   * fixed lane layout of {@link ReductionKernels}, means as sums / cols, var and stddev from the
   * sum of squared deviations from that mean.
   */
  private static void rowsF64(AggOp op, double[] a, int rows, int cols, DenseMatrix out) {
    ReductionKernels rk = Kernels.impl().reductions();
    switch (op) {
      case SUM, MIN, MAX -> rk.rowAggregate(op, a, 0, rows, cols, out.f64(), 0);
      case IDXMIN, IDXMAX -> {
        if (cols == 0) {
          throw new KernelException(op.functionName() + " of a matrix without columns");
        }
        rk.rowIndex(op, a, 0, rows, cols, out.i64(), 0);
      }
      default -> {
        double[] o = out.f64();
        rk.rowAggregate(AggOp.SUM, a, 0, rows, cols, o, 0);
        for (int r = 0; r < rows; r++) {
          o[r] /= cols;
        }
        if (op == AggOp.MEAN) {
          return;
        }
        double[] means = o.clone();
        rk.rowSumSquaredDeviations(a, 0, rows, cols, means, 0, o, 0);
        for (int r = 0; r < rows; r++) {
          double var = o[r] / cols;
          o[r] = op == AggOp.VAR ? var : Math.sqrt(var);
        }
      }
    }
  }

  /** op over each column: a 1 x m result. */
  public static DenseMatrix cols(AggOp op, DenseMatrix m) {
    requireNumeric(op, m);
    int rows = m.rows();
    int cols = m.cols();
    DenseMatrix out = DenseMatrix.allocate(op.resultType(m.type()), 1, cols);
    if (m.type() == ValueType.F64 && (op == AggOp.SUM || op == AggOp.MIN || op == AggOp.MAX)) {
      double[] a = m.f64();
      double[] o = out.f64();
      if (rows == 0) {
        java.util.Arrays.fill(o, neutralDouble(op));
        return out;
      }
      System.arraycopy(a, 0, o, 0, cols);
      for (int r = 1; r < rows; r++) {
        int base = r * cols;
        for (int c = 0; c < cols; c++) {
          o[c] = foldDouble(op, o[c], a[base + c]);
        }
      }
      return out;
    }
    for (int c = 0; c < cols; c++) {
      aggregateLine(op, m, c, cols, rows, out, c);
    }
    return out;
  }

  /** Aggregates count cells start, start+stride, ... of m into cell at of out. */
  private static void aggregateLine(
      AggOp op, DenseMatrix m, int start, int stride, int count, DenseMatrix out, int at) {
    ValueType t = m.type();
    switch (op) {
      case SUM, MIN, MAX -> {
        if (t.isFloat()) {
          double acc;
          if (count == 0) {
            acc = neutralDouble(op);
          } else {
            acc = m.getDouble(start);
            for (int k = 1; k < count; k++) {
              double x = m.getDouble(start + k * stride);
              acc =
                  t == ValueType.F32
                      ? foldFloat(op, (float) acc, (float) x)
                      : foldDouble(op, acc, x);
            }
          }
          out.setDouble(at, acc);
        } else {
          long acc;
          if (count == 0) {
            acc = neutralLong(op, t);
          } else {
            acc = m.getLong(start);
            for (int k = 1; k < count; k++) {
              acc = foldLong(op, acc, m.getLong(start + k * stride), t);
            }
          }
          out.setLong(at, acc);
        }
      }
      case MEAN, VAR, STDDEV -> {
        double[] v = new double[count];
        for (int k = 0; k < count; k++) {
          v[k] = m.getDouble(start + k * stride);
        }
        out.setDouble(at, moment(op, v, count, -0.0));
      }
      case IDXMIN, IDXMAX -> {
        long best = 0;
        if (t.isFloat()) {
          double acc = count == 0 ? 0 : m.getDouble(start);
          for (int k = 1; k < count; k++) {
            double x = m.getDouble(start + k * stride);
            if (op == AggOp.IDXMIN ? x < acc : x > acc) {
              acc = x;
              best = k;
            }
          }
        } else {
          long acc = count == 0 ? 0 : m.getLong(start);
          boolean u = t == ValueType.UI64 || t == ValueType.SIZE;
          for (int k = 1; k < count; k++) {
            long x = m.getLong(start + k * stride);
            int c = u ? Long.compareUnsigned(x, acc) : Long.compare(x, acc);
            if (op == AggOp.IDXMIN ? c < 0 : c > 0) {
              acc = x;
              best = k;
            }
          }
        }
        out.setLong(at, best);
      }
    }
  }

  private static double[] toDoubles(DenseMatrix m) {
    if (m.type() == ValueType.F64) {
      return m.f64();
    }
    int n = m.size();
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = m.getDouble(i);
    }
    return v;
  }

  /**
   * mean, population variance or standard deviation of v[0 .. n), the sum behind the mean in the
   * four-accumulator order from sumStart: +0 for a full aggregate, -0 for a row or column.
   */
  private static double moment(AggOp op, double[] v, int n, double sumStart) {
    double sum = fullF64(AggOp.SUM, v, 0, n, sumStart);
    double mean = sum / n;
    if (op == AggOp.MEAN) {
      return mean;
    }
    double ss = 0;
    for (int k = 0; k < n; k++) {
      double d = v[k] - mean;
      ss += d * d;
    }
    double var = ss / n;
    return op == AggOp.VAR ? var : Math.sqrt(var);
  }

  /** Full sum/min/max of n doubles from start with four running accumulators from neutral. */
  private static double fullF64(AggOp op, double[] a, int start, int n, double neutral) {
    double a0 = neutral;
    double a1 = neutral;
    double a2 = neutral;
    double a3 = neutral;
    int end4 = start + (n & ~3);
    int i = start;
    for (; i < end4; i += 4) {
      a0 = foldDouble(op, a0, a[i]);
      a1 = foldDouble(op, a1, a[i + 1]);
      a2 = foldDouble(op, a2, a[i + 2]);
      a3 = foldDouble(op, a3, a[i + 3]);
    }
    double acc = foldDouble(op, foldDouble(op, a0, a1), foldDouble(op, a2, a3));
    for (; i < start + n; i++) {
      acc = foldDouble(op, acc, a[i]);
    }
    return acc;
  }

  private static float fullF32(AggOp op, float[] a, int n) {
    float neutral = (float) neutralDouble(op);
    float a0 = neutral;
    float a1 = neutral;
    float a2 = neutral;
    float a3 = neutral;
    int end4 = n & ~3;
    int i = 0;
    for (; i < end4; i += 4) {
      a0 = foldFloat(op, a0, a[i]);
      a1 = foldFloat(op, a1, a[i + 1]);
      a2 = foldFloat(op, a2, a[i + 2]);
      a3 = foldFloat(op, a3, a[i + 3]);
    }
    float acc = foldFloat(op, foldFloat(op, a0, a1), foldFloat(op, a2, a3));
    for (; i < n; i++) {
      acc = foldFloat(op, acc, a[i]);
    }
    return acc;
  }

  static double neutralDouble(AggOp op) {
    return switch (op) {
      case MIN -> Double.POSITIVE_INFINITY;
      case MAX -> Double.NEGATIVE_INFINITY;
      default -> 0.0;
    };
  }

  static double foldDouble(AggOp op, double acc, double x) {
    return switch (op) {
      case SUM -> acc + x;
      case MIN -> x < acc ? x : acc;
      case MAX -> acc < x ? x : acc;
      default -> throw new AssertionError(op);
    };
  }

  private static float foldFloat(AggOp op, float acc, float x) {
    return switch (op) {
      case SUM -> acc + x;
      case MIN -> x < acc ? x : acc;
      case MAX -> acc < x ? x : acc;
      default -> throw new AssertionError(op);
    };
  }

  static long neutralLong(AggOp op, ValueType t) {
    if (op == AggOp.SUM) {
      return 0;
    }
    boolean min = op == AggOp.MIN;
    return switch (t) {
      case BOOL -> min ? 1 : 0;
      case SI8 -> min ? Byte.MAX_VALUE : Byte.MIN_VALUE;
      case UI8 -> min ? 0xFF : 0;
      case SI32 -> min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
      case UI32 -> min ? 0xFFFFFFFFL : 0;
      case SI64 -> min ? Long.MAX_VALUE : Long.MIN_VALUE;
      case UI64, SIZE -> min ? -1L : 0;
      default -> throw new AssertionError(t);
    };
  }

  static long foldLong(AggOp op, long acc, long x, ValueType t) {
    boolean u = t == ValueType.UI64 || t == ValueType.SIZE;
    return switch (op) {
      case SUM -> Convert.narrow(acc + x, t);
      case MIN -> (u ? Long.compareUnsigned(x, acc) : Long.compare(x, acc)) < 0 ? x : acc;
      case MAX -> (u ? Long.compareUnsigned(acc, x) : Long.compare(acc, x)) < 0 ? x : acc;
      default -> throw new AssertionError(op);
    };
  }

  /** Column-wise running aggregate: res[0,j] = a[0,j], res[i,j] = op(res[i-1,j], a[i,j]). */
  public static DenseMatrix cumulative(CumOp op, DenseMatrix m) {
    if (m.type() == ValueType.STR) {
      throw new KernelException(op.functionName() + " is not defined for string matrices");
    }
    int rows = m.rows();
    int cols = m.cols();
    DenseMatrix out = DenseMatrix.allocate(m.type(), rows, cols);
    ValueType t = m.type();
    BinaryOp bop =
        switch (op) {
          case SUM -> BinaryOp.ADD;
          case PROD -> BinaryOp.MUL;
          case MIN -> BinaryOp.MIN;
          case MAX -> BinaryOp.MAX;
        };
    for (int c = 0; c < cols; c++) {
      if (rows == 0) {
        break;
      }
      out.set(c, m.get(c));
      for (int r = 1; r < rows; r++) {
        int i = r * cols + c;
        int p = i - cols;
        if (t == ValueType.F64) {
          out.f64()[i] = cumFold(op, out.f64()[p], m.f64()[i]);
        } else if (t == ValueType.F32) {
          out.f32()[i] = (float) cumFold(op, out.f32()[p], m.f32()[i]);
        } else if (op == CumOp.MIN || op == CumOp.MAX) {
          out.setLong(
              i,
              foldLong(op == CumOp.MIN ? AggOp.MIN : AggOp.MAX, out.getLong(p), m.getLong(i), t));
        } else {
          out.setLong(i, ElementOps.integer(bop, out.getLong(p), m.getLong(i), t));
        }
      }
    }
    return out;
  }

  private static double cumFold(CumOp op, double acc, double x) {
    return switch (op) {
      case SUM -> acc + x;
      case PROD -> acc * x;
      case MIN -> x < acc ? x : acc;
      case MAX -> acc < x ? x : acc;
    };
  }
}
