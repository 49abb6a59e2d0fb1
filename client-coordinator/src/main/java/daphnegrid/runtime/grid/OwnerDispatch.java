package daphnegrid.runtime.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.partition.Partition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Sends work to the members that own the block rows it covers, one task per member, and sends the
 * block rows of a member that left again to their new owners. Tasks must be idempotent (they write
 * whole blocks), so a block row that ran twice gives the same result.
 */
final class OwnerDispatch {
  /** Executor (on every member) the tasks run on. */
  static final String EXECUTOR = "daphne.compute";

  /** Attempts of one piece of work before giving up on a grid that keeps losing members. */
  private static final int ATTEMPTS = 4;

  private final Supplier<HazelcastInstance> hz;

  OwnerDispatch(Supplier<HazelcastInstance> hz) {
    this.hz = hz;
  }

  /**
   * Runs a task per member for the block rows in [0, blocks) it owns and returns the members'
   * results; every block row is covered exactly once by the returned results.
   *
   * @param task makes the task for some block rows (and the attempt number, 0 first)
   * @param what names the work in errors
   */
  <T> List<T> onOwners(int blocks, BiFunction<int[], Integer, Callable<T>> task, String what) {
    return onOwners(blocks, task, what, n -> {});
  }

  /** As above; done hears the number of block rows of each member's answer as it arrives. */
  <T> List<T> onOwners(
      int blocks,
      BiFunction<int[], Integer, Callable<T>> task,
      String what,
      java.util.function.IntConsumer done) {
    List<Integer> all = new ArrayList<>(blocks);
    for (int b = 0; b < blocks; b++) {
      all.add(b);
    }
    return onOwners(all, task, what, done);
  }

  /** As above, for the given block rows only (in row order). */
  <T> List<T> onOwners(
      List<Integer> blockRows,
      BiFunction<int[], Integer, Callable<T>> task,
      String what,
      java.util.function.IntConsumer done) {
    List<T> results = new ArrayList<>();
    List<Integer> todo = new ArrayList<>(blockRows);
    IExecutorService executor = hz.get().getExecutorService(EXECUTOR);
    Throwable last = null;
    for (int attempt = 0; attempt < ATTEMPTS && !todo.isEmpty(); attempt++) {
      Map<Member, List<Integer>> byOwner = owners(todo);
      Map<Member, Future<T>> running = new LinkedHashMap<>();
      Map<Member, int[]> sent = new LinkedHashMap<>();
      for (Map.Entry<Member, List<Integer>> e : byOwner.entrySet()) {
        int[] rows = e.getValue().stream().mapToInt(Integer::intValue).toArray();
        sent.put(e.getKey(), rows);
        running.put(e.getKey(), executor.submitToMember(task.apply(rows, attempt), e.getKey()));
      }
      todo = new ArrayList<>();
      for (Map.Entry<Member, Future<T>> e : running.entrySet()) {
        try {
          results.add(e.getValue().get());
          done.accept(sent.get(e.getKey()).length);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new GridFailure("interrupted while running " + what, ie);
        } catch (ExecutionException ee) {
          if (!memberGone(ee.getCause())) {
            throw GridFailure.of("running " + what, ee.getCause());
          }
          last = ee.getCause();
          for (int b : sent.get(e.getKey())) {
            todo.add(b);
          }
        }
      }
    }
    if (!todo.isEmpty()) {
      throw GridFailure.of("running " + what + ": members kept leaving", last);
    }
    return results;
  }

  /**
   * Whether t says that a member left while the work ran (the work may then be sent again): the
   * member is gone, no longer a member, or took the Jet job's coordination with it.
   */
  static boolean memberGone(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof com.hazelcast.core.MemberLeftException
          || c instanceof com.hazelcast.jet.core.JobNotFoundException
          || c instanceof com.hazelcast.jet.core.TopologyChangedException
          || c instanceof com.hazelcast.spi.exception.TargetDisconnectedException
          || c instanceof com.hazelcast.spi.exception.TargetNotMemberException
          || c instanceof com.hazelcast.core.HazelcastInstanceNotActiveException
          || c instanceof java.util.concurrent.RejectedExecutionException) {
        return true;
      }
    }
    return false;
  }

  /** The block rows grouped by the member owning their partition now (by row order). */
  private Map<Member, List<Integer>> owners(List<Integer> blockRows) {
    Map<Member, List<Integer>> byOwner = new LinkedHashMap<>();
    HazelcastInstance h = hz.get();
    List<Member> members = new ArrayList<>(h.getCluster().getMembers());
    if (members.isEmpty()) {
      throw new GridFailure("no grid members are left", null);
    }
    for (int b : blockRows) {
      Partition p = h.getPartitionService().getPartition(b);
      Member owner = p == null ? null : p.getOwner();
      if (owner == null || !members.contains(owner)) {
        owner = members.get(b % members.size());
      }
      byOwner.computeIfAbsent(owner, k -> new ArrayList<>()).add(b);
    }
    return byOwner;
  }
}
