package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers use a start-up cache only for the jars it was made for
 * (deploy/bin/cache-stamps.sh): the JVM itself checks the cache's class path by the jars' names
 * only, so a rebuilt jar of the same name would otherwise get the old build's classes from the
 * cache. Checked on a directory of stand-in jars: the stamps fit the jars they were made for, and
 * no longer after a jar is rebuilt (a newer time), replaced by an older copy (an older time), added
 * or removed.
 */
class CacheStampsTest {
  @TempDir Path dir;

  private Path lib;
  private Path cache;

  private String fits() throws IOException, InterruptedException {
    return bash("daphne_cache_fits \"$1\" && echo fits || echo stale");
  }

  private String bash(String script) throws IOException, InterruptedException {
    Path stamps = ProjectPaths.root().resolve("deploy/bin/cache-stamps.sh");
    ProcessBuilder pb =
        new ProcessBuilder(
            "bash",
            "-c",
            "set -u; daphne_lib=\"$2\"; source \"$3\"; " + script,
            "bash",
            cache.toString(),
            lib.toString(),
            stamps.toString());
    return ShellRun.of(pb).out();
  }

  private void jar(String name, long mtimeSeconds) throws IOException {
    Path j = lib.resolve(name);
    Files.writeString(j, name);
    Files.setLastModifiedTime(j, FileTime.from(mtimeSeconds, TimeUnit.SECONDS));
  }

  private void setUp() throws IOException, InterruptedException {
    lib = Files.createDirectories(dir.resolve("lib"));
    cache = dir.resolve("startup/some-jdk.aot");
    Files.createDirectories(cache.getParent());
    Files.writeString(cache, "cache");
    jar("kernels.jar", 1_700_000_000L);
    jar("client-coordinator.jar", 1_700_000_100L);
    assertEquals("stale", fits(), "no stamps yet");
    assertEquals("", bash("daphne_stamp_jars \"$1\""));
    assertEquals("fits", fits(), "the jars the stamps were made for");
  }

  @Test
  void aRebuiltJarMakesTheCacheStale() throws Exception {
    setUp();
    jar("kernels.jar", 1_700_000_500L);
    assertEquals("stale", fits());
  }

  @Test
  void anOlderCopyOfAJarMakesTheCacheStale() throws Exception {
    setUp();
    jar("kernels.jar", 1_600_000_000L);
    assertEquals("stale", fits());
  }

  @Test
  void anAddedOrRemovedJarMakesTheCacheStale() throws Exception {
    setUp();
    jar("extra.jar", 1_700_000_000L);
    assertEquals("stale", fits(), "added");
    Files.delete(lib.resolve("extra.jar"));
    assertEquals("fits", fits(), "back to the stamped jars");
    Files.delete(lib.resolve("kernels.jar"));
    assertEquals("stale", fits(), "removed");
  }

  @Test
  void stampingAgainReplacesTheOldStamps() throws Exception {
    setUp();
    Files.delete(lib.resolve("kernels.jar"));
    jar("other.jar", 1_700_000_200L);
    assertEquals("", bash("daphne_stamp_jars \"$1\""));
    assertEquals("fits", fits());
  }
}
