package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The small bench/kmeans.daph run the deployment tests compare with, and its local result (the
 * centroid checksum, the first line of its output), computed once per test JVM.
 */
final class KmeansReference {
  private static String checksum;

  private KmeansReference() {}

  /** The script and its arguments: 20,000 x 10 points, 4 centroids, 3 iterations. */
  static List<String> args() {
    return new ArrayList<>(
        List.of(
            ProjectPaths.root().resolve("bench/kmeans.daph").toString(),
            "n=20000",
            "m=10",
            "k=4",
            "iterations=3"));
  }

  /** The first line bin/daphne prints for {@link #args()} without --distributed. */
  static synchronized String localChecksum() throws Exception {
    if (checksum == null) {
      Path dir = Files.createTempDirectory("kmeans-reference");
      try {
        DaphneRun local = DaphneRun.run(dir, Map.of(), args());
        assertEquals(0, local.exit(), local.stderr());
        checksum = local.stdout().lines().findFirst().orElseThrow();
      } finally {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return checksum;
  }
}
