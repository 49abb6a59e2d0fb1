package daphnegrid.config.serial;

import daphnegrid.kernels.KernelException;

/**
 * A block read from the grid does not carry the seal its identity and cells call for ({@link
 * BlockSeal}): the run's data was changed by someone without the grid secret. A run error (exit 3)
 * naming the block.
 */
public final class BlockSealException extends KernelException {
  private static final long serialVersionUID = 1L;

  public BlockSealException(String message) {
    super(message);
  }
}
