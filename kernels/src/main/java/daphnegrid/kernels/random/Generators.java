package daphnegrid.kernels.random;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The data-generating built-ins {@code rand}, {@code sample}, {@code seq} and {@code fill}, bit for
 * bit as DAPHNE computes them (spec 7.1 and 9). Argument errors are {@link KernelException}s with
 * the built-in's name in the message.
 */
public final class Generators {
  private Generators() {}

  /** The seed that asks for a nondeterministic stream. */
  public static final long NONDETERMINISTIC_SEED = -1;

  /** seed, or a fresh random seed when seed is -1. */
  public static long resolveSeed(long seed) {
    return seed == NONDETERMINISTIC_SEED ? ThreadLocalRandom.current().nextLong() : seed;
  }

  /**
   * {@code rand(rows, cols, min, max, sparsity, seed)} as a dense matrix of min's value type (spec
   * 9.2): floats uniform in [min, max), integers in [min, max]; a fraction {@code sparsity} of the
   * cells non-zero, placed by selection sampling with a second generator seeded {@code seed * 3}; a
   * value drawn as 0 is drawn again. Every float and integer value type is supported.
   *
   * @throws KernelException if min and max differ in type or are not numbers, rows or cols is not
   *     positive, min > max, min = max = 0, or sparsity is outside [0, 1]
   */
  public static DenseMatrix rand(
      long rows, long cols, Scalar min, Scalar max, double sparsity, long seed) {
    return RandGenerator.rand(rows, cols, min, max, sparsity, seed);
  }

  /**
   * {@link #rand(long, long, Scalar, Scalar, double, long)}, the same bits, on pool's threads when
   * it is large, dense and of a float type (see {@link RandGenerator#PARALLEL_MIN_CELLS}): each
   * thread jumps to its part of the stream and fills its cells.
   */
  public static DenseMatrix rand(
      long rows, long cols, Scalar min, Scalar max, double sparsity, long seed, ForkJoinPool pool) {
    return RandGenerator.rand(rows, cols, min, max, sparsity, seed, pool);
  }

  /**
   * {@code rand(rows, cols, min, max, sparsity, seed)} as a CSR matrix, DAPHNE's sparse generator
   * (spec 9.5): {@code round(rows * cols * sparsity)} values drawn from {@link Minstd0} (zeros are
   * not redrawn), then the count of each row and the columns of each row from the same engine. It
   * gives other numbers than {@link #rand} for the same seed, as in DAPHNE.
   *
   * @throws KernelException for the argument errors of {@link #rand}
   */
  public static CsrMatrix randCsr(
      long rows, long cols, Scalar min, Scalar max, double sparsity, long seed) {
    return SparseRandGenerator.rand(rows, cols, min, max, sparsity, seed);
  }

  /**
   * The stored cells of {@link #randCsr} for these arguments: {@code round(rows * cols *
   * sparsity)}, after the checks {@link #randCsr} makes (so that a caller that generates elsewhere
   * reports the same errors).
   *
   * @throws KernelException for the argument errors of {@link #randCsr}
   */
  public static long randCsrNonZeros(
      long rows, long cols, Scalar min, Scalar max, double sparsity) {
    return SparseRandGenerator.checkShape(rows, cols, min, max, sparsity);
  }

  /**
   * Rows [starts[i], ends[i]) of {@link #randCsr} for each i (ascending, disjoint ranges), each a
   * CSR matrix of its rows, bit for bit those rows of {@link #randCsr}. The sparse stream cannot
   * jump (its draws depend on rejections), so this replays it from the start up to the last range:
   * as long as generating the whole matrix up to there, but it keeps only the ranges' cells.
   *
   * @param seed the resolved seed ({@link #resolveSeed}), so that every caller uses one stream
   * @throws KernelException for the argument errors of {@link #randCsr}
   * @throws IllegalArgumentException if the ranges are not ascending, disjoint and within rows
   */
  public static List<CsrMatrix> randCsrRows(
      long rows,
      long cols,
      Scalar min,
      Scalar max,
      double sparsity,
      long seed,
      long[] starts,
      long[] ends) {
    if (seed == NONDETERMINISTIC_SEED) {
      throw new IllegalArgumentException("randCsrRows needs a resolved seed");
    }
    return SparseRandGenerator.rowRanges(rows, cols, min, max, sparsity, seed, starts, ends);
  }

  /**
   * Rows [r0, r1) of {@code rand(rows, cols, min, max, 1.0, seed)} for a float value type,
   * generated without the rows above them: the value generator jumps straight to draw {@code
   * firstDraw} (in O(log firstDraw) time, {@link Mt19937#discard}) and fills the block in order.
   *
   * <p>Contract. A cell takes {@link #drawsPerCell} draws unless a value comes out exactly 0 and is
   * drawn again, so the block is exactly the corresponding rows of {@code rand(...)} if and only if
   * firstDraw equals the number of draws all rows above r0 used. To build a matrix from blocks,
   * generate them (in parallel, anywhere) with the nominal offset {@link #nominalFirstDraw}, then
   * walk them in row order with {@code expected = 0}: if a block's {@link RandBlock#firstDraw()}
   * differs from {@code expected}, regenerate it with {@code firstDraw = expected}; then set {@code
   * expected = block.nextDraw()}. Zero draws are rare (probability about 2^-64 per f64 cell for min
   * = 0), so in practice nothing is regenerated; {@link RandBlock#zeroRedraw()} tells which block
   * shifted the stream.
   *
   * @param seed the resolved seed ({@link #resolveSeed}); -1 is rejected because every block must
   *     use the same stream
   * @throws KernelException for the argument errors of {@link #rand}
   * @throws IllegalArgumentException if the type is not a float type, seed is -1, or the row range
   *     is not within [0, rows]
   */
  public static RandBlock randRows(
      long rows, long cols, Scalar min, Scalar max, long seed, long r0, long r1, long firstDraw) {
    return RandGenerator.randRows(rows, cols, min, max, seed, r0, r1, firstDraw);
  }

