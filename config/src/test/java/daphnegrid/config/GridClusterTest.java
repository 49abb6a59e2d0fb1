package daphnegrid.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.test.TestSources;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.config.testing.TestGrid;
import daphnegrid.kernels.DenseMatrix;
import java.io.Serial;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two in-process members with the grid's configuration and a random cluster name. */
class GridClusterTest {
  private static TestGrid grid;

  @BeforeAll
  static void startCluster() {
    grid = TestGrid.start(2);
  }

  @AfterAll
  static void stopCluster() {
    if (grid != null) {
      grid.close();
    }
  }

  @AfterEach
  void noClientLeftBehind() {
    TestGrid.await(
        Duration.ofSeconds(10),
        "all clients shut down",
        () -> HazelcastClient.getAllHazelcastClients().isEmpty());
  }

  @Test
  void equalBlockRowsOfAllMatricesShareAMember() {
    HazelcastInstance m0 = grid.member(0);
    UUID owner = UUID.randomUUID();
    IMap<BlockKey, DenseBlock> x = m0.getMap(GridMaps.blocks(owner, 1));
    IMap<BlockKey, DenseBlock> y = m0.getMap(GridMaps.blocks(owner, 2));
    int rows = 40;
    for (int r = 0; r < rows; r++) {
      x.set(new BlockKey(1, r, 0), new DenseBlock(r, DenseMatrix.ofDoubles(1, 1, r)));
      y.set(new BlockKey(2, r, 0), new DenseBlock(r, DenseMatrix.ofDoubles(1, 1, -r)));
      y.set(new BlockKey(2, r, 1), new DenseBlock(r, DenseMatrix.ofDoubles(1, 1, -r)));
    }
    Set<Member> owners = new HashSet<>();
    for (HazelcastInstance m : grid.members()) {
      Set<Integer> xRows = rowsOf(m.<BlockKey, DenseBlock>getMap(x.getName()).localKeySet());
      Set<Integer> yRows = rowsOf(m.<BlockKey, DenseBlock>getMap(y.getName()).localKeySet());
      assertEquals(xRows, yRows, "block rows held by " + m.getName());
      for (int r = 0; r < rows; r++) {
        Member a = m.getPartitionService().getPartition(new BlockKey(1, r, 0)).getOwner();
        Member b = m.getPartitionService().getPartition(new BlockKey(7, r, 5)).getOwner();
        assertEquals(a, b);
        owners.add(a);
      }
    }
    assertEquals(2, owners.size(), "40 block rows spread over both members");
    x.destroy();
    y.destroy();
  }

  @Test
  void entryProcessorsUpdateObjectFormatBlocksInPlace() {
    IMap<BlockKey, DenseBlock> map = grid.member(1).getMap(GridMaps.blocks(UUID.randomUUID(), 3));
    BlockKey key = new BlockKey(3, 0, 0);
    map.set(key, new DenseBlock(0, DenseMatrix.ofDoubles(2, 2, 1, 2, 3, 4)));
    int first = map.executeOnKey(key, new ScaleInPlace(2.0));
    int second = map.executeOnKey(key, new ScaleInPlace(10.0));
    assertEquals(first, second, "OBJECT format: the processor saw the stored array both times");
    assertArrayEquals(new double[] {20, 40, 60, 80}, map.get(key).matrix().f64());
    map.destroy();
  }

  @Test
  void connectsAndSeesEveryMember() {
    try (GridClient c = GridConnector.connect(grid.settings(), grid.addresses())) {
      assertEquals(2, c.memberCount());
      IMap<BlockKey, DenseBlock> map = c.instance().getMap(c.blocksMap(9));
      assertEquals(GridMaps.owner(map.getName()).orElseThrow(), c.ownerId());
      DenseBlock block = new DenseBlock(128, DenseMatrix.ofDoubles(1, 3, 1.5, 2.5, 3.5));
      map.set(new BlockKey(9, 1, 0), block);
      assertTrue(map.get(new BlockKey(9, 1, 0)).sameContents(block));
      map.destroy();
    }
  }

