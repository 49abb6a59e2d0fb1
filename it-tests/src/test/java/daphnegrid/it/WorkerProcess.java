package daphnegrid.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real {@code bin/DistributedWorker} process, its stdout and stderr in files. The launcher
 * execs the JVM, so {@link #process} is the worker's JVM itself; its one child is the launcher's
 * stderr filter. {@link #close()} kills it and everything it started, also after a failed test.
 */
final class WorkerProcess implements AutoCloseable {
  final String address;
  final Process process;
  final Path out;
  final Path err;
  private final List<ProcessHandle> family = new ArrayList<>();

  private WorkerProcess(String address, Process process, Path out, Path err) {
    this.address = address;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static WorkerProcess start(Path root, Path dir, String address, String... args) {
    return start(root, dir, Map.of(), address, args);
  }

  /** Starts a worker with extra environment variables (e.g. DAPHNE_WORKER_JVM_ARGS). */
  static WorkerProcess start(
      Path root, Path dir, Map<String, String> env, String address, String... args) {
    Path out = dir.resolve(address.replace(':', '_') + ".out");
    Path err = dir.resolve(address.replace(':', '_') + ".err");
    List<String> command =
        new ArrayList<>(List.of(root.resolve("bin/DistributedWorker").toString(), address));
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("DAPHNE_GRID_LOG_DIR", dir.resolve("logs").toString());
    pb.environment().remove("DISTRIBUTED_WORKERS");
    pb.environment().putAll(env);
    try {
      return new WorkerProcess(address, pb.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String stdout() {
    return read(out);
  }

  String stderr() {
    return read(err);
  }

  /** The worker's command line, one element per argument (empty once it has exited). */
  List<String> cmdline() {
    return cmdline(process.toHandle());
  }

  /** The command line of a running process, from /proc; empty once it has exited. */
  static List<String> cmdline(ProcessHandle h) {
    try {
      String raw = Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline"));
      return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * The processes a launcher's JVM comes with: itself and, when it runs with {@code --add-modules
   * jdk.incubator.vector} (JDK 17 to 24), the stderr filter that drops the JVM's incubator warning;
   * on JDK 25 the kernels define the module at run time and there is no filter.
   */
  static int familySize(ProcessHandle jvm) {
    return cmdline(jvm).contains("jdk.incubator.vector") ? 2 : 1;
  }

  /**
   * True while {@code h} runs. {@link ProcessHandle#isAlive()} is also true for a zombie, a process
   * that has exited but is not reaped yet (an orphaned stderr filter until init reaps it).
   */
  static boolean running(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Remembers the worker's descendants (its stderr filter), so that they can be checked after exit.
   */
  List<ProcessHandle> family() {
    process
        .toHandle()
        .descendants()
        .forEach(
            h -> {
              if (!family.contains(h)) {
                family.add(h);
              }
            });
    List<ProcessHandle> all = new ArrayList<>(family);
    all.add(process.toHandle());
    return all;
  }

  /** SIGTERM to the worker; the exit status, or -1 on timeout. */
  int terminate(Duration timeout) throws InterruptedException {
    family();
    process.destroy();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  @Override
  public void close() {
    for (ProcessHandle h : family()) {
      h.destroyForcibly();
    }
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
