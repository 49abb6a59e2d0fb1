package daphnegrid.config;

import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.UUID;

/**
 * A connected coordinator client, made by {@link GridConnector}. Closing it shuts the Hazelcast
 * client down; do so in a {@code finally} or try-with-resources — client threads are not daemons,
 * so a forgotten client keeps the JVM alive.
 *
 * <p>Maps this client creates should be named with {@link #blocksMap} / {@link #tempMap}: the names
 * carry {@link #ownerId()}, and the workers destroy them once this client is gone for good.
 */
public final class GridClient implements AutoCloseable {
  private final HazelcastInstance instance;
  private final GridSettings settings;
  private final List<WorkerAddress> workers;

  GridClient(HazelcastInstance instance, GridSettings settings, List<WorkerAddress> workers) {
    this.instance = instance;
    this.settings = settings;
    this.workers = List.copyOf(workers);
  }

  public HazelcastInstance instance() {
    return instance;
  }

  public GridSettings settings() {
    return settings;
  }

  /** The addresses the client was given ({@code DISTRIBUTED_WORKERS}). */
  public List<WorkerAddress> workers() {
    return workers;
  }

  /** This client's UUID, the owner tag of the maps it creates. */
  public UUID ownerId() {
    return instance.getLocalEndpoint().getUuid();
  }

  /** The name of the block map of matrix {@code matrixId} owned by this client. */
  public String blocksMap(long matrixId) {
    return GridMaps.blocks(ownerId(), matrixId);
  }

  /** The name of a temporary map owned by this client. */
  public String tempMap(String tag) {
    return GridMaps.temp(ownerId(), tag);
  }

  /** Number of members the client currently sees. */
  public int memberCount() {
    return instance.getCluster().getMembers().size();
  }

  @Override
  public void close() {
    instance.shutdown();
  }
}
