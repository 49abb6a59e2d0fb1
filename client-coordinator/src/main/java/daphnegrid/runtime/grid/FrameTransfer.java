package daphnegrid.runtime.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.BlockSeal;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.config.serial.FrameBlockSerializer;
import daphnegrid.grid.tasks.FrameRef;
import daphnegrid.grid.tasks.ReadFramePiece;
import daphnegrid.grid.tasks.StoreFramePiece;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.Frames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Moves whole frames between this process and the grid, one row block ({@link FrameBlock}) per
 * message, each sealed when it is sent and checked when it comes back ({@link BlockSeal}), at most
 * {@link BlockTransfer#WINDOW} in flight (through the same retrying window as matrix blocks: every
 * message is a whole block or a read, so sending one again changes nothing).
 *
 * <p>A block whose serialized form is larger than {@code --max-distr-chunk-size} travels as pieces
 * of consecutive rows, each at most that size (one row at least): stored by {@link
 * StoreFramePiece}s sent one after the other (each appends its rows), read by {@link
 * ReadFramePiece}s that each return as many rows as fit. The cut changes how the bytes travel,
 * never the rows, so results do not depend on the chunk size.
 */
final class FrameTransfer {
  private final HazelcastInstance hz;
  private final BlockTransfer blocks;
  private final GridStats stats;
  private final long maxChunkBytes;

  FrameTransfer(HazelcastInstance hz, BlockTransfer blocks, GridStats stats, long maxChunkBytes) {
    this.hz = hz;
    this.blocks = blocks;
    this.stats = stats;
    this.maxChunkBytes = maxChunkBytes;
  }

  private IMap<BlockKey, FrameBlock> map(FrameRef ref) {
    return GridRetry.call(() -> hz.getMap(ref.map()), "moving frame blocks", stats);
  }

  /** The row blocks f would be stored as under ref (for admission). */
  static long[] blockBytes(Frame f, FrameRef ref) {
    long[] out = new long[ref.rowBlocks()];
    for (int b = 0; b < out.length; b++) {
      Frame part = f.sliceRows((int) ref.rowStart(b), (int) ref.rowEnd(b));
      out[b] = FrameBlockSerializer.heldBytes(new FrameBlock(ref.rowStart(b), part));
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
        long bytes = FrameBlockSerializer.serializedBytes(block);
        if (bytes <= maxChunkBytes) {
          w.add(() -> map.setAsync(key, block));
          stats.bytesSent.addAndGet(bytes);
          continue;
        }
        List<StoreFramePiece> pieces = new ArrayList<>();
        for (int from = 0; from < part.rows(); ) {
          int n = FrameBlockSerializer.rowsWithin(part, from, maxChunkBytes);
          FrameBlock piece = new FrameBlock(r0, part.sliceRows(from, from + n));
          pieces.add(new StoreFramePiece(from, part.rows(), piece, block.seal()));
          stats.bytesSent.addAndGet(FrameBlockSerializer.serializedBytes(piece));
          from += n;
        }
        // in row order, one after the other: each piece appends to the rows before it
        w.add(
            () -> {
              CompletionStage<?> c = map.submitToKey(key, pieces.get(0));
              for (StoreFramePiece p : pieces.subList(1, pieces.size())) {
                c = c.thenCompose(x -> map.submitToKey(key, p));
              }
              return c;
            });
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
        if (maxChunkBytes >= GridOptions.DEFAULT_MAX_CHUNK_BYTES) {
          w.add(
              () ->
                  map.getAsync(key)
                      .thenAccept(
                          fb -> {
                            parts[block] =
                                seal.check(ref.map(), key, require(fb, ref, block)).frame();
                            stats.bytesReceived.addAndGet(FrameBlockSerializer.serializedBytes(fb));
                          }));
          continue;
        }
        int rows = (int) (ref.rowEnd(b) - ref.rowStart(b));
        w.add(
            () -> {
              List<Frame> got = new ArrayList<>();
              return readFrom(map, ref, block, key, 0, rows, got)
                  .thenAccept(x -> parts[block] = Frames.concatRows(got));
            });
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

  /**
   * Every entry of ref's map (members wrote them, each at most one message: e.g. the pieces of a
   * shuffle join's partitions), seals checked, in key order (block row, then block column).
   */
  List<Frame> collectEntries(FrameRef ref) {
    long t0 = System.nanoTime();
    try {
      IMap<BlockKey, FrameBlock> map = map(ref);
      BlockSeal seal = BlockSeal.of(hz);
      List<BlockKey> keys =
          new ArrayList<>(GridRetry.call(map::keySet, "listing frame blocks", stats));
      keys.sort(
          java.util.Comparator.comparingInt(BlockKey::blockRow)
              .thenComparingInt(BlockKey::blockCol));
      Frame[] parts = new Frame[keys.size()];
      BlockTransfer.Window w = blocks.new Window();
      for (int i = 0; i < parts.length; i++) {
        int at = i;
        BlockKey key = keys.get(i);
        w.add(
            () ->
                map.getAsync(key)
                    .thenAccept(
                        fb -> {
                          parts[at] = seal.check(ref.map(), key, require(fb, ref, at)).frame();
                          stats.bytesReceived.addAndGet(FrameBlockSerializer.serializedBytes(fb));
                        }));
      }
      w.drain();
      return Arrays.asList(parts);
    } finally {
      stats.transferNanos.addAndGet(System.nanoTime() - t0);
    }
  }

  /**
   * Row block blockRow of ref as a member stored it (rows rows), read in pieces of at most
   * maxChunkBytes.
   */
  Frame readStored(FrameRef ref, int blockRow, int rows) {
    long t0 = System.nanoTime();
    try {
      List<Frame> got = new ArrayList<>();
      readFrom(map(ref), ref, blockRow, ref.key(blockRow), 0, rows, got)
          .toCompletableFuture()
          .join();
      return Frames.concatRows(got);
    } finally {
      stats.transferNanos.addAndGet(System.nanoTime() - t0);
    }
  }

  /**
   * Reads rows [from, rows) of a block in pieces of at most maxChunkBytes, one after the other (the
   * seal is checked by the member for each piece), adding them to got.
   */
  private CompletionStage<Void> readFrom(
      IMap<BlockKey, FrameBlock> map,
      FrameRef ref,
      int block,
      BlockKey key,
      int from,
      int rows,
      List<Frame> got) {
    return map.submitToKey(key, new ReadFramePiece(ref.map(), from, maxChunkBytes))
        .thenCompose(
            fb -> {
              FrameBlock piece = require(fb, ref, block);
              got.add(piece.frame());
              stats.bytesReceived.addAndGet(FrameBlockSerializer.serializedBytes(piece));
              int next = from + piece.rows();
              return next >= rows || piece.rows() == 0
                  ? CompletableFuture.<Void>completedFuture(null)
                  : readFrom(map, ref, block, key, next, rows, got);
            });
  }

  private static FrameBlock require(FrameBlock b, FrameRef ref, int block) {
    if (b == null) {
      throw new IllegalStateException("row block " + block + " of " + ref + " is missing");
    }
    return b;
  }
}
