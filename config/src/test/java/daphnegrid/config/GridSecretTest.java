package daphnegrid.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the grid secret comes from, in order, and what is refused. */
class GridSecretTest {
  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static GridSettings withFile(Path file) {
    Properties p = new Properties();
    p.setProperty("daphne.secret-file", file.toString());
    return GridSettings.defaults().withOverrides(null, p);
  }

  @Test
  void noSecretAnywhereMeansNone() {
    assertTrue(GridSecret.load(GridSettings.defaults(), Map.of()).isEmpty());
    assertTrue(
        GridSecret.load(GridSettings.defaults(), Map.of("DAPHNE_GRID_SECRET", "")).isEmpty());
  }

  @Test
  void theEnvironmentComesFirstThenTheFileVariableThenTheConfigFile() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "secret from file a, long enough\n");
    Path b = Files.writeString(dir.resolve("b"), "secret from file b, long enough\r\n");
    GridSettings s = withFile(b);
    assertArrayEquals(
        bytes("secret from the environment"),
        GridSecret.load(
                s,
                Map.of(
                    "DAPHNE_GRID_SECRET",
                    "secret from the environment",
                    "DAPHNE_GRID_SECRET_FILE",
                    a.toString()))
            .orElseThrow());
    assertArrayEquals(
        bytes("secret from file a, long enough"),
        GridSecret.load(s, Map.of("DAPHNE_GRID_SECRET_FILE", a.toString())).orElseThrow());
    assertArrayEquals(
        bytes("secret from file b, long enough"), GridSecret.load(s, Map.of()).orElseThrow());
  }

  @Test
  void shortSecretsAndMissingFilesAreConfigurationErrors() {
    GridConfigException shortOne =
        assertThrows(
            GridConfigException.class,
            () -> GridSecret.load(GridSettings.defaults(), Map.of("DAPHNE_GRID_SECRET", "short")));
    assertTrue(
        shortOne.getMessage().contains("has 5 bytes; it needs at least 16"), shortOne.getMessage());
    Path missing = dir.resolve("missing");
    GridConfigException noFile =
        assertThrows(GridConfigException.class, () -> GridSecret.load(withFile(missing), Map.of()));
    assertTrue(
        noFile.getMessage().startsWith("cannot read the grid secret file " + missing),
        noFile.getMessage());
    assertTrue(noFile.getMessage().contains("daphne.secret-file"), noFile.getMessage());
  }
}
