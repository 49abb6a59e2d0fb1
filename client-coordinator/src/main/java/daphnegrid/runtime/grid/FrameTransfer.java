package daphnegrid.runtime.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.BlockSeal;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.config.serial.FrameBlockSerializer;
import daphnegrid.grid.tasks.FrameRef;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.Frames;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * Moves whole frames between this process and the grid, one row block ({@link FrameBlock}) per
 * message, each sealed when it is sent and checked when it comes back ({@link BlockSeal}), at most
 * {@link BlockTransfer#WINDOW} in flight (through the same retrying window as matrix blocks: every
 * message is a whole block or a read, so sending one again changes nothing).
 */
final class FrameTransfer {
  private final HazelcastInstance hz;
  private final BlockTransfer blocks;
  private final GridStats stats;

  FrameTransfer(HazelcastInstance hz, BlockTransfer blocks, GridStats stats) {
    this.hz = hz;
    this.blocks = blocks;
    this.stats = stats;
  }

  private IMap<BlockKey, FrameBlock> map(FrameRef ref) {
    return GridRetry.call(() -> hz.getMap(ref.map()), "moving frame blocks", stats);
  }

  /** The row blocks f would be stored as under ref (for admission). */
  static long[] blockBytes(Frame f, FrameRef ref) {
    long[] out = new long[ref.rowBlocks()];
    for (int b = 0; b < out.length; b++) {
      Frame part = f.sliceRows((int) ref.rowStart(b), (int) ref.rowEnd(b));
      out[b] = FrameBlockSerializer.serializedBytes(new FrameBlock(ref.rowStart(b), part));
    }
    return out;
  }

  /** Stores f (all of it) as the row blocks of ref. */
  void scatter(Frame f, FrameRef ref) {
    long t0 = System.nanoTime();
    try {
      IMap<BlockKey, FrameBlock> map = map(ref);
      BlockSeal seal = BlockSeal.of(hz);
      BlockTransfer.Window w = blocks.new Window();
      for (int b = 0; b < ref.rowBlocks(); b++) {
        long r0 = ref.rowStart(b);
        Frame part = f.sliceRows((int) r0, (int) ref.rowEnd(b));
        BlockKey key = ref.key(b);
        FrameBlock block = seal.seal(ref.map(), key, new FrameBlock(r0, part));
        w.add(() -> map.setAsync(key, block));
        stats.bytesSent.addAndGet(FrameBlockSerializer.serializedBytes(block));
      }
      w.drain();
    } finally {
      stats.transferNanos.addAndGet(System.nanoTime() - t0);
    }
  }

  /** The whole frame of ref, collected from its row blocks. */
  Frame collect(FrameRef ref) {
    long t0 = System.nanoTime();
    try {
      IMap<BlockKey, FrameBlock> map = map(ref);
      BlockSeal seal = BlockSeal.of(hz);
      Frame[] parts = new Frame[ref.rowBlocks()];
      BlockTransfer.Window w = blocks.new Window();
      for (int b = 0; b < parts.length; b++) {
        int block = b;
        BlockKey key = ref.key(b);
        w.add(
            () ->
                map.getAsync(key)
                    .thenAccept(
                        fb -> {
                          parts[block] =
                              seal.check(ref.map(), key, require(fb, ref, block)).frame();
                          stats.bytesReceived.addAndGet(FrameBlockSerializer.serializedBytes(fb));
                        }));
      }
      w.drain();
      if (parts.length == 0) {
        return Frame.empty(0);
      }
      return Frames.concatRows(new ArrayList<>(Arrays.asList(parts)));
    } finally {
      stats.transferNanos.addAndGet(System.nanoTime() - t0);
    }
  }

  private static FrameBlock require(FrameBlock b, FrameRef ref, int block) {
    if (b == null) {
      throw new IllegalStateException("row block " + block + " of " + ref + " is missing");
    }
    return b;
  }
}
