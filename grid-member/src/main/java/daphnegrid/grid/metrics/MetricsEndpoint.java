package daphnegrid.grid.metrics;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;

/**
 * A member's Prometheus endpoint: {@code http://IP:PORT/metrics} in the text format, on the
 * worker's own interface. It serves three groups, all read at scrape time:
 *
 * <ul>
 *   <li>the JVM ({@code jvm_*}, {@code process_*}: heap, GC, threads, CPU) from the Prometheus
 *       client's JVM instrumentation;
 *   <li>Hazelcast ({@code hazelcast_*}): cluster members and safety, partitions owned by this
 *       member, completed replica migrations, and per map family ({@code blocks}, {@code tmp}) the
 *       maps, entries, memory and heap cost of {@code LocalMapStats};
 *   <li>the grid ({@code daphne_grid_*}): blocks and serialized bytes held, bytes moved in and out,
 *       programs and Jet jobs run, admission refusals ({@link GridMetrics}, {@link Holdings}).
 * </ul>
 *
 * Each endpoint has its own registry, so several members in one JVM (tests, an embedded grid) each
 * serve their own figures. {@link #close()} stops the server and removes the migration listener.
 */
public final class MetricsEndpoint implements AutoCloseable {
  /** How long one reading of the maps serves the scrape's several metrics. */
  private static final long HOLDINGS_FRESH_NANOS = 250_000_000L;

  private final HazelcastInstance hz;
  private final HTTPServer server;
  private final UUID migrationListener;
  private Map<String, Holdings> holdings;
  private long holdingsAt;

  private MetricsEndpoint(HazelcastInstance hz, InetAddress address, int port) throws IOException {
    this.hz = hz;
    GridMetrics grid = GridMetrics.of(hz);
    this.migrationListener =
        hz.getPartitionService().addMigrationListener(new MigrationCounter(grid));
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    registerHazelcast(registry);
    registerGrid(registry, grid);
    try {
      this.server =
          HTTPServer.builder().inetAddress(address).port(port).registry(registry).buildAndStart();
    } catch (IOException | RuntimeException e) {
      hz.getPartitionService().removeMigrationListener(migrationListener);
      throw e;
    }
  }

  /**
   * Starts the endpoint of member hz on address:port (port 0: any free port, see {@link #port()}).
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static MetricsEndpoint start(HazelcastInstance hz, InetAddress address, int port) {
    try {
      return new MetricsEndpoint(hz, address, port);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve metrics on " + address.getHostAddress() + ":" + port + ": " + e, e);
    }
  }

  /** The port the endpoint listens on. */
  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
    try {
      hz.getPartitionService().removeMigrationListener(migrationListener);
    } catch (RuntimeException e) {
      // the member is already down: its listeners went with it
    }
  }

  private void registerHazelcast(PrometheusRegistry registry) {
    GaugeWithCallback.builder()
        .name("hazelcast_cluster_members")
        .help("Members of the cluster as this member sees it")
        .callback(cb -> cb.call(hz.getCluster().getMembers().size()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("hazelcast_cluster_safe")
        .help("1 when every partition has its backups in sync (no migration pending), else 0")
        .callback(cb -> cb.call(hz.getPartitionService().isClusterSafe() ? 1 : 0))
        .register(registry);
    GaugeWithCallback.builder()
        .name("hazelcast_partitions")
        .help("Partitions of the cluster")
        .callback(cb -> cb.call(hz.getPartitionService().getPartitions().size()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("hazelcast_partitions_owned")
        .help("Partitions whose primary replica this member owns")
        .callback(cb -> cb.call(ownedPartitions()))
        .register(registry);
    CounterWithCallback.builder()
        .name("hazelcast_migrations_completed")
        .help(
            "Partition replica migrations completed, as reported to this member (Hazelcast sends"
                + " migration events to the master member)")
        .callback(cb -> cb.call(GridMetrics.of(hz).migrations()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("hazelcast_maps")
        .help("Grid maps that exist, by family")
        .labelNames("family")
        .callback(cb -> holdings().values().forEach(h -> cb.call(h.maps(), h.family())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("hazelcast_map_entries")
        .help("Entries of the grid maps on this member, by family and copy (owned or backup)")
        .labelNames("family", "copy")
        .callback(
            cb ->
                holdings()
                    .values()
                    .forEach(
                        h -> {
                          cb.call(h.ownedEntries(), h.family(), "owned");
                          cb.call(h.backupEntries(), h.family(), "backup");
                        }))
        .register(registry);
    GaugeWithCallback.builder()
        .name("hazelcast_map_entry_memory_cost_bytes")
        .help(
            "Hazelcast's ownedEntryMemoryCost / backupEntryMemoryCost of the grid maps: keys,"
                + " records and values")
        .labelNames("family", "copy")
        .callback(
            cb ->
                holdings()
                    .values()
                    .forEach(
                        h -> {
                          cb.call(h.ownedEntryMemoryCost(), h.family(), "owned");
                          cb.call(h.backupEntryMemoryCost(), h.family(), "backup");
                        }))
        .register(registry);
    gauge(
        registry,
        "hazelcast_map_heap_cost_bytes",
        "Hazelcast's heapCost of the grid maps (owned and backup entry costs)",
        Holdings::heapCost);
  }

  private void registerGrid(PrometheusRegistry registry, GridMetrics grid) {
    gauge(
        registry,
        "daphne_grid_blocks_held",
        "Blocks whose primary copy this member holds, by map family",
        Holdings::ownedEntries);
    gauge(
        registry,
        "daphne_grid_bytes_held",
        "Serialized size of the blocks whose primary copy this member holds, by map family",
        Holdings::bytesHeld);
    counter(
        registry, "daphne_grid_bytes_in", "Cell bytes that arrived at this member", grid::bytesIn);
    counter(
        registry,
        "daphne_grid_bytes_out",
        "Cell bytes this member sent to coordinators",
        grid::bytesOut);
    counter(
        registry,
        "daphne_grid_programs",
        "Programs (fused passes over this member's block rows) run",
        grid::programs);
    counter(registry, "daphne_grid_jet_jobs", "Jet jobs this member took part in", grid::jetJobs);
    counter(
        registry,
        "daphne_grid_admission_refusals",
        "Work refused by admission control on this member",
        grid::admissionRefusals);
  }

  private void gauge(
      PrometheusRegistry registry, String name, String help, ToLongFunction<Holdings> value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames("family")
        .callback(cb -> holdings().values().forEach(h -> cb.call(value.applyAsLong(h), h.family())))
        .register(registry);
  }

  private static void counter(
      PrometheusRegistry registry, String name, String help, java.util.function.LongSupplier v) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> cb.call(v.getAsLong()))
        .register(registry);
  }

  private synchronized Map<String, Holdings> holdings() {
    long now = System.nanoTime();
    if (holdings == null || now - holdingsAt > HOLDINGS_FRESH_NANOS) {
      holdings = Holdings.read(hz);
      holdingsAt = now;
    }
    return holdings;
  }

  private long ownedPartitions() {
    long n = 0;
    for (Partition p : hz.getPartitionService().getPartitions()) {
      if (p.getOwner() != null && p.getOwner().localMember()) {
        n++;
      }
    }
    return n;
  }

  private record MigrationCounter(GridMetrics grid) implements MigrationListener {
    @Override
    public void migrationStarted(MigrationState state) {}

    @Override
    public void migrationFinished(MigrationState state) {}

    @Override
    public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
      grid.migrationCompleted();
    }

    @Override
    public void replicaMigrationFailed(ReplicaMigrationEvent event) {}
  }
}
