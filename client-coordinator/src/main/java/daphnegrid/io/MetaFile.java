package daphnegrid.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import daphnegrid.config.JsonTree;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON {@code .meta} file next to a data file (spec 10.2): reading {@code F} needs {@code
 * F.meta}, writing {@code F} writes it.
 *
 * <p>Reading accepts any JSON layout and ignores unknown keys; {@code numRows} and {@code numCols}
 * are required non-negative integers. The value type is {@code valueType}, or, for a frame-style
 * file with a {@code schema} array, the first column's {@code valueType} (an empty one falls back
 * to the top-level {@code valueType}). Writing produces DAPHNE's compact form with the keys in
 * alphabetical order: {@code {"numCols":4,"numRows":2,"valueType":"si64"}}.
 */
public final class MetaFile {
  private MetaFile() {}

  /** The meta-data file of a data file: its name plus {@code .meta}. */
  public static Path of(String dataFile) {
    return Path.of(dataFile + ".meta");
  }

  /**
   * Reads {@code dataFile + ".meta"}.
   *
   * @throws KernelException "Could not open file 'F.meta' for reading meta data." when it is
   *     missing; the JSON parser's message when it is malformed; a message naming the key when a
   *     required key is missing or has a bad value
   */
  public static MatrixMeta read(String dataFile) {
    String name = dataFile + ".meta";
    JsonNode root = parse(dataFile);
    long rows = size(root, "numRows", name);
    long cols = size(root, "numCols", name);
    return new MatrixMeta(rows, cols, valueType(root, name));
  }

  /**
   * Reads {@code dataFile + ".meta"} as a frame's description: with a {@code schema} (one entry per
   * column; an empty {@code valueType} falls back to the top-level one), or matrix-style.
   *
   * @throws KernelException as {@link #read}, and when the schema does not have {@code numCols}
   *     entries, an entry has no usable value type, or a type is bool
   */
  public static FrameMeta readFrame(String dataFile) {
    String name = dataFile + ".meta";
    JsonNode root = parse(dataFile);
    long rows = size(root, "numRows", name);
    long cols = size(root, "numCols", name);
    JsonNode schema = root.get("schema");
    List<String> labels = new ArrayList<>();
    List<ValueType> types = new ArrayList<>();
    if (schema == null) {
      ValueType t = valueType(root, name);
      for (int j = 0; j < cols; j++) {
        labels.add("col_" + j);
        types.add(t);
      }
    } else {
      if (!schema.isArray()) {
        throw new KernelException("meta data file '" + name + "': 'schema' must be an array");
      }
      if (schema.size() != cols) {
        throw new KernelException(
            "meta data file '"
                + name
                + "': 'schema' has "
                + schema.size()
                + " entries, but 'numCols' is "
                + cols);
      }
      JsonNode top = root.get("valueType");
      for (int j = 0; j < schema.size(); j++) {
        JsonNode entry = schema.get(j);
        JsonNode label = entry.get("label");
        labels.add(label == null || label.isNull() ? "col_" + j : label.asText());
        JsonNode vt = entry.get("valueType");
        if (vt == null || vt.asText().isEmpty()) {
          vt = top;
        }
        if (vt == null || vt.asText().isEmpty()) {
          throw new KernelException(
              "meta data file '"
                  + name
                  + "': column "
                  + j
                  + " has no value type and there is no default 'valueType'");
        }
        ValueType t = vt.isTextual() ? ValueType.fromDslName(vt.asText()) : null;
        if (t == null || t == ValueType.BOOL || t == ValueType.SIZE) {
          throw new KernelException(
              "meta data file '" + name + "': unknown value type " + vt + " of column " + j);
        }
        types.add(t);
      }
    }
    return new FrameMeta(rows, labels, types);
  }

