package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the README shows a newcomer stays true: the example session prints what the README says, and
 * the demo of the first command prints the same with {@code --distributed} (embedded grid) as
 * locally, with nothing on stderr.
 */
class ExamplesIT {
  @TempDir Path dir;

  /** The text of the README's fenced block that follows the line {@code $ <command>}. */
  private static String readmeOutputOf(String command) throws Exception {
    List<String> lines = Files.readAllLines(ProjectPaths.root().resolve("README.md"));
    int at = lines.indexOf("$ " + command);
    assertTrue(at >= 0, "README has no line '$ " + command + "'");
    StringBuilder out = new StringBuilder();
    for (int i = at + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty() || line.startsWith("$ ") || line.startsWith("```")) {
        break;
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  @Test
  void theReadmeExampleSessionPrintsWhatTheReadmeShows() throws Exception {
    Path script = ProjectPaths.root().resolve("examples/hello.daph");
    assertEquals(
        readmeOutputOf("cat examples/hello.daph"),
        Files.readString(script),
        "the script shown in the README");
    DaphneRun run = DaphneRun.run(dir, Map.of(), List.of(script.toString()));
    assertEquals(0, run.exit(), run.stderr());
    assertEquals("", run.stderr());
    assertEquals(readmeOutputOf("bin/daphne examples/hello.daph"), run.stdout());
  }

  @Test
  void theDemoPrintsTheSameOnTheEmbeddedGrid() throws Exception {
    String script = ProjectPaths.root().resolve("examples/demo.daph").toString();
    DaphneRun local = DaphneRun.run(dir, Map.of(), List.of(script));
    DaphneRun grid = DaphneRun.run(dir, Map.of(), List.of("--distributed", script));
    assertEquals(0, local.exit(), local.stderr());
    assertEquals(0, grid.exit(), grid.stderr());
    assertEquals("", grid.stderr(), "stderr of the --distributed demo");
    assertTrue(local.stdout().startsWith("rows, columns:\n200000\n10\n"), local.stdout());
    assertEquals(local.stdout(), grid.stdout());
  }
}
