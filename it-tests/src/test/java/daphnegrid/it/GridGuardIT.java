package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import daphnegrid.config.GridClient;
import daphnegrid.config.GridMaps;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.CsrBlock;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.grid.tasks.GenerateBlocks;
import daphnegrid.grid.tasks.GenerateResult;
import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Memory admission and block seals on two workers with 512 MiB of heap and a grid secret:
 *
 * <ul>
 *   <li>memory: the repro, a matrix of 20,000,000 x 10 f64 (1.6 GB, 3.2 GB with its
 *       backup), must fail with exit 3 and a message with the figures before any block is made,
 *       leaving both workers healthy: a small client started at the same time finishes with the
 *       right output, and the next script on both workers runs correctly;
 *   <li>a stranger on the network, a Hazelcast 5.7 client that knows the cluster name and has the
 *       grid's classes but not the secret, attacks a running script's blocks — overwrites one with
 *       other cells under the old seal (a dense block, and a CSR row block of a run with {@code
 *       --select-matrix-repr}), clears the map, has a member write blocks into it. The run never
 *       ends with exit 0 and a wrong result: it ends with exit 3 and a message naming the tampered
 *       or missing block, or prints exactly the right output.
 * </ul>
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.SECOND)
class GridGuardIT {
  private static final String BIG =
      """
      X = rand(20000000, 10, 0.0, 1.0, 1, 42);
      print(sum(X));
      """;

  /** 100,000 x 10 cells of 1.0: the sums are exact. */
  private static final String SMALL =
      """
      Y = rand(100000, 10, 1.0, 1.0, 1, 7);
      print(sum(Y));
      print(sum(Y * 2.0));
      """;

  /** 2,000,000 x 10 cells of 0.5, on both workers (64 block rows over 271 partitions). */
  private static final String NEXT =
      """
      X = fill(0.5, 2000000, 10);
      print(sum(X));
      print(sum(X + 1.5, 0)[0:2, ]);
      """;

  /** X is 1.0 everywhere, so the right output is known: 60 sums of 8,000,000. */
  private static final String SCRIPT =
      """
      X = fill(1.0, 400000, 10);
      s = 0.0;
      for (i in 1:60) {
          s = s + sum(X * 2.0);
      }
      print(X[0:2, 0:2]);
      print(s);
      """;

  private static final String RIGHT = "DenseMatrix(2x2, double)\n1 1\n1 1\n4.8e+08\n";

  /**
   * X is a CSR matrix (--select-matrix-repr) of 400,000 ones scattered from the coordinator; each
   * iteration multiplies its CSR blocks on the members and sums the result there.
   */
  private static final String CSR_SCRIPT =
      """
      X = rand(400000, 100, 1.0, 1.0, 0.01, 3);
      print(typeOf(X));
      s = 0.0;
      for (i in 1:60) {
          s = s + sum(X * 2.0);
      }
      print(s);
      """;

  @TempDir static Path dir;
  private static GridWorkers workers;

  @BeforeAll
  static void start() throws Exception {
    workers =
        GridWorkers.start(
            Files.createDirectories(dir.resolve("workers")),
            2,
            Map.of(),
            Map.of(
                "DAPHNE_WORKER_JVM_ARGS",
                "-Xmx512m " + DrillJvm.QUICK_JIT,
                "DAPHNE_GRID_SECRET",
                "issue-10 secret: 32 bytes or so"));
  }

  @AfterAll
  static void stop() {
    if (workers != null) {
      workers.close();
    }
  }

  /** The workers' client environment, with the drills' JVM option. */
  private static Map<String, String> clientEnv() {
    Map<String, String> env = new java.util.HashMap<>(workers.env());
    env.put("DAPHNE_EXTRA_JVM_ARGS", DrillJvm.QUICK_JIT);
    return env;
  }

  private static DaphneRun distributed(String name, String text) throws Exception {
    Path script = Files.writeString(dir.resolve(name), text);
    return DaphneRun.run(dir, clientEnv(), List.of("--distributed", script.toString()));
  }

