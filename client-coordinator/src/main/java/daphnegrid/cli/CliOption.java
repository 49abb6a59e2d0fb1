package daphnegrid.cli;

import java.util.HashMap;
import java.util.Map;

/**
 * Every option of {@code daphne} (spec 11.3), one table for parsing and for the help text. Options
 * DAPHNE has for its own compiler or hardware are accepted and have no effect here; they are hidden
 * from the help.
 */
enum CliOption {
  HELP(Kind.FLAG, "Print this help and exit.", "help", "h"),
  VERSION(Kind.FLAG, "Print the version and exit.", "version"),
  ARGS(Kind.VALUE, "Script arguments name=value, comma-separated (may be repeated).", "args"),
  CONFIG(Kind.VALUE, "JSON configuration file (DAPHNE's keys).", "config"),
  NUM_THREADS(Kind.VALUE, "Threads of the local engine (default: all cores).", "num-threads"),
  DISTRIBUTED(
      Kind.FLAG,
      "Run large operations on the grid: the workers in DISTRIBUTED_WORKERS, or an embedded grid"
          + " when it is not set.",
      "distributed"),
  DIST_BACKEND(
      Kind.VALUE, "Accepted for compatibility; the grid is always Hazelcast.", "dist_backend"),
  MAX_DISTR_CHUNK_SIZE(
      Kind.VALUE, "Largest message (bytes) sent to the grid in one piece.", "max-distr-chunk-size"),
  GRID_MIN_CELLS(
      Kind.VALUE,
      "With --distributed: run a program on the grid when its inputs have at least this many"
          + " cells or already live there (default 1048576; 0 puts all work on the grid).",
      "grid-min-cells"),
  GRID_BROADCAST_MAX_CELLS(
      Kind.VALUE,
      "With --distributed: in X @ Y with X on the grid, send Y inside each program's task up to"
          + " this many cells (default 4194304); a larger Y is multiplied by a Jet job that sends"
          + " it from member to member (0: always the Jet job).",
      "grid-broadcast-max-cells"),
  GRID_SHUFFLE_MIN_CELLS(
      Kind.VALUE,
      "With --distributed: a sql() join of two frames on the grid shuffles both by key in a Jet"
          + " job when each has at least this many cells (rows x named columns; default 4194304);"
          + " otherwise the smaller is sent to the members holding the larger (0: always shuffle).",
      "grid-shuffle-min-cells"),
  EXPLAIN(
      Kind.OPTIONAL_VALUE,
      "Print the execution plan (each fused program, where it ran) to stderr.",
      "explain"),
  TIMING(
      Kind.FLAG, "Print start-up, parsing, compilation and execution times to stderr.", "timing"),
  STATISTICS(
      Kind.FLAG, "Print the script's lines ranked by time (a table) to stderr.", "statistics"),
  VEC(Kind.FLAG, "Accepted: fused, multi-threaded execution is always on.", "vec"),
  SELECT_MATRIX_REPR(
      Kind.FLAG,
      "Hold matrices whose density is known and below sparsity_threshold in CSR form.",
      "select-matrix-repr",
      "select-matrix-representations"),
  IGNORED_FLAG(
      Kind.FLAG,
      null,
      "no-obj-ref-mgnt",
      "no-ipa-const-propa",
      "no-phy-op-selection",
      "vec-restricted",
      "pre-partition",
      "pin-workers",
      "hyperthreading",
      "debug-mt",
      "columnar",
      "optimistic-splitting",
      "cuda",
      "fpgaopencl",
      "codegen",
      "mlir-hybrid-codegen",
      "matmul-tile",
      "matmul-invert-loops",
      "enable-property-recording",
      "enable-property-insert",
      "enable-profiling",
      "enable-hdfs"),
  IGNORED_VALUE(
      Kind.VALUE,
      null,
      "grain-size",
      "phy-batch-size",
      "partitioning",
      "queue_layout",
      "victim_selection",
      "libdir",
      "matmul-vec-size-bits",
      "matmul-unroll-factor",
      "matmul-unroll-jam-factor",
      "matmul-num-vec-registers",
      "matmul-fixed-tile-sizes",
      "kernel-ext",
      "properties-file-path",
      "hdfs-ip",
      "hdfs-username");

  /** How an option takes its value. */
  enum Kind {
    /** {@code --flag}, {@code --flag=true|false|1|0} */
    FLAG,
    /** {@code --opt value} or {@code --opt=value} */
    VALUE,
    /** {@code --opt} or {@code --opt=value}, never the next argument */
    OPTIONAL_VALUE
  }

  final Kind kind;
  final String description;
  final String[] names;

  CliOption(Kind kind, String description, String... names) {
    this.kind = kind;
    this.description = description;
    this.names = names;
  }

  boolean hidden() {
    return description == null;
  }

  private static final Map<String, CliOption> BY_NAME = new HashMap<>();

  static {
    for (CliOption o : values()) {
      for (String n : o.names) {
        BY_NAME.put(n, o);
      }
    }
  }

  /** The option called name (without dashes), or null. */
  static CliOption byName(String name) {
    return BY_NAME.get(name);
  }
}
