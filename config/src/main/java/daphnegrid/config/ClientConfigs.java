package daphnegrid.config;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientNetworkConfig;
import com.hazelcast.client.config.ConnectionRetryConfig;
import daphnegrid.config.serial.GridSerialization;
import java.util.List;

/**
 * Builds the Hazelcast client configuration of the {@code daphne} coordinator (shared/notes/
 * hazelcast.md, section 0), applied on top of a base config (empty, or read by {@link
 * GridConfigFiles}):
 *
 * <ul>
 *   <li><b>always</b>: the member addresses from {@code DISTRIBUTED_WORKERS}; the cluster name and
 *       TCP connection timeout from {@link GridSettings}; operations are not redone after a
 *       connection loss (entry processors need not be idempotent); the grid's serialization ({@link
 *       GridSerialization});
 *   <li><b>unless the YAML set them</b>: cluster connect timeout {@link
 *       GridSettings#connectTimeout()} (Hazelcast's default retries forever), retry backoff 200 ms
 *       growing to 2 s, {@code hazelcast.client.heartbeat.timeout} = {@link
 *       GridSettings#heartbeatTimeout()} (it also bounds each authentication attempt: 60 s by
 *       default).
 * </ul>
 *
 * The client's instance name (shown in Management Center's client list) is {@link
 * GridSettings#clientName()}, also a label; {@link GridConnector} numbers it when another client of
 * that name runs in the same JVM.
 */
public final class ClientConfigs {
  static final String HEARTBEAT_TIMEOUT = "hazelcast.client.heartbeat.timeout";
  private static final int DEFAULT_INITIAL_BACKOFF = 1000;
  private static final int DEFAULT_MAX_BACKOFF = 30000;

  private ClientConfigs() {}

  /** The client config for {@code workers} on an empty base. */
  public static ClientConfig create(GridSettings settings, List<WorkerAddress> workers) {
    return create(settings, workers, new ClientConfig());
  }

  /** Applies the coordinator's client configuration to {@code base} and returns it. */
  public static ClientConfig create(
      GridSettings settings, List<WorkerAddress> workers, ClientConfig base) {
    GridLogging.installDefault();
    GridConfigFiles.source(base)
        .ifPresent(
            file ->
                ConfigOverrides.log(
                    ClientConfigs.class, ConfigOverrides.client(file, base, settings, workers)));
    ClientConfig c = base;
    c.setClusterName(settings.clusterName());
    if (c.getInstanceName() == null) {
      c.setInstanceName(settings.clientName());
    }
    c.addLabel(settings.clientName());

    ClientNetworkConfig n = c.getNetworkConfig();
    n.setAddresses(workers.stream().map(WorkerAddress::toString).toList());
    n.setConnectionTimeout((int) settings.connectionTimeout().toMillis());
    n.setRedoOperation(false);

    ConnectionRetryConfig retry = c.getConnectionStrategyConfig().getConnectionRetryConfig();
    if (retry.getClusterConnectTimeoutMillis() < 0) {
      retry.setClusterConnectTimeoutMillis(settings.connectTimeout().toMillis());
    }
    if (retry.getInitialBackoffMillis() == DEFAULT_INITIAL_BACKOFF
        && retry.getMaxBackoffMillis() == DEFAULT_MAX_BACKOFF) {
      retry.setInitialBackoffMillis(200).setMaxBackoffMillis(2000).setMultiplier(1.5);
    }
    if (c.getProperty(HEARTBEAT_TIMEOUT) == null) {
      c.setProperty(HEARTBEAT_TIMEOUT, String.valueOf(settings.heartbeatTimeout().toMillis()));
    }

    GridSerialization.configure(c.getSerializationConfig());
    return c;
  }
}
