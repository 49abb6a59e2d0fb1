package daphnegrid.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites a {@code daphne} command line from DAPHNE's LLVM-style spellings into the form {@link
 * DaphneCommand} declares: {@code -opt} becomes {@code --opt}; a boolean flag without a value
 * becomes {@code --flag=true} ({@code =1}/{@code =0} become true/false); a bare {@code --explain}
 * becomes {@code --explain=all}. Everything from the first argument that is not an option (the
 * script) on is passed through untouched, so script arguments may start with {@code -}.
 */
final class ArgumentStyle {
  private ArgumentStyle() {}

  static final Set<String> FLAGS =
      Set.of(
          "distributed",
          "timing",
          "statistics",
          "vec",
          "select-matrix-repr",
          "select-matrix-representations",
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
          "enable-hdfs");

  private static final Set<String> WITH_VALUE =
      Set.of(
          "args",
          "config",
          "num-threads",
          "dist_backend",
          "max-distr-chunk-size",
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

  static List<String> normalize(String[] argv) {
    List<String> out = new ArrayList<>();
    int i = 0;
    for (; i < argv.length; i++) {
      String a = argv[i];
      if (a.equals("--")) {
        out.add(a);
        i++;
        break;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        break;
      }
      String body = a.startsWith("--") ? a.substring(2) : a.substring(1);
      String name = body;
      String value = null;
      int eq = body.indexOf('=');
      if (eq >= 0) {
        name = body.substring(0, eq);
        value = body.substring(eq + 1);
      }
      if (FLAGS.contains(name)) {
        if (value == null) {
          value = "true";
        } else if (value.equals("1")) {
          value = "true";
        } else if (value.equals("0")) {
          value = "false";
        }
        out.add("--" + name + "=" + value);
      } else if (name.equals("explain")) {
        out.add("--explain=" + (value == null ? "all" : value));
      } else if (WITH_VALUE.contains(name)) {
        if (value != null) {
          out.add("--" + name + "=" + value);
        } else {
          out.add("--" + name);
          if (i + 1 < argv.length) {
            out.add(argv[++i]);
          }
        }
      } else if (name.equals("h") || name.equals("help") || name.equals("version")) {
        out.add(name.equals("h") ? "-h" : "--" + name);
      } else {
        out.add(a); // unknown: picocli reports it
      }
    }
    if (i < argv.length && !out.contains("--")) {
      out.add("--");
    }
    for (; i < argv.length; i++) {
      out.add(argv[i]);
    }
    return out;
  }
}
