package daphnegrid.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project, its launchers and the shared conformance corpus are. */
final class ProjectPaths {
  private ProjectPaths() {}

  /** The repository root (the directory holding bin/ and the parent pom). */
  static Path root() {
    String p = System.getProperty("project.root");
    Path start = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
    for (Path d = start.toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("bin/daphne"))
          && Files.isRegularFile(d.resolve("pom.xml"))) {
        return d;
      }
    }
    throw new IllegalStateException("cannot find the project root above " + start);
  }

  static Path daphne() {
    return root().resolve("bin/daphne");
  }

  /**
   * The shared conformance corpus: $CONFORMANCE_DIR, else ../shared/conformance next to the
   * repository; null when neither exists.
   */
  static Path sharedConformance() {
    String env = System.getenv("CONFORMANCE_DIR");
    Path p = env != null ? Path.of(env) : root().resolve("../shared/conformance").normalize();
    return Files.isRegularFile(p.resolve("run")) ? p : null;
  }

  /** Where the project pins the stderr of the shared corpus's cases ({@code area/name.stderr}). */
  static Path sharedDiagnostics() {
    return root().resolve("it-tests/src/test/shared-diagnostics");
  }

  /** The project's own golden cases, in the corpus layout. */
  static Path ownCases() {
    return root().resolve("it-tests/src/test/conformance");
  }
}
