package daphnegrid.kernels.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.KernelImpl;
import daphnegrid.kernels.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The warm-up gate: probes start after enough plain work, a loop counts as compiled after a streak
 * of fast probes only, and the gated kernels give the plain twins' bits before, during and after
 * the switch.
 */
class WarmupTest {
  @Test
  void aStreakOfFastProbesSwitchesForGoodASlowOneResetsIt() {
    Warmup w = new Warmup();
    assertFalse(w.record(10));
    assertFalse(w.record(Warmup.FAST_NANOS));
    assertFalse(w.record(10));
    assertFalse(w.record(10));
    assertTrue(w.record(10));
    assertTrue(w.record(Warmup.FAST_NANOS * 1000), "hot stays hot");
    assertTrue(w.hot());
  }

  @Test
  void probingStartsAfterTheStartWorkAndThenRunsAfterEachSpacingOfWork() {
    Warmup w = new Warmup();
    assertFalse(w.probeAfter(Warmup.START_WORK - Warmup.PROBE_SPACING));
    assertFalse(w.probeAfter(Warmup.PROBE_SPACING - 1));
    assertTrue(w.probeAfter(1));
    int probes = 0;
    for (int i = 0; i < 4 * 64; i++) {
      probes += w.probeAfter(Warmup.PROBE_SPACING / 64) ? 1 : 0;
    }
    assertEquals(4, probes);
  }

  @Test
  void whileQuietAGateCountsItsWorkButNeverProbesAndProbesAtTheFirstCallAfter() {
    Warmup w = new Warmup();
    for (int i = 0; i < 8; i++) {
      assertFalse(w.probeAfter(Warmup.START_WORK, true));
    }
    assertEquals(8 * Warmup.START_WORK, w.work());
    assertTrue(w.probeAfter(1, false));
  }

  @Test
  void whileQuietNoGateIsHandedToTheWarmUpThread() throws InterruptedException {
    AtomicInteger probes = new AtomicInteger();
    Warmup w = new Warmup();
    assertTrue(w.coldInBackground(2 * Warmup.START_WORK, probes::incrementAndGet, true));
    assertTrue(w.coldInBackground(Warmup.START_WORK, probes::incrementAndGet, true));
    Thread.sleep(50);
    assertEquals(0, probes.get(), "nothing probed while quiet");
    w.coldInBackground(1, probes::incrementAndGet, false); // the first call after: hands over
    assertTrue(turnsHot(w), "the probes run once the quiet time is over");
    assertTrue(probes.get() >= Warmup.STREAK);
  }

  /** Waits (up to a minute, polling) for the gate to turn hot; false if it never does. */
  private static boolean turnsHot(Warmup w) throws InterruptedException {
    for (int i = 0; i < 6000 && !w.hot(); i++) {
      Thread.sleep(10);
    }
    return w.hot();
  }

  @Test
  void theWarmUpThreadProbesAGateOnceItsCallsPassTheStartWork() throws InterruptedException {
    AtomicInteger probes = new AtomicInteger();
    Warmup w = new Warmup();
    assertTrue(w.coldInBackground(Warmup.START_WORK - 1, probes::incrementAndGet));
    Thread.sleep(50);
    assertEquals(0, probes.get(), "no probe before the start work");
    w.coldInBackground(1, probes::incrementAndGet); // hands over (the gate may be hot at return)
    assertTrue(turnsHot(w), "an instant probe counts as compiled");
    assertTrue(probes.get() >= Warmup.STREAK, probes.get() + " probes");
    assertFalse(w.coldInBackground(1, probes::incrementAndGet));
  }

  @Test
  void probesRunBackToBackForTheEagerTimeAndTheColdCallsTimeThenPauseFourTimesTheirLength() {
    long eager = WarmupThread.EAGER_NANOS;
    assertEquals(0, WarmupThread.pauseAfter(eager, 50_000, 0));
    assertEquals(200_000, WarmupThread.pauseAfter(eager + 1, 50_000, 0));
    assertEquals(
        WarmupThread.MAX_PAUSE_NANOS,
        WarmupThread.pauseAfter(10 * eager, 100_000_000, 0),
        "a long probe pauses at most MAX_PAUSE_NANOS");
    long work = 3 * eager / WarmupThread.NANOS_PER_WORK;
    assertEquals(0, WarmupThread.pauseAfter(4 * eager, 50_000, work), "heavy cold calls: eager");
    assertEquals(200_000, WarmupThread.pauseAfter(4 * eager + 1, 50_000, work));
  }

