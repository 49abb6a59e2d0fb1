package daphnegrid.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ConnectionRetryConfig;
import daphnegrid.config.serial.GridSerialization;
import org.junit.jupiter.api.Test;

class ClientConfigsTest {
  private final ClientConfig c =
      ClientConfigs.create(
          GridSettings.defaults(), WorkerAddresses.parse("127.0.0.1:5701, 127.0.0.1:5702"));

  @Test
  void connectsToTheListedWorkersOfTheCluster() {
    assertEquals(
        java.util.List.of("127.0.0.1:5701", "127.0.0.1:5702"), c.getNetworkConfig().getAddresses());
    assertEquals("daphne-grid", c.getClusterName());
    assertEquals("daphne-cli", c.getInstanceName());
    assertTrue(c.getLabels().contains("daphne-cli"));
    assertFalse(c.getNetworkConfig().isRedoOperation());
  }

  @Test
  void boundsEveryWait() {
    ConnectionRetryConfig retry = c.getConnectionStrategyConfig().getConnectionRetryConfig();
    assertEquals(10_000, retry.getClusterConnectTimeoutMillis());
    assertEquals(200, retry.getInitialBackoffMillis());
    assertEquals(2000, retry.getMaxBackoffMillis());
    assertEquals(5000, c.getNetworkConfig().getConnectionTimeout());
    assertEquals("15000", c.getProperty("hazelcast.client.heartbeat.timeout"));
  }

  @Test
  void registersTheSameSerializationAsMembers() {
    assertTrue(
        c.getSerializationConfig()
            .getDataSerializableFactories()
            .containsKey(GridSerialization.CORE_FACTORY_ID));
    assertTrue(c.getSerializationConfig().getJavaSerializationFilterConfig().isDefaultsDisabled());
  }

  @Test
  void yamlValuesWin() {
    ClientConfig base = new ClientConfig();
    base.setProperty("hazelcast.client.heartbeat.timeout", "30000");
    base.getConnectionStrategyConfig()
        .getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(4000)
        .setInitialBackoffMillis(50);
    ClientConfig merged =
        ClientConfigs.create(GridSettings.defaults(), WorkerAddresses.parse("h:1"), base);
    assertEquals("30000", merged.getProperty("hazelcast.client.heartbeat.timeout"));
    ConnectionRetryConfig retry = merged.getConnectionStrategyConfig().getConnectionRetryConfig();
    assertEquals(4000, retry.getClusterConnectTimeoutMillis());
    assertEquals(50, retry.getInitialBackoffMillis());
  }
}
