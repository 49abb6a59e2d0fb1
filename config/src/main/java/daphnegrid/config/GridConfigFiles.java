package daphnegrid.config;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.Config;
import com.hazelcast.config.YamlConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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

  /** Hazelcast's own member and client lookup (system property, then files), not used here. */
  private static final String MEMBER_PROPERTY = "hazelcast.config";

  private static final String CLIENT_PROPERTY = "hazelcast.client.config";
  private static final List<String> MEMBER_NAMES =
      List.of("hazelcast.xml", "hazelcast.yaml", "hazelcast.yml");
  private static final List<String> CLIENT_NAMES =
      List.of("hazelcast-client.xml", "hazelcast-client.yaml", "hazelcast-client.yml");

  // the file each config read here came from (identity; the configs are few and short-lived)
  private static final List<Map.Entry<WeakReference<Object>, Path>> SOURCES = new ArrayList<>();

  private GridConfigFiles() {}

  /** The file config was read from by this class, if it was. */
  static synchronized Optional<Path> source(Object config) {
    for (Iterator<Map.Entry<WeakReference<Object>, Path>> it = SOURCES.iterator(); it.hasNext(); ) {
      Map.Entry<WeakReference<Object>, Path> e = it.next();
      Object c = e.getKey().get();
      if (c == null) {
        it.remove();
      } else if (c == config) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  private static synchronized <T> T remember(T config, Path file) {
    SOURCES.add(Map.entry(new WeakReference<>(config), file));
    return config;
  }

  /**
   * The standard Hazelcast configuration files that Hazelcast itself would pick up but the grid
   * does not read (it reads the file {@code used}, or none): the file named by {@code
   * -Dhazelcast.config} ({@code -Dhazelcast.client.config}), {@code hazelcast.xml/.yaml/.yml}
   * ({@code hazelcast-client.*}) in the working directory and on the classpath. One line each,
   * saying how to use it instead.
   */
  static List<String> ignoredStandardFiles(
      boolean member, Path used, Path cwd, Properties system, ClassLoader loader) {
    String property = member ? MEMBER_PROPERTY : CLIENT_PROPERTY;
    List<String> names = member ? MEMBER_NAMES : CLIENT_NAMES;
    String how =
        member
            ? "name it as the worker's ConfigFile, --config or " + WORKER_ENV
            : "name it in " + CLIENT_ENV + " or call it ./" + CLIENT_FILE;
    Path usedAbs = used == null ? null : used.toAbsolutePath().normalize();
    List<String> out = new ArrayList<>();
    String fromProperty = system.getProperty(property);
    if (fromProperty != null && !fromProperty.isBlank()) {
      Path p = cwd.resolve(fromProperty.strip()).toAbsolutePath().normalize();
      if (!p.equals(usedAbs)) {
        out.add("-D" + property + "=" + fromProperty.strip() + " is not read by the grid; " + how);
      }
    }
    for (String name : names) {
      Path p = cwd.resolve(name).toAbsolutePath().normalize();
      if (Files.isRegularFile(p) && !p.equals(usedAbs)) {
        out.add(p + " is not read by the grid; " + how);
      }
      URL r = loader == null ? null : loader.getResource(name);
      if (r != null) {
        out.add("classpath resource " + r + " is not read by the grid; " + how);
      }
    }
    return out;
  }

  private static void warnIgnored(boolean member, Path used, Path cwd) {
    List<String> lines =
        ignoredStandardFiles(
            member,
            used,
            cwd,
            System.getProperties(),
            Thread.currentThread().getContextClassLoader());
    if (!lines.isEmpty()) {
      GridLogging.installDefault();
      com.hazelcast.logging.ILogger log =
          com.hazelcast.logging.Logger.getLogger(GridConfigFiles.class);
      lines.forEach(log::warning);
    }
  }

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
    Optional<Path> file = findWorkerFile(explicit, env, cwd);
    warnIgnored(true, file.orElse(null), cwd);
    return file.map(GridConfigFiles::readMember).orElseGet(Config::new);
  }

  /** The client config of the file found by the rule, or an empty {@code new ClientConfig()}. */
  public static ClientConfig clientBase(Path explicit, Map<String, String> env, Path cwd) {
    Optional<Path> file = findClientFile(explicit, env, cwd);
    warnIgnored(false, file.orElse(null), cwd);
    return file.map(GridConfigFiles::readClient).orElseGet(ClientConfig::new);
  }

  /** Reads a member YAML file ({@code hazelcast:} root). */
  public static Config readMember(Path file) {
    GridLogging.installDefault();
    requireRoot(file, "hazelcast", "member");
    try (InputStream in = Files.newInputStream(file)) {
      return remember(new YamlConfigBuilder(in).build(), file);
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
      return remember(new YamlClientConfigBuilder(in).build(), file);
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
