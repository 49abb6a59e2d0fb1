package daphnegrid.runtime.grid;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import daphnegrid.config.GridClient;
import daphnegrid.config.GridConnector;
import daphnegrid.config.GridSecret;
import daphnegrid.config.GridSettings;
import daphnegrid.config.MemberConfigs;
import daphnegrid.config.WorkerAddress;
import daphnegrid.config.serial.BlockSeal;
import daphnegrid.grid.GridMember;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

/**
 * The Hazelcast instance the grid engine talks through, and what closing it means: a client of the
 * workers in {@code DISTRIBUTED_WORKERS}, or — when that is not set — a one-member grid embedded in
 * this process (so {@code --distributed} always runs). Either way the owner id (the client's or the
 * embedded member's UUID) names every map the engine creates, which is how the members find and
 * free a crashed client's leftovers.
 */
public final class GridConnection implements AutoCloseable {
  /** Hazelcast's own shutdown hook would stop the instance before ours frees the maps. */
  private static final String HZ_SHUTDOWN_HOOK = "hazelcast.shutdownhook.enabled";

  private final HazelcastInstance hz;
  private final AutoCloseable closer;
  private final GridSettings settings;
  private final String description;
  private final String scope;

  private GridConnection(
      HazelcastInstance hz,
      AutoCloseable closer,
      GridSettings settings,
      String description,
      String scope) {
    this.hz = hz;
    this.closer = closer;
    this.settings = settings;
    this.description = description;
    this.scope = scope;
  }

  private GridConnection(
      HazelcastInstance hz, AutoCloseable closer, GridSettings settings, String description) {
    this(hz, closer, settings, description, "");
  }

  /**
   * A view of this connection for one run among several sharing it: closing the view leaves the
   * connection open, and the run's objects are named under scope (letters, digits, {@code _ . -},
   * ending in a separator) so that the run frees only its own.
   */
  GridConnection lease(String scope) {
    return new GridConnection(hz, () -> {}, settings, description, scope);
  }

  /**
   * Connects to the workers, checking that all of them are members of one safe cluster before
   * anything is sent.
   *
   * @throws daphnegrid.config.GridUnavailableException within the settings' timeouts when the grid
   *     cannot be used
   */
  public static GridConnection workers(
      GridSettings settings, List<WorkerAddress> workers, ClientConfig base) {
    return workers(settings, workers, base, System.getenv());
  }

  /**
   * As {@link #workers(GridSettings, List, ClientConfig)}, with the grid secret ({@link
   * GridSecret}) looked up in env and the settings: with one, blocks are sealed and checked ({@link
   * BlockSeal}).
   *
   * @throws daphnegrid.config.GridConfigException for an unreadable or short secret
   */
  public static GridConnection workers(
      GridSettings settings,
      List<WorkerAddress> workers,
      ClientConfig base,
      java.util.Map<String, String> env) {
    ClientConfig config = daphnegrid.config.ClientConfigs.create(settings, workers, base);
    config.setProperty(HZ_SHUTDOWN_HOOK, "false");
    GridSecret.load(settings, env).ifPresent(s -> BlockSeal.of(s).install(config.getUserContext()));
    GridClient client = GridConnector.connect(settings, workers, config, workers.size());
    return new GridConnection(
        client.instance(),
        client,
        settings,
        "cluster '" + settings.clusterName() + "' (" + client.memberCount() + " workers)");
  }

  /**
   * How a {@code --distributed} run in an environment like env connects: to the workers {@code
   * DISTRIBUTED_WORKERS} lists, else to a grid embedded in this process; configuration files are
   * looked up as for a run in dir. Nothing connects until the supplier is asked.
   *
   * @throws daphnegrid.config.GridException for a bad configuration file or worker list
   */
  public static java.util.function.Supplier<GridConnection> connector(
      java.util.Map<String, String> env, java.nio.file.Path dir) {
    ClientConfig base =
        daphnegrid.config.GridConfigFiles.clientBase(null, env, dir.toAbsolutePath());
    GridSettings settings = GridSettings.of(base);
    if (!workersListed(env)) {
      return () -> embedded(settings);
    }
    List<WorkerAddress> workers = daphnegrid.config.WorkerAddresses.fromEnvironment(env);
    GridSecret.load(settings, env); // a bad secret fails before anything connects
    return () -> workers(settings, workers, base, env);
  }

  /** True if env lists workers ({@code DISTRIBUTED_WORKERS} set and not blank). */
  public static boolean workersListed(java.util.Map<String, String> env) {
    String listed = env.get(daphnegrid.config.WorkerAddresses.ENV);
    return listed != null && !listed.isBlank();
  }

  /**
   * Starts a one-member grid in this process, on a free loopback port, with a private name; its
   * blocks are sealed with a random secret (the member and its only client share the process).
   */
  public static GridConnection embedded(GridSettings settings) {
    GridSettings s = settings.withClusterName("daphne-embedded-" + UUID.randomUUID());
    WorkerAddress self = new WorkerAddress("127.0.0.1", freePort());
    Config config = MemberConfigs.create(s, self, List.of());
    BlockSeal.random().install(config.getUserContext());
    config.setProperty(HZ_SHUTDOWN_HOOK, "false");
    config.setProperty("hazelcast.partition.count", "71");
    GridMember member = GridMember.start(s, config);
    return new GridConnection(member.instance(), member, s, "embedded grid (1 member)");
  }

  public HazelcastInstance hz() {
    return hz;
  }

  public GridSettings settings() {
    return settings;
  }

  /** The UUID every map this connection creates is named with. */
  public UUID owner() {
    return hz.getLocalEndpoint().getUuid();
  }

  /**
   * What the names of this run's grid objects start with after the owner: empty for a connection of
   * its own, a per-run tag for a {@link #lease}.
   */
  public String scope() {
    return scope;
  }

  @Override
  public String toString() {
    return description;
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      // shutting down: nothing left to report to
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
