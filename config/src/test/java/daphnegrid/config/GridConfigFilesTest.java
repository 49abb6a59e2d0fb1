package daphnegrid.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridConfigFilesTest {
  @TempDir Path dir;

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  @Test
  void searchOrderIsExplicitThenEnvironmentThenWorkingDirectory() throws IOException {
    Path explicit = write("mine.yaml", "hazelcast: {}\n");
    Path fromEnv = write("env.yaml", "hazelcast: {}\n");
    Path local = write(GridConfigFiles.WORKER_FILE, "hazelcast: {}\n");
    Map<String, String> env = Map.of(GridConfigFiles.WORKER_ENV, "env.yaml");

    assertEquals(Optional.of(explicit), GridConfigFiles.findWorkerFile(explicit, env, dir));
    assertEquals(Optional.of(fromEnv), GridConfigFiles.findWorkerFile(null, env, dir));
    assertEquals(Optional.of(local), GridConfigFiles.findWorkerFile(null, Map.of(), dir));
    Files.delete(local);
    assertEquals(Optional.empty(), GridConfigFiles.findWorkerFile(null, Map.of(), dir));
  }

  @Test
  void clientFilesHaveTheirOwnNames() throws IOException {
    Path local = write(GridConfigFiles.CLIENT_FILE, "hazelcast-client: {}\n");
    assertEquals(Optional.of(local), GridConfigFiles.findClientFile(null, Map.of(), dir));
    assertEquals(
        Optional.empty(),
        GridConfigFiles.findWorkerFile(null, Map.of(GridConfigFiles.WORKER_ENV, " "), dir));
  }

  @Test
  void namedFilesMustExist() {
    Path missing = dir.resolve("nope.yaml");
    GridConfigException e =
        assertThrows(
            GridConfigException.class,
            () -> GridConfigFiles.findWorkerFile(missing, Map.of(), dir));
    assertEquals("config file " + missing + " does not exist or is not a file", e.getMessage());
    GridConfigException env =
        assertThrows(
            GridConfigException.class,
            () ->
                GridConfigFiles.findClientFile(
                    null, Map.of(GridConfigFiles.CLIENT_ENV, "nope.yaml"), dir));
    assertEquals(
        "DAPHNE_CLIENT_CONFIG " + missing + " does not exist or is not a file", env.getMessage());
  }

  @Test
  void memberYamlOverridesSettingsAndMapConfigs() throws IOException {
    Path f =
        write(
            "w.yaml",
            """
            hazelcast:
              cluster-name: lab
              properties:
                daphne.block-size-mib: 16
                hazelcast.phone.home.enabled: true
              map:
                blocks.*:
                  backup-count: 2
                  in-memory-format: BINARY
            """);
    Config base = GridConfigFiles.readMember(f);
    GridSettings s = GridSettings.of(base);
    assertEquals("lab", s.clusterName());
    assertEquals(16, s.blockSizeMiB());

    Config c =
        MemberConfigs.create(s, new WorkerAddress("127.0.0.1", 5701), java.util.List.of(), base);
    assertEquals("lab", c.getClusterName());
    assertEquals("true", c.getProperty("hazelcast.phone.home.enabled"));
    assertEquals(2, c.getMapConfig("blocks.x.1").getBackupCount());
    assertEquals("BINARY", c.getMapConfig("blocks.x.1").getInMemoryFormat().name());
    assertEquals(0, c.getMapConfig("tmp.x.1").getBackupCount());
  }

  @Test
  void clientYamlIsRead() throws IOException {
    Path f =
        write(
            "c.yaml",
            """
            hazelcast-client:
              cluster-name: lab
              properties:
                daphne.connect-timeout: 3s
              connection-strategy:
                connection-retry:
                  cluster-connect-timeout-millis: 7000
            """);
    ClientConfig base = GridConfigFiles.readClient(f);
    GridSettings s = GridSettings.of(base);
    assertEquals("lab", s.clusterName());
    assertEquals(3, s.connectTimeout().toSeconds());
    ClientConfig c = ClientConfigs.create(s, WorkerAddresses.parse("127.0.0.1:5701"), base);
    // the file's own Hazelcast setting wins over the daphne.* default
    assertEquals(
        7000,
        c.getConnectionStrategyConfig()
            .getConnectionRetryConfig()
            .getClusterConnectTimeoutMillis());
  }

  @Test
  void unreadableYamlIsAConfigError() throws IOException {
    Path f = write("bad.yaml", "hazelcast-client:\n  cluster-name: x\n");
    GridConfigException e =
        assertThrows(GridConfigException.class, () -> GridConfigFiles.readMember(f));
    assertEquals(
        "member config "
            + f
            + " has the root 'hazelcast-client:', expected 'hazelcast:' (a member file)",
        e.getMessage());
    Path m = write("member.yaml", "hazelcast:\n  cluster-name: x\n");
    assertThrows(GridConfigException.class, () -> GridConfigFiles.readClient(m));
    Path g = write("bad2.yaml", "hazelcast:\n  netwrk: {}\n");
    GridConfigException e2 =
        assertThrows(GridConfigException.class, () -> GridConfigFiles.readMember(g));
    assertTrue(e2.getMessage().startsWith("cannot read member config " + g + ": "));
    assertTrue(e2.getMessage().contains("netwrk"), e2.getMessage());
  }

  @Test
  void theShippedExamplesAreValidAndSpellOutTheDefaults() {
    Path conf = Path.of("..", "deploy", "conf").toAbsolutePath().normalize();
    Config member = GridConfigFiles.readMember(conf.resolve(GridConfigFiles.WORKER_FILE));
    ClientConfig client = GridConfigFiles.readClient(conf.resolve(GridConfigFiles.CLIENT_FILE));
    assertEquals(GridSettings.defaults(), GridSettings.of(member));
    assertEquals(GridSettings.defaults(), GridSettings.of(client));
  }

  @Test
  void missingFileFallsBackToEmptyConfigs() {
    assertEquals("dev", GridConfigFiles.memberBase(null, Map.of(), dir).getClusterName());
    assertEquals("dev", GridConfigFiles.clientBase(null, Map.of(), dir).getClusterName());
  }
}
