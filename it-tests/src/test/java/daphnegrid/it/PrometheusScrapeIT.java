package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Debian's real {@code prometheus} server scrapes two real workers every second while a script runs
 * on them; its HTTP API then shows the grid metrics of both workers, and they moved: every worker
 * ran programs and took part in the Jet job, cell bytes went in and out, and both see a cluster of
 * two. Skipped when no {@code prometheus} binary is on the PATH (.ci/run installs it).
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Lanes.SECOND)
class PrometheusScrapeIT {
  private static final String SCRIPT =
      String.join(
          "\n",
          "X = rand(20000, 10, 0.0, 1.0, 1.0, 7);",
          "print(sum(X * 2 + 1));",
          "print(sum(t(X)));",
          "S = rand(20000, 4, 0.0, 1.0, 0.5, 3);",
          "print(sum(S * 2));",
          "print(sum(X[0:5, ]));",
          "");

  @TempDir Path dir;

  @Test
  void prometheusSeesTheGridMetricsOfBothWorkersMove() throws Exception {
    Path prometheus = onPath("prometheus");
    assumeTrue(
        prometheus != null,
        "no prometheus binary on the PATH (apt-get install prometheus): skipping the scrape test");
    try (GridWorkers workers =
            GridWorkers.start(Files.createDirectories(dir.resolve("workers")), 2, Map.of());
        Server server = Server.start(prometheus, dir, workers.metricsPorts)) {
      List<String> targets = workers.metricsPorts.stream().map(p -> "127.0.0.1:" + p).toList();
      server.await(
          "both targets up",
          () -> server.values("up").values().stream().filter(v -> v == 1).count() == 2);
      Map<String, Double> programs0 = server.values("daphne_grid_programs_total");
      Map<String, Double> jobs0 = server.values("daphne_grid_jet_jobs_total");
      double in0 = server.sum("daphne_grid_bytes_in_total");
      double out0 = server.sum("daphne_grid_bytes_out_total");
      assertEquals(targets.size(), programs0.size(), "programs of each worker: " + programs0);

      Path script = Files.writeString(dir.resolve("work.daph"), SCRIPT);
      DaphneRun run =
          DaphneRun.run(
              dir,
              workers.env(),
              List.of("--distributed", "--grid-min-cells=0", script.toString()));
      assertEquals(0, run.exit(), run.stderr());
      assertEquals(4, run.stdout().lines().count(), run.stdout());

      server.await(
          "every worker's programs and Jet jobs counted",
          () -> {
            Map<String, Double> programs = server.values("daphne_grid_programs_total");
            Map<String, Double> jobs = server.values("daphne_grid_jet_jobs_total");
            return targets.stream()
                .allMatch(
                    t ->
                        programs.getOrDefault(t, 0.0) > programs0.getOrDefault(t, 0.0)
                            && jobs.getOrDefault(t, 0.0) > jobs0.getOrDefault(t, 0.0));
          });
      server.await(
          "cell bytes moved in and out",
          () ->
              server.sum("daphne_grid_bytes_in_total") > in0
                  && server.sum("daphne_grid_bytes_out_total") > out0);
      Map<String, Double> members = server.values("hazelcast_cluster_members");
      for (String t : targets) {
        assertEquals(2.0, members.get(t), "cluster seen by " + t + ": " + members);
      }
      assertEquals(targets.size(), server.values("daphne_grid_admission_refusals_total").size());
      assertEquals(
          2 * targets.size(), server.values("daphne_grid_blocks_held").size(), "by family");
      assertTrue(server.values("jvm_memory_used_bytes").size() >= targets.size());
    }
  }

  private static Path onPath(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(d.isEmpty() ? "." : d, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** A prometheus process scraping the given ports every second, with its HTTP API. */
  private static final class Server implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private Server(Process process, int port, Path log) {
      this.process = process;
      this.port = port;
      this.log = log;
    }

    static Server start(Path binary, Path dir, List<Integer> ports) throws IOException {
      StringBuilder targets = new StringBuilder();
      for (int p : ports) {
        targets
            .append(targets.length() == 0 ? "" : ", ")
            .append("'127.0.0.1:")
            .append(p)
            .append("'");
      }
      Path config =
          Files.writeString(
              dir.resolve("prometheus.yml"),
              "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n"
                  + "scrape_configs:\n  - job_name: daphne-grid\n    static_configs:\n"
                  + "      - targets: ["
                  + targets
                  + "]\n");
      int port = GridWorkers.freePort();
      Path log = dir.resolve("prometheus.log");
      Process p =
          new ProcessBuilder(
                  binary.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + dir.resolve("tsdb"),
                  "--web.listen-address=127.0.0.1:" + port,
                  "--log.level=warn")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Server s = new Server(p, port, log);
      try {
        s.await("prometheus ready", () -> s.get("/-/ready") == 200);
      } catch (RuntimeException | Error e) {
        s.close();
        throw e;
      }
      return s;
    }

    /** The current value of metric per scrape target (instance label); summed over labels. */
    Map<String, Double> values(String metric) {
      Map<String, Double> out = new HashMap<>();
      try {
        String body =
            http.send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:"
                                    + port
                                    + "/api/v1/query?query="
                                    + URLEncoder.encode(metric, StandardCharsets.UTF_8)))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        JsonNode root = new ObjectMapper().readTree(body);
        assertEquals("success", root.path("status").asText(), body);
        for (JsonNode r : root.path("data").path("result")) {
          String instance = r.path("metric").path("instance").asText();
          double v = Double.parseDouble(r.path("value").get(1).asText());
          out.merge(instance + labelsBeyondInstance(r.path("metric")), v, Double::sum);
        }
      } catch (IOException e) {
        throw new AssertionError("prometheus API: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
      return out;
    }

    /** Labels other than job, instance and __name__, so that series stay apart (family=...). */
    private static String labelsBeyondInstance(JsonNode metric) {
      StringBuilder b = new StringBuilder();
      metric
          .fieldNames()
          .forEachRemaining(
              k -> {
                if (!k.equals("instance") && !k.equals("job") && !k.equals("__name__")) {
                  b.append(',').append(k).append('=').append(metric.path(k).asText());
                }
              });
      return b.toString();
    }

    double sum(String metric) {
      return values(metric).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    int get(String path) {
      try {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode();
      } catch (IOException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    void await(String what, java.util.function.BooleanSupplier condition) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!condition.getAsBoolean()) {
        if (!process.isAlive()) {
          throw new AssertionError("prometheus exited: " + read(log));
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out waiting for: " + what + "\n" + read(log));
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted waiting for: " + what);
        }
      }
    }

    private static String read(Path f) {
      try {
        return Files.readString(f);
      } catch (IOException e) {
        return "(no log: " + e + ")";
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
