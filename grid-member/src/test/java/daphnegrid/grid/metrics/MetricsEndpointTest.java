package daphnegrid.grid.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import daphnegrid.config.GridClient;
import daphnegrid.config.GridConnector;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.config.serial.DenseBlockSerializer;
import daphnegrid.config.testing.TestGrid;
import daphnegrid.grid.tasks.ReadPiece;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each member's endpoint serves the JVM, Hazelcast and grid metrics; the figures of held blocks
 * match what the members store, and the counters move with the work.
 */
class MetricsEndpointTest {
  private static final int BLOCKS = 24;

  private static TestGrid grid;
  private static GridClient client;
  private static IMap<BlockKey, DenseBlock> map;
  private static final List<MetricsEndpoint> endpoints = new ArrayList<>();
  private static long expectedBytes;

  @BeforeAll
  static void start() {
    grid = TestGrid.start(2);
    for (HazelcastInstance m : grid.members()) {
      endpoints.add(MetricsEndpoint.start(m, InetAddress.getLoopbackAddress(), 0));
    }
    client = GridConnector.connect(grid.settings(), grid.addresses());
    map = client.instance().getMap(client.blocksMap(1));
    Map<BlockKey, DenseBlock> batch = new HashMap<>();
    for (int r = 0; r < BLOCKS; r++) {
      DenseMatrix m = DenseMatrix.allocate(ValueType.F64, 10 + r, 3);
      DenseBlock b = new DenseBlock(r * 100L, m);
      expectedBytes += DenseBlockSerializer.serializedBytes(b);
      batch.put(new BlockKey(1, r, 0), b);
    }
    map.putAll(batch);
  }

  @AfterAll
  static void stop() {
    endpoints.forEach(MetricsEndpoint::close);
    if (client != null) {
      client.close();
    }
    if (grid != null) {
      grid.close();
    }
  }

  @Test
  void servesJvmHazelcastAndGridMetrics() throws Exception {
    String text = scrape(0);
    assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics:\n" + text);
    assertEquals(2, value(text, "hazelcast_cluster_members"));
    assertEquals(271, value(text, "hazelcast_partitions"));
    assertTrue(value(text, "hazelcast_partitions_owned") > 0);
    for (String name :
        List.of(
            "daphne_grid_bytes_in_total",
            "daphne_grid_bytes_out_total",
            "daphne_grid_programs_total",
            "daphne_grid_jet_jobs_total",
            "daphne_grid_admission_refusals_total",
            "hazelcast_migrations_completed_total")) {
      assertTrue(text.contains("\n" + name + " "), name + " missing:\n" + text);
    }
  }

  @Test
  void heldBlocksAndBytesAddUpOverTheMembers() throws Exception {
    long blocks = 0;
    long bytes = 0;
    long entries = 0;
    for (int i = 0; i < 2; i++) {
      String text = scrape(i);
      blocks += value(text, "daphne_grid_blocks_held{family=\"blocks\"}");
      bytes += value(text, "daphne_grid_bytes_held{family=\"blocks\"}");
      entries += value(text, "hazelcast_map_entries{copy=\"owned\",family=\"blocks\"}");
      assertEquals(0, value(text, "daphne_grid_blocks_held{family=\"tmp\"}"));
    }
    assertEquals(BLOCKS, blocks);
    assertEquals(BLOCKS, entries);
    assertEquals(expectedBytes, bytes);
  }

  /**
   * The finding behind daphne_grid_bytes_held: Hazelcast's own memory cost of an OBJECT-format map
   * is 0 however much it holds, and its heap cost does not include the values.
   */
  @Test
  void hazelcastCountsNoValueCostForObjectFormatMaps() {
    long owned = 0;
    long heap = 0;
    for (HazelcastInstance m : grid.members()) {
      LocalMapStats st = m.getMap(map.getName()).getLocalMapStats();
      owned += st.getOwnedEntryMemoryCost();
      heap += st.getHeapCost();
    }
    assertEquals(0, owned);
    assertTrue(heap < expectedBytes, "heap cost " + heap + " vs blocks " + expectedBytes);
  }

  @Test
  void theJmxBeanGivesTheHeldBlocksAndBytes() throws Exception {
    javax.management.MBeanServer server =
        java.lang.management.ManagementFactory.getPlatformMBeanServer();
    List<GridMetricsJmx> beans = new ArrayList<>();
    try {
      long blocks = 0;
      long bytes = 0;
      for (HazelcastInstance m : grid.members()) {
        beans.add(GridMetricsJmx.register(m));
        javax.management.ObjectName name = GridMetricsJmx.objectName(m);
        blocks += (Long) server.getAttribute(name, "BlocksHeld");
        bytes += (Long) server.getAttribute(name, "BytesHeld");
        assertTrue(server.getAttribute(name, "AdmissionRefusals") instanceof Long);
      }
      assertEquals(BLOCKS, blocks);
      assertEquals(expectedBytes, bytes);
    } finally {
      beans.forEach(GridMetricsJmx::close);
    }
    for (HazelcastInstance m : grid.members()) {
      assertTrue(!server.isRegistered(GridMetricsJmx.objectName(m)));
    }
  }

  @Test
  void countersMoveWithTheWork() throws Exception {
    long out0 = sum("daphne_grid_bytes_out_total");
    long refused0 = sum("daphne_grid_admission_refusals_total");
    DenseBlock piece = map.executeOnKey(new BlockKey(1, 3, 0), new ReadPiece(map.getName(), 0, 6));
    assertEquals(6, piece.matrix().size());
    GridMetrics.admissionRefused(grid.member(1));
    GridMetrics.admissionRefused(grid.member(1));
    assertEquals(out0 + GridMetrics.wireBytes(piece.matrix()), sum("daphne_grid_bytes_out_total"));
    assertEquals(refused0 + 2, sum("daphne_grid_admission_refusals_total"));
  }

  private static long sum(String metric) throws Exception {
    long s = 0;
    for (int i = 0; i < 2; i++) {
      s += value(scrape(i), metric);
    }
    return s;
  }

  private static String scrape(int member) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + endpoints.get(member).port() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return r.body();
  }

  /** The value of the sample named exactly (with its labels), as a whole number. */
  static long value(String text, String sample) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " ([0-9.eE+-]+)$").matcher(text);
    assertTrue(m.find(), sample + " missing:\n" + text);
    return (long) Double.parseDouble(m.group(1));
  }
}
