package daphnegrid.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worker list of {@code DISTRIBUTED_WORKERS}: {@code host:port,host:port,...}. Whitespace
 * around entries is ignored and so are empty entries (a trailing comma); every other entry must be
 * a valid {@link WorkerAddress}, listed once.
 */
public final class WorkerAddresses {
  /** The environment variable naming the workers, as in DAPHNE. */
  public static final String ENV = "DISTRIBUTED_WORKERS";

  private WorkerAddresses() {}

  /**
   * Parses a comma-separated worker list.
   *
   * @throws GridConfigException naming the first malformed or repeated entry, or if no entry is
   *     left
   */
  public static List<WorkerAddress> parse(String text) {
    return parse(text, ENV);
  }

  /**
   * Parses a comma-separated worker list that came from {@code source} (e.g. {@code "--peers"}),
   * which is how errors introduce it.
   */
  public static List<WorkerAddress> parse(String text, String source) {
    if (text == null || text.isBlank()) {
      throw empty(source);
    }
    Set<WorkerAddress> seen = new LinkedHashSet<>();
    String[] items = text.split(",", -1);
    for (int i = 0; i < items.length; i++) {
      String item = items[i].strip();
      if (item.isEmpty()) {
        continue;
      }
      WorkerAddress a = WorkerAddress.parse(item, source + " entry " + (i + 1));
      if (!seen.add(a)) {
        throw new GridConfigException(
            source + " entry " + (i + 1) + " '" + item + "' lists worker " + a + " a second time");
      }
    }
    if (seen.isEmpty()) {
      throw empty(source);
    }
    return List.copyOf(seen);
  }

  /** Parses {@code DISTRIBUTED_WORKERS} from the given environment. */
  public static List<WorkerAddress> fromEnvironment(Map<String, String> env) {
    return parse(env.get(ENV));
  }

  /** The list back in {@code DISTRIBUTED_WORKERS} form. */
  public static String format(List<WorkerAddress> workers) {
    return String.join(",", workers.stream().map(WorkerAddress::toString).toList());
  }

  private static GridConfigException empty(String source) {
    if (!source.equals(ENV)) {
      return new GridConfigException(source + " is empty: expected host:port,host:port,...");
    }
    // DAPHNE: "--distributed execution is set with gRPC but EV DISTRIBUTED_WORKERS is empty"
    return new GridConfigException(
        "--distributed execution is set but EV "
            + ENV
            + " is empty: export "
            + ENV
            + "=host:port,host:port,... naming the running workers");
  }
}
