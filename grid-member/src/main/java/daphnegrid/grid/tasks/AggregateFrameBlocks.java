package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.relational.Aggregates;
import daphnegrid.kernels.relational.PartialAggregates;
import daphnegrid.kernels.relational.RowFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * GROUP BY where a frame's row blocks live: each of this member's row blocks is filtered and
 * aggregated into partials ({@link PartialAggregates#block}: one row per key of the block), which
 * go back to the coordinator one part per block ({@link FrameScanResult}) to be combined in block
 * order. Only the partials travel, not the rows.
 */
public final class AggregateFrameBlocks
    implements Callable<FrameScanResult>, IdentifiedDataSerializable, HazelcastInstanceAware {
  private FrameRef in;
  private int[] blockRows;
  private RowFilter filter;
  private int[] keys;
  private List<PartialAggregates.Agg> aggs;
  private PartSink sink = PartSink.NONE;
  private transient HazelcastInstance hz;

  /** For deserialization. */
  public AggregateFrameBlocks() {}

  /**
   * @param keys the grouping columns (positions in in), none for one group
   */
  public AggregateFrameBlocks(
      FrameRef in,
      int[] blockRows,
      RowFilter filter,
      int[] keys,
      List<PartialAggregates.Agg> aggs) {
    this.in = in;
    this.blockRows = blockRows;
    this.filter = filter;
    this.keys = keys;
    this.aggs = aggs;
  }

  /** This task with the parts it sends back cut by sink. */
  public AggregateFrameBlocks sendingTo(PartSink sink) {
    this.sink = sink;
    return this;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
  }

  @Override
  public FrameScanResult call() {
    int[] sorted = blockRows.clone();
    Arrays.sort(sorted);
    FrameBlock[] parts = new FrameBlock[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      try {
        FrameBlock b = LocalFrameBlocks.read(hz, in, sorted[i]);
        parts[i] =
            new FrameBlock(b.rowOffset(), PartialAggregates.block(b.frame(), filter, keys, aggs));
      } catch (KernelException e) { // also a missing block or a BlockSealException
        return FrameScanResult.failed(e.getMessage());
      }
    }
    return FrameScanResult.reply(hz, sink, sorted, parts);
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.AGGREGATE_FRAME_BLOCKS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    in.write(out);
    sink.write(out);
    out.writeIntArray(blockRows);
    ScanFrameBlocks.writeFilter(out, filter);
    out.writeIntArray(keys);
    out.writeInt(aggs.size());
    for (PartialAggregates.Agg a : aggs) {
      out.writeByte(a.fn().ordinal());
      out.writeInt(a.column());
    }
  }

  @Override
  public void readData(ObjectDataInput data) throws IOException {
    in = FrameRef.read(data);
    sink = PartSink.read(data);
    blockRows = data.readIntArray();
    filter = ScanFrameBlocks.readFilter(data);
    keys = data.readIntArray();
    int n = data.readInt();
    aggs = new ArrayList<>(n);
    for (int a = 0; a < n; a++) {
      aggs.add(new PartialAggregates.Agg(Aggregates.Fn.values()[data.readByte()], data.readInt()));
    }
  }
}
