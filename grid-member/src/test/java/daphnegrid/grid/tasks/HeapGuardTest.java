package daphnegrid.grid.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import daphnegrid.config.GridSettings;
import daphnegrid.config.testing.TestGrid;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member refuses to make a block its heap cannot take below the high-water mark, says so with the
 * figures, counts the refusal, and keeps working; its heap report carries the mark.
 */
class HeapGuardTest {
  private static TestGrid grid;

  @BeforeAll
  static void start() {
    grid =
        TestGrid.start(
            1,
            GridSettings.defaults(),
            () -> {
              Config c = new Config();
              HeapGuard.configure(c, 0.5);
              return c;
            });
  }

  @AfterAll
  static void stop() {
    grid.close();
  }

  private static GenerateResult fill(HazelcastInstance hz, MatrixRef ref) throws Exception {
    GenerateBlocks task = GenerateBlocks.fill(ref, new int[] {0}, Scalar.f64(1.5));
    task.setHazelcastInstance(hz);
    return task.call();
  }

  @Test
  void aBlockLargerThanTheHeapIsRefusedAndCounted() throws Exception {
    HazelcastInstance hz = grid.member(0);
    long refusals = GuardCounters.of(hz).heapRefusals();
    int rows = 1024;
    int cols = (int) (Runtime.getRuntime().maxMemory() / 8 / rows / 2 + 1); // above half the heap
    MatrixRef big = MatrixRef.layout("blocks.test.1", 1, rows, cols, ValueType.F64, Long.MAX_VALUE);
    GenerateResult r = fill(hz, big);
    assertTrue(r.failure() != null, "a block over the high-water mark must be refused");
    assertTrue(r.failure().contains("refuses to make block row 0 of matrix 1"), r.failure());
    assertTrue(r.failure().contains("past its high-water mark of 50%"), r.failure());
    assertEquals(refusals + 1, GuardCounters.of(hz).heapRefusals());
    assertEquals(0, hz.getMap(big.map()).size());

    MatrixRef small = MatrixRef.layout("blocks.test.2", 2, 100, 3, ValueType.F64, 1 << 20);
    assertNull(fill(hz, small).failure());
    assertEquals(1, hz.getMap(small.map()).size());
    assertEquals(refusals + 1, GuardCounters.of(hz).heapRefusals());
  }

  @Test
  void theHeapReportCarriesTheHighWaterMarkAndBackupCounts() {
    HeapReport report = new HeapReport(true);
    report.setHazelcastInstance(grid.member(0));
    HeapReport.Figures f = HeapReport.Figures.of(report.call());
    assertEquals(0.5, f.highWater());
    assertEquals(Runtime.getRuntime().maxMemory(), f.max());
    assertTrue(f.used() > 0 && f.used() < f.max(), f.toString());
    assertEquals((long) (f.max() * 0.5) - f.used(), f.room());
    assertEquals(1, f.blockBackups());
    assertEquals(0, f.tempBackups());
  }
}
