package daphnegrid.runtime.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import daphnegrid.config.GridSettings;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.config.serial.FrameBlockSerializer;
import daphnegrid.grid.tasks.AggregateFrameBlocks;
import daphnegrid.grid.tasks.FrameRef;
import daphnegrid.grid.tasks.FrameScanResult;
import daphnegrid.grid.tasks.PartSink;
import daphnegrid.grid.tasks.ReadFramePiece;
import daphnegrid.grid.tasks.ScanFrameBlocks;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.Frames;
import daphnegrid.kernels.relational.Aggregates;
import daphnegrid.kernels.relational.PartialAggregates;
import daphnegrid.kernels.relational.RowFilter;
import daphnegrid.runtime.FrameValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parts members send back from scans and groupings honour the chunk size: an answer carries
 * parts while it stays within it, the rest are stored in the sink's map and read back in pieces of
 * whole rows, each within it; put together they are the parts the task computed. Through the
 * engine, scans, groupings and joins with a small chunk size give the default's results.
 */
class GridPartPiecesTest {
  private static SharedGrid grid;

  @BeforeAll
  static void startGrid() {
    grid = SharedGrid.embedded(GridSettings.of(new ClientConfig()));
  }

  @AfterAll
  static void stopGrid() {
    grid.close();
  }

  private static final long CHUNK = 3000;
  private static final int[] ALL = {0, 1, 2, 3};

  private static FrameScanResult call(HazelcastInstance hz, Callable<FrameScanResult> task)
      throws Exception {
    return hz.getExecutorService(OwnerDispatch.EXECUTOR).submit(task).get();
  }

  /** The answer's inline parts fit in CHUNK; stored parts read in pieces give want's parts. */
  private static List<Frame> checkedParts(HazelcastInstance hz, FrameScanResult r, FrameRef out) {
    assertNull(r.failure());
    long inline = 0;
    List<Frame> parts = new ArrayList<>();
    IMap<BlockKey, FrameBlock> map = hz.getMap(out.map());
    for (int i = 0; i < r.blockRows().length; i++) {
      if (r.stored()[i] < 0) {
        inline += FrameBlockSerializer.serializedBytes(r.parts()[i]);
        parts.add(r.parts()[i].frame());
        continue;
      }
      assertNull(r.parts()[i]);
      BlockKey key = out.key(r.blockRows()[i]);
      List<Frame> pieces = new ArrayList<>();
      for (int from = 0; from < r.stored()[i]; ) {
        FrameBlock p = map.executeOnKey(key, new ReadFramePiece(out.map(), from, CHUNK));
        assertTrue(
            FrameBlockSerializer.serializedBytes(p) <= CHUNK || p.rows() == 1,
            "a piece of " + FrameBlockSerializer.serializedBytes(p) + " bytes");
        pieces.add(p.frame());
        from += p.rows();
      }
      parts.add(Frames.concatRows(pieces));
    }
    assertTrue(inline <= CHUNK, inline + " bytes in the answer");
    return parts;
  }

  @Test
  void answersCarryPartsWithinTheChunkSizeAndStoreTheRest() throws Exception {
    try (GridEngine e = new GridEngine(grid::lease, GridOptions.defaults(), null)) {
      Frame f = GridFrameStoreTest.frame(9000, 5);
      FrameValue v = e.storeFrame(f);
      FrameRef in = ((GridFrame) v.remote()).ref;
      HazelcastInstance hz = grid.lease().hz();
      FrameRef layout =
          FrameRef.layout("blocks.part-pieces-" + System.nanoTime(), 99, 0, List.of(), List.of());
      // members write into the sink's map only with a warrant of the grid's secret
      FrameRef out =
          layout.withWarrant(daphnegrid.config.serial.BlockSeal.of(hz).warrant(layout.identity()));
      PartSink sink = new PartSink(out, CHUNK);
      int[] blocks = new int[in.rowBlocks()];
      for (int b = 0; b < blocks.length; b++) blocks[b] = b;
      try {
        FrameScanResult scan =
            call(hz, new ScanFrameBlocks(in, blocks, ALL, RowFilter.none()).sendingTo(sink));
        List<Frame> parts = checkedParts(hz, scan, out);
        long stored = java.util.Arrays.stream(scan.stored()).filter(s -> s >= 0).count();
        assertTrue(stored > 0, "no part was stored");
        GridFrameStoreTest.assertSameFrame(f, Frames.concatRows(parts));

        List<PartialAggregates.Agg> aggs =
            List.of(
                new PartialAggregates.Agg(Aggregates.Fn.SUM, 1),
                new PartialAggregates.Agg(Aggregates.Fn.COUNT, 3));
        FrameScanResult grouped =
            call(
                hz,
                new AggregateFrameBlocks(in, blocks, RowFilter.none(), new int[] {2}, aggs)
                    .sendingTo(sink));
        List<Frame> want = new ArrayList<>();
        for (int b = 0; b < blocks.length; b++) {
          Frame block = f.sliceRows((int) in.rowStart(b), (int) in.rowEnd(b));
          want.add(PartialAggregates.block(block, RowFilter.none(), new int[] {2}, aggs));
        }
        List<Frame> got = checkedParts(hz, grouped, out);
        for (int b = 0; b < blocks.length; b++) {
          GridFrameStoreTest.assertSameFrame(want.get(b), got.get(b));
        }
      } finally {
        hz.getMap(out.map()).destroy();
      }
    }
  }

  private static Frame asFrame(PartialAggregates.Result r) {
    List<daphnegrid.kernels.frame.Column> cols = new ArrayList<>(r.keys());
    cols.addAll(r.values());
    return Frame.of(Frame.defaultLabels(cols.size()), cols);
  }

  @Test
  void scansGroupingsAndJoinsWithASmallChunkSizeGiveTheDefaultsResults() {
    GridOptions small =
        new GridOptions(
            CHUNK,
            GridOptions.DEFAULT_PLACEMENT_MIN_CELLS,
            GridOptions.DEFAULT_BROADCAST_MAX_CELLS);
    Frame f = GridFrameStoreTest.frame(9000, 8);
    Frame other = Frames.selectColumns(GridFrameStoreTest.frame(300, 8), new int[] {3, 1});
    RowFilter filter =
        new RowFilter(new int[] {1}, new RowFilter.Op[] {RowFilter.Op.GT}, new Object[] {-0.5});
    List<PartialAggregates.Agg> aggs = List.of(new PartialAggregates.Agg(Aggregates.Fn.MAX, 1));
    List<Object> results = new ArrayList<>();
    for (GridOptions o : new GridOptions[] {GridOptions.defaults(), small}) {
      try (GridEngine e = new GridEngine(grid::lease, o, null)) {
        FrameValue v = e.storeFrame(f);
        List<Object> r = new ArrayList<>();
        r.add(e.scanFrame(v, ALL, filter));
        r.add(asFrame(e.aggregateFrame(v, filter, new int[] {3}, aggs)));
        r.add(e.joinFrame(v, ALL, filter, new int[] {3}, other, new int[] {0}, true));
        r.add(e.joinFrame(v, ALL, filter, new int[] {3}, other, new int[] {0}, false));
        results.add(r);
      }
    }
    @SuppressWarnings("unchecked")
    List<Object> want = (List<Object>) results.get(0), got = (List<Object>) results.get(1);
    for (int i = 0; i < want.size(); i++) {
      GridFrameStoreTest.assertSameFrame((Frame) want.get(i), (Frame) got.get(i));
    }
    assertEquals(4, got.size());
  }
}
