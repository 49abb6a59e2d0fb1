package daphnegrid.it.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import daphnegrid.it.Lanes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden cases with {@code --distributed} on three workers in three network namespaces, the client
 * in a fourth: each prints exactly its expected output (the local run's), errors included, and
 * {@code bench/kmeans.daph} prints the centroid checksum the local run prints.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.SECOND)
@ExtendWith(SharedHostGrid.class)
class HostParityIT {
  private static HostGrid grid;

  @BeforeAll
  static void start(HostGrid shared) {
    grid = shared;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aggregation/signed_zero_many_rows",
        "aggregation/axis_forms",
        "aggregation/axis_known_only_at_run_time",
        "linalg/matmul_value_types",
        "reorganization/transpose_forms",
        "linalg/solve_with_pivoting"
      })
  void goldenCaseOnThreeHosts(String name) throws Exception {
    Path cases = HostGrid.ROOT.resolve("it-tests/src/test/conformance");
    Path script = cases.resolve(name + ".daph");
    HostGrid.Run r =
        HostGrid.Run.finish(
            grid.daphne(List.of("--distributed", "--grid-min-cells=0", script.toString())),
            Duration.ofMinutes(3));
    Path code = cases.resolve(name + ".exitcode");
    int expectedExit = Files.exists(code) ? Integer.parseInt(Files.readString(code).strip()) : 0;
    assertEquals(Files.readString(cases.resolve(name + ".expected")), r.stdout(), r.stderr());
    assertEquals(expectedExit, r.exit(), r.stderr());
    Path pinned = cases.resolve(name + ".stderr");
    String expectedErr = Files.exists(pinned) ? Files.readString(pinned) : "";
    assertEquals(expectedErr, r.stderr().replace(script.getParent() + "/", ""));
  }

  @Test
  void kmeansBenchmarkOnThreeHostsMatchesTheLocalRun() throws Exception {
    List<String> args =
        List.of(
            HostGrid.ROOT.resolve("bench/kmeans.daph").toString(),
            "n=100000",
            "m=10",
            "k=5",
            "iterations=3");
    HostGrid.Run local = HostGrid.Run.finish(grid.daphne(args), Duration.ofMinutes(3));
    assertEquals(0, local.exit(), local.stderr());
    List<String> distributed = new ArrayList<>(List.of("--distributed", "--grid-min-cells=0"));
    distributed.addAll(args);
    HostGrid.Run onGrid = HostGrid.Run.finish(grid.daphne(distributed), Duration.ofMinutes(3));
    assertEquals(0, onGrid.exit(), onGrid.stderr());
    // the first line is the checksum; the other two are times
    assertEquals(local.stdout().lines().findFirst(), onGrid.stdout().lines().findFirst());
    assertEquals(3, onGrid.stdout().lines().count(), onGrid.stdout());
  }
}
