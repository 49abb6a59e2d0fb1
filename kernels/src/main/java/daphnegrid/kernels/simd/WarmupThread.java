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
 * <p>Paced: a gate's first {@link #EAGER_NANOS} of probing run back to back, which is what brings a
 * loop to the JIT's compile thresholds on an idle compiler. After that the loop is queued behind
 * other compilations or its thresholds have grown with the compiler's queue, and probing back to
 * back only took a core from the calls: on two cores, a k-means loop (100,000 x 20, 5 centroids)
 * ran its iterations in 24-33 ms while a gate that did not turn hot for seconds was probed, against
 * 16-20 ms with no probing. So each later slow probe is followed by a pause {@link #QUIET_FACTOR}
 * times its length: at most a fifth of a core, and a compiled probe still shows within a pause.
 */
final class WarmupThread {
  private WarmupThread() {}

  /** Probing time per gate (the sum of its slow probes) before the pauses start. */
  static final long EAGER_NANOS = 150_000_000L;

  /** After EAGER_NANOS, a slow probe of d ns is followed by a pause of QUIET_FACTOR * d. */
  static final int QUIET_FACTOR = 4;

  /** The longest pause, so that a gate that turns hot is found soon. */
  static final long MAX_PAUSE_NANOS = 2_000_000L;

  private static final class Pending {
    final Warmup gate;
    final Runnable probe;
    final long deadline;
    long probing;

    Pending(Warmup gate, Runnable probe, long deadline) {
      this.gate = gate;
      this.probe = probe;
      this.deadline = deadline;
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

  /** The pause after a slow probe of d ns of a gate already probed for probing ns (d included). */
  static long pauseAfter(long probing, long d) {
    return probing <= EAGER_NANOS ? 0 : Math.min(MAX_PAUSE_NANOS, QUIET_FACTOR * d);
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
          long pause = pauseAfter(p.probing, d);
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
