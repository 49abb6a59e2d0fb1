package daphnegrid.kernels;

/**
 * Array-level aggregation kernels for f64 and f32: full, per-row and per-column sum, min and max,
 * index of the first minimum/maximum, the sum of squared deviations that var and stddev need, and
 * the column-wise running aggregates. Matrices are {@code rows x cols}, row-major, contiguous from
 * their offset; outputs are written at their offset and nowhere else.
 *
 * <h2>Summation order: the same numbers everywhere</h2>
 *
 * Full and per-row reductions use one fixed logical layout of {@link #F64_LANES} (f32: {@link
 * #F32_LANES}) accumulators, whatever the hardware vector length: element k of the range goes to
 * accumulator k mod L for k below L*floor(len/L); then accumulators are combined by halving ({@code
 * acc[j] = op(acc[j], acc[j + h])} for h = L/2, L/4, ..., 1), then the remaining len mod L elements
 * are folded into acc[0] in order. Min starts at +inf and max at -inf, so a NaN element never
 * replaces an accumulator ({@code std::min(acc, x)} with the accumulator on the left): NaN cells
 * are skipped and an all-NaN range gives the start value. Column reductions fold down each column
 * in row order. The vector kernels and their plain twins implement exactly this, so results are
 * bit-identical between them and across machines.
 *
 * <h2>Zero signs: as DAPHNE's kernels give them</h2>
 *
 * DAPHNE's row and column aggregates (AggRow, AggCol) start from the first cell of each row or
 * column; its full aggregates (AggAll) start from the neutral element, +0 for sums. So:
 *
 * <ul>
 *   <li>full sums start at +0 and are never -0;
 *   <li>row and column sums start at -0 ({@code LINE_SUM_START} of the plain reductions), the
 *       identity of IEEE addition: {@code -0.0 + x} is exactly x for every x, +0 included, so each
 *       accumulator, the combined accumulators and the tail hold exactly what a fold from the first
 *       cell holds. A sum is -0 exactly when every cell is -0, in every lane arrangement; an empty
 *       row sums to +0;
 *   <li>row minima and maxima: +0 and -0 compare equal, so a fold from the first cell keeps the
 *       first zero it meets, while the halving tree may keep a later one. When a row's extreme is a
 *       zero, the result is the row's first zero cell. Column folds keep the first zero as they
 *       are;
 *   <li>the zero a full minimum or maximum returns is the tree's; DAPHNE's choice (its four
 *       accumulators) is made by the callers that see the whole matrix (the pipeline's partials).
 * </ul>
 */
public interface ReductionKernels {
  /** Logical accumulators of f64 full and row reductions. */
  int F64_LANES = 16;

  /** Logical accumulators of f32 full and row reductions. */
  int F32_LANES = 32;

  /**
   * SUM, MIN or MAX of a[off .. off+len) in the fixed layout, as a full aggregate: sums start at +0
   * (sum of nothing is +0).
   */
  double aggregate(AggOp op, double[] a, int off, int len);

  /** The sum of (a[i] - mean)^2 over the range, in the fixed layout (for var = that / N). */
  double sumSquaredDeviations(double[] a, int off, int len, double mean);

  /**
   * out[r] = op over row r for op SUM, MIN or MAX, in the fixed layout, with the zero signs of a
   * fold from the row's first cell: sums start at -0 (an empty row sums to +0), and a zero extreme
   * is the row's first zero cell.
   */
  void rowAggregate(AggOp op, double[] a, int aOff, int rows, int cols, double[] out, int outOff);

  /** out[r] = sumSquaredDeviations(row r, means[r]). */
  void rowSumSquaredDeviations(
      double[] a,
      int aOff,
      int rows,
      int cols,
      double[] means,
      int meansOff,
      double[] out,
      int outOff);

