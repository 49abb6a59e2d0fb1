package daphnegrid.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.KubernetesConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worker config of deploy/k8s: read as a worker reads it, it yields Hazelcast's Kubernetes join
 * (DNS lookup of the headless Service) and no TCP-IP join; peers on top of it are refused.
 */
class KubernetesMemberConfigTest {
  private static final Path FILE =
      Path.of("..", "deploy", "k8s", "hazelcast-worker.yaml").toAbsolutePath().normalize();
  private final WorkerAddress self = new WorkerAddress("127.0.0.1", 5701);

  private Config base() {
    assertTrue(Files.isRegularFile(FILE), FILE + " exists");
    return GridConfigFiles.memberBase(FILE, Map.of(), FILE.getParent());
  }

  @Test
  void theKubernetesConfigJoinsThroughKubernetesOnly() {
    Config base = base();
    GridSettings settings = GridSettings.of(base);
    Config c = MemberConfigs.create(settings, self, List.of(), base);

    JoinConfig j = c.getNetworkConfig().getJoin();
    KubernetesConfig k = j.getKubernetesConfig();
    assertTrue(k.isEnabled());
    assertFalse(j.getTcpIpConfig().isEnabled());
    assertFalse(j.getMulticastConfig().isEnabled());
    assertFalse(j.getAutoDetectionConfig().isEnabled());
    j.verify(); // Hazelcast's own check: at most one join method
    assertTrue(
        k.getProperty("service-dns").startsWith("daphne-grid."), k.getProperty("service-dns"));
    assertEquals("5701", k.getProperty("service-port"));

    assertEquals("daphne-grid", settings.clusterName());
    assertEquals(1, settings.backupCount());
    // everything else is the worker's usual config: the bound address, Jet, the block maps
    assertEquals(5701, c.getNetworkConfig().getPort());
    assertTrue(c.getJetConfig().isEnabled());
    assertEquals(1, c.getMapConfig(GridMaps.BLOCKS_PATTERN).getBackupCount());
  }

  @Test
  void peersWithTheKubernetesJoinAreAConfigError() {
    Config base = base();
    GridSettings settings = GridSettings.of(base);
    List<WorkerAddress> peers = WorkerAddresses.parse("127.0.0.1:5701,127.0.0.1:5702");
    GridConfigException e =
        assertThrows(
            GridConfigException.class, () -> MemberConfigs.create(settings, self, peers, base));
    assertTrue(e.getMessage().contains("Kubernetes join"), e.getMessage());
    assertTrue(e.getMessage().contains("DISTRIBUTED_WORKERS"), e.getMessage());
  }

  @Test
  void withoutAKubernetesJoinTheWorkerKeepsTcpIp() {
    Config c = MemberConfigs.create(GridSettings.defaults(), self, List.of());
    JoinConfig j = c.getNetworkConfig().getJoin();
    assertTrue(j.getTcpIpConfig().isEnabled());
    assertEquals(List.of("127.0.0.1:5701"), j.getTcpIpConfig().getMembers());
    assertFalse(j.getKubernetesConfig().isEnabled());
  }
}
