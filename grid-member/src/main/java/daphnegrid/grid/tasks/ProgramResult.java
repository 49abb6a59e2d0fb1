package daphnegrid.grid.tasks;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.kernels.pipeline.BlockPartial;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a member sends back for {@link RunProgram}: the partials of its blocks, or the kernel
 * failure (the instruction index, -1 if none applies, and the message) — as data, so that the
 * coordinator can report it at the script position of the failing instruction. Also how many block
 * reads the member served without a copy.
 */
public final class ProgramResult implements IdentifiedDataSerializable {
  private List<BlockPartial> partials;
  private int failedInstruction;
  private String failure;
  private long cacheHits;
  private long cacheMisses;

  /** For deserialization. */
  public ProgramResult() {}

  static ProgramResult done(List<BlockPartial> partials, long hits, long misses) {
    ProgramResult r = new ProgramResult();
    r.partials = partials;
    r.cacheHits = hits;
    r.cacheMisses = misses;
    return r;
  }

  static ProgramResult failed(int instruction, String message) {
    ProgramResult r = new ProgramResult();
    r.partials = List.of();
    r.failedInstruction = instruction;
    r.failure = message == null ? "kernel failure" : message;
    return r;
  }

  public List<BlockPartial> partials() {
    return partials;
  }

  /** The failure message, or null when every block ran. */
  public String failure() {
    return failure;
  }

  public int failedInstruction() {
    return failedInstruction;
  }

  public long cacheHits() {
    return cacheHits;
  }

  public long cacheMisses() {
    return cacheMisses;
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.PROGRAM_RESULT;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(failure);
    out.writeInt(failedInstruction);
    out.writeLong(cacheHits);
    out.writeLong(cacheMisses);
    out.writeInt(partials.size());
    for (BlockPartial p : partials) {
      Wire.writePartial(out, p);
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    failure = in.readString();
    failedInstruction = in.readInt();
    cacheHits = in.readLong();
    cacheMisses = in.readLong();
    int n = in.readInt();
    partials = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      partials.add(Wire.readPartial(in));
    }
  }
}
