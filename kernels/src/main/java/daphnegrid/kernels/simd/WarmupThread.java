package daphnegrid.kernels.simd;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The one daemon thread that runs the probes of the gates handed to it ({@link
 * Warmup#coldInBackground}), round-robin, one probe per gate per round, until each counts as
 * compiled or has been probed for {@link Warmup#WARM_NANOS}. The thread starts when a gate is
 * handed over and ends when none is left; a process that never passes a gate's start work never
 * starts it.
 *
 * <p>Paced by what the gate's cold calls cost: probing back to back brings a loop to the JIT's
 * compile thresholds soonest, but on two cores it takes a core from the calls, and when the loop
 * waits behind other compilations (or its thresholds have grown with the compiler's queue) that can
 * last seconds: a k-means loop (100,000 x 20, 5 centroids) ran its iterations in 24-33 ms while
 * such a gate was probed, against 16-20 ms with no probing. So a gate is probed back to back for
 * {@link #EAGER_NANOS} plus about as long as its cold calls have run the plain twin since the
 * hand-over ({@link #NANOS_PER_WORK} per unit of their work): a gate whose calls are heavy (a
 * k-means step over 1,000,000 x 100) keeps the thread busy until it turns hot, one whose calls are
 * light gets its later slow probes followed by a pause {@link #QUIET_FACTOR} times their length.
 */
final class WarmupThread {
  private WarmupThread() {}

  /** Probing time per gate (the sum of its slow probes) that never pauses. */
  static final long EAGER_NANOS = 150_000_000L;

  /**
   * Probing time without pauses a gate earns per unit of work (multiply-adds, cells) its cold calls
   * do after the hand-over: about what the plain twins take for it.
   */
  static final long NANOS_PER_WORK = 1;

  /** Past the eager time, a slow probe of d ns is followed by a pause of QUIET_FACTOR * d. */
  static final int QUIET_FACTOR = 4;

  /** The longest pause, so that a gate that turns hot is found soon. */
  static final long MAX_PAUSE_NANOS = 2_000_000L;

  private static final class Pending {
    final Warmup gate;
    final Runnable probe;
    final long deadline;
    final long workAtHandOver;
    long probing;

    Pending(Warmup gate, Runnable probe, long deadline) {
      this.gate = gate;
      this.probe = probe;
      this.deadline = deadline;
      this.workAtHandOver = gate.work();
    }
  }

  private static final ConcurrentLinkedQueue<Pending> PENDING = new ConcurrentLinkedQueue<>();
  private static final AtomicBoolean RUNNING = new AtomicBoolean();

  static void add(Warmup gate, Runnable probe) {
    PENDING.add(new Pending(gate, probe, System.nanoTime() + Warmup.WARM_NANOS));
    if (RUNNING.compareAndSet(false, true)) {
      Thread t = new Thread(WarmupThread::run, "daphne-kernel-warmup");
      t.setDaemon(true);
      t.start();
    }
  }

  /**
   * The pause after a slow probe of d ns of a gate probed for probing ns so far (d included) whose
   * cold calls did coldWork since the hand-over.
   */
  static long pauseAfter(long probing, long d, long coldWork) {
    long eager = EAGER_NANOS + Math.max(0, coldWork) * NANOS_PER_WORK;
    return probing <= eager ? 0 : Math.min(MAX_PAUSE_NANOS, QUIET_FACTOR * d);
  }

  private static void run() {
    while (true) {
      Pending p = PENDING.poll();
      if (p == null) {
        RUNNING.set(false);
        // a gate added after the poll and before the flag was cleared started no thread
        if (PENDING.isEmpty() || !RUNNING.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      if (p.gate.hot() || System.nanoTime() > p.deadline) {
        continue;
      }
      try {
        long t0 = System.nanoTime();
        p.probe.run();
        long d = System.nanoTime() - t0;
        if (!p.gate.record(d)) {
          p.probing += d;
          PENDING.add(p);
          long pause = pauseAfter(p.probing, d, p.gate.work() - p.workAtHandOver);
          if (pause > 0) {
            LockSupport.parkNanos(pause);
          }
        }
      } catch (RuntimeException e) {
        // a probe that fails leaves its gate cold: the calls keep the plain twin
      }
    }
  }
}
