package daphnegrid.config;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;

/**
 * Where Hazelcast's log (and the grid's own) goes. Hazelcast must never write to the user's stdout
 * or stderr on a successful run, so by default every record goes to a file:
 *
 * <pre>
 * DAPHNE_GRID_LOG_DIR   / -Ddaphnegrid.log.dir     directory   default ${java.io.tmpdir}/daphne-grid/logs
 * DAPHNE_GRID_LOG       / -Ddaphnegrid.log          file | stderr | off          default file
 * DAPHNE_GRID_LOG_LEVEL / -Ddaphnegrid.log.level    SEVERE WARNING INFO FINE FINEST   default INFO
 * </pre>
 *
 * (system properties win over environment variables). The file is {@code <process>.log} in that
 * directory, e.g. {@code daphne.log} for the CLI and {@code worker-127.0.0.1-5701.log} for a
 * worker; processes append whole lines, each naming its pid, and a file past 16 MiB is moved to
 * {@code .old} when a process opens it. {@code stderr} makes the log visible (for debugging);
 * {@code off} drops it.
 *
 * <p>{@link #install} must run before the first Hazelcast class creates a logger (a process calls
 * it first thing in {@code main}; the config classes call {@link #installDefault()}); it points
 * {@code hazelcast.logging.class} at {@link GridLoggerFactory}. An explicit {@code
 * hazelcast.logging.type} or {@code hazelcast.logging.class} system property is respected (then
 * this class does nothing).
 */
public final class GridLogging {
  public static final String DIR_PROPERTY = "daphnegrid.log.dir";
  public static final String TARGET_PROPERTY = "daphnegrid.log";
  public static final String LEVEL_PROPERTY = "daphnegrid.log.level";
  public static final String DIR_ENV = "DAPHNE_GRID_LOG_DIR";
  public static final String TARGET_ENV = "DAPHNE_GRID_LOG";
  public static final String LEVEL_ENV = "DAPHNE_GRID_LOG_LEVEL";

  static final long ROTATE_BYTES = 16L << 20;
  private static final String HZ_CLASS = "hazelcast.logging.class";
  private static final String HZ_TYPE = "hazelcast.logging.type";

  /** Where records go; chosen once per process by {@link #install}. */
  enum Target {
    FILE,
    STDERR,
    OFF
  }

  /** The process name of everything that does not install its own: the {@code daphne} CLI. */
  public static final String DEFAULT_PROCESS = "daphne";

  private static Sink sink;

  private GridLogging() {}

  /**
   * {@link #install} with {@link #DEFAULT_PROCESS} unless a process installed its own name before.
   * The config classes call it before touching Hazelcast, because a Hazelcast class that creates
   * its logger before {@link #install} keeps writing to stderr through JUL.
   */
  public static Path installDefault() {
    return install(DEFAULT_PROCESS);
  }

  /**
   * Routes Hazelcast's logging of this process to the configured target. Idempotent: the first call
   * decides (a later call with another name keeps the first file).
   *
   * @param processName names the log file, e.g. {@code daphne} or {@code worker-127.0.0.1-5701}
   * @return the log file, or null if records go to stderr, nowhere, or to a logging framework the
   *     user chose with {@code hazelcast.logging.type/class}
   */
  public static synchronized Path install(String processName) {
    if (sink == null) {
      String hzClass = System.getProperty(HZ_CLASS);
      boolean userChoice =
          System.getProperty(HZ_TYPE) != null
              || (hzClass != null && !hzClass.equals(GridLoggerFactory.class.getName()));
      if (userChoice) {
        sink = new Sink(Target.OFF, null, Level.OFF, null);
        return null;
      }
      sink = openSink(processName, System.getenv());
      System.setProperty(HZ_CLASS, GridLoggerFactory.class.getName());
    }
    return sink.file;
  }

  /** The log file of this process, or null (not installed, stderr or off). */
  public static synchronized Path logFile() {
    return sink == null ? null : sink.file;
  }

  /** The sink records go to; installs with the default name if nobody did. */
  static synchronized Sink sink() {
    if (sink == null) {
      sink = openSink(DEFAULT_PROCESS, System.getenv());
    }
    return sink;
  }

  static Sink openSink(String processName, Map<String, String> env) {
    Target target = target(setting(TARGET_PROPERTY, TARGET_ENV, env, "file"));
    Level level = level(setting(LEVEL_PROPERTY, LEVEL_ENV, env, "INFO"));
    return switch (target) {
      case OFF -> new Sink(target, null, Level.OFF, null);
      case STDERR -> new Sink(target, null, level, System.err);
      case FILE -> {
        Path dir =
            Path.of(
                setting(
                    DIR_PROPERTY,
                    DIR_ENV,
                    env,
                    Path.of(System.getProperty("java.io.tmpdir"), "daphne-grid", "logs")
                        .toString()));
        Path file = dir.resolve(safeName(processName) + ".log");
        PrintStream out = openFile(file);
        // Nowhere to write: dropping records is better than writing them to the user's terminal.
        yield out == null
            ? new Sink(Target.OFF, null, Level.OFF, null)
            : new Sink(target, file, level, out);
      }
    };
  }

  private static PrintStream openFile(Path file) {
    try {
      Files.createDirectories(file.getParent());
      if (Files.isRegularFile(file) && Files.size(file) > ROTATE_BYTES) {
        Path old = file.resolveSibling(file.getFileName() + ".old");
        Files.move(file, old, StandardCopyOption.REPLACE_EXISTING);
      }
      OutputStream os =
          Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return new PrintStream(os, false, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String setting(
      String property, String envName, Map<String, String> env, String d) {
    String v = System.getProperty(property);
    if (v == null || v.isBlank()) {
      v = env.get(envName);
    }
    return v == null || v.isBlank() ? d : v.strip();
  }

  private static Target target(String text) {
    try {
      return Target.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Target.FILE;
    }
  }

  private static Level level(String text) {
    try {
      return Level.parse(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Level.INFO;
    }
  }

  private static String safeName(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * One open destination. Each record is formatted into one string and written with one call, so
   * lines of concurrent threads (and, through O_APPEND, of concurrent processes) do not interleave.
   */
  static final class Sink {
    final Target target;
    final Path file;
    final Level level;
    private final PrintStream out;

    Sink(Target target, Path file, Level level, PrintStream out) {
      this.target = target;
      this.file = file;
      this.level = level;
      this.out = out;
    }

    boolean accepts(Level l) {
      return out != null && l.intValue() >= level.intValue() && level != Level.OFF;
    }

    void write(String line) {
      if (out == null) {
        return;
      }
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      synchronized (this) {
        out.write(bytes, 0, bytes.length);
        out.flush();
      }
    }
  }
}
