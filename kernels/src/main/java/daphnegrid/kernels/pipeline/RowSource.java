package daphnegrid.kernels.pipeline;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.sparse.CsrMatrix;

/**
 * Rows of a split input or output as an executor sees them: a matrix holding rows firstRow ..
 * firstRow + rows - 1 of the row space. Locally that is the whole matrix (firstRow 0); on a grid
 * member it is one stored block.
 *
 * <p>A split input may be CSR ({@code csr} set, {@code data} null): the executor then writes each
 * tile's rows out dense into a tile buffer of its own, so a pass over a CSR matrix reads the same
 * cells as over its dense form without ever making that form.
 */
public record RowSource(DenseMatrix data, CsrMatrix csr, long firstRow) {
  public RowSource {
    if ((data == null) == (csr == null)) {
      throw new IllegalArgumentException("a row source is either dense or CSR");
    }
  }

  public RowSource(DenseMatrix data, long firstRow) {
    this(data, null, firstRow);
  }

  public static RowSource whole(DenseMatrix m) {
    return new RowSource(m, 0);
  }

  /** All rows of a CSR matrix (a split input only). */
  public static RowSource whole(CsrMatrix m) {
    return new RowSource(null, m, 0);
  }

  public boolean isCsr() {
    return csr != null;
  }
}
