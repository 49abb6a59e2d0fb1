package daphnegrid.config;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ManagementCenterConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.MetricsConfig;
import com.hazelcast.config.NetworkConfig;
import daphnegrid.config.serial.GridSerialization;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the Hazelcast member configuration of a worker, following shared/notes/hazelcast.md
 * (section 0). It is applied on top of a base config (empty, or read from a YAML file by {@link
 * GridConfigFiles}); for each setting the YAML either can or cannot change it:
 *
 * <ul>
 *   <li><b>from the command line, always</b>: bind exactly {@code IP:PORT} (no auto-increment, the
 *       one interface, {@code hazelcast.socket.bind.any=false}); TCP-IP join with the peers, its
 *       connection timeout from {@link GridSettings#joinTimeout()} — unless the YAML enables
 *       Hazelcast's Kubernetes join ({@code network.join.kubernetes}, deploy/k8s): then the members
 *       find each other through Kubernetes, TCP-IP stays off, and giving peers as well is an error
 *       (Hazelcast refuses two join methods at once);
 *   <li><b>enforced</b> (safety, the features the grid relies on): multicast and auto-detection
 *       off; Jet on with resource upload off; user-code deployment off; Management Center data
 *       access, scripting and console off; metrics with JMX and Management Center collection on;
 *       the grid's serializers and Java deserialization allow-list ({@link GridSerialization});
 *   <li><b>defaults the YAML may override</b>: cluster name ({@link GridSettings#clusterName()});
 *       instance name {@code daphne-worker-IP-PORT}; the properties {@code
 *       hazelcast.shutdownhook.policy=GRACEFUL}, {@code hazelcast.phone.home.enabled=false}, {@code
 *       hazelcast.wait.seconds.before.join=0}, {@code hazelcast.merge.first.run.delay.seconds} and
 *       {@code hazelcast.merge.next.run.delay.seconds} {@value #MERGE_CHECK_SECONDS} (clusters
 *       formed apart merge within seconds, not after 300 s); the map configs {@value
 *       GridMaps#BLOCKS_PATTERN} (sync {@link GridSettings#backupCount()}, OBJECT, no eviction, no
 *       expiry) and {@value GridMaps#TEMP_PATTERN} (backup {@link GridSettings#tempBackupCount()},
 *       OBJECT) and {@value GridMaps#GENERATED_PATTERN} (no backups: generated blocks are made
 *       again) — a YAML map config of the same name replaces ours whole.
 * </ul>
 */
public final class MemberConfigs {
  /**
   * How long after its start, and then how often, a member looks for other clusters formed by its
   * listed peers and merges with them (Hazelcast's split-brain check).
   */
  static final int MERGE_CHECK_SECONDS = 10;

  private MemberConfigs() {}

  /** The member config of a worker at {@code self} joining {@code peers}, on an empty base. */
  public static Config create(
      GridSettings settings, WorkerAddress self, List<WorkerAddress> peers) {
    return create(settings, self, peers, new Config());
  }

  /**
   * Applies the worker configuration to {@code base} and returns it.
   *
   * @param peers the other workers (may include {@code self}); at least one listed member must be
   *     up for a new member to join an existing cluster
   * @throws GridConfigException if {@code self}'s host does not resolve
   */
  public static Config create(
      GridSettings settings, WorkerAddress self, List<WorkerAddress> peers, Config base) {
    GridLogging.installDefault();
    GridConfigFiles.source(base)
        .ifPresent(
            file ->
                ConfigOverrides.log(
                    MemberConfigs.class,
                    ConfigOverrides.member(file, base, self, joinList(self, peers))));
    Config c = base;
    c.setClusterName(settings.clusterName());
    if (c.getInstanceName() == null) {
      c.setInstanceName(instanceName(self));
    }

    NetworkConfig n = c.getNetworkConfig();
    n.setPort(self.port()).setPortAutoIncrement(false).setPortCount(1);
    n.getInterfaces().setEnabled(true).setInterfaces(List.of(self.resolveIp()));
    c.setProperty("hazelcast.socket.bind.any", "false");

    JoinConfig j = n.getJoin();
    j.getMulticastConfig().setEnabled(false);
    j.getAutoDetectionConfig().setEnabled(false);
    if (j.getKubernetesConfig().isEnabled()) {
      if (!peers.isEmpty()) {
        throw new GridConfigException(
            "the worker config enables the Kubernetes join, and peers are given (--peers or "
                + WorkerAddresses.ENV
                + "): use one of them");
      }
      j.getTcpIpConfig().setEnabled(false);
    } else {
      j.getTcpIpConfig()
          .setEnabled(true)
          .setMembers(joinList(self, peers).stream().map(WorkerAddress::toString).toList())
          .setConnectionTimeoutSeconds((int) settings.joinTimeout().toSeconds());
    }
    try {
      j.verify();
    } catch (InvalidConfigurationException e) {
      throw new GridConfigException("the worker config's join: " + e.getMessage());
    }

    setIfAbsent(c, "hazelcast.shutdownhook.policy", "GRACEFUL");
    setIfAbsent(c, "hazelcast.phone.home.enabled", "false");
    setIfAbsent(c, "hazelcast.wait.seconds.before.join", "0");
    // Workers started together can form two clusters (one timed out on its 1 s join before the
    // others listened). Hazelcast merges such clusters only when its split-brain check runs, by
    // default 300 s after the start and every 120 s after that; a grid waiting for its N workers
    // should not wait that long.
    setIfAbsent(
        c, "hazelcast.merge.first.run.delay.seconds", Integer.toString(MERGE_CHECK_SECONDS));
    setIfAbsent(c, "hazelcast.merge.next.run.delay.seconds", Integer.toString(MERGE_CHECK_SECONDS));

    c.getJetConfig().setEnabled(true).setResourceUploadEnabled(false);
    disableUserCodeDeployment(c);
    ManagementCenterConfig mc = c.getManagementCenterConfig();
    mc.setDataAccessEnabled(false).setScriptingEnabled(false).setConsoleEnabled(false);
    MetricsConfig metrics = c.getMetricsConfig();
    metrics.setEnabled(true);
    metrics.getJmxConfig().setEnabled(true);
    metrics.getManagementCenterConfig().setEnabled(true);

    GridSerialization.configure(c.getSerializationConfig());

    if (!c.getMapConfigs().containsKey(GridMaps.BLOCKS_PATTERN)) {
      c.addMapConfig(blocksMap(GridMaps.BLOCKS_PATTERN, settings.backupCount()));
    }
    if (!c.getMapConfigs().containsKey(GridMaps.TEMP_PATTERN)) {
      c.addMapConfig(blocksMap(GridMaps.TEMP_PATTERN, settings.tempBackupCount()));
    }
    if (!c.getMapConfigs().containsKey(GridMaps.GENERATED_PATTERN)) {
      c.addMapConfig(blocksMap(GridMaps.GENERATED_PATTERN, 0));
    }
    return c;
  }

  private static List<WorkerAddress> joinList(WorkerAddress self, List<WorkerAddress> peers) {
    Set<WorkerAddress> members = new LinkedHashSet<>();
    members.add(self);
    members.addAll(peers);
    return List.copyOf(members);
  }

  /** The stable instance name of the worker at {@code self} (the {@code instance=} label in MC). */
  public static String instanceName(WorkerAddress self) {
    return "daphne-worker-" + self.host().replace(':', '_') + "-" + self.port();
  }

  /**
   * A map of matrix blocks: synchronous backups only (async backups queued up under bulk load in
   * the measurements), OBJECT format so that entry processors work on the stored object without
   * (de)serializing it on primary and backup, and never evicted or expired — an evicted block is a
   * wrong result, not a cache miss.
   */
  private static MapConfig blocksMap(String name, int backups) {
    return new MapConfig(name)
        .setBackupCount(backups)
        .setAsyncBackupCount(0)
        .setInMemoryFormat(InMemoryFormat.OBJECT)
        .setTimeToLiveSeconds(0)
        .setMaxIdleSeconds(0)
        .setStatisticsEnabled(true)
        .setEvictionConfig(
            new EvictionConfig()
                .setEvictionPolicy(EvictionPolicy.NONE)
                .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
                .setSize(Integer.MAX_VALUE));
  }

  @SuppressWarnings("deprecation") // legacy user-code deployment is deprecated, but must stay off
  private static void disableUserCodeDeployment(Config c) {
    c.getUserCodeDeploymentConfig().setEnabled(false);
  }

  private static void setIfAbsent(Config c, String key, String value) {
    if (c.getProperty(key) == null) {
      c.setProperty(key, value);
    }
  }
}
