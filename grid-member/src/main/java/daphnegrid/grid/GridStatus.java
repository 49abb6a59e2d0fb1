package daphnegrid.grid;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import daphnegrid.config.ClientConfigs;
import daphnegrid.config.GridClient;
import daphnegrid.config.GridConfigFiles;
import daphnegrid.config.GridConnector;
import daphnegrid.config.GridException;
import daphnegrid.config.GridLogging;
import daphnegrid.config.GridSettings;
import daphnegrid.config.LauncherStderr;
import daphnegrid.config.WorkerAddress;
import daphnegrid.config.WorkerAddresses;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code GridStatus}: connects to the workers as a client and prints the cluster's members, e.g.
 *
 * <pre>
 * cluster 'daphne-grid': 2 members, partitions safe
 *   127.0.0.1:5701
 *   127.0.0.1:5702
 * </pre>
 *
 * With {@code --expect N} it waits (up to {@code --wait}) for N members and a safe cluster. With
 * {@code --details} each member line also carries what that member reports about itself ({@link
 * MemberStatus#describe()}); a member that does not answer within {@code --wait} shows {@code (no
 * answer: ...)}:
 *
 * <pre>
 *   127.0.0.1:5701  heap 52 MiB used, 1996 MiB free  blocks 64 (+64 backups)  backup count 1  cluster 'daphne-grid'
 * </pre>
 *
 * Used by {@code deploy/bin/start-workers} and {@code workers-status}. Exit 0 when the grid
 * answered (with enough members), 3 otherwise (the reason on stderr), 2 for bad arguments
 * (picocli's).
 */
@Command(
    name = "GridStatus",
    description = "Shows the members of the Daphne Grid at DISTRIBUTED_WORKERS.",
    sortOptions = false)
public final class GridStatus implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--workers",
      paramLabel = "HOST:PORT,...",
      description = "Worker addresses (default: $DISTRIBUTED_WORKERS).")
  String workers;

  @Option(names = "--expect", description = "Wait for at least this many members (default 1).")
  int expect = 1;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      description = "How long to wait for them (default 5).")
  int waitSeconds = 5;

  @Option(names = "--cluster-name", description = "Cluster name (default: from the config).")
  String clusterName;

  @Option(
      names = "--member-config",
      paramLabel = "FILE",
      description = "Take the cluster name and settings from this worker YAML.")
  Path memberConfig;

  @Option(
      names = "--details",
      description = "Ask each member for its heap, blocks, backup count and cluster name.")
  boolean details;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  boolean help;

  private final Map<String, String> env;
  private final Path cwd;

  GridStatus(Map<String, String> env, Path cwd) {
    this.env = env;
    this.cwd = cwd;
  }

  public static void main(String[] args) {
    int code =
        new CommandLine(new GridStatus(System.getenv(), Path.of("").toAbsolutePath()))
            .execute(args);
    LauncherStderr.finish();
    System.exit(code);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    GridLogging.install("daphne-status");
    try {
      List<WorkerAddress> addresses =
          workers != null
              ? WorkerAddresses.parse(workers, "--workers")
              : WorkerAddresses.fromEnvironment(env);
      ClientConfig base = GridConfigFiles.clientBase(null, env, cwd);
      GridSettings settings =
          memberConfig != null
              ? GridSettings.of(GridConfigFiles.readMember(cwd.resolve(memberConfig)))
              : GridSettings.of(base);
      if (clusterName != null) {
        settings = settings.withClusterName(clusterName);
      }
      settings =
          settings
              .withClientName("daphne-status")
              .withReadyTimeout(Duration.ofSeconds(Math.max(1, waitSeconds)));
      ClientConfig config = ClientConfigs.create(settings, addresses, base);
      try (GridClient client = GridConnector.connect(settings, addresses, config, expect)) {
        List<Member> members = List.copyOf(client.instance().getCluster().getMembers());
        out.println(
            "cluster '"
                + settings.clusterName()
                + "': "
                + members.size()
                + (members.size() == 1 ? " member" : " members")
                + ", partitions safe");
        Map<Member, Future<MemberStatus>> answers =
            details
                ? client
                    .instance()
                    .getExecutorService(GridConnector.ADMIN_EXECUTOR)
                    .submitToMembers(new MemberStatus.Query(), members)
                : Map.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(1, waitSeconds));
        for (Member m : members) {
          String line = "  " + m.getAddress().getHost() + ":" + m.getAddress().getPort();
          Future<MemberStatus> answer = answers.get(m);
          out.println(answer == null ? line : line + "  " + describe(answer, deadline));
        }
        out.flush();
        return 0;
      }
    } catch (GridException e) {
      err.println("GridStatus: " + e.getMessage());
      err.flush();
      return 3;
    }
  }

  private static String describe(Future<MemberStatus> answer, long deadline) {
    try {
      return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).describe();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(no answer: interrupted)";
    } catch (ExecutionException e) {
      return "(no answer: " + e.getCause() + ")";
    } catch (TimeoutException e) {
      return "(no answer in time)";
    }
  }
}
