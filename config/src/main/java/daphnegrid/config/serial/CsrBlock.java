package daphnegrid.config.serial;

import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrMatrix;

/**
 * One row block of a distributed CSR matrix: rows {@code [rowOffset, rowOffset + rows())} of the
 * whole matrix with all its columns, as a {@link CsrMatrix} that the sparse kernels use directly.
 * The row cut is the one a dense matrix of the same row count has ({@link
 * daphnegrid.kernels.pipeline.RowBlocks}), and the key's partition is the block row, so CSR block i
 * sits on the member that holds row block i of every dense matrix of that height.
 *
 * <p>Travels as a 24-byte header, its seal if it has one, and the three raw arrays ({@link
 * CsrBlockSerializer}); the arrays are shared, not copied (a CSR matrix is immutable).
 *
 * <p>The seal is {@link BlockSeal}'s HMAC over the block's map, key and its bytes as {@link
 * CsrBlockSerializer} writes it unsealed (shape, value type, row offset, the three arrays), or null
 * when the grid has no secret.
 */
public record CsrBlock(long rowOffset, CsrMatrix matrix, byte[] seal) {
  public CsrBlock {
    if (rowOffset < 0) {
      throw new IllegalArgumentException("negative row offset " + rowOffset);
    }
    if (matrix == null) {
      throw new IllegalArgumentException("a block needs a matrix");
    }
    if (seal != null && seal.length != BlockSeal.BYTES) {
      throw new IllegalArgumentException(
          "a seal has " + BlockSeal.BYTES + " bytes, not " + seal.length);
    }
  }

  /** A block without a seal. */
  public CsrBlock(long rowOffset, CsrMatrix matrix) {
    this(rowOffset, matrix, null);
  }

  /** The same block (sharing the matrix) with a seal. */
  public CsrBlock withSeal(byte[] s) {
    return new CsrBlock(rowOffset, matrix, s);
  }

  public ValueType type() {
    return matrix.type();
  }

  public int rows() {
    return matrix.rows();
  }

  public int nnz() {
    return matrix.nnz();
  }

  /** Same row offset, shape, pattern and values (floats bit for bit); seals are not compared. */
  public boolean sameContents(CsrBlock other) {
    return other.rowOffset == rowOffset && other.matrix.sameContents(matrix);
  }

  @Override
  public String toString() {
    return "CsrBlock(rows " + rowOffset + ".." + (rowOffset + rows()) + ", " + matrix + ")";
  }
}
