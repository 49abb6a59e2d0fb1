package daphnegrid.it.hosts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hosts on one Linux machine: each "host" is a network namespace with one address on a private /24,
 * wired to a bridge in the root namespace by a veth pair. Nothing gets an address in the root
 * namespace, so the traffic of the tests stays between the namespaces.
 *
 * <p>Names: namespaces {@code dgh-<tag>-<n>}, the bridge {@code dgh<tag>b} and the root ends of the
 * veth pairs {@code dgh<tag>h<n>} (Linux allows 15 characters), where the tag is the test JVM's
 * pid, {@code x} and one letter or digit per instance in that JVM. The subnet is {@code
 * 10.213.x.0/24} with a random x; host n has {@code 10.213.x.(10 + n)}. Separate bridges are
 * separate networks, so parallel runs cannot collide even on the same x.
 *
 * <p>Clean-up: {@link #close()} kills every process inside the namespaces ({@code ip netns pids})
 * and deletes the namespaces and the bridge; a shutdown hook does the same if the JVM is stopped
 * (Ctrl-C, a Surefire time-out), and {@link #create} first removes what an earlier run whose JVM is
 * gone left behind (a {@code kill -9} of the JVM runs no hook).
 *
 * <p>Faults: {@link #linkDown}/{@link #linkUp} cut a host off (the kernel here has no netem), and
 * {@link #limit} caps a host's outgoing rate with a token bucket filter.
 */
public final class NetnsHosts implements AutoCloseable {
  static final String PREFIX = "dgh";
  private static final Pattern OURS = Pattern.compile(PREFIX + "-?(\\d+)x.*");
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /** pid + "x" + a letter or digit per instance: several sets of hosts in one JVM never clash. */
  private final String tag =
      ProcessHandle.current().pid()
          + "x"
          + Character.forDigit(INSTANCES.getAndIncrement() % 36, 36);

  private final String subnet;

  private final List<String> namespaces = new ArrayList<>();
  private final Thread hook = new Thread(this::remove, "netns-hosts-cleanup");
  private boolean closed;

  private NetnsHosts(String subnet) {
    this.subnet = subnet;
  }

  /**
   * Why namespaces cannot be made here (not root, no CAP_NET_ADMIN, no {@code ip}), or null when
   * they can: tries to create and delete one.
   */
  public static String unavailableReason() {
    String probe = PREFIX + "-" + ProcessHandle.current().pid() + "x-probe";
    Result add = Result.run("ip", "netns", "add", probe);
    if (add.exit != 0) {
      return "cannot create network namespaces (`ip netns add` failed: "
          + add.output.strip()
          + "); the multi-host tests need root or CAP_NET_ADMIN and iproute2";
    }
    Result.run("ip", "netns", "del", probe);
    return null;
  }

  /** Makes the bridge and hosts 0 .. count-1 (after sweeping what dead runs left behind). */
  public static NetnsHosts create(int count) {
    sweepStale();
    int x = ThreadLocalRandom.current().nextInt(1, 255);
    NetnsHosts h = new NetnsHosts("10.213." + x);
    Runtime.getRuntime().addShutdownHook(h.hook);
    try {
      String bridge = h.bridge();
      Result.check("ip", "link", "add", bridge, "type", "bridge");
      Result.check("ip", "link", "set", bridge, "up");
      for (int i = 0; i < count; i++) {
        h.addHost();
      }
      return h;
    } catch (RuntimeException | Error e) {
      h.close();
      throw e;
    }
  }

  /** Adds one more host; returns its number. */
  public synchronized int addHost() {
    int n = namespaces.size();
    String ns = PREFIX + "-" + tag + "-" + n;
    Result.check("ip", "netns", "add", ns);
    namespaces.add(ns);
    String root = rootEnd(n);
    Result.check("ip", "link", "add", root, "type", "veth", "peer", "name", "eth0", "netns", ns);
    Result.check("ip", "link", "set", root, "master", bridge(), "up");
    Result.check("ip", "-n", ns, "addr", "add", address(n) + "/24", "dev", "eth0");
    Result.check("ip", "-n", ns, "link", "set", "eth0", "up");
    Result.check("ip", "-n", ns, "link", "set", "lo", "up");
    return n;
  }

  /** The address of host n. */
  public String address(int n) {
    return subnet + "." + (10 + n);
  }

  /** The namespace of host n. */
  public String namespace(int n) {
    return namespaces.get(n);
  }

  public int size() {
    return namespaces.size();
  }

  /** The command prefixed so that it runs inside host n ({@code ip netns exec} execs it). */
  public List<String> command(int n, List<String> command) {
    List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", namespace(n)));
    c.addAll(command);
    return c;
  }

  /** Cuts host n off the bridge: its packets go nowhere, its connections stay open. */
  public void linkDown(int n) {
    Result.check("ip", "link", "set", rootEnd(n), "down");
  }

  public void linkUp(int n) {
    Result.check("ip", "link", "set", rootEnd(n), "up");
  }

  /** Caps what host n sends to {@code rate} (tc syntax, e.g. {@code 20mbit}); null removes it. */
  public void limit(int n, String rate) {
    if (rate == null) {
      Result.run("ip", "netns", "exec", namespace(n), "tc", "qdisc", "del", "dev", "eth0", "root");
      return;
    }
    Result.check(
        "ip",
        "netns",
        "exec",
        namespace(n),
        "tc",
        "qdisc",
        "replace",
        "dev",
        "eth0",
        "root",
        "tbf",
        "rate",
        rate,
        "burst",
        "64kb",
        "latency",
        "400ms");
  }

  /** The pids of every process inside host n. */
  public List<Long> pids(int n) {
    List<Long> out = new ArrayList<>();
    for (String line : Result.run("ip", "netns", "pids", namespace(n)).output.split("\n")) {
      if (!line.isBlank()) {
        out.add(Long.parseLong(line.strip()));
      }
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    remove();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs (or ran) remove() itself
    }
  }

  private String bridge() {
    return PREFIX + tag + "b";
  }

  private String rootEnd(int n) {
    return PREFIX + tag + "h" + n;
  }

  private void remove() {
    for (String ns : List.copyOf(namespaces)) {
      removeNamespace(ns);
    }
    // a namespace lives on while anything still holds it, and its veth pair with it
    for (int n = 0; n < namespaces.size(); n++) {
      Result.run("ip", "link", "del", rootEnd(n));
    }
    Result.run("ip", "link", "del", bridge());
  }

  /** Kills everything inside ns, then deletes it (which deletes its veth pair). */
  private static void removeNamespace(String ns) {
    for (int round = 0; round < 20; round++) {
      String pids = Result.run("ip", "netns", "pids", ns).output.strip();
      if (pids.isEmpty()) {
        break;
      }
      for (String p : pids.split("\\s+")) {
        ProcessHandle.of(Long.parseLong(p)).ifPresent(ProcessHandle::destroyForcibly);
      }
      Result.run("sleep", "0.1");
    }
    Result.run("ip", "netns", "del", ns);
  }

  /** Removes namespaces and links of earlier runs whose JVM is no longer running. */
  static void sweepStale() {
    for (String line : Result.run("ip", "netns", "list").output.split("\n")) {
      String ns = line.strip().split("\\s+")[0];
      if (!ns.isEmpty() && deadOwner(ns)) {
        removeNamespace(ns);
      }
    }
    for (String line : Result.run("ip", "-o", "link", "show").output.split("\n")) {
      String[] parts = line.split(":\\s+");
      if (parts.length > 1) {
        String name = parts[1].split("@")[0];
        if (deadOwner(name)) {
          Result.run("ip", "link", "del", name);
        }
      }
    }
  }

  private static boolean deadOwner(String name) {
    Matcher m = OURS.matcher(name);
    if (!m.matches()) {
      return false;
    }
    long owner = Long.parseLong(m.group(1));
    return owner != ProcessHandle.current().pid()
        && ProcessHandle.of(owner).map(h -> !h.isAlive()).orElse(true);
  }

  /** A finished command: exit status, stdout and stderr together. */
  record Result(int exit, String output) {
    static Result run(String... command) {
      try {
        Path out = Files.createTempFile("netns", ".out");
        try {
          Process p =
              new ProcessBuilder(command)
                  .redirectErrorStream(true)
                  .redirectOutput(out.toFile())
                  .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                  .start();
          if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, String.join(" ", command) + ": timed out");
          }
          return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
          Files.deleteIfExists(out);
        }
      } catch (IOException e) {
        return new Result(-1, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Result(-1, "interrupted");
      }
    }

    static Result check(String... command) {
      Result r = run(command);
      if (r.exit != 0) {
        throw new UncheckedIOException(
            new IOException(String.join(" ", command) + " failed (" + r.exit + "): " + r.output));
      }
      return r;
    }
  }
}
