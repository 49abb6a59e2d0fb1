package daphnegrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaphneCommandTest {
  @TempDir Path dir;

  @Test
  void optionsTakeDaphnesSpellings() throws Exception {
    CliArguments a =
        CliArguments.parse(
            new String[] {
              "-num-threads",
              "3",
              "--timing=1",
              "--vec=false",
              "--explain",
              "--args",
              "a=1,b=2",
              "s.daph",
              "--not-an-option",
              "c=3"
            });
    assertEquals("3", a.value(CliOption.NUM_THREADS));
    assertTrue(a.flag(CliOption.TIMING));
    assertTrue(!a.flag(CliOption.VEC));
    assertTrue(a.has(CliOption.EXPLAIN));
    assertEquals(Path.of("s.daph"), a.script());
    assertEquals(List.of("--not-an-option", "c=3"), a.scriptArgs());
  }

  @Test
  void unknownOptionsAndBadFlagValuesAreUsageErrors() {
    CliArguments.UsageException e =
        assertThrows(
            CliArguments.UsageException.class,
            () -> CliArguments.parse(new String[] {"--foo", "s.daph"}));
    assertEquals("daphne: Unknown command line argument '--foo'", e.getMessage());
    assertThrows(
        CliArguments.UsageException.class,
        () -> CliArguments.parse(new String[] {"--timing=maybe", "s.daph"}));
    assertThrows(
        CliArguments.UsageException.class, () -> CliArguments.parse(new String[] {"--config"}));
  }

  @Test
  void exitCodesByPhase() throws Exception {
    assertEquals(0, ScriptRun.run(dir, "print(1);").exitCode());
    assertEquals(1, ScriptRun.run(dir, "print(1;").exitCode());
    assertEquals(1, ScriptRun.run(dir, "print(y);").exitCode());
    assertEquals(2, ScriptRun.run(dir, "x = 1 / 0;").exitCode());
    ScriptRun stop = ScriptRun.run(dir, "print(\"a\");\nstop(\"why\");");
    assertEquals(3, stop.exitCode());
    assertEquals("a\n", stop.out());
    assertEquals(
        "script.daph:2:1: error: system stopped: why\n", stop.err().replace(dir + "/", ""));
  }

  @Test
  void scriptArgumentsAreCheckedBeforeAnythingRuns() throws Exception {
    Path file = dir.resolve("a.daph");
    java.nio.file.Files.writeString(file, "print($x + 1);");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, new Daphne(out, err).run(new String[] {file.toString(), "x=41"}));
    assertEquals("42\n", out.toString());
    assertEquals(1, new Daphne(out, err).run(new String[] {file.toString(), "x=1", "x=2"}));
    assertEquals(1, new Daphne(out, err).run(new String[] {file.toString(), "x"}));
    assertEquals(1, new Daphne(out, err).run(new String[] {file.toString()}));
  }

  @Test
  void helpAndVersion() {
    StringWriter out = new StringWriter();
    assertEquals(0, new Daphne(out, new StringWriter()).run(new String[] {"--version"}));
    assertTrue(out.toString().startsWith("DAPHNE Version 0.3\n"), out.toString());
    out = new StringWriter();
    assertEquals(0, new Daphne(out, new StringWriter()).run(new String[] {"--help"}));
    assertTrue(out.toString().contains("--num-threads"), out.toString());
    assertTrue(out.toString().contains("--grid-broadcast-max-cells"), out.toString());
  }

  @Test
  void gridThresholdsMustBeNonNegativeNumbers() throws Exception {
    Path file = dir.resolve("a.daph");
    java.nio.file.Files.writeString(file, "print(1);");
    StringWriter err = new StringWriter();
    assertEquals(
        1,
        new Daphne(new StringWriter(), err)
            .run(new String[] {"--grid-broadcast-max-cells=-1", file.toString()}));
    assertEquals(
        "daphne: --grid-broadcast-max-cells must not be negative, got -1\n", err.toString());
    StringWriter out = new StringWriter();
    assertEquals(
        0,
        new Daphne(out, new StringWriter())
            .run(new String[] {"--grid-broadcast-max-cells=0", file.toString()}));
    assertEquals("1\n", out.toString());
  }

  @Test
  void anOutputThatCannotBeWrittenIsAnErrorNotACrash() throws Exception {
    Path file = dir.resolve("out.daph");
    java.nio.file.Files.writeString(file, "print(1);");
    java.io.Writer brokenPipe =
        new java.io.Writer() {
          @Override
          public void write(char[] cbuf, int off, int len) {}

          @Override
          public void flush() throws java.io.IOException {
            throw new java.io.IOException("Broken pipe");
          }

          @Override
          public void close() {}
        };
    StringWriter err = new StringWriter();
    assertEquals(3, new Daphne(brokenPipe, err).run(new String[] {file.toString()}));
    assertTrue(err.toString().contains("Broken pipe"), err.toString());
    assertFalse(err.toString().contains("internal error"), err.toString());
    assertEquals(1, err.toString().lines().count(), err.toString());
  }
}
