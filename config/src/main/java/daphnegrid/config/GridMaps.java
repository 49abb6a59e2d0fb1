package daphnegrid.config;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the grid's maps. A name carries its family (which sets the map's configuration through a
 * wildcard map config) and the UUID of the client that owns it, so that a member can find and
 * destroy everything a departed client left behind:
 *
 * <pre>
 * blocks.&lt;owner-uuid&gt;.&lt;matrix-id&gt;   matrix blocks: backup-count from settings (1), OBJECT, no eviction
 * tmp.&lt;owner-uuid&gt;.&lt;tag&gt;            temporaries: temp-backup-count (0), OBJECT
 * tmp.&lt;owner-uuid&gt;.&lt;tag&gt;.gen        generated matrices: no backups (made again if lost), OBJECT
 * </pre>
 *
 * One map per matrix: freeing a matrix is one {@code destroy()}, and since {@link
 * daphnegrid.config.serial.BlockKey}'s partition key is the block row, row block {@code i} of every
 * matrix map lives in the same partition anyway. The owner is the client's {@code
 * getLocalEndpoint().getUuid()} (an embedded member uses its own member UUID).
 */
public final class GridMaps {
  /** Wildcard name of the block maps' config. */
  public static final String BLOCKS_PATTERN = "blocks.*";

  /** Wildcard name of the temporary maps' config. */
  public static final String TEMP_PATTERN = "tmp.*";

  /** What ends the name of a generated matrix's map (a temporary that can be made again). */
  public static final String GENERATED_SUFFIX = ".gen";

  /**
   * Wildcard name of the generated matrices' map config (no backups: the coordinator makes lost
   * blocks again). More specific than {@link #TEMP_PATTERN}, so Hazelcast picks it for them.
   */
  public static final String GENERATED_PATTERN = "tmp.*" + GENERATED_SUFFIX;

  private static final Pattern OWNED =
      Pattern.compile(
          "(blocks|tmp)\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.(.+)");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.-]+");

  private GridMaps() {}

  /** The block map of matrix {@code matrixId} owned by {@code owner}. */
  public static String blocks(UUID owner, long matrixId) {
    return "blocks." + owner + "." + matrixId;
  }

  /**
   * The block map of matrix {@code matrixId} of one run sharing its owner's connection with other
   * runs: {@code scope} (letters, digits, {@code _ . -}; empty for a run of its own) keeps the
   * runs' names apart.
   */
  public static String blocks(UUID owner, String scope, long matrixId) {
    return "blocks." + owner + "." + requireTag(scope, true) + matrixId;
  }

  /** True if mapName is an object of owner made under scope (every object of owner for ""). */
  public static boolean ownedBy(String mapName, UUID owner, String scope) {
    return mapName.startsWith("blocks." + owner + "." + scope)
        || mapName.startsWith("tmp." + owner + "." + scope);
  }

  private static String requireTag(String tag, boolean mayBeEmpty) {
    if (!(mayBeEmpty && tag.isEmpty()) && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("bad map name tag '" + tag + "'");
    }
    return tag;
  }

  /** A temporary map owned by {@code owner}; {@code tag} is letters, digits, {@code _ . -}. */
  public static String temp(UUID owner, String tag) {
    return "tmp." + owner + "." + requireTag(tag, false);
  }

  /**
   * The map of a generated matrix (rand, fill, seq) owned by {@code owner}: a temporary whose
   * blocks are made again when lost, so it has no backups ({@link #GENERATED_PATTERN}).
   */
  public static String generated(UUID owner, String tag) {
    return temp(owner, tag) + GENERATED_SUFFIX;
  }

  /** Whether mapName is the map of a generated matrix. */
  public static boolean isGenerated(String mapName) {
    return mapName.startsWith("tmp.") && mapName.endsWith(GENERATED_SUFFIX);
  }

  /** The owner encoded in a grid map name, or empty for names outside this scheme. */
  public static Optional<UUID> owner(String mapName) {
    Matcher m = OWNED.matcher(mapName);
    return m.matches() ? Optional.of(UUID.fromString(m.group(2))) : Optional.empty();
  }
}
