package daphnegrid.it.golden;

import daphnegrid.runtime.grid.SharedGrid;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A test driver that runs many golden cases in one JVM, against the grid of its environment (the
 * workers {@code DISTRIBUTED_WORKERS} lists, through one shared client): how the end-to-end tests
 * run whole corpora on real worker processes without starting a JVM per case.
 *
 * <p>It reads one case per line from stdin, tab-separated: the area folder, the case name, the
 * pinned stderr file, then the command-line options. For each it prints one line, {@code PASS} or
 * {@code FAIL}, the case's id and the options, and for a failure what differed (newlines as {@code
 * \n}); {@code END} after the last.
 */
public final class BatchDriver {
  private BatchDriver() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path scratch = Files.createTempDirectory("daphne-batch");
    try (SharedGrid grid = SharedGrid.forEnvironment(System.getenv(), Path.of(""));
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      InProcessRunner runner =
          new InProcessRunner(System.getenv(), grid, scratch, Duration.ofSeconds(120));
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        GoldenCase c = new GoldenCase("batch", Path.of(f[0]), f[1], Path.of(f[2]));
        List<String> options = Arrays.asList(f).subList(3, f.length);
        CaseRun r = runner.run(c, options);
        List<String> wrong = CaseCheck.mismatches(c, r);
        String what = c.id() + " " + String.join(" ", options);
        if (wrong.isEmpty()) {
          out.println("PASS " + what);
        } else {
          out.println("FAIL " + what + ": " + String.join("; ", wrong).replace("\n", "\\n"));
        }
        ScratchFolders.deleteTree(r.workDir());
      }
      out.println("END");
    } finally {
      ScratchFolders.deleteTree(scratch);
    }
    // grid client threads are not daemons
    System.exit(0);
  }
}
