package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a member computes blocks on: one per core, daemons, shared by all tasks of the member
 * (kept in its user context). A task hands its block rows here and waits, so the number of kernels
 * running at once on a member never exceeds its cores, whatever the number of tasks.
 */
final class MemberCompute {
  private static final String CONTEXT_KEY = "daphnegrid.memberCompute";
  private final ExecutorService pool;
  private final int threads;

  private MemberCompute(String name) {
    AtomicInteger n = new AtomicInteger();
    this.threads = Runtime.getRuntime().availableProcessors();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "daphne-compute-" + name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  static MemberCompute of(HazelcastInstance hz) {
    return (MemberCompute)
        hz.getUserContext().computeIfAbsent(CONTEXT_KEY, k -> new MemberCompute(hz.getName()));
  }

  /** The number of compute threads. */
  int threads() {
    return threads;
  }

  /** Runs the jobs on the pool and returns their results in job order. */
  <T> List<T> runAll(List<Callable<T>> jobs) throws Exception {
    List<Future<T>> fs = new ArrayList<>(jobs.size());
    for (Callable<T> j : jobs) {
      fs.add(pool.submit(j));
    }
    List<T> out = new ArrayList<>(jobs.size());
    Exception first = null;
    for (Future<T> f : fs) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        out.add(null);
        if (first == null) {
          first = e.getCause() instanceof Exception x ? x : new RuntimeException(e.getCause());
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return out;
  }
}
