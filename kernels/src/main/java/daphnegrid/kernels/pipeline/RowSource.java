package daphnegrid.kernels.pipeline;

import daphnegrid.kernels.DenseMatrix;

/**
 * Rows of a split input or output as an executor sees them: a matrix holding rows firstRow ..
 * firstRow + data.rows() - 1 of the row space. Locally that is the whole matrix (firstRow 0); on a
 * grid member it is one stored block.
 */
public record RowSource(DenseMatrix data, long firstRow) {
  public static RowSource whole(DenseMatrix m) {
    return new RowSource(m, 0);
  }
}
