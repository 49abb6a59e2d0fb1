package daphnegrid.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.BlockProgram;
import daphnegrid.plan.Placement.Site;
import daphnegrid.runtime.MatrixSource;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Operand;
import daphnegrid.runtime.local.ComputePool;
import daphnegrid.runtime.local.LocalEngine;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The placement decisions, one per kind of work, with and without a grid. */
class PlacementTest {
  private final ComputePool pool = new ComputePool(1);
  private final LocalEngine local = new LocalEngine(pool);
  private final LocalEngine grid = new LocalEngine(pool); // stands in for the grid engine
  private final Placement none = Placement.local(local);
  private final Placement dist = Placement.distributed(local, grid, 1000, 5000);

  @AfterEach
  void close() {
    pool.close();
  }

  private static MatrixValue here(int rows, int cols) {
    return new MatrixValue(DenseMatrix.allocate(ValueType.F64, rows, cols));
  }

  private static MatrixValue remote(int rows, int cols) {
    return new MatrixValue(rows, cols, ValueType.F64, new Object(), h -> null);
  }

  private static BlockProgram sum(long rows, int cols) {
    return new BlockProgram(
        "p",
        rows,
        List.of(new BlockProgram.Input(BlockProgram.InputKind.SPLIT, ValueType.F64, rows, cols)),
        List.of(),
        List.of(new BlockProgram.FullAgg(daphnegrid.kernels.AggOp.SUM, 0)));
  }

  @Test
  void withoutAGridEverythingIsLocal() {
    MatrixValue big = here(1000, 100);
    assertEquals(Site.LOCAL, none.program(sum(1000, 100), List.of(new Operand.Split(big))));
    assertEquals(Site.LOCAL, none.transpose(big));
    assertEquals(
        Site.LOCAL,
        none.generate(MatrixSource.Rand.of(1000, 100, Scalar.f64(0), Scalar.f64(1), 1.0, 3)));
    assertEquals(new Placement.Product(false, Site.LOCAL), none.product(big, here(200, 200)));
    assertTrue(none.product(big, here(100, 5)).fusable());
    assertSame(local, none.engine(Site.LOCAL));
  }

  @Test
  void programsGoWhereTheirSplitInputsAreOrWhenLarge() {
    assertEquals(Site.LOCAL, dist.program(sum(10, 10), List.of(new Operand.Split(here(10, 10)))));
    assertEquals(Site.GRID, dist.program(sum(10, 100), List.of(new Operand.Split(here(10, 100)))));
    assertEquals(Site.GRID, dist.program(sum(2, 2), List.of(new Operand.Split(remote(2, 2)))));
    assertEquals(Site.LOCAL, dist.program(sum(0, 5), List.of(new Operand.Split(here(0, 5)))));
    assertSame(grid, dist.engine(Site.GRID));
  }

  @Test
  void generatorsThatCannotBeMadeBlockByBlockStayLocal() {
    Scalar zero = Scalar.f64(0);
    Scalar one = Scalar.f64(1);
    assertEquals(Site.GRID, dist.generate(MatrixSource.Rand.of(100, 100, zero, one, 1.0, 3)));
    assertEquals(Site.LOCAL, dist.generate(MatrixSource.Rand.of(100, 100, zero, one, 0.5, 3)));
    assertEquals(
        Site.LOCAL,
        dist.generate(MatrixSource.Rand.of(100, 100, Scalar.si64(1), Scalar.si64(9), 1.0, 3)));
    assertEquals(Site.LOCAL, dist.generate(MatrixSource.Rand.of(10, 10, zero, one, 1.0, 3)));
  }

  @Test
  void productsBroadcastUpToTheSiteLimitAndOtherwiseRunWhereTheLeftSideBelongs() {
    MatrixValue bigX = here(1000, 10);
    // on the grid: broadcast up to 5000 cells, a larger right side is one product there
    assertEquals(new Placement.Product(true, Site.LOCAL), dist.product(bigX, here(10, 400)));
    assertEquals(new Placement.Product(false, Site.GRID), dist.product(bigX, here(10, 600)));
    // a small left side stays local: fused up to the cache limit
    MatrixValue small = here(10, 10);
    assertTrue(dist.product(small, here(10, 600)).fusable());
    assertEquals(new Placement.Product(false, Site.LOCAL), dist.product(small, here(10, 4000)));
    // a pending left side computed from grid data belongs on the grid
    MatrixValue pending =
        new MatrixValue(
            10,
            10,
            ValueType.F64,
            new Pending.EwBinary(null, BinaryOp.ADD, remote(10, 10), Scalar.f64(1)),
            (Planner) null);
    assertFalse(dist.product(pending, here(10, 6000)).fusable());
    assertEquals(Site.GRID, dist.product(pending, here(10, 6000)).site());
  }

  @Test
  void transposesAndRowReadsFollowTheData() {
    assertEquals(Site.GRID, dist.transpose(remote(2000, 5)));
    assertEquals(Site.LOCAL, dist.transpose(here(5, 5)));
    assertEquals(Site.GRID, dist.transpose(here(2000, 100)));
    // one small block either way round: on the coordinator, also when it lives on the grid
    assertEquals(Site.LOCAL, dist.transpose(remote(5, 5)));
    assertEquals(Site.LOCAL, dist.transpose(remote(1024, 32)));
    assertEquals(Site.GRID, dist.transpose(remote(1025, 5)));
    assertEquals(Site.GRID, dist.transpose(remote(200, 200)));
    assertEquals(Site.GRID, dist.rows(remote(5, 5)));
    assertEquals(Site.LOCAL, dist.rows(here(5, 5)));
  }
}
