package daphnegrid.grid;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.GridMaps;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * What a member says about itself when asked by {@link Query} ({@code GridStatus --details}, shown
 * by {@code workers-status}): its address and cluster name, its heap, the grid blocks it holds and
 * the backup count of the block maps.
 *
 * <ul>
 *   <li>heap used: allocated heap minus its free part, at the moment of asking (no collection
 *       first, so it includes garbage); heap free: the maximum heap ({@code -Xmx}) minus used, what
 *       the member can still grow into;
 *   <li>blocks: entries of the grid's maps ({@code blocks.*}, {@code tmp.*}) whose primary copy
 *       this member owns; backup blocks: the backup copies it holds for other members;
 *   <li>backup count: synchronous plus asynchronous backups of a {@code blocks.*} map in this
 *       member's configuration ({@code daphne.backup-count}, or the YAML's own map config).
 * </ul>
 */
public final class MemberStatus implements IdentifiedDataSerializable {
  private String address;
  private String clusterName;
  private long heapUsed;
  private long heapFree;
  private long blocks;
  private long backupBlocks;
  private int backupCount;

  /** For deserialization. */
  public MemberStatus() {}

  MemberStatus(
      String address,
      String clusterName,
      long heapUsed,
      long heapFree,
      long blocks,
      long backupBlocks,
      int backupCount) {
    this.address = address;
    this.clusterName = clusterName;
    this.heapUsed = heapUsed;
    this.heapFree = heapFree;
    this.blocks = blocks;
    this.backupBlocks = backupBlocks;
    this.backupCount = backupCount;
  }

  /** The status of the member {@code hz}. */
  static MemberStatus of(HazelcastInstance hz) {
    long blocks = 0;
    long backups = 0;
    for (DistributedObject o : hz.getDistributedObjects()) {
      if (o instanceof IMap<?, ?> map && GridMaps.owner(o.getName()).isPresent()) {
        LocalMapStats stats = map.getLocalMapStats();
        blocks += stats.getOwnedEntryCount();
        backups += stats.getBackupEntryCount();
      }
    }
    MapConfig blockMaps = hz.getConfig().findMapConfig(GridMaps.BLOCKS_PATTERN);
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    var a = hz.getCluster().getLocalMember().getAddress();
    return new MemberStatus(
        a.getHost() + ":" + a.getPort(),
        hz.getConfig().getClusterName(),
        used,
        Math.max(0, rt.maxMemory() - used),
        blocks,
        backups,
        blockMaps.getTotalBackupCount());
  }

  /** {@code host:port} the member listens on. */
  public String address() {
    return address;
  }

  public String clusterName() {
    return clusterName;
  }

  public long heapUsed() {
    return heapUsed;
  }

  public long heapFree() {
    return heapFree;
  }

  public long blocks() {
    return blocks;
  }

  public long backupBlocks() {
    return backupBlocks;
  }

  public int backupCount() {
    return backupCount;
  }

  /**
   * One line for people (fields two spaces apart, sizes in MiB rounded), e.g.
   *
   * <pre>
   * heap 52 MiB used, 1996 MiB free  blocks 64 (+64 backups)  backup count 1  cluster 'daphne-grid'
   * </pre>
   */
  public String describe() {
    return "heap "
        + mib(heapUsed)
        + " MiB used, "
        + mib(heapFree)
        + " MiB free  blocks "
        + blocks
        + " (+"
        + backupBlocks
        + " backups)  backup count "
        + backupCount
        + "  cluster '"
        + clusterName
        + "'";
  }

  private static long mib(long bytes) {
    return (bytes + (1L << 19)) >> 20;
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.MEMBER_STATUS;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(address);
    out.writeString(clusterName);
    out.writeLong(heapUsed);
    out.writeLong(heapFree);
    out.writeLong(blocks);
    out.writeLong(backupBlocks);
    out.writeInt(backupCount);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    address = in.readString();
    clusterName = in.readString();
    heapUsed = in.readLong();
    heapFree = in.readLong();
    blocks = in.readLong();
    backupBlocks = in.readLong();
    backupCount = in.readInt();
  }

  /** Run on a member (executor {@code daphne.admin}): that member's {@link MemberStatus}. */
  public static final class Query
      implements Callable<MemberStatus>, HazelcastInstanceAware, IdentifiedDataSerializable {
    private transient HazelcastInstance member;

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
      this.member = instance;
    }

    @Override
    public MemberStatus call() {
      return MemberStatus.of(member);
    }

    @Override
    public int getFactoryId() {
      return GridMemberSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
      return GridMemberSerialization.MEMBER_STATUS_QUERY;
    }

    @Override
    public void writeData(ObjectDataOutput out) {}

    @Override
    public void readData(ObjectDataInput in) {}
  }
}
