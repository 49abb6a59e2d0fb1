package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.BlockSeal;
import daphnegrid.config.serial.BlockSealException;
import daphnegrid.config.serial.CsrBlock;
import daphnegrid.config.serial.DenseBlock;

/**
 * The member's side of {@link BlockSeal}: checks the seal of every block a task reads, and seals
 * the blocks a task writes only for outputs whose {@link MatrixRef#warrant()} a holder of the grid
 * secret made. Failures are counted in {@link GuardCounters} and thrown as {@link
 * BlockSealException}, which the task reports as its failure (the run then ends with exit 3).
 */
public final class MemberSeal {
  private MemberSeal() {}

  /**
   * Returns block if its seal matches (map, key) and its cells.
   *
   * @throws BlockSealException if it does not
   */
  public static DenseBlock check(HazelcastInstance hz, String map, BlockKey key, DenseBlock block) {
    try {
      return BlockSeal.of(hz).check(map, key, block);
    } catch (BlockSealException e) {
      GuardCounters.of(hz).sealFailed();
      throw e;
    }
  }

  /**
   * block sealed as block key of m.
   *
   * @throws BlockSealException if m's warrant was not made with this grid's secret
   */
  public static DenseBlock seal(HazelcastInstance hz, MatrixRef m, BlockKey key, DenseBlock block) {
    BlockSeal seal = BlockSeal.of(hz);
    if (!seal.active()) {
      return block;
    }
    requireWarrant(hz, seal, m, "blocks");
    return seal.seal(m.map(), key, block);
  }

  /**
   * Returns block if its seal matches (map, key) and its values.
   *
   * @throws BlockSealException if it does not
   */
  public static daphnegrid.config.serial.FrameBlock check(
      HazelcastInstance hz, String map, BlockKey key, daphnegrid.config.serial.FrameBlock block) {
    try {
      return BlockSeal.of(hz).check(map, key, block);
    } catch (BlockSealException e) {
      GuardCounters.of(hz).sealFailed();
      throw e;
    }
  }

  /**
   * block sealed as row block key of f.
   *
   * @throws BlockSealException if f's warrant was not made with this grid's secret
   */
  public static daphnegrid.config.serial.FrameBlock seal(
      HazelcastInstance hz, FrameRef f, BlockKey key, daphnegrid.config.serial.FrameBlock block) {
    BlockSeal seal = BlockSeal.of(hz);
    if (!seal.active()) {
      return block;
    }
    if (!seal.warrantValid(f.identity(), f.warrant())) {
      GuardCounters.of(hz).sealFailed();
      throw new BlockSealException(
          "grid: a task asked to write row blocks of "
              + f
              + " into map "
              + f.map()
              + " without a valid warrant: it did not come from a client with the grid secret"
              + " (tampering, or a coordinator and workers that do not share DAPHNE_GRID_SECRET)");
    }
    return seal.seal(f.map(), key, block);
  }

  /**
   * Returns block if its seal matches (map, key), its shape, pattern and values.
   *
   * @throws BlockSealException if it does not
   */
  public static CsrBlock check(HazelcastInstance hz, String map, BlockKey key, CsrBlock block) {
    try {
      return BlockSeal.of(hz).check(map, key, block);
    } catch (BlockSealException e) {
      GuardCounters.of(hz).sealFailed();
      throw e;
    }
  }

  /**
   * block sealed as CSR row block key of m.
   *
   * @throws BlockSealException if m's warrant was not made with this grid's secret
   */
  public static CsrBlock seal(HazelcastInstance hz, MatrixRef m, BlockKey key, CsrBlock block) {
    BlockSeal seal = BlockSeal.of(hz);
    if (!seal.active()) {
      return block;
    }
    requireWarrant(hz, seal, m, "CSR row blocks");
    return seal.seal(m.map(), key, block);
  }

  /**
   * Throws (and counts) unless m's warrant was made with this grid's secret; what names the blocks
   * the task asked to write.
   */
  private static void requireWarrant(
      HazelcastInstance hz, BlockSeal seal, MatrixRef m, String what) {
    if (!seal.warrantValid(m.identity(), m.warrant())) {
      GuardCounters.of(hz).sealFailed();
      throw new BlockSealException(
          "grid: a task asked to write "
              + what
              + " of "
              + m
              + " into map "
              + m.map()
              + " without a valid warrant: it did not come from a client with the grid secret"
              + " (tampering, or a coordinator and workers that do not share DAPHNE_GRID_SECRET)");
    }
  }
}
