package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.relational.Relational;
import daphnegrid.kernels.relational.RowFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * An equi-join of a distributed frame (the left side) with a small frame that travels inside the
 * task (the right side, broadcast to every member holding left row blocks): each of this member's
 * row blocks is filtered and cut as a scan ({@link ScanFrameBlocks}), joined with the right side
 * ({@link Relational#innerJoin}: left-major, right rows in order) and the joined rows — the left
 * columns, then the right ones — go back one part per block. Put together in block order they are
 * the join of the whole left side in its order.
 */
public final class JoinFrameBlocks
    implements Callable<FrameScanResult>, IdentifiedDataSerializable, HazelcastInstanceAware {
  private FrameRef in;
  private int[] blockRows;
  private int[] keep;
  private RowFilter filter;
  private int[] leftKeys;
  private FrameBlock right;
  private int[] rightKeys;
  private transient HazelcastInstance hz;

  /** For deserialization. */
  public JoinFrameBlocks() {}

  /**
   * @param leftKeys key columns, positions among keep
   * @param right the right side (row offset 0)
   * @param rightKeys its key columns
   */
  public JoinFrameBlocks(
      FrameRef in,
      int[] blockRows,
      int[] keep,
      RowFilter filter,
      int[] leftKeys,
      FrameBlock right,
      int[] rightKeys) {
    this.in = in;
    this.blockRows = blockRows;
    this.keep = keep;
    this.filter = filter;
    this.leftKeys = leftKeys;
    this.right = right;
    this.rightKeys = rightKeys;
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
    Frame r = right.frame();
    List<Column> rk = new ArrayList<>();
    for (int j : rightKeys) rk.add(r.column(j));
    for (int i = 0; i < sorted.length; i++) {
      try {
        FrameBlock b = LocalFrameBlocks.read(hz, in, sorted[i]);
        Frame l = filter.apply(b.frame(), keep);
        List<Column> lk = new ArrayList<>();
        for (int j : leftKeys) lk.add(l.column(j));
        Relational.Pairs p = Relational.innerJoin(lk, rk, null);
        parts[i] = new FrameBlock(b.rowOffset(), joined(l, r, p));
      } catch (KernelException e) { // also a missing block or a BlockSealException
        return FrameScanResult.failed(e.getMessage());
      }
    }
    return FrameScanResult.done(sorted, parts);
  }

  /** The columns of l at p.left(), then those of r at p.right() (labels l0.., r0..). */
  private static Frame joined(Frame l, Frame r, Relational.Pairs p) {
    List<String> labels = new ArrayList<>();
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < l.cols(); j++) {
      labels.add("l" + j);
      cols.add(l.column(j).gather(p.left()));
    }
    for (int j = 0; j < r.cols(); j++) {
      labels.add("r" + j);
      cols.add(r.column(j).gather(p.right()));
    }
    return cols.isEmpty() ? Frame.empty(p.size()) : Frame.of(labels, cols);
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
    out.writeIntArray(blockRows);
    out.writeIntArray(keep);
    ScanFrameBlocks.writeFilter(out, filter);
    out.writeIntArray(leftKeys);
    out.writeObject(right);
    out.writeIntArray(rightKeys);
  }

  @Override
  public void readData(ObjectDataInput data) throws IOException {
    in = FrameRef.read(data);
    blockRows = data.readIntArray();
    keep = data.readIntArray();
    filter = ScanFrameBlocks.readFilter(data);
    leftKeys = data.readIntArray();
    right = data.readObject();
    rightKeys = data.readIntArray();
  }
}