  @Test
  void aMatrixTooLargeForTheGridFailsClearlyAndTheWorkersStayHealthy() throws Exception {
    CompletableFuture<DaphneRun> big =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return distributed("big.daph", BIG);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    DaphneRun small = distributed("small.daph", SMALL);
    DaphneRun b = big.get();
    System.out.println("[grid guard] the too large rand failed after " + b.millis() + " ms");

    assertEquals(3, b.exit(), b.stderr());
    assertEquals("", b.stdout());
    assertTrue(
        b.stderr()
            .contains(
                "big.daph:1:5: error: rand: grid: rand 20000000x10 f64 needs 1.6 GB on the grid"
                    + " (1.6 GB, no backup: lost blocks are generated again), "),
        b.stderr());
    assertTrue(b.stderr().contains(" free on 2 workers: 127.0.0.1:"), b.stderr());
    assertEquals(1, b.stderr().strip().lines().count(), b.stderr());

    assertEquals(0, small.exit(), small.stderr());
    assertEquals("1e+06\n2e+06\n", small.stdout());

    for (WorkerProcess p : workers.processes) {
      assertTrue(p.process.isAlive(), "worker " + p.address + " died: " + p.stderr());
    }
    DaphneRun next = distributed("next.daph", NEXT);
    assertEquals(0, next.exit(), next.stderr());
    assertEquals("1e+07\nDenseMatrix(2x1, double)\n20\n20\n", next.stdout());
    assertEquals(2, workers.memberStats().size());
  }

  /**
   * Runs the script while the stranger, as soon as the run's block map holds blocks and until the
   * run ends, keeps doing attack(stranger's client, map name) every 100 ms; returns the run and how
   * many attacks were made.
   */
  private static DaphneRun runAttacked(String name, BiConsumer<HazelcastInstance, String> attack)
      throws Exception {
    return runAttacked(name, SCRIPT, List.of(), attack);
  }

  /** As above, for text run with options before the script. */
  private static DaphneRun runAttacked(
      String name, String text, List<String> options, BiConsumer<HazelcastInstance, String> attack)
      throws Exception {
    Path script = Files.writeString(dir.resolve(name + ".daph"), text);
    List<String> args = new ArrayList<>(options);
    args.add("--distributed");
    args.add(script.toString());
    CompletableFuture<DaphneRun> run =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return DaphneRun.run(dir, clientEnv(), args);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    AtomicInteger attacks = new AtomicInteger();
    try (GridClient stranger = workers.client()) {
      HazelcastInstance hz = stranger.instance();
      while (!run.isDone()) {
        for (String map : blockMaps(hz)) {
          if (hz.getMap(map).size() > 0) {
            attack.accept(hz, map);
            attacks.incrementAndGet();
          }
        }
        Thread.sleep(100);
      }
    }
    DaphneRun r = run.get();
    System.out.println(
        "[grid guard] stranger "
            + name
            + ": "
            + attacks
            + " attacks, exit "
            + r.exit()
            + ", "
            + r.millis()
            + " ms");
    assertTrue(attacks.get() > 0, "the run ended before the stranger found its blocks");
    return r;
  }

  private static List<String> blockMaps(HazelcastInstance hz) {
    List<String> out = new ArrayList<>();
    for (DistributedObject o : hz.getDistributedObjects()) {
      // scattered and read matrices, and generated ones (fill: no backups, made again if lost)
      if (o.getName().startsWith("blocks.") || GridMaps.isGenerated(o.getName())) {
        out.add(o.getName());
      }
    }
    return out;
  }

  private static BlockKey firstBlock(IMap<BlockKey, DenseBlock> map) {
    for (BlockKey k : map.keySet()) {
      if (k.blockRow() == 0 && k.blockCol() == 0) {
        return k;
      }
    }
    return null;
  }

