package daphnegrid.it.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.it.DrillJvm;
import daphnegrid.it.Lanes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code deploy/bin/ssh-workers} against real OpenSSH servers: three namespace hosts each run an
 * {@code sshd} (a throwaway host key and user key made here), a fourth is the operator's machine.
 * The operator copies the build to the hosts with rsync, starts four workers on three hosts, runs
 * {@code bench/kmeans.daph} through them (the same checksum as locally), asks for the status, stops
 * them and finds every worker's log collected on its side.
 *
 * <p>Skipped, with the reason, when namespaces cannot be made or sshd, ssh, ssh-keygen or rsync are
 * missing ({@code .ci/run} installs Debian's openssh-server and rsync when apt-get is there).
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.THIRD)
class SshDeployIT {
  private static final String SSHD = "/usr/sbin/sshd";

  @TempDir static Path dir;
  private static NetnsHosts hosts;
  private static Path hostsFile;
  private static Path clientYaml;
  private static Map<String, String> env;
  private static final List<Process> daemons = new ArrayList<>();
  private static boolean createdPrivsepDir;

  @BeforeAll
  static void start() throws Exception {
    String why = NetnsHosts.unavailableReason();
    Assumptions.assumeTrue(why == null, () -> "SSH deployment test skipped: " + why);
    for (String tool : List.of(SSHD, "/usr/bin/ssh", "/usr/bin/ssh-keygen", "/usr/bin/rsync")) {
      Assumptions.assumeTrue(
          Files.isExecutable(Path.of(tool)),
          () ->
              "SSH deployment test skipped: "
                  + tool
                  + " is missing (apt-get install openssh-server rsync)");
    }
    hosts = NetnsHosts.create(4);
    Path keys = Files.createDirectories(dir.resolve("keys"));
    run(
        List.of(
            "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("id").toString()));
    run(
        List.of(
            "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("host").toString()));
    Files.copy(keys.resolve("id.pub"), keys.resolve("authorized_keys"));
    Path privsep = Path.of("/run/sshd");
    if (!Files.isDirectory(privsep)) {
      Files.createDirectories(privsep);
      createdPrivsepDir = true;
    }
    Path config =
        Files.writeString(
            keys.resolve("sshd_config"),
            "HostKey "
                + keys.resolve("host")
                + "\nAuthorizedKeysFile "
                + keys.resolve("authorized_keys")
                + "\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n"
                + "KbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\nPidFile none\n"
                + "AcceptEnv none\n");
    StringBuilder file = new StringBuilder("# test hosts: [user@]host[:sshport] ports\n");
    for (int h = 1; h <= 3; h++) {
      Process sshd =
          new ProcessBuilder(
                  hosts.command(
                      h,
                      List.of(
                          SSHD,
                          "-D",
                          "-e",
                          "-f",
                          config.toString(),
                          "-o",
                          "ListenAddress=" + hosts.address(h),
                          "-p",
                          "2222")))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("sshd-" + h + ".log").toFile())
              .start();
      daemons.add(sshd);
      file.append("root@")
          .append(hosts.address(h))
          .append(":2222 5701")
          .append(h == 2 ? " 5702\n" : "\n");
    }
    hostsFile = Files.writeString(dir.resolve("hosts.txt"), file.toString());
    String cluster = "ssh-" + UUID.randomUUID();
    Path memberYaml =
        Files.writeString(
            dir.resolve("hazelcast-worker.yaml"), "hazelcast:\n  cluster-name: " + cluster + "\n");
    clientYaml =
        Files.writeString(
            dir.resolve("hazelcast-client.yaml"),
            "hazelcast-client:\n  cluster-name: " + cluster + "\n");
    env = new HashMap<>();
    env.put("DAPHNE_WORKER_CONFIG", memberYaml.toString());
    env.put("DAPHNE_HOSTS_RSYNC", "1");
    env.put("DAPHNE_HOSTS_INSTALL", dir.resolve("remote-install").toString());
    env.put("DAPHNE_HOSTS_STATE", dir.resolve("remote-state").toString());
    env.put("DAPHNE_GRID_STATE", dir.resolve("operator").toString());
    // passed on to the workers on the hosts (checked below); C1 only (DrillJvm)
    env.put("DAPHNE_WORKER_JVM_ARGS", DrillJvm.QUICK_JIT);
    // Workers that formed clusters apart merge at the members' split-brain check (every 10 s). In
    // one CI run at full load, with the hosts started one after the other, the last worker was
    // still apart after the default 60 s (why is not known: its log went with the run); a failure
    // now prints the members each worker saw last.
    env.put("DAPHNE_FORM_TIMEOUT", "150");
    env.put(
        "DAPHNE_SSH_OPTS",
        "-i "
            + keys.resolve("id")
            + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR");
    for (int h = 1; h <= 3; h++) {
      int host = h;
      HostGrid.await(
          "sshd on " + hosts.address(h),
          () ->
              NetnsHosts.Result.run(
                          "ip",
                          "netns",
                          "exec",
                          hosts.namespace(0),
                          "bash",
                          "-c",
                          "exec 3<>/dev/tcp/" + hosts.address(host) + "/2222")
                      .exit()
                  == 0);
    }
  }

  @AfterAll
  static void stop() throws IOException {
    if (hosts != null) {
      hosts.close(); // kills the workers and sshd inside the namespaces
    }
    for (Process p : daemons) {
      p.destroyForcibly();
    }
    if (createdPrivsepDir) {
      Files.deleteIfExists(Path.of("/run/sshd"));
    }
  }

  @Test
  void startRunStatusStopAndCollectLogs() throws Exception {
    Path script = HostGrid.ROOT.resolve("deploy/bin/ssh-workers");
    Result start = operator(List.of(script.toString(), "start", hostsFile.toString()), env);
    assertEquals(0, start.exit, start.err);
    String workers = "10.213.";
    assertTrue(start.out.startsWith("export DISTRIBUTED_WORKERS=" + workers), start.out);
    String list = start.out.strip().substring("export DISTRIBUTED_WORKERS=".length());
    assertEquals(4, list.split(",").length, list);
    try {
      Result status = operator(List.of(script.toString(), "status", hostsFile.toString()), env);
      assertEquals(0, status.exit, status.out + status.err);
      assertEquals(4, status.out.lines().filter(l -> l.contains("  up  ")).count(), status.out);
      assertTrue(status.out.contains("4 members"), status.out);
      int withArgs = 0;
      for (int h = 1; h <= 3; h++) {
        for (long pid : hosts.pids(h)) {
          String cmd = commandLine(pid);
          if (cmd.contains("daphnegrid.grid.DistributedWorker")) {
            assertTrue(cmd.contains(DrillJvm.QUICK_JIT), "no DAPHNE_WORKER_JVM_ARGS in: " + cmd);
            withArgs++;
          }
        }
      }
      assertEquals(4, withArgs, "worker JVMs found on the hosts");

      List<String> kmeans =
          List.of(
              HostGrid.ROOT.resolve("bench/kmeans.daph").toString(),
              "n=100000",
              "m=10",
              "k=4",
              "iterations=3");
      List<String> local = new ArrayList<>(List.of(HostGrid.ROOT.resolve("bin/daphne").toString()));
      local.addAll(kmeans);
      Result l = operator(local, Map.of());
      assertEquals(0, l.exit, l.err);
      List<String> grid =
          new ArrayList<>(
              List.of(
                  HostGrid.ROOT.resolve("bin/daphne").toString(),
                  "--distributed",
                  "--grid-min-cells=0"));
      grid.addAll(kmeans);
      Map<String, String> clientEnv = new HashMap<>();
      clientEnv.put("DISTRIBUTED_WORKERS", list);
      clientEnv.put("DAPHNE_CLIENT_CONFIG", clientYaml.toString());
      clientEnv.put("DAPHNE_GRID_LOG_DIR", dir.resolve("client-logs").toString());
      Result g = operator(grid, clientEnv);
      assertEquals(0, g.exit, g.err);
      assertEquals(l.out.lines().findFirst(), g.out.lines().findFirst(), "k-means checksum");
    } finally {
      Result stop = operator(List.of(script.toString(), "stop", hostsFile.toString()), env);
      assertEquals(0, stop.exit, stop.err);
    }
    for (int h = 1; h <= 3; h++) {
      Path logs = dir.resolve("operator/hosts/logs/" + hosts.address(h));
      assertTrue(
          Files.isRegularFile(logs.resolve("5701.out")), "no worker output collected in " + logs);
      assertTrue(
          Files.readString(logs.resolve("5701.out")).contains("Started Distributed Worker"),
          "collected output of " + hosts.address(h));
      assertTrue(
          Files.isRegularFile(logs.resolve("logs/worker-" + hosts.address(h) + "-5701.log")),
          "no worker log collected in " + logs);
      // only sshd is left on the host: every worker stopped
      for (long pid : hosts.pids(h)) {
        String cmd = commandLine(pid);
        assertTrue(
            cmd.isEmpty() || cmd.contains("sshd"), "still running on host " + h + ": " + cmd);
      }
    }
    Result status = operator(List.of(script.toString(), "status", hostsFile.toString()), env);
    assertEquals(1, status.exit, status.out);
    assertEquals(4, status.out.lines().filter(l -> l.contains("  down  ")).count(), status.out);
  }

  private record Result(int exit, String out, String err) {}

  /**
   * The command line of process pid, its arguments separated by spaces; "" once it has exited (no
   * process, or a zombie: its command line reads empty).
   */
  private static String commandLine(long pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  /** Runs command on the operator's host (host 0). */
  private static Result operator(List<String> command, Map<String, String> extra) throws Exception {
    Path out = Files.createTempFile(dir, "op", ".out");
    Path err = Files.createTempFile(dir, "op", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(hosts.command(0, command))
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().remove("DISTRIBUTED_WORKERS");
    pb.environment().putAll(extra);
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(command + " hangs: " + Files.readString(err));
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), command + ": " + output);
  }
}
