package daphnegrid.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherStderrTest {
  @TempDir Path dir;

  @Test
  void onlyALiveChildOfThisProcessCountsAsTheFilter() throws IOException {
    assertTrue(LauncherStderr.filter(null).isEmpty());
    assertTrue(LauncherStderr.filter("").isEmpty());
    assertTrue(LauncherStderr.filter("12x").isEmpty());
    assertTrue(LauncherStderr.filter("-1").isEmpty());
    assertTrue(LauncherStderr.filter("99999999999999999999").isEmpty());
    assertTrue(LauncherStderr.filter(Long.toString(ProcessHandle.current().pid())).isEmpty());
    assertTrue(LauncherStderr.filter("1").isEmpty(), "init is no child of ours");
    Process child = new ProcessBuilder("sleep", "600").start();
    try {
      assertEquals(
          child.pid(),
          LauncherStderr.filter(Long.toString(child.pid())).orElseThrow().pid(),
          "a child of ours");
    } finally {
      child.destroyForcibly();
    }
  }

  /**
   * The launchers' arrangement with a filter that is slow to start reading: the JVM's last stderr
   * line is written before the JVM's exit can be seen, because finish() waits for the filter.
   */
  @Test
  void theLastLineIsWrittenBeforeTheJvmExits() throws Exception {
    Path err = dir.resolve("err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    "bash",
                    "-c",
                    "exec 2> >(sleep 1; exec cat >&2); exec \"$0\" -D"
                        + LauncherStderr.FILTER_PROPERTY
                        + "=$! -cp \"$1\" \"$2\"",
                    java,
                    System.getProperty("java.class.path"),
                    Probe.class.getName()))
            .redirectError(err.toFile())
            .redirectOutput(dir.resolve("out").toFile())
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe did not end");
    assertEquals(7, p.exitValue(), Files.readString(err));
    assertEquals("first line\nlast line\n", Files.readString(err));
    assertEquals("waited for the filter\n", Files.readString(dir.resolve("out")));
  }

  /** A JVM with stderr through a launcher's filter: writes, finishes, exits with 7. */
  public static final class Probe {
    public static void main(String[] args) {
      System.err.println("first line");
      System.err.print("last line\n");
      boolean waited =
          LauncherStderr.finish(System.getProperty(LauncherStderr.FILTER_PROPERTY), WAIT);
      System.out.println(waited ? "waited for the filter" : "no filter");
      System.out.flush();
      Runtime.getRuntime().halt(7);
    }

    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(30);
  }
}
