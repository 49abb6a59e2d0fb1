package daphnegrid.it.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.it.Lanes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Fault drills on three workers in three network namespaces, the client in a fourth. Every drill
 * starts a short k-means script, waits for the marker file the script writes before its loop (the
 * data is on the grid, the loop is next), does its harm, and then requires either the local run's
 * output byte for byte with exit 0, or a clean exit 3 that names the lost worker — within {@link
 * #HANG}, never a hang, never other output. Each drill leaves three healthy workers for the next
 * (one set of hosts for all of them). The measured times are printed at the end as a table;
 * docs/grid.md ("Faults") records them.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.SECOND)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedHostGrid.class)
class HostFaultsIT {
  /** A run that takes longer than this after its fault is a hang. */
  static final Duration HANG = Duration.ofMinutes(3);

  /** The orphan grace of the members (daphne.orphan-grace). */
  static final Duration GRACE = Duration.parse("PT" + SharedHostGrid.ORPHAN_GRACE);

  private static final String KMEANS =
      """
      X = rand($n, 10, 0.0, 1.0, 1.0, 7);
      C = rand(4, 10, 0.0, 1.0, 1.0, 9);
      print(sum(X));
      writeMatrix(C, $marker);
      for (it in 1:$iterations) {
          D = -2.0 * (X @ t(C)) + t(sum(C ^ 2, 0));
          P = D <= aggMin(D, 0);
          P = P / sum(P, 0);
          C = (t(P) @ X) / t(sum(P, 1));
      }
      print(C);
      """;

  /**
   * The same loop over data the grid cannot make again: X is a program's result (no backups, see
   * {@code GridHandles#create}), not a generated matrix, whose lost blocks the coordinator makes
   * again from the seed.
   */
  private static final String KMEANS_DERIVED =
      KMEANS.replace(
          "X = rand($n, 10, 0.0, 1.0, 1.0, 7);", "X = rand($n, 10, 0.0, 1.0, 1.0, 7) + 0.0;");

  @TempDir static Path dir;
  private static HostGrid grid;
  private static Path script;
  private static Path derived;
  private static final Map<String, String> expected = new java.util.HashMap<>();
  private static final List<String> table =
      new ArrayList<>() {
        @Override
        public boolean add(String row) {
          System.out.println("fault drill: " + row); // at once, so that a later failure keeps it
          return super.add(row);
        }
      };
  private static long baselineMillis;

  @BeforeAll
  static void start(HostGrid shared) throws Exception {
    grid = shared;
    script = Files.writeString(dir.resolve("kmeans.daph"), KMEANS);
    derived =
        Files.writeString(
            Files.createDirectories(dir.resolve("derived")).resolve("kmeans.daph"), KMEANS_DERIVED);
  }

  @AfterAll
  static void report() {
    if (!table.isEmpty()) {
      System.out.println("Fault drills on three namespace hosts (ms):");
      table.forEach(l -> System.out.println("  " + l));
    }
  }

  /**
   * Every worker running again, whatever the drill did. The next drill's client waits for all of
   * them and a safe cluster before its script starts (daphne.ready-timeout), as every client does.
   */
  @AfterEach
  void heal() {
    for (int h : grid.workerHosts()) {
      if (!grid.alive(h)) {
        grid.startWorker(h);
        grid.awaitStarted(h);
      }
    }
  }

  private static String local(String... args) throws Exception {
    String key = String.join(" ", args);
    if (!expected.containsKey(key)) {
      List<String> a = new ArrayList<>(List.of(script.toString()));
      a.addAll(List.of(args));
      a.add(markerArg(dir.resolve("local-marker-" + expected.size() + ".csv")));
      HostGrid.Run r = HostGrid.Run.finish(grid.daphne(a), HANG);
      assertEquals(0, r.exit(), r.stderr());
      expected.put(key, r.stdout());
    }
    return expected.get(key);
  }

  /** The marker file each launched run writes before its loop (bin/daphne buffers stdout). */
  private static final Map<HostGrid.Launched, Path> markers = new java.util.HashMap<>();

  private static String markerArg(Path file) {
    return "marker=\"" + file + "\"";
  }

