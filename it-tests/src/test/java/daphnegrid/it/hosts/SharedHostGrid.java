package daphnegrid.it.hosts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives every test class that asks one {@link HostGrid} of three workers for the whole test run:
 * starting three workers in namespaces costs most of a minute on a busy 2-core machine, so the
 * parity cases and the fault drills share it (the drills leave it healthy). JUnit closes it at the
 * end of the run (a store value that is {@link AutoCloseable}); the namespaces' shutdown hook
 * covers a JVM that is stopped instead. Aborts the asking class, with the reason, when network
 * namespaces cannot be made here.
 */
final class SharedHostGrid implements ParameterResolver {
  /** The members' orphan grace: short, so the coordinator-kill drill sees the sweep soon. */
  static final String ORPHAN_GRACE = "5s";

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    return p.getParameter().getType() == HostGrid.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    String why = NetnsHosts.unavailableReason();
    Assumptions.assumeTrue(why == null, () -> "multi-host tests skipped: " + why);
    return c.getRoot()
        .getStore(ExtensionContext.Namespace.create(SharedHostGrid.class))
        .getOrComputeIfAbsent("grid", k -> start(), HostGrid.class);
  }

  private static HostGrid start() {
    try {
      Path dir = Files.createTempDirectory("host-grid");
      // temporaries with a backup, as docs/grid.md prescribes for surviving a lost worker
      return HostGrid.start(
              dir, 3, Map.of("daphne.orphan-grace", ORPHAN_GRACE, "daphne.temp-backup-count", "1"))
          .deletingDirOnClose();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
