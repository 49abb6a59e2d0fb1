package daphnegrid.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import daphnegrid.config.testing.TestGrid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two workers of one grid that formed two clusters (the first started before the second listened)
 * become one cluster within seconds, through the split-brain check {@link MemberConfigs} schedules.
 */
class SplitClustersMergeTest {
  private final List<HazelcastInstance> members = new ArrayList<>();

  @AfterEach
  void stop() {
    members.forEach(m -> m.getLifecycleService().terminate());
  }

  @Test
  void clustersFormedApartMerge() {
    GridLogging.install("tests");
    GridSettings s = GridSettings.defaults().withClusterName("test-" + UUID.randomUUID());
    WorkerAddress a = new WorkerAddress("127.0.0.1", TestGrid.freePort());
    WorkerAddress b = new WorkerAddress("127.0.0.1", TestGrid.freePort());
    // a lists b, which is not up yet: a's join times out and a forms a cluster of its own
    members.add(Hazelcast.newHazelcastInstance(MemberConfigs.create(s, a, List.of(a, b))));
    // b lists nobody: it starts a cluster of its own too
    Config alone = MemberConfigs.create(s, b, List.of());
    members.add(Hazelcast.newHazelcastInstance(alone));
    assertEquals(1, members.get(0).getCluster().getMembers().size(), "a started alone");
    assertEquals(1, members.get(1).getCluster().getMembers().size(), "b started alone");

    TestGrid.await(
        Duration.ofSeconds(120),
        "one cluster of both workers (merge check every "
            + MemberConfigs.MERGE_CHECK_SECONDS
            + " s)",
        () ->
            members.stream()
                .allMatch(
                    m ->
                        m.getLifecycleService().isRunning()
                            && m.getCluster().getMembers().size() == 2));
  }
}
