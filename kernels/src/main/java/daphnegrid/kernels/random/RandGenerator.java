package daphnegrid.kernels.random;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Parallel;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.format.NumberFormat;
import java.util.concurrent.ForkJoinPool;

/** The dense {@code rand} algorithm of spec 9.2; see {@link Generators#rand}. */
final class RandGenerator {
  private RandGenerator() {}

  static DenseMatrix rand(
      long rows, long cols, Scalar min, Scalar max, double sparsity, long seed) {
    validate(rows, cols, min, max, sparsity);
    long s = Generators.resolveSeed(seed);
    Mt19937 gVal = new Mt19937(s);
    Mt19937 gIdx = new Mt19937(s * 3);
    DenseMatrix out = DenseMatrix.allocate(min.type(), rows, cols);
    int n = out.size();
    boolean dense = sparsity >= 0.5;
    long k = roundHalfAway((dense ? 1 - sparsity : sparsity) * cols * rows);
    if (dense) {
      fillNonZero(out, 0, n, min, max, gVal);
    }
    // phase 2: selection sampling of k cell positions
    long picked = 0;
    for (int i = 0; i < n && picked < k; i++) {
      long x = Distributions.uniformUnsigned(gIdx, n - 1L);
      if (Long.remainderUnsigned(x, n - (long) i) < k - picked) {
        if (dense) {
          out.setLong(i, 0);
        } else {
          fillNonZero(out, i, i + 1, min, max, gVal);
        }
        picked++;
      }
    }
    return out;
  }

  /**
   * Dense float rand of at least this many cells (with sparsity 1) runs on the pool's threads. A
   * part other than the first starts with a jump in the stream: about 0.2 s for the first jump in a
   * process (it recovers the jump polynomial), 30 ms later, where one cell costs about 10 ns; so
   * two parts pay from about 50 million cells on.
   */
  static final long PARALLEL_MIN_CELLS = 1L << 26;

  static DenseMatrix rand(
      long rows, long cols, Scalar min, Scalar max, double sparsity, long seed, ForkJoinPool pool) {
    int parts = Parallel.parts(pool);
    if (parts < 2 || sparsity != 1.0 || !min.type().isFloat() || rows * cols < PARALLEL_MIN_CELLS) {
      return rand(rows, cols, min, max, sparsity, seed); // validates, as the parallel path does
    }
    validate(rows, cols, min, max, sparsity);
    long s = Generators.resolveSeed(seed);
    return randParts(rows, cols, min, max, s, pool, parts, (c0, per) -> (long) c0 * per);
  }

  /** Where a part of the cells starts in the value stream, as far as it is known beforehand. */
  interface FirstDraw {
    long of(int firstCell, int drawsPerCell);
  }

  /**
   * Dense float rand with sparsity 1 in parts: each part is filled from draw nominal.of(its first
   * cell) in parallel; then, in cell order, a part that did not start where the parts before it
   * ended (a zero redrawn before it, or a wrong nominal offset) is filled again from there.
   */
  static DenseMatrix randParts(
      long rows,
      long cols,
      Scalar min,
      Scalar max,
      long seed,
      ForkJoinPool pool,
      int parts,
      FirstDraw nominal) {
    DenseMatrix out = DenseMatrix.allocate(min.type(), rows, cols);
    int n = out.size();
    int per = Generators.drawsPerCell(min.type());
    long[] first = new long[parts];
    long[] used = new long[parts];
    Parallel.forEach(
        pool,
        parts,
        t -> {
          int c0 = Parallel.cut(n, parts, t, 1);
          first[t] = nominal.of(c0, per);
          used[t] = fillFrom(out, c0, Parallel.cut(n, parts, t + 1, 1), min, max, seed, first[t]);
        });
    long expected = 0;
    for (int t = 0; t < parts; t++) {
      if (first[t] != expected) {
        int c0 = Parallel.cut(n, parts, t, 1);
        used[t] = fillFrom(out, c0, Parallel.cut(n, parts, t + 1, 1), min, max, seed, expected);
      }
      expected += used[t];
    }
    return out;
  }

