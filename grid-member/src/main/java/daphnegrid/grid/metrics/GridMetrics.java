package daphnegrid.grid.metrics;

import com.hazelcast.core.HazelcastInstance;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.config.serial.DenseBlockSerializer;
import daphnegrid.kernels.DenseMatrix;
import java.util.concurrent.atomic.LongAdder;

/**
 * The grid's own counters of one member, which its Prometheus endpoint ({@link MetricsEndpoint})
 * exposes. Each member (also each of several members in one JVM) has its own set, kept in its
 * Hazelcast user context; code on the member counts with {@code GridMetrics.of(hz).…}. Counters
 * only grow, from the member's start; the figures of what a member holds now (blocks, bytes) are
 * read from its maps at scrape time instead ({@link Holdings}).
 *
 * <p>Hooks for member-side code outside this package:
 *
 * <ul>
 *   <li>{@link #admissionRefused(HazelcastInstance)}: admission control calls it once for every
 *       piece of work (a client, a program, a job) it refuses on this member; exposed as {@code
 *       daphne_grid_admission_refusals_total}. Nothing here refuses work: the counter stays 0 until
 *       admission control uses it.
 *   <li>{@link #programRun()}, {@link #jetJobRun()}, {@link #bytesIn(long)}, {@link
 *       #bytesOut(long)}: the grid's tasks count what they run and move.
 * </ul>
 *
 * Thread-safe; counting costs one {@link LongAdder} add.
 */
public final class GridMetrics {
  private static final String CONTEXT_KEY = "daphnegrid.gridMetrics";

  private final LongAdder programs = new LongAdder();
  private final LongAdder jetJobs = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();
  private final LongAdder admissionRefusals = new LongAdder();
  private final LongAdder migrations = new LongAdder();

  GridMetrics() {}

  /** The counters of member hz (created on first use). */
  public static GridMetrics of(HazelcastInstance hz) {
    return (GridMetrics) hz.getUserContext().computeIfAbsent(CONTEXT_KEY, k -> new GridMetrics());
  }

  /**
   * Counts one piece of work that admission control refused on member hz. For the admission control
   * of the grid; safe to call from any thread, at any rate.
   */
  public static void admissionRefused(HazelcastInstance hz) {
    of(hz).admissionRefusals.increment();
  }

  /** The bytes m takes on the wire as a block (header and cells), what the byte counters add. */
  public static long wireBytes(DenseMatrix m) {
    return DenseBlockSerializer.serializedBytes(new DenseBlock(0, m));
  }

  /** One program (a {@code RunProgram} task: a fused pass over this member's block rows) ran. */
  public void programRun() {
    programs.increment();
  }

  /** This member took part in one Jet job of the grid (a product or a transpose). */
  public void jetJobRun() {
    jetJobs.increment();
  }

  /** Cell payload that arrived at this member: scattered pieces, broadcast operands, job input. */
  public void bytesIn(long bytes) {
    bytesIn.add(bytes);
  }

  /** Cell payload this member sent back to a coordinator (collected pieces). */
  public void bytesOut(long bytes) {
    bytesOut.add(bytes);
  }

  /** A partition replica migration involving this member completed. */
  void migrationCompleted() {
    migrations.increment();
  }

  public long programs() {
    return programs.sum();
  }

  public long jetJobs() {
    return jetJobs.sum();
  }

  public long bytesIn() {
    return bytesIn.sum();
  }

  public long bytesOut() {
    return bytesOut.sum();
  }

  public long admissionRefusals() {
    return admissionRefusals.sum();
  }

  public long migrations() {
    return migrations.sum();
  }
}
