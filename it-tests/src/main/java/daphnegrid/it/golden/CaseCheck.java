package daphnegrid.it.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Compares a run with its case: the exit status, stdout byte for byte, stderr against the pinned
 * diagnostics (empty when none are pinned; an error case must have them pinned), and the files the
 * case must write, compared as the conformance runner does (CSV cells by value, {@code .meta} files
 * by the keys the expected file holds, anything else byte for byte).
 */
public final class CaseCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CaseCheck() {}

  /** What differs, one line each; empty when the run matches the case. */
  public static List<String> mismatches(GoldenCase c, CaseRun r) {
    List<String> out = new ArrayList<>();
    if (r.exit() == CaseRun.TIMED_OUT) {
      out.add("did not finish in time");
      return out;
    }
    int want = c.expectedExit();
    if (want == -1 ? r.exit() == 0 : r.exit() != want) {
      out.add(
          "exit status "
              + r.exit()
              + ", expected "
              + (want == -1 ? "nonzero" : want)
              + stderrOf(r));
    }
    String stdout = c.expectedStdout();
    if (!stdout.equals(r.stdout())) {
      out.add("stdout: " + firstDifference(stdout, r.stdout()));
    }
    String pinned = c.pinnedStderr();
    if (pinned == null && c.isError()) {
      out.add(
          "the error case has no pinned stderr ("
              + c.stderrFile()
              + "); it printed:\n"
              + r.stderr());
    } else if (!(pinned == null ? "" : pinned).equals(r.stderr())) {
      out.add("stderr: " + firstDifference(pinned == null ? "" : pinned, r.stderr()));
    }
    Path files = c.filesDir();
    if (files != null && r.exit() == 0) {
      out.addAll(writtenFiles(files, r.workDir()));
    }
    return out;
  }

  private static String stderrOf(CaseRun r) {
    return r.stderr().isEmpty() ? "" : "; stderr:\n" + r.stderr();
  }

  /** The first line where two texts differ, both sides shown. */
  static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.min(e.length, a.length); i++) {
      if (!e[i].equals(a[i])) {
        return "line " + (i + 1) + ": expected " + quote(e[i]) + ", got " + quote(a[i]);
      }
    }
    if (a.length > e.length) {
      return "line " + (e.length + 1) + ": unexpected extra output " + quote(a[e.length]);
    }
    return "line "
        + (a.length + 1)
        + ": output ends early, expected "
        + quote(e.length > a.length ? e[a.length] : "");
  }

  private static String quote(String s) {
    String t = s.length() > 120 ? s.substring(0, 117) + "..." : s;
    return "'" + t + "'";
  }

  private static List<String> writtenFiles(Path expectedDir, Path workDir) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(expectedDir)) {
      for (Path exp : s.filter(Files::isRegularFile).sorted().toList()) {
        String rel = expectedDir.relativize(exp).toString();
        Path act = workDir.resolve(rel);
        if (!Files.isRegularFile(act)) {
          out.add(rel + " was not written");
        } else if (rel.endsWith(".meta")) {
          metaDifference(rel, exp, act, out);
        } else if (rel.endsWith(".csv")) {
          csvDifference(rel, exp, act, out);
        } else if (!Arrays.equals(Files.readAllBytes(exp), Files.readAllBytes(act))) {
          out.add(rel + " differs");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void metaDifference(String rel, Path exp, Path act, List<String> out)
      throws IOException {
    JsonNode e = JSON.readTree(exp.toFile());
    JsonNode a;
    try {
      a = JSON.readTree(act.toFile());
    } catch (IOException ex) {
      out.add(rel + ": not JSON (" + ex.getMessage() + ")");
      return;
    }
    for (Map.Entry<String, JsonNode> kv : e.properties()) {
      if (!kv.getValue().equals(a.get(kv.getKey()))) {
        out.add(
            rel
                + ": key '"
                + kv.getKey()
                + "' is "
                + a.get(kv.getKey())
                + ", expected "
                + kv.getValue());
      }
    }
  }

  private static void csvDifference(String rel, Path exp, Path act, List<String> out)
      throws IOException {
    List<List<String>> e = Csv.records(GoldenCase.read(exp));
    List<List<String>> a = Csv.records(GoldenCase.read(act));
    if (e.size() != a.size()) {
      out.add(rel + ": " + a.size() + " rows, expected " + e.size());
      return;
    }
    for (int i = 0; i < e.size(); i++) {
      if (e.get(i).size() != a.get(i).size()) {
        out.add(
            rel
                + ": row "
                + (i + 1)
                + " has "
                + a.get(i).size()
                + " cells, expected "
                + e.get(i).size());
        return;
      }
      for (int j = 0; j < e.get(i).size(); j++) {
        if (!cellsEqual(e.get(i).get(j), a.get(i).get(j))) {
          out.add(
              rel
                  + ": row "
                  + (i + 1)
                  + " column "
                  + (j + 1)
                  + " is '"
                  + a.get(i).get(j)
                  + "', expected '"
                  + e.get(i).get(j)
                  + "'");
          return;
        }
      }
    }
  }

  private static boolean cellsEqual(String e, String a) {
    if (e.equals(a)) {
      return true;
    }
    try {
      double x = Double.parseDouble(e.strip());
      double y = Double.parseDouble(a.strip());
      return x == y || (Double.isNaN(x) && Double.isNaN(y));
    } catch (NumberFormatException ex) {
      return false;
    }
  }
}
