package daphnegrid.grid.tasks;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.io.FrameCsvReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The first step of readFrame on the members for a file without str columns: a file of size bytes
 * is cut into ranges equal byte ranges, range i being {@code [size * i / ranges, size * (i + 1) /
 * ranges)}; each member counts the line breaks of the ranges it is given (those of its row blocks'
 * numbers, where its blocks' records about are) and answers with the counts ({@link
 * GenerateResult#firstDraws}). The coordinator sums them into a {@link FrameCsvReader.LineIndex},
 * with which each member then reads only from the range before its own blocks on ({@link
 * ReadFrameBlocks}).
 */
public final class CountLineBreaks implements Callable<GenerateResult>, IdentifiedDataSerializable {
  private String path;
  private long size;
  private int ranges;
  private int[] mine;

  /** For deserialization. */
  public CountLineBreaks() {}

  public CountLineBreaks(String absolutePath, long size, int ranges, int[] mine) {
    this.path = absolutePath;
    this.size = size;
    this.ranges = ranges;
    this.mine = mine;
  }

  /** Where range i starts. */
  public static long rangeStart(long size, int ranges, int i) {
    return (long) ((double) size * i / ranges);
  }

  @Override
  public GenerateResult call() {
    int[] sorted = mine.clone();
    Arrays.sort(sorted);
    long[] counts = new long[sorted.length];
    try {
      for (int i = 0; i < sorted.length; i++) {
        counts[i] =
            FrameCsvReader.countLineBreaks(
                Path.of(path),
                rangeStart(size, ranges, sorted[i]),
                rangeStart(size, ranges, sorted[i] + 1));
      }
    } catch (KernelException e) { // the file is missing or unreadable here: readFrame reports it
      return GenerateResult.failedAt(sorted.length == 0 ? 0 : sorted[0], e.getMessage());
    }
    return GenerateResult.done(sorted, counts, new long[sorted.length]);
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.COUNT_LINE_BREAKS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws java.io.IOException {
    out.writeString(path);
    out.writeLong(size);
    out.writeInt(ranges);
    out.writeIntArray(mine);
  }

  @Override
  public void readData(ObjectDataInput in) throws java.io.IOException {
    path = in.readString();
    size = in.readLong();
    ranges = in.readInt();
    mine = in.readIntArray();
  }
}