  @Test
  void aGateStillSlowAfterTheEagerTimeTurnsHotWhenItsProbeDoes() throws InterruptedException {
    // each of the first probes takes 1 ms: together well past the eager time, so that the thread
    // is pausing by the time the probe turns instant
    int slow = (int) (2 * WarmupThread.EAGER_NANOS / 1_000_000);
    AtomicInteger probes = new AtomicInteger();
    Warmup w = new Warmup();
    w.coldInBackground(
        Warmup.START_WORK,
        () -> {
          if (probes.incrementAndGet() <= slow) {
            long end = System.nanoTime() + 1_000_000;
            while (System.nanoTime() < end) {
              Thread.onSpinWait();
            }
          }
        });
    assertTrue(turnsHot(w));
    assertTrue(probes.get() >= slow + Warmup.STREAK, probes.get() + " probes");
  }

  @Test
  void aFailingProbeLeavesItsGateColdAndTheThreadGoesOn() throws InterruptedException {
    Warmup failing = new Warmup();
    failing.coldInBackground(
        Warmup.START_WORK,
        () -> {
          throw new IllegalStateException("probe failed");
        });
    Warmup fine = new Warmup();
    fine.coldInBackground(Warmup.START_WORK, () -> {});
    assertTrue(turnsHot(fine));
    assertFalse(failing.hot());
    assertTrue(failing.coldInBackground(1, () -> {}), "handed over once only: stays on plain");
  }

  private static double[] data(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextInt(10) == 0 ? 0.0 : r.nextDouble() * 8 - 4;
    }
    return a;
  }

  /**
   * Enough calls on large arrays that the gates pass their start work and probe until the loops are
   * compiled: every call gives the plain twin's bits, whichever loops ran it.
   */
  @Test
  void gatedKernelsGiveThePlainBitsThroughTheSwitch() {
    KernelImpl gated = SimdKernels.create(true);
    KernelImpl plain = Kernels.plain();
    int n = 1 << 20;
    double[] a = data(1, n);
    double[] b = data(2, n);
    double[] o1 = new double[n];
    double[] o2 = new double[n];
    BinaryOp[] ops = {BinaryOp.ADD, BinaryOp.LE, BinaryOp.DIV};
    int rounds = (int) (4 * Warmup.START_WORK / n);
    for (int i = 0; i < rounds; i++) {
      BinaryOp op = ops[i % ops.length];
      gated.elementwise().binary(op, a, 3, b, 5, o1, 7, n - 9);
      plain.elementwise().binary(op, a, 3, b, 5, o2, 7, n - 9);
      assertArrayEquals(o2, o1, op + " call " + i);
      double g = gated.reductions().aggregate(AggOp.SUM, a, 1, n - 1);
      double p = plain.reductions().aggregate(AggOp.SUM, a, 1, n - 1);
      assertEquals(Double.doubleToLongBits(p), Double.doubleToLongBits(g), "sum call " + i);
      gated.reductions().columnAggregate(AggOp.MAX, a, 0, 1024, 1000, o1, 0, false);
      plain.reductions().columnAggregate(AggOp.MAX, a, 0, 1024, 1000, o2, 0, false);
      assertArrayEquals(o2, o1, "column max call " + i);
      gated.matmul().gemm(a, 0, b, 0, o1, 0, 4000, 20, 5, null);
      plain.matmul().gemm(a, 0, b, 0, o2, 0, 4000, 20, 5, null);
      assertArrayEquals(o2, o1, "narrow gemm call " + i);
      // a block's t(X) @ X, 2 million multiply-adds a call, warmed by the warm-up thread
      gated.matmul().crossprod(a, 11, 500, 64, o1, 0, null);
      plain.matmul().crossprod(a, 11, 500, 64, o2, 0, null);
      assertArrayEquals(o2, o1, "crossprod call " + i);
    }
  }
}