  @Test
  void anOverwrittenBlockEndsTheRunWithExitThreeNamingTheTampering() throws Exception {
    DaphneRun r =
        runAttacked(
            "overwrite",
            (hz, name) -> {
              IMap<BlockKey, DenseBlock> map = hz.getMap(name);
              BlockKey key = firstBlock(map);
              DenseBlock old = key == null ? null : map.get(key);
              if (old == null) {
                return;
              }
              DenseMatrix twos = DenseMatrix.allocate(ValueType.F64, old.rows(), old.cols());
              java.util.Arrays.fill(twos.f64(), 2.0);
              // other cells under the block's own seal: what a stranger can do without the secret
              map.put(key, new DenseBlock(old.rowOffset(), twos, old.seal()));
            });
    assertEquals(3, r.exit(), r.stdout() + r.stderr());
    assertTrue(r.stderr().contains("fails its seal check"), r.stderr());
    assertTrue(r.stderr().contains("tampering"), r.stderr());
    assertTrue(r.stderr().contains("overwrite.daph:"), r.stderr());
  }

  @Test
  void anOverwrittenCsrBlockEndsTheRunWithExitThreeNamingTheTampering() throws Exception {
    DaphneRun r =
        runAttacked(
            "overwrite-csr",
            CSR_SCRIPT,
            List.of("--select-matrix-repr", "--grid-min-cells=100000"),
            (hz, name) -> {
              IMap<BlockKey, Object> map = hz.getMap(name);
              for (BlockKey key : map.keySet()) {
                if (key.blockRow() == 0 && map.get(key) instanceof CsrBlock old) {
                  CsrMatrix m = old.matrix();
                  double[] twos = new double[m.nnz()];
                  java.util.Arrays.fill(twos, 2.0);
                  CsrMatrix forged =
                      CsrMatrix.wrap(
                          ValueType.F64, m.rows(), m.cols(), m.rowOffsets(), m.colIdxs(), twos);
                  // other cells under the block's own seal
                  map.put(key, new CsrBlock(old.rowOffset(), forged, old.seal()));
                }
              }
            });
    assertEquals(3, r.exit(), r.stdout() + r.stderr());
    assertTrue(r.stderr().contains("CSR row block 0 of matrix"), r.stderr());
    assertTrue(r.stderr().contains("fails its seal check"), r.stderr());
    assertTrue(r.stderr().contains("tampering"), r.stderr());
    assertTrue(r.stderr().contains("overwrite-csr.daph:"), r.stderr());
  }

  @Test
  void aClearedMapNeverGivesAWrongResult() throws Exception {
    DaphneRun r = runAttacked("clear", (hz, name) -> hz.getMap(name).clear());
    if (r.exit() == 0) {
      assertEquals(RIGHT, r.stdout());
    } else {
      assertEquals(3, r.exit(), r.stdout() + r.stderr());
      assertTrue(r.stderr().contains("missing"), r.stderr());
      assertTrue(r.stderr().contains("clear.daph:"), r.stderr());
    }
  }

  @Test
  void membersRefuseToWriteIntoARunsMapForAStranger() throws Exception {
    List<String> failures = new ArrayList<>();
    DaphneRun r =
        runAttacked(
            "forge",
            (hz, name) -> {
              IMap<BlockKey, DenseBlock> map = hz.getMap(name);
              BlockKey key = firstBlock(map);
              if (key == null) {
                return;
              }
              // the run's matrix as the stranger can describe it, without a warrant
              MatrixRef m =
                  MatrixRef.layout(name, key.matrixId(), 400000, 10, ValueType.F64, 64L << 20);
              try {
                GenerateResult g =
                    hz.getExecutorService("daphne.compute")
                        .submitToKeyOwner(GenerateBlocks.fill(m, new int[] {0}, Scalar.f64(2.0)), 0)
                        .get();
                failures.add(String.valueOf(g.failure()));
              } catch (Exception e) {
                failures.add(e.toString());
              }
            });
    assertTrue(!failures.isEmpty());
    for (String f : failures) {
      assertTrue(f.contains("without a valid warrant"), f);
    }
    assertEquals(0, r.exit(), r.stderr());
    assertEquals(RIGHT, r.stdout());
  }
}
