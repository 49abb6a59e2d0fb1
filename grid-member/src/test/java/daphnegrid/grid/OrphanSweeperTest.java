package daphnegrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import daphnegrid.config.GridClient;
import daphnegrid.config.GridConnector;
import daphnegrid.config.GridMaps;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.config.testing.TestGrid;
import daphnegrid.kernels.DenseMatrix;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrphanSweeperTest {
  private static final Duration GRACE = Duration.ofMillis(500);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static TestGrid grid;
  private static List<OrphanSweeper> sweepers;

  @BeforeAll
  static void start() {
    grid = TestGrid.start(2);
    // periodic sweeps are far off: these tests drive sweeps by events or by hand
    sweepers =
        grid.members().stream()
            .map(m -> new OrphanSweeper(m, GRACE, Duration.ofHours(1)).start())
            .toList();
  }

  @AfterAll
  static void stop() {
    if (sweepers != null) {
      sweepers.forEach(OrphanSweeper::close);
    }
    if (grid != null) {
      grid.close();
    }
  }

  @Test
  void aDisconnectedClientsMapsAreDestroyedAfterTheGracePeriod() {
    String leaverMap;
    String leaverTemp;
    UUID leaver;
    try (GridClient stayer = GridConnector.connect(grid.settings(), grid.addresses())) {
      String stayerMap = stayer.blocksMap(1);
      put(stayer, stayerMap);
      try (GridClient c = GridConnector.connect(grid.settings(), grid.addresses())) {
        leaver = c.ownerId();
        leaverMap = c.blocksMap(1);
        leaverTemp = c.tempMap("partials");
        put(c, leaverMap);
        put(c, leaverTemp);
        // the member learns of new objects asynchronously
        TestGrid.await(
            WAIT,
            "the member sees both maps of the client",
            () -> Set.of(leaverMap, leaverTemp).equals(sweepers.get(0).ownedObjects().get(leaver)));
      }
      TestGrid.await(
          WAIT, "the departed client's maps are destroyed", () -> !names().contains(leaverMap));
      TestGrid.await(WAIT, "its temporary map too", () -> !names().contains(leaverTemp));
      assertTrue(names().contains(stayerMap), "a connected client keeps its maps");
      assertEquals(1, stayer.instance().getMap(stayerMap).size());
    }
  }

  @Test
  void aSweepWaitsOutTheGracePeriodOfAnUnknownOwner() {
    HazelcastInstance m = grid.member(1);
    UUID ghost = UUID.randomUUID();
    String ghostMap = GridMaps.blocks(ghost, 5);
    m.getMap(ghostMap).set(new BlockKey(5, 0, 0), block());
    String foreign = "not-a-grid-map-" + UUID.randomUUID();
    m.getMap(foreign).set("k", "v");
    String memberOwned = GridMaps.temp(m.getLocalEndpoint().getUuid(), "embedded");
    m.getMap(memberOwned).set("k", "v");

    OrphanSweeper sweeper = sweepers.get(1);
    Set<String> first = sweeper.sweep();
    assertTrue(!first.contains(ghostMap), "first sight only starts the grace period");
    assertTrue(sweeper.pending().contains(ghost));
    Set<String> destroyed =
        TestGrid.awaitValue(
            WAIT,
            "the ghost's map is swept",
            () -> {
              Set<String> d = sweeper.sweep();
              return d.contains(ghostMap) ? d : null;
            });
    assertTrue(!destroyed.contains(foreign) && !destroyed.contains(memberOwned));
    assertTrue(names().contains(foreign), "maps outside the naming scheme are never touched");
    assertTrue(names().contains(memberOwned), "a member is an owner that is alive");
    m.getMap(foreign).destroy();
    m.getMap(memberOwned).destroy();
  }

  private static void put(GridClient c, String map) {
    c.instance().<BlockKey, DenseBlock>getMap(map).set(new BlockKey(1, 0, 0), block());
  }

  private static DenseBlock block() {
    return new DenseBlock(0, DenseMatrix.ofDoubles(1, 2, 1, 2));
  }

  private static Set<String> names() {
    return grid.member(0).getDistributedObjects().stream()
        .map(DistributedObject::getName)
        .collect(java.util.stream.Collectors.toSet());
  }
}
