package daphnegrid.runtime.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lending and taking back arrays: only unreachable arrays come back, sizes match exactly. */
class BufferPoolTest {
  private static Set<Object> reachable(DenseMatrix... ms) {
    Set<Object> s = Collections.newSetFromMap(new IdentityHashMap<>());
    for (DenseMatrix m : ms) {
      s.add(m.data());
    }
    return s;
  }

  @Test
  void anArrayNoValueReachesIsLentAgainForTheSameSize() {
    BufferPool pool = new BufferPool();
    DenseMatrix a = pool.matrix(ValueType.F64, 1000, 100);
    DenseMatrix b = pool.matrix(ValueType.F64, 1000, 100);
    assertNotSame(a.data(), b.data());
    pool.reclaim(reachable(b));
    DenseMatrix c = pool.matrix(ValueType.F64, 100, 1000);
    assertSame(a.data(), c.data(), "same cell count, any shape");
    DenseMatrix d = pool.matrix(ValueType.F64, 1000, 100);
    assertNotSame(a.data(), d.data());
    assertNotSame(b.data(), d.data(), "b is still reachable");
    assertArrayEquals(new long[] {1, 3}, pool.counts());
  }

  @Test
  void sizesAndTypesDoNotMix() {
    BufferPool pool = new BufferPool();
    DenseMatrix a = pool.matrix(ValueType.F64, 1000, 100);
    pool.reclaim(reachable());
    assertNotSame(a.data(), pool.matrix(ValueType.F64, 1000, 101).data());
    assertFalse(pool.matrix(ValueType.F32, 2000, 100).data() instanceof double[]);
    assertSame(a.data(), pool.matrix(ValueType.F64, 1000, 100).data());
  }

  @Test
  void smallMatricesAreNotPooled() {
    BufferPool pool = new BufferPool();
    DenseMatrix a = pool.matrix(ValueType.F64, 10, 10);
    assertFalse(pool.hasLent());
    pool.reclaim(reachable());
    assertNotSame(a.data(), pool.matrix(ValueType.F64, 10, 10).data());
  }

  @Test
  void lentArraysAreTrackedUntilReclaimed() {
    BufferPool pool = new BufferPool();
    DenseMatrix a = pool.matrix(ValueType.SI64, 1000, 100);
    assertTrue(pool.hasLent());
    pool.reclaim(reachable(a));
    assertTrue(pool.hasLent());
    pool.reclaim(reachable());
    assertFalse(pool.hasLent());
  }
}