  /**
   * A walk over row ranges of one dense float rand ({@link RandRowWalk}): each step gives what
   * {@link #randRows} gives for its range, cheaper when the ranges come in stream order.
   *
   * @throws KernelException for the argument errors of {@link #rand}
   * @throws IllegalArgumentException if the type is not a float type or seed is -1
   */
  public static RandRowWalk randRowWalk(long rows, long cols, Scalar min, Scalar max, long seed) {
    return new RandRowWalk(rows, cols, min, max, seed);
  }

  /** {@link #randRows} at the nominal offset {@link #nominalFirstDraw}. */
  public static RandBlock randRows(
      long rows, long cols, Scalar min, Scalar max, long seed, long r0, long r1) {
    return randRows(rows, cols, min, max, seed, r0, r1, nominalFirstDraw(min.type(), cols, r0));
  }

  /** The draw index of row r's first cell when no zero was redrawn: r * cols * drawsPerCell. */
  public static long nominalFirstDraw(ValueType t, long cols, long r) {
    return r * cols * drawsPerCell(t);
  }

  /** Engine outputs one non-redrawn float cell takes: 2 for f64, 1 for f32. */
  public static int drawsPerCell(ValueType t) {
    return switch (t) {
      case F64 -> 2;
      case F32 -> 1;
      default -> throw new IllegalArgumentException("no fixed draw count for " + t.dslName());
    };
  }

  /**
   * {@code sample(range, size, withReplacement, seed)}: a size x 1 matrix of range's value type
   * (spec 9.3) with values from [0, range); integers without replacement are distinct, picked by
   * selection sampling and then shuffled. Supports every integer type, f64 and f32 (for f32 the
   * upper bound is the largest float below range).
   *
   * @throws KernelException if size <= 0, range <= 0, or an integer range is smaller than size
   *     without replacement
   */
  public static DenseMatrix sample(Scalar range, long size, boolean withReplacement, long seed) {
    return SampleGenerator.sample(range, size, withReplacement, seed);
  }

  /**
   * {@code seq(from, to, inc)}: the column vector from, from + inc, ... up to to (spec 9.4), of the
   * most general of the three value types; empty when inc points away from to. The count is {@code
   * ceil(|to - from| / |inc|) + 1} (integer division for integer types); a float sequence drops its
   * last element if that overshoots to by more than 1e-13. The DSL's default inc is an si8 1,
   * supplied by the caller.
   *
   * @throws KernelException if inc is 0, any argument is NaN, or the type is not numeric
   */
  public static DenseMatrix seq(Scalar from, Scalar to, Scalar inc) {
    return SeqGenerator.seq(from, to, inc);
  }

  /**
   * The number of elements of {@code seq(from, to, inc)} (its rows), without making it.
   *
   * @throws KernelException for the argument errors of {@link #seq}
   */
  public static long seqCount(Scalar from, Scalar to, Scalar inc) {
    return SeqGenerator.count(from, to, inc);
  }

  /** The value type of {@code seq(from, to, inc)}: the most general of the three. */
  public static ValueType seqType(Scalar from, Scalar to, Scalar inc) {
    return SeqGenerator.type(from, to, inc);
  }

  /**
   * Rows [r0, r1) of {@code seq(from, to, inc)} of type t (from and inc converted to t), bit for
   * bit as {@link #seq} makes them: float sequences accumulate, so row r0's value is the
   * accumulation replayed r0 times (cheap next to the rows themselves).
   */
  public static DenseMatrix seqRows(Scalar from, Scalar inc, ValueType t, long r0, long r1) {
    return SeqGenerator.rows(from.convert(t), inc.convert(t), t, r0, r1);
  }

  /**
   * {@code fill(value, rows, cols)}: a rows x cols matrix of value's type with every cell equal to
   * value (any type, also str and bool; 0 rows or columns allowed).
   *
   * @throws KernelException if a dimension is negative or the matrix is too large
   */
  public static DenseMatrix fill(Scalar value, long rows, long cols) {
    DenseMatrix m = DenseMatrix.allocate(value.type(), rows, cols);
    int n = m.size();
    switch (value.type().storage()) {
      case DOUBLE -> Arrays.fill(m.f64(), 0, n, value.doubleValue());
      case FLOAT -> Arrays.fill(m.f32(), 0, n, (float) value.doubleValue());
      case LONG -> Arrays.fill(m.i64(), 0, n, value.bits());
      case INT -> Arrays.fill(m.i32(), 0, n, (int) value.bits());
      case BYTE -> Arrays.fill(m.i8(), 0, n, (byte) value.bits());
      case STRING -> Arrays.fill(m.str(), 0, n, value.stringValue());
    }
    return m;
  }
}
