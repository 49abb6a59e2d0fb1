package daphnegrid.runtime.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.BlockSeal;
import daphnegrid.config.serial.CsrBlock;
import daphnegrid.config.serial.CsrBlockSerializer;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.grid.tasks.ReadBlock;
import daphnegrid.grid.tasks.ReadPiece;
import daphnegrid.grid.tasks.StoreBlock;
import daphnegrid.grid.tasks.StoreCsrPiece;
import daphnegrid.grid.tasks.StorePiece;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Indexing;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrMatrix;
import daphnegrid.kernels.sparse.CsrReorg;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Moves whole matrices between this process and the grid, block by block, never more than {@code
 * maxChunkBytes} of cells in one message ({@code --max-distr-chunk-size}): a block that is larger
 * travels as pieces of consecutive cells ({@link StorePiece}, {@link ReadPiece}), a CSR row block
 * as pieces of whole rows ({@link StoreCsrPiece}, {@link CsrPieces}). At most {@link #WINDOW}
 * messages are in flight at once (a CSR block read in pieces counts as one: its pieces are asked
 * one after the other, each from the row after the last). The cut into pieces changes how the bytes
 * travel, never the cells, so results do not depend on the chunk size.
 */
final class BlockTransfer {
  /** Messages in flight at once. */
  static final int WINDOW = 16;

  /** Bytes of a block's header on the wire (DenseBlockSerializer). */
  static final int HEADER = 20;

  private final HazelcastInstance hz;
  private final long maxChunkBytes;
  private final GridStats stats;

  BlockTransfer(HazelcastInstance hz, long maxChunkBytes, GridStats stats) {
    this.hz = hz;
    this.maxChunkBytes = maxChunkBytes;
    this.stats = stats;
  }

  private static long cellBytes(ValueType t) {
    return t.byteWidth();
  }

  /** Cells per piece for blocks of type t that do not fit one message. */
  private int cellsPerPiece(ValueType t) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (maxChunkBytes - HEADER) / cellBytes(t)));
  }

  private boolean fits(long cells, ValueType t) {
    return HEADER + cells * cellBytes(t) <= maxChunkBytes;
  }

  /** The map of ref's blocks (a proxy the client may have to create on a member). */
  private IMap<BlockKey, DenseBlock> map(MatrixRef ref) {
    return GridRetry.call(() -> hz.getMap(ref.map()), "moving blocks", stats);
  }

  /** Stores m (all of it) as the blocks of ref, each sealed ({@link BlockSeal}). */
  void scatter(DenseMatrix m, MatrixRef ref) {
    long t0 = System.nanoTime();
    try {
      scatterNow(m, ref);
    } finally {
      stats.transferNanos.addAndGet(System.nanoTime() - t0);
    }
  }

  private void scatterNow(DenseMatrix m, MatrixRef ref) {
    IMap<BlockKey, DenseBlock> map = map(ref);
    BlockSeal seal = BlockSeal.of(hz);
    Window w = new Window();
    for (int b = 0; b < ref.rowBlocks(); b++) {
      long r0 = ref.rowStart(b);
      int rows = (int) (ref.rowEnd(b) - r0);
      for (int c = 0; c < ref.colBlocks(); c++) {
        int c0 = ref.colStart(c);
        int cols = ref.colEnd(c) - c0;
        DenseMatrix part = slice(m, (int) r0, rows, c0, cols);
        BlockKey key = ref.key(b, c);
        long cells = (long) rows * cols;
        DenseBlock sealed = seal.seal(ref.map(), key, new DenseBlock(r0, part));
        if (fits(cells, ref.type())) {
          w.add(() -> map.submitToKey(key, new StoreBlock(ref.map(), sealed)));
          stats.bytesSent.addAndGet(HEADER + cells * cellBytes(ref.type()));
          continue;
        }
        int per = cellsPerPiece(ref.type());
        for (int first = 0; first < cells; first += per) {
          int len = (int) Math.min(per, cells - first);
          DenseMatrix piece = DenseMatrix.allocate(ref.type(), 1, len);
          System.arraycopy(part.data(), first, piece.data(), 0, len);
          int at = first;
          w.add(
              () ->
                  map.submitToKey(
                      key, new StorePiece(ref.map(), r0, rows, cols, at, piece, sealed.seal())));
          stats.bytesSent.addAndGet(HEADER + len * cellBytes(ref.type()));
        }
      }
    }
    w.drain();
  }

  /**
   * Stores the CSR matrix x as the CSR row blocks of ref, each sealed ({@link BlockSeal}), and
   * returns the stored cells of each block. A block larger than {@code maxChunkBytes} (its
   * serialized bytes) travels as pieces of whole rows ({@link StoreCsrPiece}), cut by {@link
   * CsrBlockSerializer#pieceEnd}, each carrying the whole block's seal; the cut changes how the
   * bytes travel, never the block.
   */
  long[] scatterCsr(CsrMatrix x, MatrixRef ref) {
    long t0 = System.nanoTime();
    try {
      IMap<BlockKey, CsrBlock> map =
          GridRetry.call(() -> hz.getMap(ref.map()), "moving blocks", stats);
      BlockSeal seal = BlockSeal.of(hz);
      long[] nnz = new long[ref.rowBlocks()];
      Window w = new Window();
      for (int b = 0; b < ref.rowBlocks(); b++) {
        int r0 = (int) ref.rowStart(b);
        int r1 = (int) ref.rowEnd(b);
        CsrMatrix part =
            r0 == 0 && r1 == x.rows()
                ? x
                : CsrReorg.slice(x, new Indexing.Range(r0, r1), new Indexing.Range(0, x.cols()));
        BlockKey key = ref.key(b, 0);
        CsrBlock block = seal.seal(ref.map(), key, new CsrBlock(r0, part));
        nnz[b] = part.nnz();
        long bytes = CsrBlockSerializer.serializedBytes(block);
        if (bytes <= maxChunkBytes) {
          w.add(() -> map.setAsync(key, block));
          stats.bytesSent.addAndGet(bytes);
          continue;
        }
        int sealBytes = block.seal() == null ? 0 : block.seal().length;
        int[] off = part.rowOffsets();
        int first = 0;
        do {
          int end = CsrBlockSerializer.pieceEnd(part, first, maxChunkBytes, sealBytes);
          CsrMatrix rows =
              CsrReorg.slice(part, new Indexing.Range(first, end), new Indexing.Range(0, x.cols()));
          StoreCsrPiece piece =
              new StoreCsrPiece(
                  r0, part.rows(), x.cols(), part.nnz(), first, off[first], rows, block.seal());
          w.add(() -> map.submitToKey(key, piece));
          stats.bytesSent.addAndGet(
              CsrBlockSerializer.serializedBytes(new CsrBlock(0, rows)) + sealBytes);
          first = end;
        } while (first < part.rows());
      }
      w.drain();
      return nnz;
    } finally {
      stats.transferNanos.addAndGet(System.nanoTime() - t0);
    }
  }

  /**
   * The CSR matrix of ref, collected from its row blocks, each block's seal checked here; block b
   * holds blockNnz[b] stored cells (so every block's place in the arrays is known before any
   * arrives). A block larger than {@code maxChunkBytes} comes in pieces of whole rows ({@link
   * CsrPieces}), put together before its seal is checked.
   *
   * @throws daphnegrid.config.serial.BlockSealException if a block was changed without the secret
   */
  CsrMatrix collectCsr(MatrixRef ref, long[] blockNnz) {
    long t0 = System.nanoTime();
    try {
      IMap<BlockKey, CsrBlock> map =
          GridRetry.call(() -> hz.getMap(ref.map()), "moving blocks", stats);
      BlockSeal seal = BlockSeal.of(hz);
      long[] start = new long[blockNnz.length + 1];
      for (int b = 0; b < blockNnz.length; b++) {
        start[b + 1] = start[b] + blockNnz[b];
      }
      long nnz = start[blockNnz.length];
      if (nnz > DenseMatrix.MAX_CELLS) {
        throw new GridFailure(
            ref + " has " + nnz + " non-zeros, more than one CSR matrix here can hold", null);
      }
      int[] offsets = new int[ref.rows() + 1];
      int[] colIdxs = new int[(int) nnz];
      DenseMatrix values = DenseMatrix.allocate(ref.type(), 1, nnz);
      Window w = new Window();
      for (int b = 0; b < ref.rowBlocks(); b++) {
        BlockKey key = ref.key(b, 0);
        int at = (int) start[b];
        long expected = blockNnz[b];
        long r0 = ref.rowStart(b);
        long rows = ref.rowEnd(b) - r0;
        long bytes =
            GridSparse.blockBytes(ref.type(), rows, expected)
                + (seal.active() ? BlockSeal.BYTES : 0);
        boolean whole = bytes <= maxChunkBytes || expected > Integer.MAX_VALUE;
        AtomicLong pieceBytes = stats.bytesReceived;
        w.add(
            () ->
                (whole
                        ? map.getAsync(key)
                        : new CsrPieces(map, key, ref, (int) expected, maxChunkBytes, pieceBytes)
                            .read())
                    .thenAccept(
                        blk -> {
                          if (blk == null) {
                            throw new IllegalStateException(
                                "CSR row block " + key.blockRow() + " of " + ref + " is missing");
                          }
                          // the seal first: a block of another size is a changed block
                          seal.check(ref.map(), key, blk);
                          CsrMatrix m = blk.matrix();
                          if (blk.nnz() != expected
                              || blk.rowOffset() != r0
                              || m.rows() != rows
                              || m.cols() != ref.cols()
                              || m.type() != ref.type()) {
                            throw new IllegalStateException(
                                "CSR row block "
                                    + key.blockRow()
                                    + " of "
                                    + ref
                                    + " is not the"
                                    + " block that was stored ("
                                    + blk
                                    + ")");
                          }
                          place(blk, at, offsets, colIdxs, values);
                          if (whole) {
                            stats.bytesReceived.addAndGet(CsrBlockSerializer.serializedBytes(blk));
                          }
                        }));
      }
      w.drain();
      return CsrMatrix.wrap(ref.type(), ref.rows(), ref.cols(), offsets, colIdxs, values.data());
    } finally {
      stats.transferNanos.addAndGet(System.nanoTime() - t0);
    }
  }

  /** Copies a CSR block whose first stored cell is cell at of the whole into the arrays. */
  private static void place(
      CsrBlock blk, int at, int[] offsets, int[] colIdxs, DenseMatrix values) {
    CsrMatrix m = blk.matrix();
    int r0 = (int) blk.rowOffset();
    int[] off = m.rowOffsets();
    for (int i = 0; i <= m.rows(); i++) {
      offsets[r0 + i] = at + off[i];
    }
    System.arraycopy(m.colIdxs(), 0, colIdxs, at, m.nnz());
    System.arraycopy(m.valueArray(), 0, values.data(), at, m.nnz());
  }

  /** The whole matrix of ref, collected from its blocks. */
  DenseMatrix collect(MatrixRef ref) {
    return collect(ref, 0, ref.rows());
  }

  /**
   * Rows [r0, r1) of ref (all columns), collected from the blocks that hold them; a block larger
   * than one message is read in pieces covering only the needed rows. Whole blocks have their seals
   * checked here, pieces on the member that sends them ({@link ReadPiece}).
   *
   * @throws daphnegrid.config.serial.BlockSealException if a block was changed without the secret
   */
  DenseMatrix collect(MatrixRef ref, int r0, int r1) {
    long t0 = System.nanoTime();
    try {
      return collectNow(ref, r0, r1);
    } finally {
      stats.transferNanos.addAndGet(System.nanoTime() - t0);
    }
  }

  private DenseMatrix collectNow(MatrixRef ref, int r0, int r1) {
    IMap<BlockKey, DenseBlock> map = map(ref);
    BlockSeal seal = BlockSeal.of(hz);
    DenseMatrix out = DenseMatrix.allocate(ref.type(), r1 - r0, ref.cols());
    if (r1 <= r0) {
      return out;
    }
    Window w = new Window();
    int firstBlock = (int) (r0 / ref.rowsPerBlock());
    int lastBlock = (int) ((r1 - 1) / ref.rowsPerBlock());
    for (int b = firstBlock; b <= lastBlock; b++) {
      long bs = ref.rowStart(b);
      int lo = (int) (Math.max(r0, bs) - bs); // needed rows of this block: [lo, hi)
      int hi = (int) (Math.min(r1, ref.rowEnd(b)) - bs);
      int at = (int) (bs - r0); // out row of the block's first row (may be negative)
      for (int c = 0; c < ref.colBlocks(); c++) {
        int c0 = ref.colStart(c);
        int cols = ref.colEnd(c) - c0;
        BlockKey key = ref.key(b, c);
        long blockCells = (ref.rowEnd(b) - bs) * cols;
        if (fits(blockCells, ref.type())) {
          w.add(
              () ->
                  map.submitToKey(key, new ReadBlock())
                      .thenAccept(
                          blk -> {
                            DenseMatrix part =
                                seal.check(ref.map(), key, require(blk, ref, key)).matrix();
                            DenseMatrix rows = slice(part, lo, hi - lo, 0, cols);
                            place(rows, lo * cols, rows.size(), out, at, c0, cols);
                            stats.bytesReceived.addAndGet(
                                HEADER + blockCells * cellBytes(ref.type()));
                          }));
          continue;
        }
        int per = cellsPerPiece(ref.type());
        for (long first = (long) lo * cols; first < (long) hi * cols; first += per) {
          int len = (int) Math.min(per, (long) hi * cols - first);
          int f = (int) first;
          w.add(
              () ->
                  map.submitToKey(key, new ReadPiece(ref.map(), f, len))
                      .thenAccept(
                          blk -> {
                            DenseMatrix piece = require(blk, ref, key).matrix();
                            place(piece, f, len, out, at, c0, cols);
                            stats.bytesReceived.addAndGet(HEADER + len * cellBytes(ref.type()));
                          }));
        }
      }
    }
    w.drain();
    return out;
  }

  private static DenseBlock require(DenseBlock b, MatrixRef ref, BlockKey key) {
    if (b == null) {
      throw new IllegalStateException(
          "block (" + key.blockRow() + ", " + key.blockCol() + ") of " + ref + " is missing");
    }
    return b;
  }

  /**
   * Copies cells [first, first + len) of a block of width cols (given as src, cells 0..len-1) into
   * out, where the block's cell 0 is out's (r0, c0).
   */
  private static void place(
      DenseMatrix src, int first, int len, DenseMatrix out, int r0, int c0, int cols) {
    int oc = out.cols();
    int k = 0;
    while (k < len) {
      int cell = first + k;
      int r = cols == 0 ? 0 : cell / cols;
      int c = cols == 0 ? 0 : cell % cols;
      int n = Math.min(len - k, cols - c);
      System.arraycopy(src.data(), k, out.data(), (r0 + r) * oc + c0 + c, n);
      k += n;
    }
  }

  /** Rows [r0, r0 + rows) and columns [c0, c0 + cols) of m, a copy unless it is all of m. */
  static DenseMatrix slice(DenseMatrix m, int r0, int rows, int c0, int cols) {
    if (r0 == 0 && c0 == 0 && rows == m.rows() && cols == m.cols()) {
      return m;
    }
    DenseMatrix out = DenseMatrix.allocate(m.type(), rows, cols);
    if (cols == m.cols()) {
      System.arraycopy(m.data(), r0 * cols, out.data(), 0, rows * cols);
      return out;
    }
    for (int r = 0; r < rows; r++) {
      System.arraycopy(m.data(), (r0 + r) * m.cols() + c0, out.data(), r * cols, cols);
    }
    return out;
  }

  /**
   * Outstanding asynchronous operations, at most {@link #WINDOW}. Every message here is idempotent
   * (whole blocks, disjoint pieces, reads), so one that failed because its member went silent or
   * left is sent again: to the member once it answers again (a pause, a link down for longer than
   * the client's heartbeat timeout), or to the backup that took over its partitions.
   */
  final class Window {
    private final ArrayDeque<Sent> pending = new ArrayDeque<>();

    private record Sent(Supplier<? extends CompletionStage<?>> message, CompletableFuture<?> f) {}

    void add(Supplier<? extends CompletionStage<?>> message) {
      pending.add(new Sent(message, send(message)));
      if (pending.size() >= WINDOW) {
        await(pending.poll());
      }
    }

    void drain() {
      while (!pending.isEmpty()) {
        await(pending.poll());
      }
    }

    /** The message sent; a failure to send is the future's failure, retried as any other. */
    private static CompletableFuture<?> send(Supplier<? extends CompletionStage<?>> message) {
      try {
        return message.get().toCompletableFuture();
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    private void await(Sent s) {
      CompletableFuture<?> f = s.f();
      for (int attempt = 1; ; attempt++) {
        try {
          f.get();
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new GridFailure("interrupted while moving blocks", e);
        } catch (ExecutionException e) {
          if (attempt >= GridRetry.ATTEMPTS || !GridRetry.sendAgain(e.getCause())) {
            throw GridFailure.of("moving blocks", e.getCause());
          }
          GridRetry.pause(attempt, "moving blocks");
          stats.messagesResent.incrementAndGet();
          f = send(s.message());
        }
      }
    }
  }
}
