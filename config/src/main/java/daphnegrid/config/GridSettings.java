package daphnegrid.config;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grid's own settings, immutable. {@link #defaults()} documents every default; a Hazelcast YAML
 * file (member or client) overrides them through its {@code cluster-name} and {@code daphne.*}
 * entries under {@code properties} ({@link #of(Config)}, {@link #of(ClientConfig)}):
 *
 * <pre>
 * hazelcast:                      # or hazelcast-client:
 *   cluster-name: daphne-lab      # -> clusterName
 *   properties:
 *     daphne.backup-count: 1
 *     daphne.block-size-mib: 8
 *     daphne.connect-timeout: 10s # durations: 500ms, 10s, 2m; a bare number is seconds
 * </pre>
 *
 * @param clusterName Hazelcast cluster name; members and clients must agree ({@code daphne-grid})
 * @param backupCount synchronous backups of {@code blocks*} maps (1: one lost member loses nothing)
 * @param tempBackupCount backups of {@code tmp*} maps, which can be recomputed (0)
 * @param blockSizeMiB client: the grid engine cuts a row block into column blocks only when it
 *     exceeds this or 64 MiB, whichever is larger; rows per block do not depend on it (4 MiB)
 * @param joinTimeout member: how long TCP-IP join waits for each listed peer (1 s)
 * @param connectTimeout client: give up connecting to the cluster after this (10 s)
 * @param heartbeatTimeout client: a silent member counts as gone after this; it also bounds each
 *     authentication attempt, e.g. against a port that accepts but does not speak Hazelcast (15 s)
 * @param connectionTimeout client: one TCP connect attempt (5 s)
 * @param readyTimeout client: wait this long for the expected member count and a safe cluster (30
 *     s)
 * @param orphanGrace member: the grid objects of a client that left are destroyed after this (30 s)
 * @param clientName the client's instance name, shown in Management Center ({@code daphne-cli})
 * @param heapHighWater percent of the maximum heap a member fills with blocks at most: a member
 *     refuses to make a block past it, and the client admits grid work only below it on every
 *     member (85)
 * @param secretFile file holding the grid's shared secret (empty: none, unless {@code
 *     DAPHNE_GRID_SECRET} is set; see {@link GridSecret})
 */
