package daphnegrid.grid.tasks;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.GridMaps;
import daphnegrid.grid.GridMemberSerialization;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Asks a member how much of the grid's state it holds: the grid maps that exist (the block and
 * temporary maps of any client), live entries of its {@link BlockCache}, and its used heap after a
 * full collection ({@code gc} first, so the figure is comparable between calls). Tests use it to
 * check that a member returns to its baseline after scripts; an operator can use it to see
 * leftovers. Returns {maps, cacheEntries, usedHeapBytes}.
 */
public final class MemberStats
    implements Callable<long[]>, IdentifiedDataSerializable, HazelcastInstanceAware {
  private boolean gc;
  private transient HazelcastInstance hz;

  /** For deserialization. */
  public MemberStats() {}

  public MemberStats(boolean gc) {
    this.gc = gc;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
  }

  @Override
  public long[] call() {
    long maps = 0;
    for (DistributedObject o : hz.getDistributedObjects()) {
      if (GridMaps.owner(o.getName()).isPresent()) {
        maps++;
      }
    }
    if (gc) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return new long[] {maps, BlockCache.of(hz).size(), rt.totalMemory() - rt.freeMemory()};
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.MEMBER_STATS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeBoolean(gc);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    gc = in.readBoolean();
  }
}
