package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.frame.Column;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.io.FrameCsvReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * readFrame on the members: each member reads the row blocks of a frame CSV file that it owns (the
 * file at the same absolute path on every worker, as for readMatrix) and stores them as {@link
 * FrameBlock}s. One pass from the start of the file finds where its blocks' records start (a {@link
 * FrameCsvReader#readRanges} scan that follows quoted line breaks) — for a file without str
 * columns, from the last offset of a line index before its blocks instead ({@link
 * CountLineBreaks}); only its blocks' bytes are parsed, with lines counted from the start of the
 * file, so a bad field is reported with the file, line and column the coordinator's reader gives.
 * The first failing block row goes back with its message ({@link GenerateResult#failedAt}); the
 * coordinator reports the lowest of all members.
 */
public final class ReadFrameBlocks
    implements Callable<GenerateResult>, IdentifiedDataSerializable, HazelcastInstanceAware {
  private FrameRef out;
  private int[] blockRows;
  private String path;
  private FrameCsvReader.LineIndex index; // null: scan from the file's start
  private transient HazelcastInstance hz;

  /** For deserialization. */
  public ReadFrameBlocks() {}

  /** Block rows blockRows of out, from the CSV file at absolutePath. */
  public ReadFrameBlocks(FrameRef out, int[] blockRows, String absolutePath) {
    this.out = out;
    this.blockRows = blockRows;
    this.path = absolutePath;
  }

  /**
   * This task reading with index (a file without str columns, {@link CountLineBreaks}): the scan
   * for its blocks' first records starts at the last indexed offset before them.
   */
  public ReadFrameBlocks withIndex(FrameCsvReader.LineIndex index) {
    this.index = index;
    return this;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
  }

  @Override
  public GenerateResult call() throws Exception {
    int[] sorted = blockRows.clone();
    Arrays.sort(sorted);
    long[] starts = new long[sorted.length];
    long[] ends = new long[sorted.length];
    long rows = 0;
    for (int i = 0; i < sorted.length; i++) {
      starts[i] = out.rowStart(sorted[i]);
      ends[i] = out.rowEnd(sorted[i]);
      rows += ends[i] - starts[i];
    }
    try {
      HeapGuard.of(hz).reserve(out.fixedBytes(rows), sorted.length + " row blocks of " + out);
      FrameCsvReader.Ranges read =
          FrameCsvReader.readRanges(
              Path.of(path), out.rows(), out.types(), out.labels(), starts, ends, true, index);
      IMap<BlockKey, FrameBlock> map = hz.getMap(out.map());
      List<CompletionStage<Void>> writes = new ArrayList<>();
      for (int i = 0; i < read.columns().size(); i++) {
        List<Column> cols = read.columns().get(i);
        int n = (int) (ends[i] - starts[i]);
        Frame f = cols.isEmpty() ? Frame.empty(n) : Frame.of(out.labels(), cols);
        BlockKey key = out.key(sorted[i]);
        writes.add(map.setAsync(key, MemberSeal.seal(hz, out, key, new FrameBlock(starts[i], f))));
      }
      LocalBlocks.await(writes);
      if (read.failure() != null) {
        return GenerateResult.failedAt(sorted[read.failedRange()], read.failure().getMessage());
      }
      return GenerateResult.done(sorted, new long[sorted.length], new long[sorted.length]);
    } catch (KernelException e) { // also a BlockSealException: no valid warrant
      return GenerateResult.failedAt(sorted.length == 0 ? 0 : sorted[0], e.getMessage());
    }
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.READ_FRAME_BLOCKS;
  }

  @Override
  public void writeData(ObjectDataOutput o) throws IOException {
    out.write(o);
    o.writeIntArray(blockRows);
    o.writeString(path);
    o.writeBoolean(index != null);
    if (index != null) {
      o.writeLongArray(index.offsets());
      o.writeLongArray(index.lines());
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    out = FrameRef.read(in);
    blockRows = in.readIntArray();
    path = in.readString();
    index =
        in.readBoolean()
            ? new FrameCsvReader.LineIndex(in.readLongArray(), in.readLongArray())
            : null;
  }
}
