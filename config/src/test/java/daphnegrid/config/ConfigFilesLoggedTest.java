package daphnegrid.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard Hazelcast files the grid does not read are named, and so is every setting of a user's
 * file that the grid replaces, with its reason.
 */
class ConfigFilesLoggedTest {
  @TempDir Path dir;

  @Test
  void standardMemberFilesInTheWorkingDirectoryOnTheClasspathAndBySystemPropertyAreNamed()
      throws Exception {
    Files.writeString(dir.resolve("hazelcast.yaml"), "hazelcast:\n");
    Files.writeString(dir.resolve("hazelcast.xml"), "<hazelcast/>\n");
    Path cp = Files.createDirectories(dir.resolve("cp"));
    Files.writeString(cp.resolve("hazelcast.yml"), "hazelcast:\n");
    Properties system = new Properties();
    system.setProperty("hazelcast.config", "/etc/hz/member.yaml");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {cp.toUri().toURL()}, null)) {
      List<String> lines = GridConfigFiles.ignoredStandardFiles(true, null, dir, system, loader);
      assertEquals(4, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("-Dhazelcast.config=/etc/hz/member.yaml is not read"));
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(dir.resolve("hazelcast.xml") + " ")));
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(dir.resolve("hazelcast.yaml") + " ")));
      assertTrue(
          lines.stream().anyMatch(l -> l.startsWith("classpath resource ") && l.contains("cp/")));
      for (String l : lines) {
        assertTrue(
            l.endsWith("name it as the worker's ConfigFile, --config or DAPHNE_WORKER_CONFIG"), l);
      }
    }
  }

  @Test
  void theClientFileInUseIsNotNamedButOthersAre() throws Exception {
    Path used = Files.writeString(dir.resolve("hazelcast-client.yaml"), "hazelcast-client:\n");
    Files.writeString(dir.resolve("hazelcast-client.xml"), "<hazelcast-client/>\n");
    Properties system = new Properties();
    system.setProperty("hazelcast.client.config", used.toString());
    List<String> lines = GridConfigFiles.ignoredStandardFiles(false, used, dir, system, null);
    assertEquals(
        List.of(
            dir.resolve("hazelcast-client.xml")
                + " is not read by the grid; name it in DAPHNE_CLIENT_CONFIG or call it"
                + " ./hazelcast-client.yaml"),
        lines);
    assertEquals(List.of(), GridConfigFiles.ignoredStandardFiles(true, null, dir, system, null));
  }

  @Test
  void memberSettingsTheGridReplacesAreNamedOnceWithTheirReason() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("w.yaml"),
            String.join(
                "\n",
                "hazelcast:",
                "  cluster-name: mine",
                "  properties:",
                "    hazelcast.socket.bind.any: true",
                "  network:",
                "    port: {port: 6000, auto-increment: true}",
                "    join:",
                "      tcp-ip: {enabled: true, member-list: [10.0.0.1:5701]}",
                "  jet: {enabled: true, resource-upload-enabled: true}",
                "  metrics: {enabled: false}",
                ""));
    Config base = GridConfigFiles.readMember(file);
    WorkerAddress self = new WorkerAddress("127.0.0.1", 5801);
    List<String> lines =
        ConfigOverrides.member(
            file, base, self, List.of(self, new WorkerAddress("127.0.0.1", 5802)));
    String prefix = file + ": ";
    assertEquals(
        List.of(
            prefix
                + "network.port 6000 is replaced by 5801 (a worker listens on exactly the IP:PORT"
                + " it was started with)",
            prefix
                + "properties.hazelcast.socket.bind.any true is replaced by false (a worker"
                + " listens on exactly the IP:PORT it was started with)",
            prefix
                + "network.join.tcp-ip.member-list [10.0.0.1:5701] is replaced by"
                + " [127.0.0.1:5801, 127.0.0.1:5802] (workers find each other only through the"
                + " peers given (--peers, DISTRIBUTED_WORKERS))",
            prefix
                + "jet.resource-upload-enabled true is replaced by false (clients may not upload"
                + " code to the workers)",
            prefix
                + "metrics.enabled false is replaced by true (the grid's monitoring (JMX,"
                + " Management Center) relies on Hazelcast's metrics)"),
        lines);
    Path multicast =
        Files.writeString(
            dir.resolve("m.yaml"),
            "hazelcast:\n  network:\n    join:\n      multicast: {enabled: true}\n");
    assertEquals(
        List.of(
            multicast
                + ": network.join.multicast.enabled true is replaced by false (workers find each"
                + " other only through the peers given (--peers, DISTRIBUTED_WORKERS))"),
        ConfigOverrides.member(
            multicast, GridConfigFiles.readMember(multicast), self, List.of(self)));
    // a file that sets nothing the grid replaces gives no line; a config from no file is not
    // checked at all
    Path plain = Files.writeString(dir.resolve("p.yaml"), "hazelcast:\n  cluster-name: x\n");
    assertEquals(
        List.of(),
        ConfigOverrides.member(plain, GridConfigFiles.readMember(plain), self, List.of(self)));
    assertTrue(GridConfigFiles.source(base).isPresent());
    assertTrue(GridConfigFiles.source(new Config()).isEmpty());
  }

  @Test
  void clientSettingsTheGridReplacesAreNamed() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("c.yaml"),
            String.join(
                "\n",
                "hazelcast-client:",
                "  network:",
                "    cluster-members: [10.1.1.1:5701]",
                "    connection-timeout: 9000",
                "    redo-operation: true",
                ""));
    ClientConfig base = GridConfigFiles.readClient(file);
    GridSettings s = GridSettings.defaults().withReadyTimeout(Duration.ofSeconds(5));
    List<String> lines =
        ConfigOverrides.client(file, base, s, List.of(new WorkerAddress("127.0.0.1", 5701)));
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(
        lines
            .get(0)
            .equals(
                file
                    + ": network.cluster-members [10.1.1.1:5701] is replaced by [127.0.0.1:5701]"
                    + " (the workers come from DISTRIBUTED_WORKERS)"),
        lines.get(0));
    assertTrue(lines.get(1).contains("network.connection-timeout 9000 is replaced by 5000"));
    assertTrue(lines.get(2).contains("network.redo-operation true is replaced by false"));
  }
}
