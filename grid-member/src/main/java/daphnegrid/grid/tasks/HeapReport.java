package daphnegrid.grid.tasks;

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
 * What a member can still store, for the coordinator's admission control: its used and maximum
 * heap, its high-water mark ({@link HeapGuard}) and the backup counts of the block and temporary
 * maps ({@link Figures#of} reads the answer). With {@code collect}, the heap is collected first, so
 * used heap is live data rather than live data plus garbage (the coordinator asks so only when the
 * cheap figures say no).
 */
public final class HeapReport
    implements Callable<long[]>, IdentifiedDataSerializable, HazelcastInstanceAware {
  private boolean collect;
  private transient HazelcastInstance hz;

  /** For deserialization. */
  public HeapReport() {}

  public HeapReport(boolean collect) {
    this.collect = collect;
  }

  /**
   * A member's figures.
   *
   * @param used heap in use (bytes; includes garbage unless collected first)
   * @param max the maximum heap
   * @param highWater the fraction of max the member fills at most
   * @param blockBackups backups of {@code blocks.*} maps
   * @param tempBackups backups of {@code tmp.*} maps
   */
  public record Figures(long used, long max, double highWater, int blockBackups, int tempBackups) {
    /** Bytes the member can still take below its high-water mark (may be negative). */
    public long room() {
      return (long) (max * highWater) - used;
    }

    /** The figures from what {@link HeapReport#call} returns. */
    public static Figures of(long[] a) {
      return new Figures(a[0], a[1], a[2] / 1000.0, (int) a[3], (int) a[4]);
    }
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
  }

  @Override
  public long[] call() {
    if (collect) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    var config = hz.getConfig();
    return new long[] {
      rt.totalMemory() - rt.freeMemory(),
      rt.maxMemory(),
      Math.round(HeapGuard.of(hz).highWater() * 1000),
      config.findMapConfig(GridMaps.BLOCKS_PATTERN).getTotalBackupCount(),
      config.findMapConfig(GridMaps.TEMP_PATTERN).getTotalBackupCount()
    };
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.HEAP_REPORT;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeBoolean(collect);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    collect = in.readBoolean();
  }
}
