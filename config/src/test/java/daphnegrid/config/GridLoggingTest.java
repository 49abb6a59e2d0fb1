package daphnegrid.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.logging.ILogger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridLoggingTest {
  @TempDir Path dir;

  @Test
  void writesRecordsAtOrAboveTheLevelToTheProcessFile() throws IOException {
    GridLogging.Sink sink =
        GridLogging.openSink(
            "worker-127.0.0.1-5701",
            Map.of(GridLogging.DIR_ENV, dir.toString(), GridLogging.LEVEL_ENV, "warning"));
    ILogger log = new GridLoggerFactory(() -> sink).getLogger("com.hazelcast.system.Node");
    log.info("not written");
    log.warning("disk is on fire", new IllegalStateException("smoke"));
    log.severe("written too");

    Path file = dir.resolve("worker-127.0.0.1-5701.log");
    assertEquals(file, sink.file);
    List<String> lines = Files.readAllLines(file);
    String text = String.join("\n", lines);
    assertFalse(text.contains("not written"));
    assertTrue(
        lines
            .get(0)
            .matches(
                ".* " + ProcessHandle.current().pid() + " WARNING \\[.*\\] Node: disk is on fire"),
        lines.get(0));
    assertTrue(text.contains("java.lang.IllegalStateException: smoke"));
    assertTrue(text.contains("SEVERE"));
    assertFalse(log.isInfoEnabled());
    assertTrue(log.isWarningEnabled());
  }

  @Test
  void appendsAndMovesAFullFileAside() throws IOException {
    Path file = dir.resolve("daphne.log");
    Files.writeString(file, "old\n");
    Map<String, String> env = Map.of(GridLogging.DIR_ENV, dir.toString());
    new GridLoggerFactory(() -> GridLogging.openSink("daphne", env)).getLogger("x").info("new");
    assertEquals("old", Files.readAllLines(file).get(0));
    assertTrue(Files.readString(file).contains("INFO"));

    Files.write(file, new byte[(int) GridLogging.ROTATE_BYTES + 1]);
    new GridLoggerFactory(() -> GridLogging.openSink("daphne", env)).getLogger("x").info("fresh");
    assertTrue(Files.size(dir.resolve("daphne.log.old")) > GridLogging.ROTATE_BYTES);
    assertTrue(Files.readString(file).contains("fresh"));
  }

  @Test
  void offAndStderrWriteNoFile() {
    GridLogging.Sink off =
        GridLogging.openSink(
            "p", Map.of(GridLogging.DIR_ENV, dir.toString(), GridLogging.TARGET_ENV, "off"));
    assertNull(off.file);
    assertFalse(off.accepts(Level.SEVERE));
    GridLogging.Sink err =
        GridLogging.openSink(
            "p", Map.of(GridLogging.DIR_ENV, dir.toString(), GridLogging.TARGET_ENV, "stderr"));
    assertNull(err.file);
    assertTrue(err.accepts(Level.INFO));
    assertFalse(Files.exists(dir.resolve("p.log")));
  }

  @Test
  void anUnwritableDirectoryDropsRecordsInsteadOfPrintingThem() throws IOException {
    Path notADir = Files.writeString(dir.resolve("file"), "x");
    GridLogging.Sink sink =
        GridLogging.openSink("p", Map.of(GridLogging.DIR_ENV, notADir.toString()));
    assertNull(sink.file);
    assertFalse(sink.accepts(Level.SEVERE));
  }
}
