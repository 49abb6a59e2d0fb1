package daphnegrid.runtime.grid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the grid engine did, for {@code --timing} and the benchmark: wall time spent waiting for the
 * grid, and the matrix payload bytes moved between this process and the members (blocks scattered
 * and collected, broadcast operands, partial results; message headers not counted). Blocks that
 * stay on the members — programs reading co-located inputs and writing co-located outputs — move
 * nothing and count nothing here; their backups travel between members.
 */
final class GridStats {
  final AtomicLong nanos = new AtomicLong();
  final AtomicLong bytesSent = new AtomicLong();
  final AtomicLong bytesReceived = new AtomicLong();
  final AtomicLong programs = new AtomicLong();
  final AtomicLong cacheHits = new AtomicLong();
  final AtomicLong cacheMisses = new AtomicLong();

  /** Block messages sent again after their member went silent or left (BlockTransfer). */
  final AtomicLong messagesResent = new AtomicLong();

  /** Block rows of generated matrices made again after a member loss took them. */
  final AtomicLong blocksRegenerated = new AtomicLong();

  /** Pieces of grid work done again after a member loss made them fail. */
  final AtomicLong workRedone = new AtomicLong();

  /** Wall time of scatters and collects (for --statistics; also inside {@link #nanos}). */
  final AtomicLong transferNanos = new AtomicLong();

  /** Wall time spent connecting to the grid (or starting the embedded one). */
  final AtomicLong connectNanos = new AtomicLong();

  Map<String, Double> asTiming() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("grid_seconds", nanos.get() / 1e9);
    m.put("grid_programs", (double) programs.get());
    m.put("grid_bytes_sent", (double) bytesSent.get());
    m.put("grid_bytes_received", (double) bytesReceived.get());
    m.put("grid_block_reads_in_place", (double) cacheHits.get());
    m.put("grid_block_reads_copied", (double) cacheMisses.get());
    m.put("grid_messages_resent", (double) messagesResent.get());
    m.put("grid_block_rows_regenerated", (double) blocksRegenerated.get());
    m.put("grid_work_redone", (double) workRedone.get());
    return m;
  }
}
