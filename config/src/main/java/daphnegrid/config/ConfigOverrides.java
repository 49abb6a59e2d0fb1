package daphnegrid.config;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of a user's configuration file that the grid replaces, each with the reason, so that
 * the log says once why a value in the file has no effect. A setting is named when the file gave it
 * a value other than Hazelcast's default (the only way to tell that the user set it) and the grid's
 * value differs. {@link MemberConfigs} and {@link ClientConfigs} log these lines at INFO before
 * they apply their settings.
 */
final class ConfigOverrides {
  private final String source;
  private final List<String> lines = new ArrayList<>();

  private ConfigOverrides(Path file) {
    this.source = String.valueOf(file);
  }

  /** What the worker configuration replaces in base, read from file. */
  static List<String> member(
      Path file, Config base, WorkerAddress self, List<WorkerAddress> members) {
    ConfigOverrides o = new ConfigOverrides(file);
    Config d = new Config();
    NetworkConfig n = base.getNetworkConfig();
    NetworkConfig dn = d.getNetworkConfig();
    String bind = "a worker listens on exactly the IP:PORT it was started with";
    o.check("network.port", n.getPort(), dn.getPort(), self.port(), bind);
    o.check(
        "network.port.auto-increment",
        n.isPortAutoIncrement(),
        dn.isPortAutoIncrement(),
        false,
        bind);
    o.check(
        "network.interfaces",
        n.getInterfaces().isEnabled() ? n.getInterfaces().getInterfaces() : List.of(),
        List.of(),
        List.of(self.resolveIp()),
        bind);
    o.check(
        "properties.hazelcast.socket.bind.any",
        base.getProperty("hazelcast.socket.bind.any"),
        null,
        "false",
        bind);
    JoinConfig j = n.getJoin();
    String join =
        "workers find each other only through the peers given (--peers, DISTRIBUTED_WORKERS)";
    o.check(
        "network.join.multicast.enabled", j.getMulticastConfig().isEnabled(), false, false, join);
    o.check(
        "network.join.tcp-ip.member-list",
        j.getTcpIpConfig().isEnabled() ? j.getTcpIpConfig().getMembers() : List.of(),
        List.of(),
        members.stream().map(WorkerAddress::toString).toList(),
        join);
    o.check(
        "jet.resource-upload-enabled",
        base.getJetConfig().isResourceUploadEnabled(),
        false,
        false,
        "clients may not upload code to the workers");
    o.check(
        "user-code-deployment.enabled",
        userCodeDeployment(base),
        false,
        false,
        "clients may not upload code to the workers");
    String mc = "Management Center may watch the grid, not run code or read its blocks";
    o.check(
        "management-center.scripting-enabled",
        base.getManagementCenterConfig().isScriptingEnabled(),
        false,
        false,
        mc);
    o.check(
        "management-center.console-enabled",
        base.getManagementCenterConfig().isConsoleEnabled(),
        false,
        false,
        mc);
    String metrics = "the grid's monitoring (JMX, Management Center) relies on Hazelcast's metrics";
    o.check("metrics.enabled", base.getMetricsConfig().isEnabled(), true, true, metrics);
    o.check(
        "metrics.jmx.enabled",
        base.getMetricsConfig().getJmxConfig().isEnabled(),
        true,
        true,
        metrics);
    o.check(
        "metrics.management-center.enabled",
        base.getMetricsConfig().getManagementCenterConfig().isEnabled(),
        true,
        true,
        metrics);
    return o.lines;
  }

  /** What the coordinator's client configuration replaces in base, read from file. */
  static List<String> client(
      Path file, ClientConfig base, GridSettings settings, List<WorkerAddress> workers) {
    ConfigOverrides o = new ConfigOverrides(file);
    ClientConfig d = new ClientConfig();
    o.check(
        "network.cluster-members",
        base.getNetworkConfig().getAddresses(),
        d.getNetworkConfig().getAddresses(),
        workers.stream().map(WorkerAddress::toString).toList(),
        "the workers come from DISTRIBUTED_WORKERS");
    o.check(
        "network.connection-timeout",
        base.getNetworkConfig().getConnectionTimeout(),
        d.getNetworkConfig().getConnectionTimeout(),
        (int) settings.connectionTimeout().toMillis(),
        "set with daphne.connection-timeout");
    o.check(
        "network.redo-operation",
        base.getNetworkConfig().isRedoOperation(),
        false,
        false,
        "a task sent again after a lost connection could run twice");
    return o.lines;
  }

  /** Logs lines at INFO, once each. */
  static void log(Class<?> where, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    ILogger log = Logger.getLogger(where);
    lines.forEach(log::info);
  }

  private void check(String setting, Object user, Object dflt, Object grid, String reason) {
    if (!Objects.equals(user, dflt) && !Objects.equals(user, grid)) {
      lines.add(
          source + ": " + setting + " " + user + " is replaced by " + grid + " (" + reason + ")");
    }
  }

  @SuppressWarnings("deprecation") // legacy user-code deployment: read to report it
  private static boolean userCodeDeployment(Config c) {
    return c.getUserCodeDeploymentConfig().isEnabled();
  }
}
