package daphnegrid.config;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Asks a member whether the cluster is safe (every partition's replicas in sync, no migration
 * running). Clients cannot ask themselves: the client's {@code PartitionService.isClusterSafe()}
 * throws {@code UnsupportedOperationException} in 5.7. Java-serialized (allowed by the grid's
 * filter), as it carries no data.
 */
final class ClusterSafetyProbe implements Callable<Boolean>, HazelcastInstanceAware, Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private transient HazelcastInstance member;

  @Override
  public void setHazelcastInstance(HazelcastInstance instance) {
    this.member = instance;
  }

  @Override
  public Boolean call() {
    return member.getPartitionService().isClusterSafe();
  }
}
