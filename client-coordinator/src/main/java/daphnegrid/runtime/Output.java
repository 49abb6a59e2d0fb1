package daphnegrid.runtime;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.pipeline.BlockProgram;

/** One result of a fused program, one kind per kind of {@link BlockProgram.Output}. */
public sealed interface Output {
  /** The cells of the result as a matrix of the shape and type the program declared. */
  DenseMatrix cells();

  /**
   * A row output ({@link BlockProgram.Rows}): a matrix with the program's rows, whose cells are
   * here or held by the engine that ran the program.
   */
  record Rows(MatrixValue matrix) implements Output {
    @Override
    public DenseMatrix cells() {
      return matrix.dense();
    }
  }

  /** A column aggregate or {@code t(A) @ B}: a small matrix combined from the blocks' partials. */
  record Whole(DenseMatrix matrix) implements Output {
    @Override
    public DenseMatrix cells() {
      return matrix;
    }
  }

  /** A full aggregate. */
  record Single(Scalar value) implements Output {
    @Override
    public DenseMatrix cells() {
      return DenseMatrix.ofScalar(value);
    }
  }

  /**
   * The output for one combined partial ({@link daphnegrid.kernels.pipeline.Partials#combine} gives
   * a {@link DenseMatrix} or a {@link Scalar} per non-row output).
   */
  static Output ofCombined(Object combined) {
    if (combined instanceof Scalar s) {
      return new Single(s);
    }
    return new Whole((DenseMatrix) combined);
  }
}
