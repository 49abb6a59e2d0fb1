package daphnegrid.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --config} JSON file (spec 11.5): DAPHNE's keys, each with its JSON type checked.
 * Unknown keys, wrong types, and empty or malformed files are errors; a path that does not exist is
 * ignored, as DAPHNE does. Of DAPHNE's settings this runtime uses {@code numberOfThreads}, {@code
 * daphnedsl_import_paths} and {@code sparsity_threshold}; the rest are validated and accepted.
 */
public final class UserConfig {
  /** A problem with the file; the message says which key and why. */
  public static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }

  private enum Kind {
    BOOL,
    INT,
    FLOAT,
    STRING,
    INT_ARRAY,
    IMPORT_PATHS,
    LOGGING
  }

  private static final Map<String, Kind> KEYS = new LinkedHashMap<>();

  static {
    for (String k :
        List.of(
            "use_cuda",
            "use_vectorized_exec",
            "use_vectorized_restricted",
            "use_obj_ref_mgnt",
            "use_optimistic_splitting",
            "use_ipa_const_propa",
            "use_phy_op_selection",
            "use_mlir_codegen",
            "use_columnar",
            "matmul_tile",
            "matmul_use_fixed_tile_sizes",
            "matmul_invert_loops",
            "cuda_fuse_any",
            "vectorized_single_queue",
            "debug_llvm",
            "useHdfs",
            "force_cuda",
            "enable_property_recording",
            "enable_property_insert",
            "explain_kernels",
            "explain_llvm",
            "explain_parsing",
            "explain_parsing_simplified",
            "explain_property_inference",
            "explain_select_matrix_repr",
            "explain_sql",
            "explain_phy_op_selection",
            "explain_type_adaptation",
            "explain_vectorized",
            "explain_obj_ref_mgnt",
            "explain_mlir_codegen",
            "explain_columnar",
            "explain_transfer_data_props",
            "explain_mlir_codegen_sparsity_exploiting_op_fusion",
            "explain_mlir_codegen_daphneir_to_mlir",
            "explain_mlir_codegen_mlir_specific",
            "explain_codegen")) {
      KEYS.put(k, Kind.BOOL);
    }
    for (String k :
        List.of(
            "matmul_vec_size_bits",
            "matmul_unroll_factor",
            "matmul_unroll_jam_factor",
            "matmul_num_vec_registers",
            "numberOfThreads",
            "minimumTaskSize",
            "phyBatchSize")) {
      KEYS.put(k, Kind.INT);
    }
    for (String k :
        List.of(
            "taskPartitioningScheme",
            "queueSetupScheme",
            "victimSelection",
            "hdfsAddress",
            "hdfsUsername",
            "libdir",
            "properties_file_path")) {
      KEYS.put(k, Kind.STRING);
    }
    KEYS.put("matmul_fixed_tile_sizes", Kind.INT_ARRAY);
    KEYS.put("cuda_devices", Kind.INT_ARRAY);
    KEYS.put("sparsity_threshold", Kind.FLOAT);
    KEYS.put("daphnedsl_import_paths", Kind.IMPORT_PATHS);
    KEYS.put("logging", Kind.LOGGING);
  }

  private final Integer numberOfThreads;
  private final Map<String, List<String>> importPaths;
  private final double sparsityThreshold;

  private UserConfig(Integer threads, Map<String, List<String>> importPaths, double sparsity) {
    this.numberOfThreads = threads;
    this.importPaths = importPaths;
    this.sparsityThreshold = sparsity;
  }

  /** The defaults (as if no file was given). */
  public static UserConfig defaults() {
    return new UserConfig(null, Map.of(), 0.25);
  }

  /** numberOfThreads from the file, or null. */
  public Integer numberOfThreads() {
    return numberOfThreads;
  }

  /** daphnedsl_import_paths: "default_dirs" and library names to directories. */
  public Map<String, List<String>> importPaths() {
    return importPaths;
  }

  public double sparsityThreshold() {
    return sparsityThreshold;
  }

  /**
   * Reads and validates file; a file that does not exist gives the defaults.
   *
   * @throws ConfigException for unknown keys, wrong types, empty or malformed files
   */
  public static UserConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return defaults();
    } catch (IOException e) {
      return defaults();
    }
    if (text.isBlank()) {
      throw new ConfigException("the configuration file '" + file + "' is empty");
    }
    JsonNode root;
    try {
      root = JsonTree.read(text);
    } catch (JsonParseException e) {
      throw new ConfigException(
          "the configuration file '" + file + "' is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("cannot read '" + file + "': " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException("the configuration file '" + file + "' must hold a JSON object");
    }
    Integer threads = null;
    Map<String, List<String>> imports = Map.of();
    double sparsity = 0.25;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Kind kind = KEYS.get(e.getKey());
      if (kind == null) {
        throw new ConfigException("unknown key '" + e.getKey() + "' in '" + file + "'");
      }
      JsonNode v = e.getValue();
      boolean ok =
          switch (kind) {
            case BOOL -> v.isBoolean();
            case INT -> v.isIntegralNumber();
            case FLOAT -> v.isNumber();
            case STRING -> v.isTextual();
            case INT_ARRAY -> v.isArray() && allIntegral(v);
            case IMPORT_PATHS -> v.isObject();
            case LOGGING -> v.isArray();
          };
      if (!ok) {
        throw new ConfigException(
            "key '" + e.getKey() + "' in '" + file + "' must be " + describe(kind));
      }
      switch (e.getKey()) {
        case "numberOfThreads" -> threads = v.asInt() > 0 ? v.asInt() : null; // <= 0: all cores
        case "sparsity_threshold" -> sparsity = v.asDouble();
        case "daphnedsl_import_paths" -> imports = importPaths(v, file);
        default -> {}
      }
    }
    return new UserConfig(threads, imports, sparsity);
  }

  private static boolean allIntegral(JsonNode arr) {
    for (JsonNode x : arr) {
      if (!x.isIntegralNumber()) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, List<String>> importPaths(JsonNode v, Path file)
      throws ConfigException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isArray()) {
        throw new ConfigException(
            "daphnedsl_import_paths."
                + e.getKey()
                + " in '"
                + file
                + "' must be an array of"
                + " directories");
      }
      List<String> dirs = new ArrayList<>();
      for (JsonNode d : e.getValue()) {
        if (!d.isTextual()) {
          throw new ConfigException(
              "daphnedsl_import_paths." + e.getKey() + " in '" + file + "' must hold strings");
        }
        dirs.add(d.asText());
      }
      out.put(e.getKey(), List.copyOf(dirs));
    }
    return Map.copyOf(out);
  }

  private static String describe(Kind k) {
    return switch (k) {
      case BOOL -> "true or false";
      case INT -> "an integer";
      case FLOAT -> "a number";
      case STRING -> "a string";
      case INT_ARRAY -> "an array of integers";
      case IMPORT_PATHS -> "an object mapping names to arrays of directories";
      case LOGGING -> "an array of logger objects";
    };
  }
}
