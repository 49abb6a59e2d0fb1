package daphnegrid.kernels.pipeline;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;

/**
 * Column-wise idxMin/idxMax from per-block partials, giving exactly what {@link
 * daphnegrid.kernels.Aggregation#cols} gives for the whole matrix: the fold starts at row 0 and
 * replaces the running value only when a cell is strictly smaller (larger), so ties keep the first
 * row, a NaN never replaces a number, and a NaN in row 0 is never replaced (the result is 0).
 *
 * <p>Partial of a block, 3 x cols (f64 for float columns, si64 bits for integer columns): row 0
 * holds the block's first cell, row 1 the first best non-NaN cell of the block, row 2 that cell's
 * row within the block (-1 if the column is all NaN in this block). Combining in block order: start
 * from block 0's first cell at row 0; if that is NaN the answer is row 0; otherwise each block's
 * best replaces the running value if strictly better. This equals the single fold: within a block
 * the first occurrence of the block's best non-NaN value is the only cell that can replace the
 * running value last.
 */
final class IndexPartials {
  private IndexPartials() {}

  private static boolean better(AggOp op, double x, double acc) {
    return op == AggOp.IDXMIN ? x < acc : x > acc;
  }

  private static boolean better(AggOp op, long x, long acc, boolean unsigned) {
    int c = unsigned ? Long.compareUnsigned(x, acc) : Long.compare(x, acc);
    return op == AggOp.IDXMIN ? c < 0 : c > 0;
  }

  /** The partial of one block, accumulated tile by tile in row order. */
  static final class Accumulator extends BlockExecutor.Accumulator {
    private final AggOp op;
    private final int slot;
    private final boolean isFloat;
    private final boolean unsigned;
    private final int cols;
    private final double[] firstD;
    private final double[] bestD;
    private final long[] firstL;
    private final long[] bestL;
    private final long[] bestRow;
    private long seen;

    Accumulator(AggOp op, int slot, SlotInfo info) {
      this.op = op;
      this.slot = slot;
      ValueType t = info.type();
      this.isFloat = t.isFloat();
      this.unsigned = t == ValueType.UI64 || t == ValueType.SIZE;
      this.cols = (int) info.cols();
      firstD = isFloat ? new double[cols] : null;
      bestD = isFloat ? new double[cols] : null;
      firstL = isFloat ? null : new long[cols];
      bestL = isFloat ? null : new long[cols];
      bestRow = new long[cols];
      java.util.Arrays.fill(bestRow, -1);
    }

    @Override
    void add(BlockExecutor tile) {
      DenseMatrix x = tile.view(slot);
      int rows = tile.rows;
      for (int r = 0; r < rows; r++) {
        long row = seen + r;
        for (int c = 0; c < cols; c++) {
          int i = r * cols + c;
          if (isFloat) {
            double v = x.getDouble(i);
            if (row == 0) {
              firstD[c] = v;
            }
            if (!Double.isNaN(v) && (bestRow[c] < 0 || better(op, v, bestD[c]))) {
              bestD[c] = v;
              bestRow[c] = row;
            }
          } else {
            long v = x.getLong(i);
            if (row == 0) {
              firstL[c] = v;
            }
            if (bestRow[c] < 0 || better(op, v, bestL[c], unsigned)) {
              bestL[c] = v;
              bestRow[c] = row;
            }
          }
        }
      }
      seen += rows;
    }

    @Override
    DenseMatrix finish() {
      DenseMatrix out = DenseMatrix.allocate(isFloat ? ValueType.F64 : ValueType.SI64, 3, cols);
      for (int c = 0; c < cols; c++) {
        if (isFloat) {
          out.f64()[c] = firstD[c];
          out.f64()[cols + c] = bestD[c];
          out.f64()[2 * cols + c] = bestRow[c];
        } else {
          out.i64()[c] = firstL[c];
          out.i64()[cols + c] = bestL[c];
          out.i64()[2 * cols + c] = bestRow[c];
        }
      }
      return out;
    }
  }

  /** The 1 x cols size result from the blocks' partials in block order over n rows. */
  static DenseMatrix finish(AggOp op, ValueType t, java.util.List<DenseMatrix> parts, long n) {
    int cols = parts.get(0).cols();
    DenseMatrix out = DenseMatrix.allocate(ValueType.SIZE, 1, cols);
    if (n == 0) {
      return out;
    }
    boolean isFloat = t.isFloat();
    boolean unsigned = t == ValueType.UI64 || t == ValueType.SIZE;
    for (int c = 0; c < cols; c++) {
      long idx = 0;
      if (isFloat) {
        double acc = parts.get(0).f64()[c];
        if (!Double.isNaN(acc)) {
          for (int b = 0; b < parts.size(); b++) {
            double[] p = parts.get(b).f64();
            long row = (long) p[2 * cols + c];
            if (row >= 0 && better(op, p[cols + c], acc)) {
              acc = p[cols + c];
              idx = RowBlocks.start(n, b) + row;
            }
          }
        }
      } else {
        long acc = parts.get(0).i64()[c];
        for (int b = 0; b < parts.size(); b++) {
          long[] p = parts.get(b).i64();
          long row = p[2 * cols + c];
          if (row >= 0 && better(op, p[cols + c], acc, unsigned)) {
            acc = p[cols + c];
            idx = RowBlocks.start(n, b) + row;
          }
        }
      }
      out.setLong(c, idx);
    }
    return out;
  }
}
