package daphnegrid.config.serial;

import daphnegrid.kernels.frame.Frame;

/**
 * One row block of a distributed frame: rows {@code [rowOffset, rowOffset + frame.rows())} of the
 * whole frame, with all its columns and labels. Travels as a header, its seal if it has one, and
 * the raw column arrays ({@link FrameBlockSerializer}); a frame's row blocks use the same row
 * boundaries as the blocks of a matrix with as many rows, so that the two are co-located.
 *
 * <p>The seal is {@link BlockSeal}'s HMAC over the block's identity, labels, types and column
 * bytes, or null when the grid has no secret.
 */
public record FrameBlock(long rowOffset, Frame frame, byte[] seal) {
  public FrameBlock {
    if (rowOffset < 0) {
      throw new IllegalArgumentException("negative row offset " + rowOffset);
    }
    if (frame == null) {
      throw new IllegalArgumentException("a block needs a frame");
    }
    if (seal != null && seal.length != BlockSeal.BYTES) {
      throw new IllegalArgumentException(
          "a seal has " + BlockSeal.BYTES + " bytes, not " + seal.length);
    }
  }

  /** A block without a seal. */
  public FrameBlock(long rowOffset, Frame frame) {
    this(rowOffset, frame, null);
  }

  /** The same block (sharing the frame) with a seal. */
  public FrameBlock withSeal(byte[] s) {
    return new FrameBlock(rowOffset, frame, s);
  }

  public int rows() {
    return frame.rows();
  }
}
