package daphnegrid.grid;

import com.hazelcast.client.Client;
import com.hazelcast.client.ClientListener;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.logging.ILogger;
import daphnegrid.config.GridConnector;
import daphnegrid.config.GridMaps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Frees the grid objects of clients that are gone: the member-side half of "worker memory returns
 * to its baseline after every script", also when a {@code daphne} process crashed or was killed.
 *
 * <p>Every grid map is named with its owner's UUID ({@link GridMaps}). An owner is <em>alive</em>
 * while it is a member or a client connected to any member (asked of every member with {@link
 * ConnectedClients}); an owner that has not been alive for {@code grace} loses all its objects
 * ({@code destroy()}). Two triggers:
 *
 * <ul>
 *   <li>a client disconnecting from this member starts its grace period at once and schedules a
 *       sweep when it ends (a client that reconnects in time keeps everything);
 *   <li>the oldest member sweeps every {@code interval}, which catches owners whose disconnect no
 *       surviving member saw.
 * </ul>
 *
 * A sweep destroys nothing when any member does not answer: a client connected only to that member
 * would look gone. Several members may destroy the same map; destroying is idempotent.
 *
 * <p>Threading: sweeps run one at a time on this sweeper's own daemon thread; the client listener
 * only records the time and schedules.
 */
public final class OrphanSweeper implements AutoCloseable {
  private static final long ASK_TIMEOUT_SECONDS = 10;

  private final HazelcastInstance member;
  private final ILogger log;
  private final Duration grace;
  private final Duration interval;
  private final Map<UUID, Long> goneSince = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private UUID listenerId;

  /**
   * @param member the local member whose view is used
   * @param grace how long an owner must be gone before its objects are destroyed
   * @param interval how often the oldest member sweeps regardless of events
   */
  public OrphanSweeper(HazelcastInstance member, Duration grace, Duration interval) {
    this.member = member;
    this.log = member.getLoggingService().getLogger(OrphanSweeper.class);
    this.grace = grace;
    this.interval = interval;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "daphne-orphan-sweeper-" + member.getName());
              t.setDaemon(true);
              return t;
            });
  }

  /** Listens for client disconnects and starts the periodic sweep. */
  public OrphanSweeper start() {
    listenerId =
        member
            .getClientService()
            .addClientListener(
                new ClientListener() {
                  @Override
                  public void clientConnected(Client client) {
                    goneSince.remove(client.getUuid());
                  }

                  @Override
                  public void clientDisconnected(Client client) {
                    goneSince.putIfAbsent(client.getUuid(), System.nanoTime());
                    scheduler.schedule(
                        OrphanSweeper.this::sweepQuietly,
                        grace.toMillis() + 1,
                        TimeUnit.MILLISECONDS);
                  }
                });
    long every = interval.toMillis();
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            if (member.getLifecycleService().isRunning() && isOldestMember()) {
              sweepQuietly();
            }
          } catch (RuntimeException e) {
            // shutting down: an exception here would cancel the periodic sweep for good
            log.fine("orphan sweep skipped: " + e);
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** The grid objects that exist now, by owner (objects outside the naming scheme are left out). */
  public Map<UUID, Set<String>> ownedObjects() {
    Map<UUID, Set<String>> byOwner = new TreeMap<>();
    for (DistributedObject o : member.getDistributedObjects()) {
      GridMaps.owner(o.getName())
          .ifPresent(
              owner -> byOwner.computeIfAbsent(owner, k -> new TreeSet<>()).add(o.getName()));
    }
    return byOwner;
  }

  /**
   * One pass: destroys the objects of every owner that has been gone for at least the grace period
   * and starts the grace period of owners newly found gone.
   *
   * @return the names of the destroyed objects
   */
  public synchronized Set<String> sweep() {
    Set<UUID> alive = aliveOwners();
    if (alive == null) {
      return Set.of();
    }
    long now = System.nanoTime();
    goneSince.keySet().removeIf(alive::contains);
    Set<String> destroyed = new TreeSet<>();
    for (DistributedObject o : member.getDistributedObjects()) {
      UUID owner = GridMaps.owner(o.getName()).orElse(null);
      if (owner == null || alive.contains(owner)) {
        continue;
      }
      long since = goneSince.computeIfAbsent(owner, k -> now);
      if (now - since >= grace.toNanos()) {
        o.destroy();
        destroyed.add(o.getName());
      }
    }
    if (!destroyed.isEmpty()) {
      log.info("destroyed " + destroyed.size() + " grid objects of departed clients: " + destroyed);
    }
    return destroyed;
  }

  /** Stops listening and sweeping. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    if (listenerId != null && member.getLifecycleService().isRunning()) {
      member.getClientService().removeClientListener(listenerId);
    }
  }

  /** Members and clients connected anywhere, or null if some member did not answer. */
  private Set<UUID> aliveOwners() {
    Set<UUID> alive = new HashSet<>();
    Set<Member> members = member.getCluster().getMembers();
    members.forEach(m -> alive.add(m.getUuid()));
    Map<Member, Future<ArrayList<UUID>>> answers =
        member
            .getExecutorService(GridConnector.ADMIN_EXECUTOR)
            .submitToMembers(new ConnectedClients(), members);
    try {
      for (Future<ArrayList<UUID>> f : answers.values()) {
        alive.addAll(f.get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      return alive;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      log.fine("a member did not list its clients; nothing destroyed this time: " + e);
      return null;
    }
  }

  private boolean isOldestMember() {
    return member.getCluster().getMembers().iterator().next().localMember();
  }

  private void sweepQuietly() {
    try {
      if (member.getLifecycleService().isRunning()) {
        sweep();
      }
    } catch (RuntimeException e) {
      // the member is shutting down, or a member left mid-sweep: the next sweep tries again
      log.fine("orphan sweep failed: " + e);
    }
  }

  /** Owners currently in their grace period (for tests and diagnostics). */
  List<UUID> pending() {
    return List.copyOf(goneSince.keySet());
  }
}
