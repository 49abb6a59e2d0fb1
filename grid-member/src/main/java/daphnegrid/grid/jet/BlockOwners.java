package daphnegrid.grid.jet;

import com.hazelcast.cluster.Address;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.core.ProcessorMetaSupplier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which member a Jet job gives each row block of a matrix or frame: the member Jet assigned the
 * partition of the block's key (the blocks maps partition by block row), so that its processors
 * read their blocks locally.
 */
final class BlockOwners {
  private BlockOwners() {}

  /**
   * The block rows 0 .. rowBlocks - 1 by the member that gets them, ascending; a member without
   * blocks is not in the map. A partition Jet assigned to no member (none should be) goes to one of
   * the members.
   */
  static Map<Address, int[]> byMember(ProcessorMetaSupplier.Context context, int rowBlocks) {
    Map<Integer, Address> byPartition = new HashMap<>();
    for (Map.Entry<Address, int[]> e : context.partitionAssignment().entrySet()) {
      for (int p : e.getValue()) {
        byPartition.put(p, e.getKey());
      }
    }
    Address any = context.partitionAssignment().keySet().iterator().next();
    HazelcastInstance hz = context.hazelcastInstance();
    Map<Address, List<Integer>> rows = new HashMap<>();
    for (int b = 0; b < rowBlocks; b++) {
      int partition = hz.getPartitionService().getPartition(b).getPartitionId();
      rows.computeIfAbsent(byPartition.getOrDefault(partition, any), k -> new ArrayList<>()).add(b);
    }
    Map<Address, int[]> out = new HashMap<>();
    rows.forEach((a, l) -> out.put(a, l.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }
}
