package daphnegrid.kernels.simd;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one daemon thread that runs the probes of the gates handed to it ({@link
 * Warmup#coldInBackground}), round-robin, one probe per gate per round, until each counts as
 * compiled or has probed for {@link Warmup#WARM_NANOS}. The thread starts when a gate is handed
 * over and ends when none is left; a process that never passes a gate's start work never starts it.
 */
final class WarmupThread {
  private WarmupThread() {}

  private record Pending(Warmup gate, Runnable probe, long deadline) {}

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
      if (p.gate().hot() || System.nanoTime() > p.deadline()) {
        continue;
      }
      try {
        long t0 = System.nanoTime();
        p.probe().run();
        if (!p.gate().record(System.nanoTime() - t0)) {
          PENDING.add(p);
        }
      } catch (RuntimeException e) {
        // a probe that fails leaves its gate cold: the calls keep the plain twin
      }
    }
  }
}
