package daphnegrid.runtime.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.partition.Partition;
import daphnegrid.config.GridConnector;
import daphnegrid.config.GridMaps;
import daphnegrid.grid.tasks.GridBytes;
import daphnegrid.grid.tasks.HeapReport;
import daphnegrid.grid.tasks.MatrixRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Admission control: before the engine makes a matrix on the grid, it asks here whether the members
 * have room for it, backups included, so that a script too large for the grid fails at once with
 * exit 3 and a message with the figures, instead of filling the members' heaps until they die.
 *
 * <p>What a new matrix needs on each member: the bytes of the row blocks whose partition it owns,
 * plus its share of the backups (each block's backups are on other members: backup count times the
 * block, spread evenly over the members that do not own it; at most members - 1 copies exist). What
 * a member has: its heap below its high-water mark ({@link HeapReport.Figures#room}). The members'
 * figures are asked for at most every {@link #FRESH_NANOS} and reduced by what is admitted in
 * between; when they say no, they are asked again after a collection on the members (used heap then
 * excludes garbage) before the operation is refused.
 *
 * <p>Several clients share the members, and each admits on its own figures: the members' {@code
 * HeapGuard} catches what gets past this check.
 */
final class GridMemory {
  /** How long the members' figures are used before they are asked again. */
  static final long FRESH_NANOS = 1_000_000_000L;

  private final Supplier<HazelcastInstance> hz;
  private Map<Member, HeapReport.Figures> figures = Map.of();
  private final Map<Member, Long> admitted = new HashMap<>();
  private long askedAt;

  GridMemory(Supplier<HazelcastInstance> hz) {
    this.hz = hz;
  }

  /**
   * Returns if the grid has room for the blocks of m (plus extraPerMember bytes on every member,
   * e.g. a product's right side assembled on each), else throws.
   *
   * @param temporary m is a {@code tmp.*} map (its backup count applies)
   * @param what names the operation in the message
   * @throws GridFailure if some member would pass its high-water mark
   */
  synchronized void admit(MatrixRef m, boolean temporary, long extraPerMember, String what) {
    long[] blockBytes = new long[m.rowBlocks()];
    long rowBytes = (long) m.cols() * m.type().byteWidth();
    for (int b = 0; b < blockBytes.length; b++) {
      blockBytes[b] = (m.rowEnd(b) - m.rowStart(b)) * rowBytes;
    }
    admit(blockBytes, temporary, GridMaps.isGenerated(m.map()), extraPerMember, what);
  }

  /**
   * As {@link #admit(MatrixRef, boolean, long, String)} for a matrix whose row block b holds
   * blockBytes[b] bytes (a CSR matrix: its stored cells, column indices and row offsets).
   */
  synchronized void admit(long[] blockBytes, boolean temporary, long extraPerMember, String what) {
    admit(blockBytes, temporary, false, extraPerMember, what);
  }

  /**
   * As {@link #admit(long[], boolean, long, String)}; generated: a generated matrix's map, which
   * has no backups (its blocks are made again).
   */
  synchronized void admit(
      long[] blockBytes, boolean temporary, boolean generated, long extraPerMember, String what) {
    long primary = 0;
    for (long b : blockBytes) {
      primary += b;
    }
    if (primary == 0 && extraPerMember == 0) {
      return;
    }
    if (stale()) {
      ask(false);
    }
    Map<Member, Long> need = need(blockBytes, temporary, generated, extraPerMember);
    if (!fits(need)) {
      ask(true);
      need = need(blockBytes, temporary, generated, extraPerMember);
      if (!fits(need)) {
        throw refusal(primary, temporary, generated, extraPerMember, need, what);
      }
    }
    need.forEach((member, bytes) -> admitted.merge(member, bytes, Long::sum));
  }

  private boolean stale() {
    return figures.isEmpty() || System.nanoTime() - askedAt > FRESH_NANOS;
  }

  private void ask(boolean collect) {
    HazelcastInstance h = hz.get();
    IExecutorService admin = h.getExecutorService(GridConnector.ADMIN_EXECUTOR);
    Map<Member, Future<long[]>> asked = new LinkedHashMap<>();
    for (Member member : h.getCluster().getMembers()) {
      asked.put(member, admin.submitToMember(new HeapReport(collect), member));
    }
    Map<Member, HeapReport.Figures> got = new LinkedHashMap<>();
    Throwable failure = null;
    for (Map.Entry<Member, Future<long[]>> e : asked.entrySet()) {
      try {
        got.put(e.getKey(), HeapReport.Figures.of(e.getValue().get()));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new GridFailure("interrupted while asking the workers for their free memory", ie);
      } catch (ExecutionException ee) {
        // a member that left is not counted; OwnerDispatch deals with the ownership change
        failure = ee.getCause();
      }
    }
    if (got.isEmpty() && failure != null) {
      throw GridFailure.of("asking the workers for their free memory", failure);
    }
    figures = got;
    admitted.clear();
    askedAt = System.nanoTime();
  }

  private int backups(boolean temporary, boolean generated) {
    if (generated) {
      return 0; // made again if lost
    }
    int n = 0;
    for (HeapReport.Figures f : figures.values()) {
      n = Math.max(n, temporary ? f.tempBackups() : f.blockBackups());
    }
    return Math.min(n, Math.max(0, figures.size() - 1));
  }

  /** Bytes m needs on each member (by partition owner, backups spread over the others). */
  private Map<Member, Long> need(
      long[] blockBytes, boolean temporary, boolean generated, long extraPerMember) {
    List<Member> members = new ArrayList<>(figures.keySet());
    Map<Member, Long> need = new LinkedHashMap<>();
    for (Member member : members) {
      need.put(member, extraPerMember);
    }
    if (members.isEmpty()) {
      return need;
    }
    int backups = backups(temporary, generated);
    HazelcastInstance h = hz.get();
    for (int b = 0; b < blockBytes.length; b++) {
      long bytes = blockBytes[b];
      Partition p = h.getPartitionService().getPartition(b);
      Member owner = p == null ? null : p.getOwner();
      if (owner == null || !need.containsKey(owner)) {
        owner = members.get(b % members.size());
      }
      need.merge(owner, bytes, Long::sum);
      if (backups > 0) {
        long share = bytes * backups / (members.size() - 1);
        for (Member other : members) {
          if (!other.equals(owner)) {
            need.merge(other, share, Long::sum);
          }
        }
      }
    }
    return need;
  }

  private boolean fits(Map<Member, Long> need) {
    for (Map.Entry<Member, Long> e : need.entrySet()) {
      if (e.getValue() > room(e.getKey())) {
        return false;
      }
    }
    return true;
  }

  private long room(Member member) {
    HeapReport.Figures f = figures.get(member);
    return f == null ? 0 : f.room() - admitted.getOrDefault(member, 0L);
  }

  private GridFailure refusal(
      long primary,
      boolean temporary,
      boolean generated,
      long extraPerMember,
      Map<Member, Long> need,
      String what) {
    int backups = backups(temporary, generated);
    long total = 0;
    long free = 0;
    StringBuilder short_ = new StringBuilder();
    for (Map.Entry<Member, Long> e : need.entrySet()) {
      total += e.getValue();
      long room = Math.max(0, room(e.getKey()));
      free += room;
      if (e.getValue() > room) {
        HeapReport.Figures f = figures.get(e.getKey());
        short_
            .append(short_.isEmpty() ? "" : ", ")
            .append(address(e.getKey()))
            .append(" needs ")
            .append(GridBytes.format(e.getValue()))
            .append(" and has ")
            .append(GridBytes.format(room))
            .append(" below its high-water mark (")
            .append(Math.round(f.highWater() * 100))
            .append("% of ")
            .append(GridBytes.format(f.max()))
            .append(")");
      }
    }
    StringBuilder msg =
        new StringBuilder(what)
            .append(" needs ")
            .append(GridBytes.format(total))
            .append(" on the grid (")
            .append(GridBytes.format(primary));
    if (backups > 0) {
      msg.append(" + ").append(backups).append(backups == 1 ? " backup" : " backups");
    } else if (generated) {
      msg.append(", no backup: lost blocks are generated again");
    }
    if (extraPerMember > 0) {
      msg.append(" + ").append(GridBytes.format(extraPerMember)).append(" per worker");
    }
    msg.append("), ")
        .append(GridBytes.format(free))
        .append(" free on ")
        .append(need.size())
        .append(need.size() == 1 ? " worker" : " workers")
        .append(": ")
        .append(short_)
        .append("; give the workers more heap (DAPHNE_WORKER_JVM_ARGS=-Xmx...) or more workers");
    return new GridFailure(msg.toString(), null);
  }

  private static String address(Member m) {
    return m.getAddress().getHost() + ":" + m.getAddress().getPort();
  }
}
