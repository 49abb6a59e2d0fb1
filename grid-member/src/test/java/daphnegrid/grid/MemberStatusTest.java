package daphnegrid.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cluster.Member;
import com.hazelcast.map.IMap;
import daphnegrid.config.GridClient;
import daphnegrid.config.GridConnector;
import daphnegrid.config.WorkerAddress;
import daphnegrid.config.WorkerAddresses;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.config.testing.TestGrid;
import daphnegrid.kernels.DenseMatrix;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What members report about themselves, asked by a client, and GridStatus --details. */
class MemberStatusTest {
  private static final int BLOCKS = 40;

  private static TestGrid grid;
  private static GridClient client;
  private static IMap<BlockKey, DenseBlock> map;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    grid = TestGrid.start(2);
    client = GridConnector.connect(grid.settings(), grid.addresses());
    map = client.instance().getMap(client.blocksMap(1));
    Map<BlockKey, DenseBlock> batch = new HashMap<>();
    for (int r = 0; r < BLOCKS; r++) {
      batch.put(new BlockKey(1, r, 0), new DenseBlock(r, DenseMatrix.ofDoubles(1, 2, r, -r)));
    }
    map.putAll(batch);
    // a map outside the grid's naming scheme is not counted
    client.instance().getMap("other").put(1, 2);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (grid != null) {
      grid.close();
    }
  }

  @Test
  void membersReportTheirBlocksBackupsHeapAndCluster() throws Exception {
    List<MemberStatus> all = new ArrayList<>();
    Map<Member, Future<MemberStatus>> answers =
        client
            .instance()
            .getExecutorService(GridConnector.ADMIN_EXECUTOR)
            .submitToAllMembers(new MemberStatus.Query());
    for (Future<MemberStatus> f : answers.values()) {
      all.add(f.get());
    }
    assertEquals(2, all.size());
    long blocks = 0;
    long backups = 0;
    List<String> addresses = new ArrayList<>();
    for (MemberStatus s : all) {
      blocks += s.blocks();
      backups += s.backupBlocks();
      addresses.add(s.address());
      assertEquals(grid.settings().clusterName(), s.clusterName());
      assertEquals(1, s.backupCount());
      assertTrue(s.heapUsed() > 0, "heap used " + s.heapUsed());
      assertTrue(s.heapFree() > 0, "heap free " + s.heapFree());
      long max = Runtime.getRuntime().maxMemory(); // both members live in this JVM
      assertTrue(s.heapUsed() + s.heapFree() <= max, s.heapUsed() + " + " + s.heapFree());
    }
    // every block has its primary on one member and its one backup on the other
    assertEquals(BLOCKS, blocks);
    assertEquals(BLOCKS, backups);
    assertEquals(
        grid.addresses().stream().map(WorkerAddress::toString).sorted().toList(),
        addresses.stream().sorted().toList());
  }

  @Test
  void describeFormatsOneLine() {
    MemberStatus s =
        new MemberStatus("127.0.0.1:5701", "daphne-grid", 52L << 20, 1996L << 20, 64, 63, 1);
    assertEquals(
        "heap 52 MiB used, 1996 MiB free  blocks 64 (+63 backups)  backup count 1  cluster"
            + " 'daphne-grid'",
        s.describe());
  }

  @Test
  void gridStatusDetailsGivesEachMemberItsStatus() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(new GridStatus(Map.of(), dir))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(
                "--workers",
                WorkerAddresses.format(grid.addresses()),
                "--cluster-name",
                grid.settings().clusterName(),
                "--expect",
                "2",
                "--details");
    assertEquals(0, exit, err.toString());
    List<String> lines = out.toString().lines().toList();
    assertEquals(3, lines.size(), out.toString());
    assertEquals(
        "cluster '" + grid.settings().clusterName() + "': 2 members, partitions safe",
        lines.get(0));
    Pattern member =
        Pattern.compile(
            "  (127\\.0\\.0\\.1:\\d+)  heap \\d+ MiB used, \\d+ MiB free  blocks (\\d+) \\(\\+(\\d+)"
                + " backups\\)  backup count 1  cluster '"
                + Pattern.quote(grid.settings().clusterName())
                + "'");
    long blocks = 0;
    for (String line : lines.subList(1, 3)) {
      Matcher m = member.matcher(line);
      assertTrue(m.matches(), line);
      blocks += Long.parseLong(m.group(2));
    }
    assertEquals(BLOCKS, blocks);
  }
}