  /** Cells [c0, c1) of out from draw firstDraw of the value stream of seed; returns the draws. */
  private static long fillFrom(
      DenseMatrix out, int c0, int c1, Scalar min, Scalar max, long seed, long firstDraw) {
    Mt19937 g = new Mt19937(seed);
    g.discard(firstDraw);
    return fillNonZero(out, c0, c1, min, max, g);
  }

  static RandBlock randRows(
      long rows, long cols, Scalar min, Scalar max, long seed, long r0, long r1, long firstDraw) {
    return new RandRowWalk(rows, cols, min, max, seed).next(r0, r1, firstDraw);
  }

  /** The argument checks of row blocks of rand (see {@link Generators#randRows}). */
  static void validateRows(long rows, long cols, Scalar min, Scalar max, long seed) {
    validate(rows, cols, min, max, 1.0);
    if (!min.type().isFloat()) {
      throw new IllegalArgumentException(
          "row blocks of rand need a float value type, not " + min.type().dslName());
    }
    if (seed == -1) {
      throw new IllegalArgumentException("resolve seed -1 before generating row blocks");
    }
  }

  /**
   * Sets cells [from, to) of out to non-zero draws from g, in order; returns the number of draws
   * taken from g (for floats; integer draws report 0, their count being variable anyway).
   */
  static long fillNonZero(DenseMatrix out, int from, int to, Scalar min, Scalar max, Mt19937 g) {
    long draws = 0;
    switch (out.type()) {
      case F64 ->
          draws = g.fillUniformF64(out.f64(), from, to, min.doubleValue(), max.doubleValue());
      case F32 ->
          draws =
              g.fillUniformF32(
                  out.f32(), from, to, (float) min.doubleValue(), (float) max.doubleValue());
      default -> {
        long lo = min.bits();
        long hi = max.bits();
        for (int i = from; i < to; i++) {
          long v;
          do {
            v = Distributions.uniformInt(g, lo, hi);
          } while (v == 0);
          out.setLong(i, v);
        }
      }
    }
    return draws;
  }

  static void validate(long rows, long cols, Scalar min, Scalar max, double sparsity) {
    ValueType t = min.type();
    if (t != max.type()) {
      throw new KernelException(
          "rand: min and max must have the same value type, got "
              + t.dslName()
              + " and "
              + max.type().dslName());
    }
    if (!t.isFloat() && !t.isInteger()) {
      throw new KernelException("rand: value type " + t.dslName() + " is not supported");
    }
    if (rows <= 0 || cols <= 0) {
      throw new KernelException(
          "rand: numRows and numCols must be > 0, got " + rows + " and " + cols);
    }
    boolean ordered =
        t.isFloat()
            ? min.doubleValue() <= max.doubleValue()
            : (t.isUnsigned()
                ? Long.compareUnsigned(min.bits(), max.bits()) <= 0
                : min.bits() <= max.bits());
    if (!ordered) {
      throw new KernelException(
          "rand: min must be <= max, got min "
              + NumberFormat.scalar(min)
              + " and max "
              + NumberFormat.scalar(max));
    }
    if (t.isFloat()
        ? min.doubleValue() == 0 && max.doubleValue() == 0
        : min.bits() == 0 && max.bits() == 0) {
      throw new KernelException(
          "rand: min and max must not both be zero (use sparsity 0 for an all-zero matrix)");
    }
    if (!(sparsity >= 0 && sparsity <= 1)) {
      throw new KernelException("rand: sparsity must be in [0, 1], got " + sparsity);
    }
  }

  /** C {@code round}: to nearest, halves away from zero (here x >= 0). */
  static long roundHalfAway(double x) {
    double f = Math.floor(x);
    return (long) (x - f >= 0.5 ? f + 1 : f);
  }
}