public record GridSettings(
    String clusterName,
    int backupCount,
    int tempBackupCount,
    int blockSizeMiB,
    Duration joinTimeout,
    Duration connectTimeout,
    Duration heartbeatTimeout,
    Duration connectionTimeout,
    Duration readyTimeout,
    Duration orphanGrace,
    String clientName,
    int heapHighWater,
    String secretFile) {

  /** Prefix of the grid's entries in a YAML file's {@code properties}. */
  public static final String PROPERTY_PREFIX = "daphne.";

  /** Hazelcast's own default cluster name: a file that leaves it keeps ours. */
  static final String HAZELCAST_DEFAULT_CLUSTER_NAME = "dev";

  private static final int MAX_BACKUPS = 6;
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?");

  public GridSettings {
    require(clusterName != null && !clusterName.isBlank(), "cluster name must not be empty");
    require(clientName != null && !clientName.isBlank(), "client name must not be empty");
    require(backupCount >= 0 && backupCount <= MAX_BACKUPS, "backup count must be 0..6");
    require(
        tempBackupCount >= 0 && tempBackupCount <= MAX_BACKUPS, "temp backup count must be 0..6");
    require(blockSizeMiB >= 1 && blockSizeMiB <= 1024, "block size must be 1..1024 MiB");
    require(heapHighWater >= 10 && heapHighWater <= 100, "heap high-water mark must be 10..100 %");
    require(secretFile != null, "secret file must not be null (empty: none)");
    require(joinTimeout.toSeconds() >= 1, "join timeout must be at least 1s");
    for (Duration d :
        new Duration[] {
          connectTimeout, heartbeatTimeout, connectionTimeout, readyTimeout, orphanGrace
        }) {
      require(!d.isNegative() && !d.isZero(), "timeouts must be positive");
    }
  }

  /** The documented defaults. */
  public static GridSettings defaults() {
    return new GridSettings(
        "daphne-grid",
        1,
        0,
        4,
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        Duration.ofSeconds(15),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofSeconds(30),
        "daphne-cli",
        85,
        "");
  }

  /** The defaults, overridden by a member config's cluster name and {@code daphne.*} properties. */
  public static GridSettings of(Config config) {
    return defaults().withOverrides(config.getClusterName(), config.getProperties());
  }

  /** The defaults, overridden by a client config's cluster name and {@code daphne.*} properties. */
  public static GridSettings of(ClientConfig config) {
    return defaults().withOverrides(config.getClusterName(), config.getProperties());
  }

  /**
   * These settings with a cluster name (unless it is Hazelcast's default {@code dev}, which means
   * "not set") and the {@code daphne.*} entries of {@code properties} applied.
   *
   * @throws GridConfigException for an unknown {@code daphne.*} key or a bad value
   */
  public GridSettings withOverrides(String clusterName, Properties properties) {
    Draft d = new Draft(this);
    if (clusterName != null && !clusterName.equals(HAZELCAST_DEFAULT_CLUSTER_NAME)) {
      d.clusterName = clusterName;
    }
    Map<String, String> sorted = new TreeMap<>();
    properties.stringPropertyNames().stream()
        .filter(k -> k.startsWith(PROPERTY_PREFIX))
        .forEach(k -> sorted.put(k, properties.getProperty(k)));
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      d.set(e.getKey().substring(PROPERTY_PREFIX.length()), e.getValue().strip());
    }
    try {
      return d.build();
    } catch (IllegalArgumentException e) {
      throw new GridConfigException("bad cluster name '" + clusterName + "': " + e.getMessage(), e);
    }
  }

  public GridSettings withClusterName(String name) {
    Draft d = new Draft(this);
    d.clusterName = name;
    return d.build();
  }

  public GridSettings withClientName(String name) {
    Draft d = new Draft(this);
    d.clientName = name;
    return d.build();
  }

  public GridSettings withBackupCount(int count) {
    Draft d = new Draft(this);
    d.backupCount = count;
    return d.build();
  }

  public GridSettings withConnectTimeout(Duration timeout) {
    Draft d = new Draft(this);
    d.connectTimeout = timeout;
    return d.build();
  }

  public GridSettings withReadyTimeout(Duration timeout) {
    Draft d = new Draft(this);
    d.readyTimeout = timeout;
    return d.build();
  }

  public GridSettings withOrphanGrace(Duration grace) {
    Draft d = new Draft(this);
    d.orphanGrace = grace;
    return d.build();
  }

  /** {@link #blockSizeMiB} in bytes. */
  public long blockSizeBytes() {
    return (long) blockSizeMiB << 20;
  }

  /**
   * Parses a duration: {@code 500ms}, {@code 10s}, {@code 2m}; a bare number is seconds.
   *
   * @throws IllegalArgumentException if the text is none of these
   */
  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 500ms, 10s, 2m)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** Parses a percentage: {@code 85} or {@code 85%}. */
  static int parsePercent(String text) {
    String t = text.strip();
    return Integer.parseInt(t.endsWith("%") ? t.substring(0, t.length() - 1).strip() : t);
  }

  /** {@link #heapHighWater} as a fraction of the maximum heap. */
  public double heapHighWaterFraction() {
    return heapHighWater / 100.0;
  }

  public GridSettings withHeapHighWater(int percent) {
    Draft d = new Draft(this);
    d.heapHighWater = percent;
    return d.build();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** A mutable copy used to derive a new record from a few changed fields. */
  private static final class Draft {
    String clusterName;
    int backupCount;
    int tempBackupCount;
    int blockSizeMiB;
    Duration joinTimeout;
    Duration connectTimeout;
    Duration heartbeatTimeout;
    Duration connectionTimeout;
    Duration readyTimeout;
    Duration orphanGrace;
    String clientName;
    int heapHighWater;
    String secretFile;

    Draft(GridSettings s) {
      clusterName = s.clusterName;
      backupCount = s.backupCount;
      tempBackupCount = s.tempBackupCount;
      blockSizeMiB = s.blockSizeMiB;
      joinTimeout = s.joinTimeout;
      connectTimeout = s.connectTimeout;
      heartbeatTimeout = s.heartbeatTimeout;
      connectionTimeout = s.connectionTimeout;
      readyTimeout = s.readyTimeout;
      orphanGrace = s.orphanGrace;
      clientName = s.clientName;
      heapHighWater = s.heapHighWater;
      secretFile = s.secretFile;
    }

    void set(String key, String value) {
      try {
        switch (key) {
          case "backup-count" -> backupCount = Integer.parseInt(value);
          case "temp-backup-count" -> tempBackupCount = Integer.parseInt(value);
          case "block-size-mib" -> blockSizeMiB = Integer.parseInt(value);
          case "join-timeout" -> joinTimeout = parseDuration(value);
          case "connect-timeout" -> connectTimeout = parseDuration(value);
          case "heartbeat-timeout" -> heartbeatTimeout = parseDuration(value);
          case "connection-timeout" -> connectionTimeout = parseDuration(value);
          case "ready-timeout" -> readyTimeout = parseDuration(value);
          case "orphan-grace" -> orphanGrace = parseDuration(value);
          case "client-name" -> clientName = value;
          case "heap-high-water" -> heapHighWater = parsePercent(value);
          case "secret-file" -> secretFile = value;
          default ->
              throw new GridConfigException(
                  "unknown grid property '"
                      + PROPERTY_PREFIX
                      + key
                      + "' (known: backup-count, temp-backup-count, block-size-mib, join-timeout,"
                      + " connect-timeout, heartbeat-timeout, connection-timeout, ready-timeout,"
                      + " orphan-grace, client-name, heap-high-water, secret-file)");
        }
        build(); // checks the new value against the record's rules
      } catch (IllegalArgumentException e) {
        throw new GridConfigException(
            "bad value for " + PROPERTY_PREFIX + key + ": '" + value + "': " + e.getMessage(), e);
      }
    }

    GridSettings build() {
      return new GridSettings(
          clusterName,
          backupCount,
          tempBackupCount,
          blockSizeMiB,
          joinTimeout,
          connectTimeout,
          heartbeatTimeout,
          connectionTimeout,
          readyTimeout,
          orphanGrace,
          clientName,
          heapHighWater,
          secretFile);
    }
  }
}
