package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.grid.metrics.GridMetrics;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.relational.RowFilter;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * A scan of a distributed frame where its row blocks live: each of this member's row blocks is
 * filtered ({@link RowFilter}, the WHERE terms that compare a column with a constant) and cut to
 * the columns a query reads, and only what passes goes back to the coordinator, one part per block
 * ({@link FrameScanResult}); the coordinator puts the parts together in block order, which is the
 * row order of the frame.
 */
public final class ScanFrameBlocks
    implements Callable<FrameScanResult>, IdentifiedDataSerializable, HazelcastInstanceAware {
  private FrameRef in;
  private int[] blockRows;
  private int[] keep;
  private RowFilter filter;
  private PartSink sink = PartSink.NONE;
  private transient HazelcastInstance hz;

  /** For deserialization. */
  public ScanFrameBlocks() {}

  /**
   * @param keep the columns to send back (positions in in)
   */
  public ScanFrameBlocks(FrameRef in, int[] blockRows, int[] keep, RowFilter filter) {
    this.in = in;
    this.blockRows = blockRows;
    this.keep = keep;
    this.filter = filter;
  }

  /** This task with the parts it sends back cut by sink. */
  public ScanFrameBlocks sendingTo(PartSink sink) {
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
    GridMetrics metrics = GridMetrics.of(hz);
    for (int i = 0; i < sorted.length; i++) {
      FrameBlock b;
      try {
        b = LocalFrameBlocks.read(hz, in, sorted[i]);
      } catch (daphnegrid.kernels.KernelException e) { // missing, or its seal fails
        return FrameScanResult.failed(e.getMessage());
      }
      Frame f = filter.apply(b.frame(), keep);
      parts[i] = new FrameBlock(b.rowOffset(), f);
      if (metrics != null) {
        metrics.bytesOut(daphnegrid.config.serial.FrameBlockSerializer.serializedBytes(parts[i]));
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
    return GridMemberSerialization.SCAN_FRAME_BLOCKS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    in.write(out);
    sink.write(out);
    out.writeIntArray(blockRows);
    out.writeIntArray(keep);
    writeFilter(out, filter);
  }

  @Override
  public void readData(ObjectDataInput data) throws IOException {
    in = FrameRef.read(data);
    sink = PartSink.read(data);
    blockRows = data.readIntArray();
    keep = data.readIntArray();
    filter = readFilter(data);
  }

  static void writeFilter(ObjectDataOutput out, RowFilter filter) throws IOException {
    out.writeIntArray(filter.columns());
    for (int t = 0; t < filter.terms(); t++) {
      out.writeByte(filter.ops()[t].ordinal());
      Object k = filter.constants()[t];
      if (k instanceof Long l) {
        out.writeByte(0);
        out.writeLong(l);
      } else if (k instanceof Double d) {
        out.writeByte(1);
        out.writeDouble(d);
      } else {
        out.writeByte(2);
        out.writeString((String) k);
      }
    }
  }

  static RowFilter readFilter(ObjectDataInput data) throws IOException {
    int[] cols = data.readIntArray();
    RowFilter.Op[] ops = new RowFilter.Op[cols.length];
    Object[] ks = new Object[cols.length];
    for (int t = 0; t < cols.length; t++) {
      ops[t] = RowFilter.Op.values()[data.readByte()];
      ks[t] =
          switch (data.readByte()) {
            case 0 -> data.readLong();
            case 1 -> data.readDouble();
            default -> data.readString();
          };
    }
    return new RowFilter(cols, ops, ks);
  }
}
