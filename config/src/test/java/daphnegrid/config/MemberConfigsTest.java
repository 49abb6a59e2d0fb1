package daphnegrid.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.config.serial.GridSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberConfigsTest {
  private final WorkerAddress self = new WorkerAddress("localhost", 5701);
  private final List<WorkerAddress> peers = WorkerAddresses.parse("localhost:5701,127.0.0.1:5702");
  private final Config c = MemberConfigs.create(GridSettings.defaults(), self, peers);

  @Test
  void bindsExactlyTheGivenAddress() {
    NetworkConfig n = c.getNetworkConfig();
    assertEquals(5701, n.getPort());
    assertFalse(n.isPortAutoIncrement());
    assertEquals(1, n.getPortCount());
    assertTrue(n.getInterfaces().isEnabled());
    assertEquals(List.of("127.0.0.1"), List.copyOf(n.getInterfaces().getInterfaces()));
    assertEquals("false", c.getProperty("hazelcast.socket.bind.any"));
  }

  @Test
  void joinsByTcpIpOnly() {
    JoinConfig j = c.getNetworkConfig().getJoin();
    assertFalse(j.getMulticastConfig().isEnabled());
    assertFalse(j.getAutoDetectionConfig().isEnabled());
    assertTrue(j.getTcpIpConfig().isEnabled());
    assertEquals(List.of("localhost:5701", "127.0.0.1:5702"), j.getTcpIpConfig().getMembers());
    assertEquals(1, j.getTcpIpConfig().getConnectionTimeoutSeconds());
    assertEquals("0", c.getProperty("hazelcast.wait.seconds.before.join"));
    assertEquals("10", c.getProperty("hazelcast.merge.first.run.delay.seconds"));
    assertEquals("10", c.getProperty("hazelcast.merge.next.run.delay.seconds"));
  }

  @Test
  void namesTheClusterAndTheInstance() {
    assertEquals("daphne-grid", c.getClusterName());
    assertEquals("daphne-worker-localhost-5701", c.getInstanceName());
  }

  @Test
  @SuppressWarnings("deprecation")
  void locksDownWhatTheGridDoesNotUse() {
    assertTrue(c.getJetConfig().isEnabled());
    assertFalse(c.getJetConfig().isResourceUploadEnabled());
    assertFalse(c.getUserCodeDeploymentConfig().isEnabled());
    assertFalse(c.getManagementCenterConfig().isDataAccessEnabled());
    assertFalse(c.getManagementCenterConfig().isScriptingEnabled());
    assertFalse(c.getManagementCenterConfig().isConsoleEnabled());
    assertEquals("false", c.getProperty("hazelcast.phone.home.enabled"));
    assertEquals("GRACEFUL", c.getProperty("hazelcast.shutdownhook.policy"));
  }

  @Test
  void keepsMetricsOnForManagementCenterAndJmx() {
    assertTrue(c.getMetricsConfig().isEnabled());
    assertTrue(c.getMetricsConfig().getJmxConfig().isEnabled());
    assertTrue(c.getMetricsConfig().getManagementCenterConfig().isEnabled());
  }

  @Test
  void blockMapsAreBackedUpObjectFormatAndNeverEvicted() {
    MapConfig blocks = c.getMapConfig(GridMaps.blocks(java.util.UUID.randomUUID(), 7));
    assertEquals(GridMaps.BLOCKS_PATTERN, blocks.getName());
    assertEquals(1, blocks.getBackupCount());
    assertEquals(0, blocks.getAsyncBackupCount());
    assertEquals(InMemoryFormat.OBJECT, blocks.getInMemoryFormat());
    assertEquals(EvictionPolicy.NONE, blocks.getEvictionConfig().getEvictionPolicy());
    assertEquals(0, blocks.getTimeToLiveSeconds());
    assertEquals(0, blocks.getMaxIdleSeconds());

    MapConfig tmp = c.getMapConfig(GridMaps.temp(java.util.UUID.randomUUID(), "t1"));
    assertEquals(GridMaps.TEMP_PATTERN, tmp.getName());
    assertEquals(0, tmp.getBackupCount());
    assertEquals(InMemoryFormat.OBJECT, tmp.getInMemoryFormat());
    assertEquals(EvictionPolicy.NONE, tmp.getEvictionConfig().getEvictionPolicy());
  }

  /** Generated matrices never have backups: their lost blocks are made again. */
  @Test
  void generatedMatrixMapsHaveNoBackupsWhateverTheTemporariesHave() {
    java.util.UUID owner = java.util.UUID.randomUUID();
    String gen = GridMaps.generated(owner, "m3");
    assertTrue(GridMaps.isGenerated(gen));
    assertEquals(java.util.Optional.of(owner), GridMaps.owner(gen));
    java.util.Properties p = new java.util.Properties();
    p.setProperty("daphne.temp-backup-count", "1");
    Config backed =
        MemberConfigs.create(GridSettings.defaults().withOverrides(null, p), self, peers);
    MapConfig m = backed.getMapConfig(gen);
    assertEquals(GridMaps.GENERATED_PATTERN, m.getName());
    assertEquals(0, m.getBackupCount());
    assertEquals(0, m.getAsyncBackupCount());
    assertEquals(InMemoryFormat.OBJECT, m.getInMemoryFormat());
    assertEquals(1, backed.getMapConfig(GridMaps.temp(owner, "m4")).getBackupCount());
  }

  @Test
  void backupCountComesFromTheSettings() {
    Config two = MemberConfigs.create(GridSettings.defaults().withBackupCount(2), self, peers);
    assertEquals(2, two.getMapConfig("blocks.a.1").getBackupCount());
  }

  @Test
  void registersTheGridSerializationWithDefaultsDisabled() {
    var sc = c.getSerializationConfig();
    assertTrue(sc.getDataSerializableFactories().containsKey(GridSerialization.CORE_FACTORY_ID));
    assertTrue(
        sc.getSerializerConfigs().stream().anyMatch(s -> s.getTypeClass() == DenseBlock.class));
    assertTrue(sc.getJavaSerializationFilterConfig().isDefaultsDisabled());
    assertEquals(
        java.util.Set.copyOf(GridSerialization.JAVA_ALLOWED_PREFIXES),
        sc.getJavaSerializationFilterConfig().getWhitelist().getPrefixes());
  }

  @Test
  void yamlPropertiesAreKeptButBindingIsNot() {
    Config base = new Config();
    base.setProperty("hazelcast.shutdownhook.policy", "TERMINATE");
    base.setProperty("hazelcast.socket.bind.any", "true");
    base.getNetworkConfig().setPort(9999).setPortAutoIncrement(true);
    base.setInstanceName("mine");
    Config merged = MemberConfigs.create(GridSettings.defaults(), self, peers, base);
    assertEquals("TERMINATE", merged.getProperty("hazelcast.shutdownhook.policy"));
    assertEquals("false", merged.getProperty("hazelcast.socket.bind.any"));
    assertEquals(5701, merged.getNetworkConfig().getPort());
    assertFalse(merged.getNetworkConfig().isPortAutoIncrement());
    assertEquals("mine", merged.getInstanceName());
  }
}
