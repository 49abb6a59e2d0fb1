package daphnegrid.grid;

import com.hazelcast.config.Config;
import daphnegrid.config.GridConfigException;
import daphnegrid.config.GridConfigFiles;
import daphnegrid.config.GridLogging;
import daphnegrid.config.GridSettings;
import daphnegrid.config.LauncherStderr;
import daphnegrid.config.MemberConfigs;
import daphnegrid.config.WorkerAddress;
import daphnegrid.config.WorkerAddresses;
import daphnegrid.grid.metrics.MetricsEndpoint;
import daphnegrid.kernels.ProcessStart;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code DistributedWorker IP:PORT [ConfigFile] [--peers host:port,...]}: one grid worker, a
 * Hazelcast member bound to exactly {@code IP:PORT}, until SIGINT or SIGTERM.
 *
 * <p>A tour: the address names the log file ({@link GridLogging}); the member YAML is found by
 * {@link GridConfigFiles}'s rule and gives the {@link GridSettings}; {@link MemberConfigs} builds
 * the member config; {@link GridMember} starts it, and {@link MetricsEndpoint} serves its
 * Prometheus metrics (on the worker port + {@value #METRICS_PORT_OFFSET} unless {@code
 * --metrics-port} or {@value #METRICS_PORT_ENV} says otherwise). Then DAPHNE's start line goes to
 * stdout — the only output of a healthy worker. A signal leaves the cluster gracefully (partitions
 * handed over, so a backed-up map loses nothing) and the process exits 0. A member that stops
 * without a signal ({@link GridMember#awaitStop()}: shut down from outside, stopped by Hazelcast
 * itself, a failed merge) is broken as a worker: the process says why in one line on stderr and
 * exits 4, so that a supervisor restarts it instead of keeping a process that serves nothing.
 *
 * <p>Exit codes: 0 after a signal, 1 for bad arguments or configuration (DAPHNE's usage line on
 * stderr), 3 if the member could not start, 4 if the member stopped without a signal. (The launcher
 * runs workers with {@code -XX:+ExitOnOutOfMemoryError}: the JVM's own exit after an
 * OutOfMemoryError is 3 too.)
 */
@Command(
    name = "DistributedWorker",
    description = {
      "Starts a Daphne Grid worker: a Hazelcast member listening on exactly IP:PORT.",
      "Peers come from --peers or DISTRIBUTED_WORKERS; the member YAML from ConfigFile,",
      "--config, $DAPHNE_WORKER_CONFIG or ./hazelcast-worker.yaml. Logs go to",
      "$DAPHNE_GRID_LOG_DIR (default ${java.io.tmpdir}/daphne-grid/logs)."
    },
    sortOptions = false)
public final class DistributedWorker implements Callable<Integer> {
  /** DAPHNE's usage line. */
  static final String USAGE = "Usage: DistributedWorker <Address:Port> [ConfigFile]";

  static final int EXIT_USAGE = 1;
  static final int EXIT_START_FAILED = 3;
  static final int EXIT_MEMBER_STOPPED = 4;

  /** The metrics port is the worker port plus this, unless set. */
  public static final int METRICS_PORT_OFFSET = 1000;

  /** The environment variable setting the metrics port ({@code off}: no endpoint). */
  public static final String METRICS_PORT_ENV = "DAPHNE_METRICS_PORT";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IP:PORT", description = "Address to listen on.")
  String address;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "ConfigFile",
      description = "Hazelcast member YAML (root 'hazelcast:').")
  Path configFile;

  @Option(names = "--config", paramLabel = "FILE", description = "Same as ConfigFile.")
  Path configOption;

  @Option(
      names = "--peers",
      paramLabel = "HOST:PORT,...",
      description = "Workers to join (default: $DISTRIBUTED_WORKERS; none: start alone).")
  String peers;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT|off",
      description = {
        "Serve Prometheus metrics on http://IP:PORT/metrics (default: $DAPHNE_METRICS_PORT,",
        "else the worker port + " + METRICS_PORT_OFFSET + "); 'off' serves none."
      })
  String metricsPort;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  boolean help;

  private final Map<String, String> env;
  private final Path cwd;
  private final Consumer<GridMember> onStarted;

  DistributedWorker(Map<String, String> env, Path cwd, Consumer<GridMember> onStarted) {
    this.env = env;
    this.cwd = cwd;
    this.onStarted = onStarted;
  }

  public static void main(String[] args) {
    ProcessStart.mark();
    // A Hazelcast thread that dies of an exception goes to the worker's log, not to its stderr: a
    // member shut down from outside can race its own Jet job scan against its terminated scheduler
    // (RejectedExecutionException), which is noise once the worker reports the shutdown itself.
    Thread.setDefaultUncaughtExceptionHandler(
        (t, e) ->
            com.hazelcast.logging.Logger.getLogger(DistributedWorker.class)
                .warning("thread " + t.getName() + " ended with an exception", e));
    DistributedWorker worker =
        new DistributedWorker(
            System.getenv(), Path.of("").toAbsolutePath(), DistributedWorker::stopOnSignals);
    int code = commandLine(worker).execute(args);
    LauncherStderr.finish();
    System.exit(code);
  }

  /** The command with DAPHNE's usage line for argument errors. */
  static CommandLine commandLine(DistributedWorker worker) {
    CommandLine cl = new CommandLine(worker);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("DistributedWorker: " + ex.getMessage());
          err.println(USAGE);
          err.flush();
          return EXIT_USAGE;
        });
    return cl;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    WorkerAddress self;
    int metrics;
    Config config;
    GridSettings settings;
    try {
      self = WorkerAddress.parse(address, "worker address");
      if (configFile != null && configOption != null) {
        throw new GridConfigException("give the config file once: as ConfigFile or --config");
      }
      GridLogging.install("worker-" + self.host().replace(':', '_') + "-" + self.port());
      List<WorkerAddress> peerList = peerList();
      Path explicit = configFile != null ? configFile : configOption;
      Config base =
          GridConfigFiles.memberBase(explicit == null ? null : cwd.resolve(explicit), env, cwd);
      settings = GridSettings.of(base);
      metrics = metricsPort(self, peerList);
      config = MemberConfigs.create(settings, self, peerList, base);
      // the secret comes from the environment or the config file, never the command line
      daphnegrid.config.GridSecret.load(settings, env)
          .ifPresent(
              s -> daphnegrid.config.serial.BlockSeal.of(s).install(config.getUserContext()));
    } catch (GridConfigException e) {
      err.println("DistributedWorker: " + e.getMessage());
      err.println(USAGE);
      err.flush();
      return EXIT_USAGE;
    }

    GridMember member;
    try {
      member = GridMember.start(settings, config);
    } catch (RuntimeException e) {
      Path log = GridLogging.logFile();
      err.println(
          "DistributedWorker: cannot start a worker on "
              + self
              + ": "
              + reason(e)
              + (log == null ? "" : " (log: " + log + ")"));
      err.flush();
      return EXIT_START_FAILED;
    }
    MetricsEndpoint endpoint = null;
    if (metrics >= 0) {
      try {
        endpoint = MetricsEndpoint.start(member.instance(), bindAddress(self), metrics);
        member
            .instance()
            .getLoggingService()
            .getLogger(DistributedWorker.class)
            .info("metrics at http://" + self.resolveIp() + ":" + endpoint.port() + "/metrics");
      } catch (RuntimeException e) {
        if (!metricsPortChosen()) {
          // the default port is a convenience: a worker still runs without its endpoint
          member
              .instance()
              .getLoggingService()
              .getLogger(DistributedWorker.class)
              .warning(
                  "no metrics endpoint: the default metrics port "
                      + metrics
                      + " is not free ("
                      + reason(e)
                      + "); set --metrics-port or "
                      + METRICS_PORT_ENV);
          return runUntilStopped(out, err, self, member, null);
        }
        member.instance().getLifecycleService().terminate();
        err.println(
            "DistributedWorker: cannot start a worker on "
                + self
                + ": metrics port "
                + metrics
                + ": "
                + reason(e)
                + " (choose another with --metrics-port or "
                + METRICS_PORT_ENV
                + ", or 'off')");
        err.flush();
        return EXIT_START_FAILED;
      }
    }
    return runUntilStopped(out, err, self, member, endpoint);
  }

  private boolean metricsPortChosen() {
    String fromEnv = env.get(METRICS_PORT_ENV);
    return metricsPort != null || (fromEnv != null && !fromEnv.isBlank());
  }

  /** Prints the start line, waits for the member to stop, and gives the exit code. */
  private int runUntilStopped(
      PrintWriter out,
      PrintWriter err,
      WorkerAddress self,
      GridMember member,
      MetricsEndpoint endpoint)
      throws InterruptedException {
    out.println("Started Distributed Worker on `" + self + "`");
    out.flush();
    onStarted.accept(member);
    GridMember.Stop stop;
    try {
      stop = member.awaitStop();
    } finally {
      if (endpoint != null) {
        endpoint.close();
      }
    }
    if (stop.requested()) {
      return 0;
    }
    Path log = GridLogging.logFile();
    err.println(
        "DistributedWorker: the worker on "
            + self
            + " stopped without a stop signal: "
            + stop.reason()
            + (log == null ? "" : " (log: " + log + ")"));
    err.flush();
    return EXIT_MEMBER_STOPPED;
  }

  private List<WorkerAddress> peerList() {
    if (peers != null) {
      return WorkerAddresses.parse(peers, "--peers");
    }
    String fromEnv = env.get(WorkerAddresses.ENV);
    return fromEnv == null || fromEnv.isBlank() ? List.of() : WorkerAddresses.parse(fromEnv);
  }

  /**
   * The metrics port: {@code --metrics-port}, else {@value #METRICS_PORT_ENV}, else the worker port
   * plus {@value #METRICS_PORT_OFFSET}; -1 for {@code off}. A port that a worker of this host
   * (itself or a listed peer) uses for Hazelcast is refused.
   */
  int metricsPort(WorkerAddress self, List<WorkerAddress> peers) {
    String v = metricsPort;
    String from = "--metrics-port";
    if (v == null) {
      v = env.get(METRICS_PORT_ENV);
      from = METRICS_PORT_ENV;
    }
    if (v == null || v.isBlank()) {
      int p = self.port() + METRICS_PORT_OFFSET;
      return p <= 65535 ? p : -1;
    }
    v = v.strip();
    if (v.equalsIgnoreCase("off")) {
      return -1;
    }
    int port;
    try {
      port = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new GridConfigException(from + " must be a port number or 'off', got '" + v + "'");
    }
    if (port < 1 || port > 65535) {
      throw new GridConfigException(from + " must be a port from 1 to 65535, got " + port);
    }
    if (port == self.port()) {
      throw new GridConfigException(
          from + " " + port + " is the worker's own Hazelcast port; choose another");
    }
    for (WorkerAddress p : peers) {
      if (p.port() == port && p.host().equals(self.host())) {
        throw new GridConfigException(
            from + " " + port + " is the Hazelcast port of the worker " + p + "; choose another");
      }
    }
    return port;
  }

  private static InetAddress bindAddress(WorkerAddress self) {
    try {
      return InetAddress.getByName(self.resolveIp());
    } catch (UnknownHostException e) {
      throw new GridConfigException("cannot resolve " + self.host() + ": " + e.getMessage());
    }
  }

  /** The innermost message, which names the real problem (bind failure, no such interface). */
  private static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() != null ? t.getMessage() : t.toString();
    if (t != e && e.getMessage() != null && !e.getMessage().contains(m)) {
      m = e.getMessage() + ": " + m;
    }
    return m.lines().findFirst().orElse(m);
  }

  /**
   * SIGTERM and SIGINT shut the member down gracefully; {@link #call()} then returns and the
   * process exits 0. Handling the signals (instead of relying on Hazelcast's GRACEFUL shutdown
   * hook, which stays configured as a backstop) is what makes the exit status 0 rather than the
   * JVM's 143/130.
   */
  private static void stopOnSignals(GridMember member) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), sig -> member.shutdown());
      } catch (IllegalArgumentException e) {
        // the JVM reserves the signal (-Xrs): the GRACEFUL shutdown hook still applies
      }
    }
  }
}