  @Test
  void aListedWorkerThatIsDownFailsFastNamingIt() {
    WorkerAddress down = new WorkerAddress("127.0.0.1", TestGrid.freePort());
    List<WorkerAddress> listed = List.of(grid.addresses().get(0), down);
    long start = System.nanoTime();
    GridUnavailableException e =
        assertThrows(
            GridUnavailableException.class, () -> GridConnector.connect(grid.settings(), listed));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 5000, "took " + millis + " ms");
    assertEquals(
        "cannot reach worker "
            + down
            + " of cluster '"
            + grid.settings().clusterName()
            + "' ("
            + down
            + ": connection refused): every worker listed in DISTRIBUTED_WORKERS must be running",
        e.getMessage());
  }

  @Test
  void aWrongAddressFailsFastNamingIt() {
    List<WorkerAddress> nobody = List.of(new WorkerAddress("127.0.0.1", TestGrid.freePort()));
    long start = System.nanoTime();
    GridUnavailableException e =
        assertThrows(
            GridUnavailableException.class, () -> GridConnector.connect(grid.settings(), nobody));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 5000, "took " + millis + " ms");
    assertEquals(
        "cannot reach any worker of cluster '"
            + grid.settings().clusterName()
            + "' at "
            + nobody.get(0)
            + " ("
            + nobody.get(0)
            + ": connection refused): are the workers started (bin/DistributedWorker IP:PORT) and"
            + " DISTRIBUTED_WORKERS right?",
        e.getMessage());
  }

  @Test
  void aWrongClusterNameFailsWithinTheConnectTimeout() {
    GridSettings wrong =
        grid.settings()
            .withClusterName("not-" + grid.settings().clusterName())
            .withConnectTimeout(Duration.ofSeconds(2));
    GridUnavailableException e =
        assertThrows(
            GridUnavailableException.class, () -> GridConnector.connect(wrong, grid.addresses()));
    assertTrue(
        e.getMessage()
            .startsWith(
                "cannot connect to cluster '"
                    + wrong.clusterName()
                    + "' at "
                    + WorkerAddresses.format(grid.addresses())
                    + " within 2 s: the workers there did not accept the client (wrong cluster"
                    + " name, or not Daphne Grid workers?)"),
        e.getMessage());
  }

  @Test
  void tooFewMembersFailsAtTheReadyDeadline() throws java.io.IOException {
    GridSettings s = grid.settings().withReadyTimeout(Duration.ofSeconds(1));
    // the third address accepts connections but is no member of the cluster
    try (java.net.ServerSocket stranger =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      List<WorkerAddress> three =
          List.of(
              grid.addresses().get(0),
              grid.addresses().get(1),
              new WorkerAddress("127.0.0.1", stranger.getLocalPort()));
      GridUnavailableException e =
          assertThrows(GridUnavailableException.class, () -> GridConnector.connect(s, three));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "cluster '"
                      + s.clusterName()
                      + "' has 2 of the 3 workers of DISTRIBUTED_WORKERS="),
          e.getMessage());
    }
  }

  @Test
  void jetRunsJobsAndKeepsTheirMetrics() {
    Pipeline p = Pipeline.create();
    p.readFrom(TestSources.items(1, 2, 3)).writeTo(Sinks.noop());
    Job job = grid.member(0).getJet().newJob(p, GridJobs.named("test-" + UUID.randomUUID()));
    job.join();
    assertEquals(JobStatus.COMPLETED, job.getStatus());
    assertTrue(!job.getMetrics().metrics().isEmpty(), "metrics kept after completion");
  }

  @Test
  void membersPublishMetricsOverJmx() throws Exception {
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    for (HazelcastInstance m : grid.members()) {
      assertTrue(m.getName().startsWith("daphne-worker-127.0.0.1-"), m.getName());
      ObjectName pattern =
          new ObjectName("com.hazelcast:type=Metrics,instance=" + m.getName() + ",*");
      // metrics are collected every 5 s; the first collection publishes the beans
      TestGrid.await(
          Duration.ofSeconds(30),
          "metric MBeans of " + m.getName(),
          () -> jmx.queryNames(pattern, null).size() > 10);
    }
  }

  @Test
  void hazelcastLogsGoToTheLogFile() throws Exception {
    String log = Files.readString(GridLogging.logFile());
    assertTrue(log.contains("Cluster name: " + grid.settings().clusterName()), "start logged");
    assertTrue(log.contains("Members {size:2"), "member list logged");
  }

  private static Set<Integer> rowsOf(Set<BlockKey> keys) {
    Set<Integer> rows = new HashSet<>();
    keys.forEach(k -> rows.add(k.blockRow()));
    return rows;
  }

  /** Multiplies a block in place; returns the identity of the array it worked on. */
  static final class ScaleInPlace
      implements EntryProcessor<BlockKey, DenseBlock, Integer>, Serializable {
    @Serial private static final long serialVersionUID = 1L;
    private final double factor;

    ScaleInPlace(double factor) {
      this.factor = factor;
    }

    @Override
    public Integer process(Map.Entry<BlockKey, DenseBlock> entry) {
      DenseBlock b = entry.getValue();
      double[] a = b.matrix().f64();
      for (int i = 0; i < b.matrix().size(); i++) {
        a[i] *= factor;
      }
      entry.setValue(b);
      return System.identityHashCode(a);
    }
  }
}
