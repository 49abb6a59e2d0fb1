package daphnegrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.dsl.Span;
import java.io.StringWriter;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private final StringWriter err = new StringWriter();

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }

  private String written() {
    return err.toString(); // StringWriter: a StringBuffer inside, safe to read while written
  }

  @Test
  void drawsTheStatementWorkAndBlocksInPlaceAndErasesThemAtTheEnd() throws Exception {
    try (ProgressLine p = new ProgressLine(err, 0)) {
      p.statement(new Span("/home/me/script.daph", 4, 1));
      p.started("program p3", 64);
      String line = "[progress] script.daph:4  0/64 blocks  program p3";
      await("first drawing", () -> written().contains("\r" + line));
      p.blocksDone(12);
      String later = "[progress] script.daph:4  12/64 blocks  program p3";
      await("redrawn with the blocks done", () -> written().contains("\r" + later));
      p.finished();
      String all = written();
      assertTrue(all.endsWith("\r" + " ".repeat(later.length()) + "\r"), all);
      assertTrue(!all.contains("\n"), "no newline: the line is redrawn in place");
    }
  }

  @Test
  void nothingIsDrawnForWorkThatEndsBeforeTheDelay() {
    try (ProgressLine p = new ProgressLine(err, Long.MAX_VALUE / 2_000_000L)) {
      p.statement(new Span("s.daph", 1, 1));
      p.started("program p1", 2);
      p.blocksDone(2);
      p.finished();
    }
    // drawing starts only after the delay; close() stops the drawing thread
    assertEquals("", written());
  }

  @Test
  void aLongLineIsCutToTheTerminalWidth() {
    try (ProgressLine p = new ProgressLine(err)) {
      p.statement(new Span("a/path/the_very_long_name_of_a_script_of_someone.daph", 1234, 1));
      p.started("Jet job 'script.daph:1234:5 matmul (0123abcd scope)'", 1000);
      assertEquals(ProgressLine.MAX_WIDTH, p.text().length());
      assertTrue(
          p.text()
              .startsWith(
                  "[progress] the_very_long_name_of_a_script_of_someone.daph:1234  0/1000 blocks"),
          p.text());
      p.finished();
    }
  }
}
