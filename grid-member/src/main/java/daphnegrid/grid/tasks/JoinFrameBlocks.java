package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.relational.Aggregates;
import daphnegrid.kernels.relational.BlockJoin;
import daphnegrid.kernels.relational.PartialAggregates;
import daphnegrid.kernels.relational.RowFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * An equi-join of a distributed frame (the blocked side, the query's left or right table) with a
 * small frame that travels inside the task (the other side, broadcast to every member holding row
 * blocks): each of this member's row blocks is filtered and cut as a scan ({@link ScanFrameBlocks})
 * and joined with the other side ({@link BlockJoin}); what goes back, one part per block, is
 *
 * <ul>
 *   <li>the joined rows, left columns then right ones, when the blocked side is on the left (in
 *       block order they are the join);
 *   <li>the other side's row number and the block's joined columns when it is on the right (the
 *       coordinator puts them in left-major order, {@link BlockJoin#inLeftOrder});
 *   <li>with a GROUP BY, only the partial aggregates of the block's joined rows ({@link
 *       BlockJoin#partials}), combined in block order by the coordinator.
 * </ul>
 */
public final class JoinFrameBlocks
    implements Callable<FrameScanResult>, IdentifiedDataSerializable, HazelcastInstanceAware {
  private FrameRef in;
  private int[] blockRows;
  private int[] keep;
  private RowFilter filter;
  private int[] blockKeys;
  private FrameBlock other;
  private int[] otherKeys;
  private boolean blockLeft;
  private int[] groupKeys; // null: the joined rows themselves
  private List<PartialAggregates.Agg> aggs;
  private PartSink sink = PartSink.NONE;
  private transient HazelcastInstance hz;

  /** For deserialization. */
  public JoinFrameBlocks() {}

  /**
   * @param blockKeys key columns, positions among keep
   * @param other the other side (row offset 0)
   * @param otherKeys its key columns
   * @param blockLeft whether in is the query's left table
   * @param groupKeys GROUP BY columns of the joined rows (left columns, then right ones), or null
   *     for the joined rows
   * @param aggs the aggregates over the joined rows' columns (with groupKeys)
   */
  public JoinFrameBlocks(
      FrameRef in,
      int[] blockRows,
      int[] keep,
      RowFilter filter,
      int[] blockKeys,
      FrameBlock other,
      int[] otherKeys,
      boolean blockLeft,
      int[] groupKeys,
      List<PartialAggregates.Agg> aggs) {
    this.in = in;
    this.blockRows = blockRows;
    this.keep = keep;
    this.filter = filter;
    this.blockKeys = blockKeys;
    this.other = other;
    this.otherKeys = otherKeys;
    this.blockLeft = blockLeft;
    this.groupKeys = groupKeys;
    this.aggs = groupKeys == null ? List.of() : aggs;
  }

  /** This task with the parts it sends back cut by sink. */
  public JoinFrameBlocks sendingTo(PartSink sink) {
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
    Frame o = other.frame();
    for (int i = 0; i < sorted.length; i++) {
      try {
        FrameBlock b = LocalFrameBlocks.read(hz, in, sorted[i]);
        Frame part;
        if (groupKeys != null) {
          part =
              BlockJoin.partials(
                  b.frame(), filter, keep, blockKeys, o, otherKeys, blockLeft, groupKeys, aggs);
        } else if (blockLeft) {
          part = BlockJoin.leftPart(b.frame(), filter, keep, blockKeys, o, otherKeys);
        } else {
          part = BlockJoin.rightPart(b.frame(), filter, keep, blockKeys, o, otherKeys);
        }
        parts[i] = new FrameBlock(b.rowOffset(), part);
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
    return GridMemberSerialization.JOIN_FRAME_BLOCKS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    in.write(out);
    sink.write(out);
    out.writeIntArray(blockRows);
    out.writeIntArray(keep);
    ScanFrameBlocks.writeFilter(out, filter);
    out.writeIntArray(blockKeys);
    out.writeObject(other);
    out.writeIntArray(otherKeys);
    out.writeBoolean(blockLeft);
    out.writeBoolean(groupKeys != null);
    if (groupKeys != null) {
      out.writeIntArray(groupKeys);
      out.writeInt(aggs.size());
      for (PartialAggregates.Agg a : aggs) {
        out.writeByte(a.fn().ordinal());
        out.writeInt(a.column());
      }
    }
  }

  @Override
  public void readData(ObjectDataInput data) throws IOException {
    in = FrameRef.read(data);
    sink = PartSink.read(data);
    blockRows = data.readIntArray();
    keep = data.readIntArray();
    filter = ScanFrameBlocks.readFilter(data);
    blockKeys = data.readIntArray();
    other = data.readObject();
    otherKeys = data.readIntArray();
    blockLeft = data.readBoolean();
    if (data.readBoolean()) {
      groupKeys = data.readIntArray();
      int n = data.readInt();
      aggs = new ArrayList<>(n);
      for (int a = 0; a < n; a++) {
        aggs.add(
            new PartialAggregates.Agg(Aggregates.Fn.values()[data.readByte()], data.readInt()));
      }
    } else {
      groupKeys = null;
      aggs = List.of();
    }
  }
}
