package daphnegrid.grid.tasks;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.grid.GridMemberSerialization;
import java.io.IOException;

/**
 * What a member sends back for {@link GenerateBlocks}: per generated block row, the first draw and
 * the number of draws of the rand value stream it used (zeros for other generators), or the failure
 * message (e.g. a CSV file with too few records).
 */
public final class GenerateResult implements IdentifiedDataSerializable {
  private int[] blockRows;
  private long[] firstDraws;
  private long[] draws;
  private String failure;

  /** For deserialization. */
  public GenerateResult() {}

  static GenerateResult done(int[] blockRows, long[] firstDraws, long[] draws) {
    GenerateResult r = new GenerateResult();
    r.blockRows = blockRows;
    r.firstDraws = firstDraws;
    r.draws = draws;
    return r;
  }

  static GenerateResult failed(String message) {
    GenerateResult r = done(new int[0], new long[0], new long[0]);
    r.failure = message == null ? "generator failure" : message;
    return r;
  }

  /** A failure at one block row (blockRows() is that one row), so the lowest can be reported. */
  static GenerateResult failedAt(int blockRow, String message) {
    GenerateResult r = failed(message);
    r.blockRows = new int[] {blockRow};
    return r;
  }

  public int[] blockRows() {
    return blockRows;
  }

  public long[] firstDraws() {
    return firstDraws;
  }

  public long[] draws() {
    return draws;
  }

  /** The failure message, or null. */
  public String failure() {
    return failure;
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.GENERATE_RESULT;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeIntArray(blockRows);
    out.writeLongArray(firstDraws);
    out.writeLongArray(draws);
    out.writeString(failure);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    blockRows = in.readIntArray();
    firstDraws = in.readLongArray();
    draws = in.readLongArray();
    failure = in.readString();
  }
}
