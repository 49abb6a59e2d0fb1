package daphnegrid.it.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of golden cases in the corpus layout ({@code <root>/<area>/<name>.daph}), read in place.
 *
 * @param name a short name ("own", "shared")
 * @param root the folder holding the area folders
 * @param diagnostics the folder the pinned {@code <area>/<name>.stderr} files live in: the root
 *     itself for the project's own cases, a folder of the project for a corpus the project does not
 *     own
 */
public record GoldenCorpus(String name, Path root, Path diagnostics) {
  /** Every case, ordered by area and name. */
  public List<GoldenCase> cases() {
    List<GoldenCase> out = new ArrayList<>();
    try (Stream<Path> areas = Files.list(root)) {
      for (Path area : areas.filter(Files::isDirectory).sorted().toList()) {
        if (area.getFileName().toString().startsWith(".")) {
          continue;
        }
        try (Stream<Path> files = Files.list(area)) {
          for (Path f : files.sorted().toList()) {
            String fn = f.getFileName().toString();
            if (fn.endsWith(".daph") && Files.isRegularFile(f)) {
              String case_ = fn.substring(0, fn.length() - ".daph".length());
              Path stderr =
                  diagnostics.resolve(area.getFileName().toString()).resolve(case_ + ".stderr");
              out.add(new GoldenCase(name, area, case_, stderr));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