  /**
   * Folds every row of a into the 1 x cols accumulator row out, in row order: out[c] = op(out[c],
   * a[r,c]) for r = 0, 1, .... With {@code accumulate} false, out first starts at -0 for sums (so
   * each column sums exactly as from its first cell; a caller finishing a column of no rows gives
   * +0) and at +inf / -inf for min / max; with true, it continues from what out holds (the previous
   * row tile's result).
   */
  void columnAggregate(
      AggOp op,
      double[] a,
      int aOff,
      int rows,
      int cols,
      double[] out,
      int outOff,
      boolean accumulate);

  /** As {@link #columnAggregate} for SUM of (a[r,c] - means[c])^2. */
  void columnSumSquaredDeviations(
      double[] a,
      int aOff,
      int rows,
      int cols,
      double[] means,
      int meansOff,
      double[] out,
      int outOff,
      boolean accumulate);

  /**
   * out[r] = column index of the first minimum (IDXMIN) or maximum (IDXMAX) of row r, as a
   * sequential scan from the first cell that replaces its best value only when strictly better: NaN
   * cells never win, and a row starting with NaN gives 0.
   *
   * @throws KernelException if cols is 0
   */
  void rowIndex(AggOp op, double[] a, int aOff, int rows, int cols, long[] out, int outOff);

  /**
   * The column-wise twin of {@link #rowIndex}: best[c] and idx[c] hold the best value and its row
   * index so far. With {@code init} true the first row of a starts them (index rowBase); then every
   * row r of a that is strictly better replaces them with (a[r,c], rowBase + r). Row tiles can be
   * chained by passing init false and the next tile's rowBase.
   *
   * @throws KernelException if init is true and rows is 0
   */
  void columnIndex(
      AggOp op,
      double[] a,
      int aOff,
      int rows,
      int cols,
      long rowBase,
      double[] best,
      long[] idx,
      int outOff,
      boolean init);

  /**
   * Column-wise running aggregate: out[r,c] = op(out[r-1,c], a[r,c]) with {@link ElementOps}
   * semantics (accumulator on the left), where the row before row 0 is {@code prev} (the last
   * output row of the previous tile) or, when prev is null, out[0,c] = a[0,c]. out may be a.
   */
  void cumulative(
      CumOp op,
      double[] a,
      int aOff,
      int rows,
      int cols,
      double[] prev,
      int prevOff,
      double[] out,
      int outOff);

  /** f32 twin of {@link #aggregate(AggOp, double[], int, int)}. */
  float aggregate(AggOp op, float[] a, int off, int len);

  /** f32 twin; the deviations are computed in float. */
  float sumSquaredDeviations(float[] a, int off, int len, float mean);

  /** f32 twin. */
  void rowAggregate(AggOp op, float[] a, int aOff, int rows, int cols, float[] out, int outOff);

  /** f32 twin. */
  void rowSumSquaredDeviations(
      float[] a,
      int aOff,
      int rows,
      int cols,
      float[] means,
      int meansOff,
      float[] out,
      int outOff);

  /** f32 twin. */
  void columnAggregate(
      AggOp op,
      float[] a,
      int aOff,
      int rows,
      int cols,
      float[] out,
      int outOff,
      boolean accumulate);

  /** f32 twin. */
  void columnSumSquaredDeviations(
      float[] a,
      int aOff,
      int rows,
      int cols,
      float[] means,
      int meansOff,
      float[] out,
      int outOff,
      boolean accumulate);

  /** f32 twin. */
  void rowIndex(AggOp op, float[] a, int aOff, int rows, int cols, long[] out, int outOff);

  /** f32 twin. */
  void columnIndex(
      AggOp op,
      float[] a,
      int aOff,
      int rows,
      int cols,
      long rowBase,
      float[] best,
      long[] idx,
      int outOff,
      boolean init);

  /** f32 twin. */
  void cumulative(
      CumOp op,
      float[] a,
      int aOff,
      int rows,
      int cols,
      float[] prev,
      int prevOff,
      float[] out,
      int outOff);
}
