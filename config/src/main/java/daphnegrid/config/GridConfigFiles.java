package daphnegrid.config;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.Config;
import com.hazelcast.config.YamlConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and reads the Hazelcast YAML files that override the built-in configuration. The search
 * rule, first match wins:
 *
 * <ol>
 *   <li>a file named on the command line ({@code DistributedWorker IP:PORT FILE} or {@code --config
 *       FILE}; the CLI's own option for the client);
 *   <li>the file named by {@code DAPHNE_WORKER_CONFIG} (members) or {@code DAPHNE_CLIENT_CONFIG}
 *       (the {@code daphne} client);
 *   <li>{@code hazelcast-worker.yaml} or {@code hazelcast-client.yaml} in the current directory;
 *   <li>none: the built-in defaults ({@link GridSettings#defaults()}, {@link MemberConfigs}, {@link
 *       ClientConfigs}).
 * </ol>
 *
 * A file named explicitly (1, 2) must exist. Member files have the root {@code hazelcast:}, client
 * files {@code hazelcast-client:}, exactly as Hazelcast documents them; the grid reads its own
 * settings from {@code cluster-name} and {@code properties: daphne.*} ({@link GridSettings}).
 */
public final class GridConfigFiles {
  public static final String WORKER_ENV = "DAPHNE_WORKER_CONFIG";
  public static final String CLIENT_ENV = "DAPHNE_CLIENT_CONFIG";
  public static final String WORKER_FILE = "hazelcast-worker.yaml";
  public static final String CLIENT_FILE = "hazelcast-client.yaml";

  private static final Set<String> ROOTS =
      Set.of("hazelcast", "hazelcast-client", "hazelcast-client-failover");
  private static final Pattern TOP_LEVEL_KEY =
      Pattern.compile("^[\"']?([A-Za-z][A-Za-z-]*)[\"']?\\s*:", Pattern.MULTILINE);

  private GridConfigFiles() {}

  /** The member YAML to use by the search rule, if any. */
  public static Optional<Path> findWorkerFile(Path explicit, Map<String, String> env, Path cwd) {
    return find(explicit, env, cwd, WORKER_ENV, WORKER_FILE);
  }

  /** The client YAML to use by the search rule, if any. */
  public static Optional<Path> findClientFile(Path explicit, Map<String, String> env, Path cwd) {
    return find(explicit, env, cwd, CLIENT_ENV, CLIENT_FILE);
  }

  /** The member config of the file found by the rule, or an empty {@code new Config()}. */
  public static Config memberBase(Path explicit, Map<String, String> env, Path cwd) {
    return findWorkerFile(explicit, env, cwd)
        .map(GridConfigFiles::readMember)
        .orElseGet(Config::new);
  }

  /** The client config of the file found by the rule, or an empty {@code new ClientConfig()}. */
  public static ClientConfig clientBase(Path explicit, Map<String, String> env, Path cwd) {
    return findClientFile(explicit, env, cwd)
        .map(GridConfigFiles::readClient)
        .orElseGet(ClientConfig::new);
  }

  /** Reads a member YAML file ({@code hazelcast:} root). */
  public static Config readMember(Path file) {
    GridLogging.installDefault();
    requireRoot(file, "hazelcast", "member");
    try (InputStream in = Files.newInputStream(file)) {
      return new YamlConfigBuilder(in).build();
    } catch (IOException | RuntimeException e) {
      throw new GridConfigException(
          "cannot read member config " + file + ": " + firstLine(e.getMessage()), e);
    }
  }

  /** Reads a client YAML file ({@code hazelcast-client:} root). */
  public static ClientConfig readClient(Path file) {
    GridLogging.installDefault();
    requireRoot(file, "hazelcast-client", "client");
    try (InputStream in = Files.newInputStream(file)) {
      return new YamlClientConfigBuilder(in).build();
    } catch (IOException | RuntimeException e) {
      throw new GridConfigException(
          "cannot read client config " + file + ": " + firstLine(e.getMessage()), e);
    }
  }

  private static Optional<Path> find(
      Path explicit, Map<String, String> env, Path cwd, String envName, String fileName) {
    if (explicit != null) {
      return Optional.of(requireFile(explicit, "config file"));
    }
    String fromEnv = env.get(envName);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(requireFile(cwd.resolve(fromEnv.strip()), envName));
    }
    Path local = cwd.resolve(fileName);
    return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
  }

  /**
   * Hazelcast's builders accept a client file as a member file (and the other way round) and
   * silently return an empty config, so the root key is checked here first.
   */
  private static void requireRoot(Path file, String root, String kind) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException | RuntimeException e) {
      throw new GridConfigException("cannot read " + kind + " config " + file + ": " + e, e);
    }
    Matcher m = TOP_LEVEL_KEY.matcher(text);
    while (m.find()) {
      String key = m.group(1);
      if (ROOTS.contains(key) && !key.equals(root)) {
        throw new GridConfigException(
            kind
                + " config "
                + file
                + " has the root '"
                + key
                + ":', expected '"
                + root
                + ":' (a "
                + kind
                + " file)");
      }
    }
  }

  private static Path requireFile(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new GridConfigException(what + " " + file + " does not exist or is not a file");
    }
    return file;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
