package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.kernels.KernelException;

/**
 * Frame row blocks as the member tasks that scan, aggregate and join them (and the shuffle join's
 * Jet job) read them.
 */
public final class LocalFrameBlocks {
  private LocalFrameBlocks() {}

  /**
   * Row block blockRow of the frame in, its seal checked.
   *
   * @throws KernelException if the block is missing ({@link
   *     daphnegrid.config.serial.BlockSealException} if its seal fails)
   */
  public static FrameBlock read(HazelcastInstance hz, FrameRef in, int blockRow) {
    BlockKey key = in.key(blockRow);
    FrameBlock b = hz.<BlockKey, FrameBlock>getMap(in.map()).get(key);
    if (b == null) {
      throw new KernelException("row block " + blockRow + " of " + in + " is missing on the grid");
    }
    MemberSeal.check(hz, in.map(), key, b);
    return b;
  }
}
