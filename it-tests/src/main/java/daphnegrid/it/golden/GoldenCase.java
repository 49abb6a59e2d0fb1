package daphnegrid.it.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One golden case: a script in its area folder and what running it must give. The layout is the
 * conformance corpus's ({@code <area>/<name>.daph}, {@code .expected}, {@code .exitcode}, {@code
 * .args}, {@code .files/}), plus the pinned diagnostics {@code <name>.stderr}, which live beside
 * the case for the project's own corpus and in a folder of the project for the shared one.
 *
 * @param corpus the corpus's short name ("own", "shared")
 * @param area the area folder (its files are copied into the run's working directory)
 * @param name the script's name without {@code .daph}
 * @param stderrFile where the case's pinned stderr is (it may not exist: then stderr is empty)
 */
public record GoldenCase(String corpus, Path area, String name, Path stderrFile) {
  /** The case's id: {@code area/name}. */
  public String id() {
    return area.getFileName() + "/" + name;
  }

  public Path file(String extension) {
    return area.resolve(name + extension);
  }

  /** The script arguments, one per non-blank line of {@code .args}. */
  public List<String> args() {
    return lines(".args");
  }

  /**
   * The command-line options the case needs before its script (e.g. {@code --select-matrix-repr}),
   * one per non-blank line of {@code .options}; the runner's own options come first.
   */
  public List<String> options() {
    return lines(".options");
  }

  private List<String> lines(String extension) {
    Path p = file(extension);
    if (!Files.exists(p)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String line : read(p).split("\n", -1)) {
      String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (!l.isBlank()) {
        out.add(l);
      }
    }
    return out;
  }

  public String expectedStdout() {
    return read(file(".expected"));
  }

  /** The expected exit status: a number, or -1 for "nonzero". */
  public int expectedExit() {
    Path p = file(".exitcode");
    if (!Files.exists(p)) {
      return 0;
    }
    String text = read(p).strip();
    return text.equalsIgnoreCase("nonzero") ? -1 : Integer.parseInt(text);
  }

  /** True if the case is expected to fail. */
  public boolean isError() {
    return expectedExit() != 0;
  }

  /** The pinned stderr, or null when the case has none pinned. */
  public String pinnedStderr() {
    return Files.exists(stderrFile) ? read(stderrFile) : null;
  }

  /** The folder of files the script must write, or null. */
  public Path filesDir() {
    Path p = file(".files");
    return Files.isDirectory(p) ? p : null;
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return corpus + ":" + id();
  }
}