  /** Replaces {@code dataFile + ".meta"} with the description of a frame. */
  public static void writeFrame(
      String dataFile, long rows, List<String> labels, List<ValueType> types) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"numCols\":").append(types.size()).append(",\"numRows\":").append(rows);
    sb.append(",\"schema\":[");
    for (int j = 0; j < types.size(); j++) {
      ValueType t = types.get(j) == ValueType.SIZE ? ValueType.UI64 : types.get(j);
      sb.append(j > 0 ? "," : "").append("{\"label\":");
      String label = labels.get(j);
      if (label == null) {
        sb.append("null");
      } else {
        sb.append('"').append(JsonStringEncoder.getInstance().quoteAsString(label)).append('"');
      }
      sb.append(",\"valueType\":\"").append(t.dslName()).append("\"}");
    }
    sb.append("]}");
    try {
      byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
      AtomicFiles.write(of(dataFile), out -> out.write(json));
    } catch (IOException e) {
      throw new KernelException("could not write file '" + dataFile + ".meta': " + e, e);
    }
  }

  private static JsonNode parse(String dataFile) {
    String name = dataFile + ".meta";
    JsonNode root;
    try {
      root = JsonTree.read(Files.readString(of(dataFile), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new KernelException("Could not open file '" + name + "' for reading meta data.");
    } catch (JsonProcessingException e) {
      throw new KernelException(e.getOriginalMessage() + " (in '" + name + "')");
    } catch (IOException e) {
      throw new KernelException(
          "Could not open file '" + name + "' for reading meta data. (" + e + ")");
    }
    if (root == null || !root.isObject()) {
      throw new KernelException("meta data file '" + name + "' does not hold a JSON object");
    }
    return root;
  }

  /**
   * The {@code numNonZeros} of {@code dataFile + ".meta"}, -1 when it is absent or negative (call
   * after {@link #read}, which reports a missing or malformed file).
   */
  public static long numNonZeros(String dataFile) {
    try {
      JsonNode root = JsonTree.read(Files.readString(of(dataFile), StandardCharsets.UTF_8));
      JsonNode n = root == null ? null : root.get("numNonZeros");
      return n != null && n.canConvertToLong() && n.asLong() >= 0 ? n.asLong() : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** Replaces {@code dataFile + ".meta"} with the description of a rows x cols matrix of type. */
  public static void write(String dataFile, long rows, long cols, ValueType type) {
    try {
      byte[] json = toJson(rows, cols, type).getBytes(StandardCharsets.UTF_8);
      AtomicFiles.write(of(dataFile), out -> out.write(json));
    } catch (IOException e) {
      throw new KernelException("could not write file '" + dataFile + ".meta': " + e, e);
    }
  }

  /** The compact JSON DAPHNE writes for a matrix (size is written as ui64). */
  static String toJson(long rows, long cols, ValueType type) {
    String vt = type == ValueType.SIZE ? ValueType.UI64.dslName() : type.dslName();
    return "{\"numCols\":" + cols + ",\"numRows\":" + rows + ",\"valueType\":\"" + vt + "\"}";
  }

  private static long size(JsonNode root, String key, String name) {
    JsonNode n = root.get(key);
    if (n == null) {
      throw new KernelException("meta data file '" + name + "' lacks the key '" + key + "'");
    }
    if (!n.canConvertToExactIntegral() || !n.canConvertToLong() || n.asLong() < 0) {
      throw new KernelException(
          "meta data file '" + name + "': '" + key + "' must be an integer >= 0, not " + n);
    }
    return n.asLong();
  }

  private static ValueType valueType(JsonNode root, String name) {
    JsonNode top = root.get("valueType");
    JsonNode schema = root.get("schema");
    JsonNode chosen = top;
    if (schema != null) {
      if (!schema.isArray()) {
        throw new KernelException("meta data file '" + name + "': 'schema' must be an array");
      }
      JsonNode first = schema.size() > 0 ? schema.get(0).get("valueType") : null;
      if (first != null && !first.asText().isEmpty()) {
        chosen = first;
      }
    }
    if (chosen == null || chosen.asText().isEmpty()) {
      throw new KernelException(
          "meta data file '" + name + "' gives no value type ('valueType' is missing)");
    }
    ValueType t = chosen.isTextual() ? ValueType.fromDslName(chosen.asText()) : null;
    if (t == null) {
      throw new KernelException("meta data file '" + name + "': unknown value type " + chosen);
    }
    return t;
  }
}
