package daphnegrid.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the grid's shared secret, which members and clients need to seal and check blocks ({@link
 * daphnegrid.config.serial.BlockSeal}). Never from the command line (other users see it in {@code
 * ps}); the first of these wins:
 *
 * <ol>
 *   <li>{@code DAPHNE_GRID_SECRET}: the secret itself;
 *   <li>{@code DAPHNE_GRID_SECRET_FILE}: a file holding it;
 *   <li>{@code daphne.secret-file} in the member's or client's YAML file ({@link
 *       GridSettings#secretFile}).
 * </ol>
 *
 * A file's content is the secret with a final line break removed. A secret shorter than {@link
 * #MIN_BYTES} bytes, or a named file that cannot be read, is a configuration error.
 */
public final class GridSecret {
  public static final String ENV = "DAPHNE_GRID_SECRET";
  public static final String FILE_ENV = "DAPHNE_GRID_SECRET_FILE";

  /** Shortest accepted secret (e.g. {@code head -c 32 /dev/urandom | base64} gives 44). */
  public static final int MIN_BYTES = 16;

  private GridSecret() {}

  /**
   * The secret set for this process, if any.
   *
   * @throws GridConfigException for a short secret or an unreadable file
   */
  public static Optional<byte[]> load(GridSettings settings, Map<String, String> env) {
    String value = env.get(ENV);
    if (value != null && !value.isEmpty()) {
      return Optional.of(check(value.getBytes(StandardCharsets.UTF_8), ENV));
    }
    String file = env.get(FILE_ENV);
    String origin = FILE_ENV;
    if (file == null || file.isBlank()) {
      file = settings.secretFile();
      origin = GridSettings.PROPERTY_PREFIX + "secret-file";
    }
    if (file == null || file.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(file.strip());
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new GridConfigException(
          "cannot read the grid secret file " + path + " (" + origin + "): " + e, e);
    }
    int n = bytes.length;
    if (n > 0 && bytes[n - 1] == '\n') {
      n--;
      if (n > 0 && bytes[n - 1] == '\r') {
        n--;
      }
    }
    return Optional.of(check(Arrays.copyOf(bytes, n), origin + " " + path));
  }

  private static byte[] check(byte[] secret, String origin) {
    if (secret.length < MIN_BYTES) {
      throw new GridConfigException(
          "the grid secret from "
              + origin
              + " has "
              + secret.length
              + " bytes; it needs at least "
              + MIN_BYTES);
    }
    return secret;
  }
}
