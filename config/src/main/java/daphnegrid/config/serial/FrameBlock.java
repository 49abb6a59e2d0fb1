package daphnegrid.config.serial;

import daphnegrid.kernels.frame.Frame;

/**
 * One row block of a distributed frame: rows {@code [rowOffset, rowOffset + frame.rows())} of the
 * whole frame, with all its columns and labels. Travels as a header plus the raw column arrays
 * ({@link FrameBlockSerializer}); a frame's row blocks use the same row boundaries as the blocks of
 * a matrix with as many rows, so that the two are co-located.
 */
public record FrameBlock(long rowOffset, Frame frame) {
  public FrameBlock {
    if (rowOffset < 0) {
      throw new IllegalArgumentException("negative row offset " + rowOffset);
    }
    if (frame == null) {
      throw new IllegalArgumentException("a block needs a frame");
    }
  }

  public int rows() {
    return frame.rows();
  }
}
