package daphnegrid.kernels.simd;

import daphnegrid.kernels.ProcessStart;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether one vector loop runs as compiled code yet, found out by timing it on a few cells.
 *
 * <p>Why: Vector API code is only fast once C2 has compiled it (and inlined the API into it).
 * Before that — interpreted, or compiled by C1 — every vector operation allocates and goes through
 * several calls: we measured 300–1500 ns per cell, a thousand times the compiled speed and 20–50
 * times the interpreted speed of the plain loop. A loop needs hundreds of calls and then a C2
 * compilation, which on a busy two-core machine takes up to seconds to arrive. A short script (a
 * k-means on 100,000 rows) spent most of its run there.
 *
 * <p>So while a loop is cold, each call runs the plain-loop twin on the real data (the same bits,
 * see {@link daphnegrid.kernels.Kernels}); once the twin has done {@link #START_WORK} of work, each
 * call also runs the vector loop on a small probe of {@link #CELLS} cells, timed: the probes drive
 * the loop through the JIT's tiers at little cost, and once {@link #STREAK} probes in a row take
 * less than {@link #FAST_NANOS}, which only compiled code does, the real calls switch to it for
 * good. Timing can only make a compiled loop look slow (preemption), never an interpreted one fast,
 * and either way the results are the same bits. The matrix products probe on a background thread
 * instead ({@link #coldInBackground}, {@link WarmupThread}): their calls can be large (a block's
 * t(X) @ X) and few, and one probe per call left such a loop on its plain twin for good.
 *
 * <p>Racy by design: a lost update of the streak only delays the switch.
 */
final class Warmup {
  /** Cells of a probe: a few vectors, enough for the loops' vector parts. */
  static final int CELLS = 64;

  /** A probe faster than this ran compiled code (compiled: tens of ns; otherwise 10+ µs). */
  static final long FAST_NANOS = 2_000;

  /**
   * Cells (or multiply-adds) a loop's plain twin processes before probing starts: a short script
   * never pays for compiling vector loops it would barely use, a long one switches after some tens
   * of milliseconds of plain work.
   */
  static final long START_WORK = 1L << 26;

  /**
   * After START_WORK, a probe runs once the plain twin has done this much work since the last one:
   * a probe costs up to ~100 µs while interpreted, about what the twin needs for these cells, so
   * probing at most doubles the cost of the cold calls for the short time it takes.
   */
  static final long PROBE_SPACING = 1 << 16;

  /** Consecutive fast probes before the real calls switch. */
  static final int STREAK = 3;

  /**
   * True in the process's quiet time ({@link ProcessStart}): gates count their calls' work, but
   * nothing probes and nothing is handed to the warm-up thread; a gate whose calls passed {@link
   * #START_WORK} during it is warmed up at its first call after it. (The calls use the plain
   * kernels then; these kernels take calls in the quiet time when a large product chose them.)
   */
  static boolean quiet() {
    return ProcessStart.quiet();
  }

  private volatile boolean hot;
  private int streak;
  private long work;
  private long sinceProbe;

  boolean hot() {
    return hot;
  }

  /** The work of the calls made while cold so far (read racily: a stale value only delays). */
  long work() {
    return work;
  }

  /** Counts a cold call of the given size; true when it should also probe. */
  boolean probeAfter(long cells) {
    return probeAfter(cells, quiet());
  }

  /** As {@link #probeAfter(long)}, in or out of the quiet time. */
  boolean probeAfter(long cells, boolean quiet) {
    work += cells;
    sinceProbe += cells;
    if (work < START_WORK || sinceProbe < PROBE_SPACING || quiet) {
      return false;
    }
    sinceProbe = 0;
    return true;
  }

  /**
   * Probing in the background, for the matrix products: a call while the gate is cold counts its
   * work and, once the gate's cold calls have done {@link #START_WORK}, hands the gate's probe to
   * the warm-up thread (once per gate), which runs it in a loop until the probes count as compiled
   * (or for at most {@link #WARM_NANOS}; paced, see {@link WarmupThread}), while the calls go on
   * with the plain twin. A call much larger than the spacing (a block's t(X) @ X, 20 million
   * multiply-adds) otherwise ran one probe each, and the packed product's probe turns fast only
   * after about 7,000 probes: such a loop stayed on its plain twin for good.
   *
   * @return true while the call should run the plain twin
   */
  boolean coldInBackground(long cells, Runnable probe) {
    return coldInBackground(cells, probe, quiet());
  }

  /** As {@link #coldInBackground(long, Runnable)}, in or out of the quiet time. */
  boolean coldInBackground(long cells, Runnable probe, boolean quiet) {
    if (hot) {
      return false;
    }
    work += cells;
    if (work >= START_WORK && !quiet && !handedOff.get() && handedOff.compareAndSet(false, true)) {
      WarmupThread.add(this, probe);
    }
    return !hot;
  }

  /**
   * At most this long after its hand-over a gate is probed on the warm-up thread; then it stays
   * cold. Past its first probing the thread pauses between probes, so this is mostly waiting.
   */
  static final long WARM_NANOS = 10_000_000_000L;

  private final AtomicBoolean handedOff = new AtomicBoolean();

  /** Records one probe's time; true once the loop counts as compiled. */
  boolean record(long nanos) {
    if (nanos < FAST_NANOS) {
      if (++streak >= STREAK) {
        hot = true;
      }
    } else {
      streak = 0;
    }
    return hot;
  }

  /** One gate per ordinal of an enum with n constants. */
  static Warmup[] each(int n) {
    Warmup[] w = new Warmup[n];
    for (int i = 0; i < n; i++) {
      w[i] = new Warmup();
    }
    return w;
  }

  // Probe data: inputs of 0.5 (inside the domain of every function), outputs nobody reads. Threads
  // may probe at the same time; the outputs are garbage either way.
  static final double[] D_IN = filled(new double[16 * CELLS]);
  static final double[] D_OUT = new double[16 * CELLS];
  static final float[] F_IN = filled(new float[16 * CELLS]);
  static final float[] F_OUT = new float[16 * CELLS];
  static final long[] L_OUT = new long[16 * CELLS];

  private static double[] filled(double[] a) {
    java.util.Arrays.fill(a, 0.5);
    return a;
  }

  private static float[] filled(float[] a) {
    java.util.Arrays.fill(a, 0.5f);
    return a;
  }
}
