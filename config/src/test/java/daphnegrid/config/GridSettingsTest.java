package daphnegrid.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridSettingsTest {
  private final GridSettings d = GridSettings.defaults();

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertEquals("daphne-grid", d.clusterName());
    assertEquals(1, d.backupCount());
    assertEquals(0, d.tempBackupCount());
    assertEquals(4, d.blockSizeMiB());
    assertEquals(Duration.ofSeconds(1), d.joinTimeout());
    assertEquals(Duration.ofSeconds(10), d.connectTimeout());
    assertEquals(Duration.ofSeconds(15), d.heartbeatTimeout());
    assertEquals(Duration.ofSeconds(5), d.connectionTimeout());
    assertEquals(Duration.ofSeconds(30), d.readyTimeout());
    assertEquals(Duration.ofSeconds(30), d.orphanGrace());
    assertEquals("daphne-cli", d.clientName());
  }

  @Test
  void yamlPropertiesOverrideDefaults() {
    Properties p = new Properties();
    p.setProperty("daphne.backup-count", "2");
    p.setProperty("daphne.temp-backup-count", "1");
    p.setProperty("daphne.block-size-mib", " 8 ");
    p.setProperty("daphne.join-timeout", "3");
    p.setProperty("daphne.connect-timeout", "2500ms");
    p.setProperty("daphne.heartbeat-timeout", "20s");
    p.setProperty("daphne.connection-timeout", "1s");
    p.setProperty("daphne.ready-timeout", "2m");
    p.setProperty("daphne.orphan-grace", "45s");
    p.setProperty("daphne.client-name", "lab-cli");
    p.setProperty("daphne.heap-high-water", "70%");
    p.setProperty("daphne.secret-file", "/etc/daphne/grid.secret");
    p.setProperty("hazelcast.phone.home.enabled", "false");
    GridSettings s = d.withOverrides("lab", p);
    assertEquals(
        new GridSettings(
            "lab",
            2,
            1,
            8,
            Duration.ofSeconds(3),
            Duration.ofMillis(2500),
            Duration.ofSeconds(20),
            Duration.ofSeconds(1),
            Duration.ofMinutes(2),
            Duration.ofSeconds(45),
            "lab-cli",
            70,
            "/etc/daphne/grid.secret"),
        s);
  }

  @Test
  void hazelcastsDefaultClusterNameMeansNotSet() {
    assertEquals("daphne-grid", GridSettings.of(new Config()).clusterName());
    assertEquals("daphne-grid", GridSettings.of(new ClientConfig()).clusterName());
    assertEquals("x", GridSettings.of(new Config().setClusterName("x")).clusterName());
    ClientConfig c = new ClientConfig().setClusterName("y");
    c.setProperty("daphne.block-size-mib", "2");
    assertEquals("y", GridSettings.of(c).clusterName());
    assertEquals(2, GridSettings.of(c).blockSizeMiB());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "daphne.backup-cont | 1 | unknown grid property 'daphne.backup-cont' (known: backup-count,",
        "daphne.backup-count | two | bad value for daphne.backup-count: 'two'",
        "daphne.backup-count | 7 | bad value for daphne.backup-count: '7': backup count must be 0..6",
        "daphne.connect-timeout | 10 sec | bad value for daphne.connect-timeout: '10 sec': '10 sec' is not a duration",
        "daphne.block-size-mib | 0 | bad value for daphne.block-size-mib: '0': block size must be 1..1024 MiB",
        "daphne.ready-timeout | 0s | bad value for daphne.ready-timeout: '0s': timeouts must be positive",
      })
  void badPropertiesAreNamed(String key, String value, String messageStart) {
    Properties p = new Properties();
    p.setProperty(key, value);
    GridConfigException e = assertThrows(GridConfigException.class, () -> d.withOverrides(null, p));
    assertEquals(true, e.getMessage().startsWith(messageStart), () -> e.getMessage());
  }

  @Test
  void parsesDurations() {
    assertEquals(Duration.ofMillis(500), GridSettings.parseDuration("500ms"));
    assertEquals(Duration.ofSeconds(10), GridSettings.parseDuration("10s"));
    assertEquals(Duration.ofSeconds(10), GridSettings.parseDuration("10"));
    assertEquals(Duration.ofMinutes(2), GridSettings.parseDuration(" 2m "));
    assertThrows(IllegalArgumentException.class, () -> GridSettings.parseDuration("-1s"));
  }
}
