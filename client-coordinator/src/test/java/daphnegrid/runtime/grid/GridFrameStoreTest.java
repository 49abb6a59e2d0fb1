package daphnegrid.runtime.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.DistributedObject;
import daphnegrid.config.GridSettings;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.StringColumn;
import daphnegrid.kernels.pipeline.RowBlocks;
import daphnegrid.runtime.FrameValue;
import daphnegrid.runtime.Reachable;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grid engine's frames: stored as row blocks (one map per frame, {@link RowBlocks}' cut, block
 * i in partition i), fetched back equal cell for cell, and freed like matrices once nothing
 * reachable holds them.
 */
class GridFrameStoreTest {
  private static SharedGrid grid;

  @BeforeAll
  static void startGrid() {
    grid = SharedGrid.embedded(GridSettings.of(new ClientConfig()));
  }

  @AfterAll
  static void stopGrid() {
    grid.close();
  }

  private static GridEngine engine() {
    return new GridEngine(grid::lease, GridOptions.defaults(), null);
  }

  /** A frame of n rows: si64, f64 (with NaN and -0), str (empty, non-ASCII), ui8. */
  static Frame frame(int n, long seed) {
    Random r = new Random(seed);
    long[] k = new long[n];
    double[] v = new double[n];
    String[] s = new String[n];
    byte[] u = new byte[n];
    for (int i = 0; i < n; i++) {
      k[i] = r.nextLong();
      v[i] = i % 11 == 0 ? Double.NaN : i % 13 == 0 ? -0.0 : r.nextGaussian();
      s[i] = i % 7 == 0 ? "" : "s" + r.nextInt(1000) + (i % 5 == 0 ? "äß,\"" : "");
      u[i] = (byte) r.nextInt(256);
    }
    return Frame.of(
        List.of("k", "v", "s", "u"),
        List.of(
            Column.of(DenseMatrix.wrap(ValueType.SI64, n, 1, k)),
            Column.of(DenseMatrix.wrap(ValueType.F64, n, 1, v)),
            StringColumn.of(s, n),
            Column.of(DenseMatrix.wrap(ValueType.UI8, n, 1, u))));
  }