  /**
   * Waits until the script is about to enter its loop: it wrote its marker file (after printing
   * sum(X), so X is on the grid); returns {@link System#nanoTime()}.
   */
  private static long inLoop(HostGrid.Launched l) {
    Path marker = markers.get(l);
    HostGrid.await(
        "the marker of " + l.process().pid(),
        () -> {
          if (Files.exists(marker)) {
            return true;
          }
          if (!l.process().isAlive()) {
            throw new AssertionError(
                "ended early with " + l.process().exitValue() + ": " + l.err());
          }
          return false;
        });
    return System.nanoTime();
  }

  private static HostGrid.Launched launch(String... args) throws Exception {
    return launch(script, args);
  }

  private static HostGrid.Launched launch(Path script, String... args) throws Exception {
    List<String> a = new ArrayList<>(List.of("--distributed", "--grid-min-cells=0"));
    for (String arg : args) {
      if (arg.startsWith("--")) {
        a.add(arg); // an option: before the script
      }
    }
    a.add(script.toString());
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        a.add(arg);
      }
    }
    Path marker = dir.resolve("marker-" + markers.size() + ".csv");
    a.add(markerArg(marker));
    HostGrid.Launched l = grid.daphne(a);
    markers.put(l, marker);
    return l;
  }

  private static final String[] SHORT = {"n=100000", "iterations=8"};

  @Test
  @Order(0)
  void baseline() throws Exception {
    String want = local(SHORT);
    HostGrid.Launched l = launch(SHORT);
    long first = inLoop(l);
    HostGrid.Run r = HostGrid.Run.finish(l, HANG);
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(want, r.stdout());
    baselineMillis = (r.endNanos() - first) / 1_000_000;
    table.add("no fault: loop " + baselineMillis + " (whole run " + r.millis() + ")");
  }

  /**
   * kill -9 of one of three workers mid-script, ten times (each worker in turn); the killed worker
   * is started again once the others have dropped it, as its supervisor would, and rejoins during
   * or after the run. X is generated without backups: the blocks the victim held are made again
   * from the seed ({@code grid_block_rows_regenerated} in --timing).
   */
  @Test
  @Order(1)
  void killOneOfThreeTenTimes() throws Exception {
    String want = local(SHORT);
    long worst = 0;
    long sum = 0;
    long regenerated = 0;
    Pattern rows = Pattern.compile("\"grid_block_rows_regenerated\":\\s*([0-9.]+)");
    String[] timed = {"--timing", SHORT[0], SHORT[1]};
    for (int run = 0; run < 10; run++) {
      int victim = grid.workerHosts().get(run % 3);
      HostGrid.Launched l = launch(timed);
      long first = inLoop(l);
      grid.kill(victim);
      grid.awaitGone(victim);
      grid.startWorker(victim);
      HostGrid.Run r = HostGrid.Run.finish(l, HANG);
      assertEquals(0, r.exit(), "run " + run + ": " + r.stderr());
      assertEquals(want, r.stdout(), "run " + run);
      Matcher m = rows.matcher(r.stderr());
      assertTrue(m.find(), "no --timing line: " + r.stderr());
      regenerated += (long) Double.parseDouble(m.group(1));
      long loop = (r.endNanos() - first) / 1_000_000;
      worst = Math.max(worst, loop);
      sum += loop;
      // no wait for the victim's start line here: the next run's client waits for all three
      // workers and a safe cluster before its script starts, while its own JVM starts
    }
    assertTrue(regenerated > 0, "no lost block of X was made again in ten kills");
    table.add(
        "kill -9 of 1 of 3 (x10, restarted once dropped): identical 10/10, block rows of X"
            + " made again "
            + regenerated
            + ", loop mean "
            + sum / 10
            + ", worst "
            + worst
            + " (no fault "
            + baselineMillis
            + ")");
  }

  @Test
  @Order(2)
  void killTwoOfThreeExitsThreeNamingTheLostWorkers() throws Exception {
    HostGrid.Launched l = launch(derived, "n=100000", "iterations=1000");
    inLoop(l);
    List<Integer> hosts = grid.workerHosts();
    long t0 = System.nanoTime();
    grid.kill(hosts.get(0));
    grid.kill(hosts.get(1));
    HostGrid.Run r = HostGrid.Run.finish(l, HANG);
    long toExit = (r.endNanos() - t0) / 1_000_000;
    assertEquals(3, r.exit(), r.stderr());
    assertTrue(r.stderr().contains(grid.address(hosts.get(0))), r.stderr());
    assertTrue(r.stderr().contains(grid.address(hosts.get(1))), r.stderr());
    assertTrue(
        r.stderr().matches("(?s)[^\\n]*kmeans\\.daph:\\d+:\\d+: error: [^\\n]*\\n"), r.stderr());
    table.add("kill -9 of 2 of 3: exit 3 after " + toExit + " (" + r.stderr().strip() + ")");
  }

  /** Identical output with exit 0, or exit 3 naming the worker; returns a description. */
  private static String identicalOrLost(HostGrid.Run r, String want, int host) {
    if (r.exit() == 0) {
      assertEquals(want, r.stdout());
      assertEquals("", r.stderr());
      return "identical output";
    }
    assertEquals(3, r.exit(), r.stderr());
    assertTrue(r.stderr().contains(grid.address(host)), r.stderr());
    assertTrue(want.startsWith(r.stdout()), "partial output is not a prefix: " + r.stdout());
    return "exit 3 (" + r.stderr().strip() + ")";
  }

  private static final String[] LONGER = {"n=100000", "iterations=12"};

  @Test
  @Order(3)
  void linkDownForTwentySeconds() throws Exception {
    String want = local(LONGER);
    int host = grid.workerHosts().get(2);
    HostGrid.Launched l = launch(LONGER);
    inLoop(l);
    long t0 = System.nanoTime();
    grid.hosts.linkDown(host);
    try {
      HostGrid.pause(20_000);
    } finally {
      grid.hosts.linkUp(host);
    }
    HostGrid.Run r = HostGrid.Run.finish(l, HANG);
    String what = identicalOrLost(r, want, host);
    table.add(
        "link down 20 s: "
            + what
            + ", fault to end "
            + (r.endNanos() - t0) / 1_000_000
            + ", script "
            + r.millis());
  }

  @Test
  @Order(4)
  void workerPausedWithSigstopForTwentySeconds() throws Exception {
    String want = local(LONGER);
    int host = grid.workerHosts().get(1);
    HostGrid.Launched l = launch(LONGER);
    inLoop(l);
    long t0 = System.nanoTime();
    grid.signal(host, "STOP");
    try {
      HostGrid.pause(20_000);
    } finally {
      grid.signal(host, "CONT");
    }
    HostGrid.Run r = HostGrid.Run.finish(l, HANG);
    String what = identicalOrLost(r, want, host);
    table.add(
        "SIGSTOP 20 s, then SIGCONT: "
            + what
            + ", fault to end "
            + (r.endNanos() - t0) / 1_000_000
            + ", script "
            + r.millis());
  }

  /**
   * Arguments for a loop that outlasts a worker's start: the time the first workers took to start
   * (three at once, so under load as a start during a script is), plus 6 s for noticing the kill
   * and for iterations after the start line (at least 100 iterations). The baseline's 8 iterations
   * include their warm-up and the client's exit, so a later iteration takes about a third of their
   * mean. Both drills check that the script was still running when the worker's start line came;
   * attempt n runs 2^n times as many iterations (a load spike can make a start outlast the first
   * script). A longer first loop would only burn CPU that the other test lanes need.
   */
  private static String[] longer(int attempt) {
    long perIteration = Math.max(1, baselineMillis / 8 / 3);
    long iterations = Math.max(100, (grid.startMillis + 6_000) / perIteration) << attempt;
    return new String[] {"n=100000", "iterations=" + iterations};
  }

  /**
   * How often a drill whose worker must come back (or join) while the script runs tries again, with
   * a loop twice as long each time, when a load spike made the worker's start outlast the script.
   * Every attempt's output is checked all the same.
   */
  private static final int ATTEMPTS = 3;

  /** kill -9 and start again; the new worker rejoins while the script still runs. */
  @Test
  @Order(5)
  void workerRestartedWhileTheScriptRuns() throws Exception {
    int host = grid.workerHosts().get(0);
    for (int attempt = 0; ; attempt++) {
      String[] args = longer(attempt);
      String want = local(args);
      HostGrid.Launched l = launch(args);
      inLoop(l);
      grid.kill(host);
      grid.awaitGone(host);
      long t0 = System.nanoTime();
      grid.startWorker(host);
      grid.awaitStarted(host);
      long rejoin = (System.nanoTime() - t0) / 1_000_000;
      boolean during = l.process().isAlive();
      HostGrid.Run r = HostGrid.Run.finish(l, HANG);
      assertEquals(0, r.exit(), r.stderr());
      assertEquals(want, r.stdout());
      if (during) {
        table.add(
            "restart (kill -9, start) mid-script: identical, start line after "
                + rejoin
                + ", "
                + args[1]
                + " in "
                + r.millis()
                + attempts(attempt));
        return;
      }
      assertTrue(
          attempt + 1 < ATTEMPTS,
          "the script ended before the worker was back, " + ATTEMPTS + " times: make it longer");
    }
  }

  /** A fourth worker on a new host joins mid-script: partitions migrate, the output is the same. */
  @Test
  @Order(6)
  void newWorkerJoiningMidScript() throws Exception {
    int host = -1;
    for (int attempt = 0; ; attempt++) {
      String[] args = longer(attempt);
      String want = local(args);
      HostGrid.Launched l = launch(args);
      inLoop(l);
      long t0 = System.nanoTime();
      if (host < 0) {
        host = grid.addWorkerHost();
      } else {
        grid.startWorker(host);
      }
      grid.awaitStarted(host);
      long joined = (System.nanoTime() - t0) / 1_000_000;
      boolean during = l.process().isAlive();
      HostGrid.Run r = HostGrid.Run.finish(l, HANG);
      assertEquals(0, r.exit(), r.stderr());
      assertEquals(want, r.stdout());
      if (during) {
        HostGrid.Run status = grid.status("--expect", "4", "--wait", "60");
        assertEquals(0, status.exit(), status.stderr());
        assertTrue(status.stdout().contains("4 members"), status.stdout());
        table.add(
            "join of a 4th worker mid-script: identical, start line after "
                + joined
                + ", "
                + args[1]
                + " in "
                + r.millis()
                + attempts(attempt));
        return;
      }
      assertTrue(
          attempt + 1 < ATTEMPTS,
          "the script ended before the new worker joined, " + ATTEMPTS + " times: make it longer");
      // it joined after the script: it leaves again, to join the next attempt's script
      grid.retire(host);
    }
  }

  private static String attempts(int attempt) {
    return attempt == 0 ? "" : " (attempt " + (attempt + 1) + ": the earlier scripts ended first)";
  }

  private static final Pattern BLOCKS = Pattern.compile("blocks (\\d+) \\(\\+(\\d+) backups\\)");

  /** kill -9 of bin/daphne: the members destroy its maps once the orphan grace has passed. */
  @Test
  @Order(7)
  void coordinatorKilledItsMapsAreSwept() throws Exception {
    HostGrid.Launched l = launch("n=100000", "iterations=100000");
    inLoop(l);
    assertTrue(held(grid.status("--details", "--wait", "30")) > 0, "no blocks on the grid");
    long t0 = System.nanoTime();
    l.process().toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    l.process().destroyForcibly();
    l.process().waitFor();
    long swept = -1;
    long deadline = t0 + HANG.toNanos();
    while (System.nanoTime() < deadline) {
      if (held(grid.status("--details", "--wait", "30")) == 0) {
        swept = (System.nanoTime() - t0) / 1_000_000;
        break;
      }
      HostGrid.pause(250);
    }
    assertTrue(swept >= 0, "the members kept the killed coordinator's maps");
    table.add(
        "kill -9 of bin/daphne: maps swept after " + swept + " (grace " + GRACE.toMillis() + ")");
  }

  /** Blocks and backups all members report (GridStatus --details). */
  private static long held(HostGrid.Run status) {
    assertEquals(0, status.exit(), status.stderr());
    long n = 0;
    Matcher m = BLOCKS.matcher(status.stdout());
    int members = 0;
    while (m.find()) {
      n += Long.parseLong(m.group(1)) + Long.parseLong(m.group(2));
      members++;
    }
    assertTrue(members > 0, status.stdout());
    return n;
  }
}
