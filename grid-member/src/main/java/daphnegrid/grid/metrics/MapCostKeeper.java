package daphnegrid.grid.metrics;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.logging.ILogger;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.MapServiceContext;
import com.hazelcast.map.impl.PartitionContainer;
import com.hazelcast.map.impl.record.Record;
import com.hazelcast.map.impl.recordstore.RecordStore;
import com.hazelcast.map.impl.recordstore.Storage;
import com.hazelcast.spi.impl.NodeEngineImpl;
import com.hazelcast.spi.impl.PartitionSpecificRunnable;
import daphnegrid.config.GridMaps;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes Hazelcast's memory cost of the grid's maps true: it gives every partition's storage of
 * every grid map (primary and backup replicas alike) a {@link BlockCostEstimator}, which starts
 * from the cost of the entries already there. Hazelcast creates a partition's storage when the
 * first entry of a map arrives there (a write, a backup, a migration), and offers no hook for it,
 * so this looks for storages without the estimator every {@link #PERIOD_MS} ms and before {@link
 * Holdings} reads the figures. A storage created since the last look reports 0 until then.
 *
 * <p>The estimator is put in on the partition's own thread, so no write of that partition runs
 * between counting its entries and the swap: from then on the storage keeps the figure exact as
 * entries come and go.
 *
 * <p>This reaches into Hazelcast's member internals (the map service's partition containers and
 * their record stores); {@code GridMetricsTest} pins the behaviour on the Hazelcast version in use.
 */
public final class MapCostKeeper implements AutoCloseable {
  /** How often storages are checked for a missing estimator. */
  static final long PERIOD_MS = 1000;

  private static final String CONTEXT_KEY = "daphnegrid.mapCostKeeper";

  private final NodeEngineImpl node;
  private final ILogger log;
  private final ScheduledExecutorService scheduler;

  private MapCostKeeper(HazelcastInstance member, NodeEngineImpl node) {
    this.node = node;
    this.log = member.getLoggingService().getLogger(MapCostKeeper.class);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "daphne-map-costs-" + member.getName());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts keeping the map costs of member (a member started in this JVM), or returns null if the
   * member's internals are not reachable (the figures then stay Hazelcast's own).
   */
  public static MapCostKeeper start(HazelcastInstance member) {
    NodeEngineImpl node = nodeEngine(member);
    if (node == null) {
      return null;
    }
    MapCostKeeper k = new MapCostKeeper(member, node);
    member.getUserContext().put(CONTEXT_KEY, k);
    k.scheduler.scheduleWithFixedDelay(
        k::installQuietly, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    return k;
  }

  /** Puts the estimator into the storages of member that lack it now, and waits until done. */
  static void installNow(HazelcastInstance member) {
    if (member.getUserContext().get(CONTEXT_KEY) instanceof MapCostKeeper k) {
      k.install(true);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  private void installQuietly() {
    try {
      if (node.isRunning()) {
        install(false);
      }
    } catch (RuntimeException e) {
      // shutting down: an exception here would cancel the periodic look for good
      log.fine("map costs not updated: " + e);
    }
  }

  private void install(boolean await) {
    MapServiceContext maps =
        ((MapService) node.getService(MapService.SERVICE_NAME)).getMapServiceContext();
    PartitionContainer[] containers = maps.getPartitionContainers();
    // one for this loop, so that runnables finishing while it still submits cannot count down
    AtomicInteger pending = new AtomicInteger(1);
    CountDownLatch done = new CountDownLatch(1);
    for (PartitionContainer pc : containers) {
      if (pc == null || !lacksEstimator(pc)) {
        continue;
      }
      pending.incrementAndGet();
      int partition = pc.getPartitionId();
      node.getOperationService()
          .execute(
              new PartitionSpecificRunnable() {
                @Override
                public int getPartitionId() {
                  return partition;
                }

                @Override
                public void run() {
                  try {
                    installIn(pc);
                  } finally {
                    if (pending.decrementAndGet() == 0) {
                      done.countDown();
                    }
                  }
                }
              });
    }
    if (pending.decrementAndGet() == 0) {
      done.countDown();
    }
    if (await) {
      try {
        done.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean lacksEstimator(PartitionContainer pc) {
    for (Map.Entry<String, RecordStore> e : pc.getMaps().entrySet()) {
      if (GridMaps.owner(e.getKey()).isPresent()
          && !(e.getValue().getStorage().getEntryCostEstimator() instanceof BlockCostEstimator)) {
        return true;
      }
    }
    return false;
  }

  // on the partition's thread: no write to its storages runs meanwhile
  @SuppressWarnings({"rawtypes", "unchecked"})
  private void installIn(PartitionContainer pc) {
    for (Map.Entry<String, RecordStore> e : pc.getMaps().entrySet()) {
      if (GridMaps.owner(e.getKey()).isEmpty()) {
        continue;
      }
      Storage storage = e.getValue().getStorage();
      if (storage.getEntryCostEstimator() instanceof BlockCostEstimator) {
        continue;
      }
      BlockCostEstimator estimator = new BlockCostEstimator(node.getSerializationService());
      long sum = 0;
      for (Iterator<Map.Entry<Data, Record>> it = storage.mutationTolerantIterator();
          it.hasNext(); ) {
        Map.Entry<Data, Record> entry = it.next();
        sum += estimator.calculateEntryCost(entry.getKey(), entry.getValue());
      }
      estimator.adjustEstimateBy(sum);
      storage.setEntryCostEstimator(estimator);
    }
  }

  private static NodeEngineImpl nodeEngine(HazelcastInstance hz) {
    if (hz instanceof HazelcastInstanceProxy p) {
      return p.getOriginal().node.getNodeEngine();
    }
    if (hz instanceof HazelcastInstanceImpl i) {
      return i.node.getNodeEngine();
    }
    return null;
  }
}