  /** Cell by cell, by value bits: the plain reference of equality. */
  static void assertSameFrame(Frame want, Frame got) {
    assertEquals(want.header(), got.header());
    for (int j = 0; j < want.cols(); j++) {
      for (int i = 0; i < want.rows(); i++) {
        assertEquals(
            want.column(j).get(i).toString(),
            got.column(j).get(i).toString(),
            "row " + i + " column " + j);
        if (want.type(j) == ValueType.F64) {
          double[] a = (double[]) want.column(j).toMatrix().data();
          double[] b = (double[]) got.column(j).toMatrix().data();
          assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]));
        }
      }
    }
  }

  private static long blockMaps() {
    long n = 0;
    for (DistributedObject o : grid.lease().hz().getDistributedObjects()) {
      if (o.getName().startsWith("blocks.") && o.getServiceName().contains("map")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aStoredFrameComesBackEqualFromItsRowBlocks() {
    try (GridEngine e = engine()) {
      for (int n : new int[] {1, 1023, 1024, 3000, 70_001}) {
        Frame f = frame(n, n);
        FrameValue v = e.storeFrame(f);
        assertFalse(v.isLocal());
        assertNotNull(v.remote());
        assertEquals(f.header(), v.typeName());
        GridFrame g = (GridFrame) v.remote();
        assertEquals(RowBlocks.count(n), g.ref.rowBlocks());
        assertEquals(RowBlocks.rowsPerBlock(n), g.ref.rowsPerBlock());
        assertEquals(g.ref.rowBlocks(), grid.lease().hz().getMap(g.ref.map()).size());
        assertSameFrame(f, v.frame());
      }
    }
  }

  @Test
  void blockIOfAFrameSharesPartitionIWithAMatrixOfItsRowCount() {
    try (GridEngine e = engine()) {
      FrameValue v = e.storeFrame(frame(70_000, 3));
      GridFrame g = (GridFrame) v.remote();
      var ps = grid.lease().hz().getPartitionService();
      for (int b = 0; b < g.ref.rowBlocks(); b++) {
        assertEquals(
            ps.getPartition(b).getPartitionId(),
            ps.getPartition(g.ref.key(b)).getPartitionId(),
            "block " + b);
      }
    }
  }

  @Test
  void framesNothingReachesAreFreed() {
    long before = blockMaps();
    try (GridEngine e = engine()) {
      FrameValue kept = e.storeFrame(frame(5000, 1));
      FrameValue dropped = e.storeFrame(frame(5000, 2));
      assertEquals(2, e.liveFrames());
      assertEquals(before + 2, blockMaps());
      e.retain(Reachable.of(List.of(kept)));
      assertEquals(1, e.liveFrames());
      assertEquals(before + 1, blockMaps());
      assertTrue(((GridFrame) dropped.remote()).freed());
      assertSameFrame(frame(5000, 1), kept.frame());
      e.retain(Reachable.of(List.of()));
      assertEquals(0, e.liveFrames());
      assertEquals(before, blockMaps());
    }
  }

  @Test
  void aTamperedRowBlockFailsItsSealCheck() {
    // the embedded grid has a random secret: frame blocks are sealed when stored
    try (GridEngine e = engine()) {
      FrameValue v = e.storeFrame(frame(5000, 9));
      GridFrame g = (GridFrame) v.remote();
      com.hazelcast.map.IMap<daphnegrid.config.serial.BlockKey, FrameBlock> map =
          grid.lease().hz().getMap(g.ref.map());
      FrameBlock stored = map.get(g.ref.key(3));
      assertNotNull(stored.seal());
      Frame changed = frame(stored.rows(), 10);
      map.set(g.ref.key(3), new FrameBlock(stored.rowOffset(), changed, stored.seal()));
      // a seal failure in a block read: the transfer's failure names it
      RuntimeException x = assertThrows(RuntimeException.class, v::frame);
      assertTrue(x.getMessage().contains("row block 3 of frame"), x.getMessage());
      assertTrue(x.getMessage().contains("fails its seal check"), x.getMessage());
      map.set(g.ref.key(3), new FrameBlock(stored.rowOffset(), changed));
      x = assertThrows(RuntimeException.class, v::frame);
      assertTrue(x.getMessage().contains("carries no seal"), x.getMessage());
    }
  }

  @Test
  void framesLargerThanOneMessageTravelInPiecesCutAtRowBoundaries() {
    int[] all = {0, 1, 2, 3};
    for (long chunk : new long[] {60, 3000, 70_000}) {
      GridOptions o =
          new GridOptions(
              chunk,
              GridOptions.DEFAULT_PLACEMENT_MIN_CELLS,
              GridOptions.DEFAULT_BROADCAST_MAX_CELLS);
      try (GridEngine e = new GridEngine(grid::lease, o, null)) {
        for (int n : new int[] {1, 1500, 9000}) {
          Frame f = frame(n, n + chunk);
          FrameValue v = e.storeFrame(f);
          GridFrame g = (GridFrame) v.remote();
          com.hazelcast.map.IMap<daphnegrid.config.serial.BlockKey, FrameBlock> map =
              grid.lease().hz().getMap(g.ref.map());
          for (int b = 0; b < g.ref.rowBlocks(); b++) {
            FrameBlock stored = map.get(g.ref.key(b));
            assertEquals(g.ref.rowEnd(b) - g.ref.rowStart(b), stored.rows());
            assertEquals(g.ref.rowStart(b), stored.rowOffset());
            assertNotNull(stored.seal()); // the whole block's seal, put on by the last piece
          }
          // the members read the assembled blocks (their seals check)
          assertSameFrame(f, e.scanFrame(v, all, daphnegrid.kernels.relational.RowFilter.none()));
          // collected in pieces
          assertSameFrame(f, v.frame());
        }
      }
    }
  }

  @Test
  void scansGroupingsAndJoinsOnTheMembersEqualTheSameWorkHere() {
    Frame f = frame(70_000, 21);
    daphnegrid.kernels.relational.RowFilter filter =
        new daphnegrid.kernels.relational.RowFilter(
            new int[] {1, 3},
            new daphnegrid.kernels.relational.RowFilter.Op[] {
              daphnegrid.kernels.relational.RowFilter.Op.GT,
              daphnegrid.kernels.relational.RowFilter.Op.LE
            },
            new Object[] {-0.5, 200L});
    int[] keep = {3, 1, 2};
    List<daphnegrid.kernels.relational.PartialAggregates.Agg> aggs =
        List.of(
            new daphnegrid.kernels.relational.PartialAggregates.Agg(
                daphnegrid.kernels.relational.Aggregates.Fn.SUM, 1),
            new daphnegrid.kernels.relational.PartialAggregates.Agg(
                daphnegrid.kernels.relational.Aggregates.Fn.MEAN, 1),
            new daphnegrid.kernels.relational.PartialAggregates.Agg(
                daphnegrid.kernels.relational.Aggregates.Fn.MAX, 2),
            new daphnegrid.kernels.relational.PartialAggregates.Agg(
                daphnegrid.kernels.relational.Aggregates.Fn.COUNT, -1));
    long[] ids = new long[256];
    String[] names = new String[256];
    for (int i = 0; i < 256; i++) {
      ids[i] = 255 - i;
      names[i] = "n" + i;
    }
    Frame right =
        Frame.of(
            List.of("id", "name"),
            List.of(
                Column.of(DenseMatrix.wrap(ValueType.UI8, 256, 1, toBytes(ids))),
                StringColumn.of(names, 256)));
    try (GridEngine e = engine()) {
      FrameValue v = e.storeFrame(f);
      assertSameFrame(filter.apply(f, keep), e.scanFrame(v, keep, filter));
      for (int[] keys : new int[][] {{3}, {3, 0}, {}}) {
        var here = daphnegrid.kernels.relational.PartialAggregates.run(f, filter, keys, aggs, null);
        var there = e.aggregateFrame(v, filter, keys, aggs);
        assertEquals(here.groups(), there.groups());
        assertEquals(keys.length, there.keys().size());
        for (int k = 0; k < keys.length; k++) {
          assertTrue(here.keys().get(k).toMatrix().sameContents(there.keys().get(k).toMatrix()));
        }
        for (int a = 0; a < aggs.size(); a++) {
          assertTrue(
              here.values().get(a).toMatrix().sameContents(there.values().get(a).toMatrix()));
        }
      }
      Frame joinedHere =
          daphnegrid.runtime.Engine.joined(
              filter.apply(f, keep), new int[] {0}, right, new int[] {0});
      Frame joinedThere = e.joinFrame(v, keep, filter, new int[] {0}, right, new int[] {0}, true);
      assertTrue(joinedHere.rows() > 1000, "rows " + joinedHere.rows());
      assertSameFrame(joinedHere, joinedThere);
      // the grid frame on the right: left-major, the right rows in order
      Frame rightJoinHere =
          daphnegrid.runtime.Engine.joined(
              right, new int[] {0}, filter.apply(f, keep), new int[] {0});
      Frame rightJoinThere =
          e.joinFrame(v, keep, filter, new int[] {0}, right, new int[] {0}, false);
      assertEquals(joinedHere.rows(), rightJoinThere.rows());
      assertSameFrame(rightJoinHere, rightJoinThere);
      // grouped after the join: the partials of each row block of f, combined in block order
      for (boolean left : new boolean[] {true, false}) {
        int[] groupKeys = left ? new int[] {4, 0} : new int[] {1};
        int v1 = left ? 1 : 3; // the column v among the joined columns
        List<daphnegrid.kernels.relational.PartialAggregates.Agg> joinAggs =
            List.of(
                new daphnegrid.kernels.relational.PartialAggregates.Agg(
                    daphnegrid.kernels.relational.Aggregates.Fn.SUM, v1),
                new daphnegrid.kernels.relational.PartialAggregates.Agg(
                    daphnegrid.kernels.relational.Aggregates.Fn.COUNT, -1));
        var here =
            daphnegrid.kernels.relational.BlockJoin.aggregate(
                f,
                filter,
                keep,
                new int[] {0},
                right,
                new int[] {0},
                left,
                groupKeys,
                joinAggs,
                null);
        var there =
            e.joinAggregateFrame(
                v, keep, filter, new int[] {0}, right, new int[] {0}, left, groupKeys, joinAggs);
        assertTrue(here.groups() > 10, "groups " + here.groups());
        assertEquals(here.groups(), there.groups());
        for (int k = 0; k < groupKeys.length; k++) {
          assertTrue(here.keys().get(k).toMatrix().sameContents(there.keys().get(k).toMatrix()));
        }
        for (int a = 0; a < joinAggs.size(); a++) {
          assertTrue(
              here.values().get(a).toMatrix().sameContents(there.values().get(a).toMatrix()));
        }
      }
    }
  }

  private static byte[] toBytes(long[] a) {
    byte[] b = new byte[a.length];
    for (int i = 0; i < a.length; i++) b[i] = (byte) a[i];
    return b;
  }
}
