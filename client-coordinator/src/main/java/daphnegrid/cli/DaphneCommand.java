package daphnegrid.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of {@code daphne [options] script [name=value ...]} (spec 11.3). {@link
 * ArgumentStyle} first turns DAPHNE's LLVM-style spellings ({@code -opt}, a bare boolean flag, a
 * bare {@code --explain}) into the {@code --opt=value} form declared here. Options DAPHNE has for
 * its own compiler or hardware are accepted and have no effect here.
 */
@Command(
    name = "daphne",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Runs a DaphneDSL script, locally or (--distributed) on a Hazelcast grid.",
    footer = {
      "",
      "Script arguments are name=value pairs after the script; each value is one DaphneDSL"
          + " literal (strings need their quotes: name=\\\"text\\\").",
      "Exit codes: 0 success, 1 parse error, 2 type or shape error found before running, 3"
          + " error while running."
    })
final class DaphneCommand {
  @Option(
      names = {"--help", "-h"},
      usageHelp = true,
      description = "Print this help and exit.")
  boolean help;

  @Option(
      names = {"--version"},
      versionHelp = true,
      description = "Print the version and exit.")
  boolean version;

  @Option(
      names = {"--args"},
      paramLabel = "name=value,...",
      description = "Script arguments, comma-separated (may be repeated).")
  List<String> args = new ArrayList<>();

  @Option(
      names = {"--config"},
      paramLabel = "FILE",
      description = "JSON configuration file (DAPHNE's keys).")
  Path config;

  @Option(
      names = {"--num-threads"},
      paramLabel = "N",
      description = "Threads of the local engine (default: all cores).")
  Integer numThreads;

  @Option(
      names = {"--distributed"},
      arity = "1",
      description =
          "Run large operations on the grid: the workers in DISTRIBUTED_WORKERS, or an"
              + " embedded grid when it is not set.")
  boolean distributed;

  @Option(
      names = {"--dist_backend"},
      paramLabel = "MPI|sync-gRPC|async-gRPC",
      description = "Accepted for compatibility; the grid is always Hazelcast.")
  String distBackend;

  @Option(
      names = {"--max-distr-chunk-size"},
      paramLabel = "BYTES",
      description = "Largest message sent to the grid in one piece.")
  Long maxDistrChunkSize;

  @Option(
      names = {"--explain"},
      arity = "1",
      paramLabel = "passes",
      description = "Print the execution plan (what ran where) to stderr.")
  String explain;

  @Option(
      names = {"--timing"},
      arity = "1",
      description = "Print start-up, parsing, compilation and execution times to stderr.")
  boolean timing;

  @Option(
      names = {"--statistics"},
      arity = "1",
      description = "Print kernel statistics to stderr.")
  boolean statistics;

  @Option(
      names = {"--vec"},
      arity = "1",
      description = "Accepted: fused, multi-threaded execution is always on.")
  boolean vec;

  @Option(
      names = {"--select-matrix-repr", "--select-matrix-representations"},
      arity = "1",
      description = "Accepted and ignored: every matrix is dense.")
  boolean selectMatrixRepr;

  @Option(
      names = {
        "--no-obj-ref-mgnt",
        "--no-ipa-const-propa",
        "--no-phy-op-selection",
        "--vec-restricted",
        "--pre-partition",
        "--pin-workers",
        "--hyperthreading",
        "--debug-mt",
        "--columnar",
        "--optimistic-splitting",
        "--cuda",
        "--fpgaopencl",
        "--codegen",
        "--mlir-hybrid-codegen",
        "--matmul-tile",
        "--matmul-invert-loops",
        "--enable-property-recording",
        "--enable-property-insert",
        "--enable-profiling",
        "--enable-hdfs"
      },
      arity = "1",
      hidden = true)
  List<String> ignoredFlags = new ArrayList<>();

  @Option(
      names = {
        "--grain-size",
        "--phy-batch-size",
        "--partitioning",
        "--queue_layout",
        "--victim_selection",
        "--libdir",
        "--matmul-vec-size-bits",
        "--matmul-unroll-factor",
        "--matmul-unroll-jam-factor",
        "--matmul-num-vec-registers",
        "--matmul-fixed-tile-sizes",
        "--kernel-ext",
        "--properties-file-path",
        "--hdfs-ip",
        "--hdfs-username"
      },
      hidden = true)
  List<String> ignoredValues = new ArrayList<>();

  @Parameters(index = "0", paramLabel = "script", description = "The DaphneDSL script to run.")
  Path script;

  @Parameters(index = "1..*", paramLabel = "name=value", description = "Script arguments.")
  List<String> scriptArgs = new ArrayList<>();
}
