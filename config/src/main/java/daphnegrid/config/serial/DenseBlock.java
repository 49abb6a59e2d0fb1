package daphnegrid.config.serial;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;

/**
 * One block of a distributed dense matrix: the cells of rows {@code [rowOffset, rowOffset +
 * rows())} of the whole matrix, as a {@link DenseMatrix} that kernels use directly. Travels as a
 * 20-byte header, its seal if it has one, and the raw array ({@link DenseBlockSerializer}).
 *
 * <p>The seal is {@link BlockSeal}'s HMAC over the block's identity and cells, or null when the
 * grid has no secret (or the block is not stored, e.g. a piece in transit).
 *
 * <p>The matrix's array is shared, not copied: in an {@code OBJECT}-format map an entry processor
 * may update it in place (and must then call {@code setValue}).
 */
public record DenseBlock(long rowOffset, DenseMatrix matrix, byte[] seal) {
  public DenseBlock {
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
  public DenseBlock(long rowOffset, DenseMatrix matrix) {
    this(rowOffset, matrix, null);
  }

  /** The same block (sharing the matrix) with a seal. */
  public DenseBlock withSeal(byte[] seal) {
    return new DenseBlock(rowOffset, matrix, seal);
  }

  public ValueType type() {
    return matrix.type();
  }

  public int rows() {
    return matrix.rows();
  }

  public int cols() {
    return matrix.cols();
  }

  /** Same row offset and same cells (floats compared bit for bit); seals are not compared. */
  public boolean sameContents(DenseBlock other) {
    return other.rowOffset == rowOffset && other.matrix.sameContents(matrix);
  }

  @Override
  public String toString() {
    return "DenseBlock(rows " + rowOffset + ".." + (rowOffset + rows()) + ", " + matrix + ")";
  }
}
