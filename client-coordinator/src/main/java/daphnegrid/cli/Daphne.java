package daphnegrid.cli;

import daphnegrid.dsl.Diagnostic;
import daphnegrid.dsl.ModuleLoader;
import daphnegrid.dsl.Parser;
import daphnegrid.dsl.ScriptArgs;
import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.ast.Script;
import daphnegrid.dsl.types.Checker;
import daphnegrid.kernels.format.NumberFormat;
import daphnegrid.plan.Placement;
import daphnegrid.runtime.Interpreter;
import daphnegrid.runtime.RunOptions;
import daphnegrid.runtime.grid.GridOptions;
import daphnegrid.runtime.local.ComputePool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of {@code daphne}: parses the command line, then reads, parses, checks and runs the
 * script. This is the one place that turns failures into exit codes (spec 11.4): script errors
 * print one line per diagnostic ({@code file:line:col: error: message}) and exit 1, 2 or 3;
 * anything else is a bug here and prints its stack trace (exit 3).
 */
public final class Daphne {
  private final Writer out;
  private final Writer err;
  private final Host host;

  /** A run in this process's working directory and environment. */
  public Daphne(Writer out, Writer err) {
    this(out, err, Host.process());
  }

  /** A run in host's working directory and environment, on host's shared grid if it has one. */
  public Daphne(Writer out, Writer err, Host host) {
    this.out = out;
    this.err = err;
    this.host = host;
  }

  /** Runs the command; returns the exit code. Output is flushed before returning. */
  public int run(String[] argv) {
    long start = System.nanoTime();
    try {
      return runChecked(argv, start);
    } catch (ScriptException e) {
      return report(e);
    } catch (StackOverflowError e) {
      return fail("error: the script recursed too deeply (stack overflow)");
    } catch (OutOfMemoryError e) {
      return fail(
          "error: out of memory ("
              + e.getMessage()
              + "); give the JVM more heap with"
              + " DAPHNE_EXTRA_JVM_ARGS=-Xmx<size>");
    } catch (java.io.UncheckedIOException e) {
      // the output's reader went away (a closed pipe) while the last lines were written
      fail("error: cannot write the output: " + e.getCause().getMessage());
      return 3; // an I/O error at run time
    } catch (RuntimeException | Error e) {
      flushQuietly(out);
      PrintWriter pw = new PrintWriter(err);
      pw.println("internal error (a bug in Daphne Grid):");
      e.printStackTrace(pw);
      pw.flush();
      return 3;
    } finally {
      flushQuietly(out);
      flushQuietly(err);
    }
  }

  private int runChecked(String[] argv, long start) {
    CliArguments cmd;
    try {
      cmd = CliArguments.parse(argv);
    } catch (CliArguments.UsageException e) {
      return fail(e.getMessage());
    }
    if (cmd.flag(CliOption.HELP)) {
      HelpText.usage(new PrintWriter(out));
      return 0;
    }
    if (cmd.flag(CliOption.VERSION)) {
      HelpText.version(new PrintWriter(out));
      return 0;
    }
    if (cmd.script() == null) {
      return fail("daphne: no script given\nUsage: daphne [options] script [name=value ...]");
    }
    Map<String, String> args = scriptArguments(cmd);
    if (args == null) {
      return 1;
    }
    daphnegrid.config.UserConfig config = daphnegrid.config.UserConfig.defaults();
    if (cmd.has(CliOption.CONFIG)) {
      try {
        config =
            daphnegrid.config.UserConfig.load(host.workDir().resolve(cmd.value(CliOption.CONFIG)));
      } catch (daphnegrid.config.UserConfig.ConfigException e) {
        return fail("daphne: Parser error while reading user config: " + e.getMessage());
      }
    }
    int threads = Runtime.getRuntime().availableProcessors();
    if (config.numberOfThreads() != null) {
      threads = config.numberOfThreads();
    }
    if (cmd.has(CliOption.NUM_THREADS)) {
      try {
        threads = Integer.parseInt(cmd.value(CliOption.NUM_THREADS));
      } catch (NumberFormatException e) {
        return fail(
            "daphne: --num-threads needs a number, got '" + cmd.value(CliOption.NUM_THREADS) + "'");
      }
      if (threads < 1) {
        return fail("daphne: --num-threads must be at least 1, got " + threads);
      }
    }
    RunOptions options =
        new RunOptions(
            args,
            threads,
            cmd.flag(CliOption.DISTRIBUTED),
            cmd.has(CliOption.EXPLAIN),
            host.workDir(),
            new daphnegrid.runtime.SparseSelection(
                cmd.flag(CliOption.SELECT_MATRIX_REPR), config.sparsityThreshold()));
    GridOptions gridOptions;
    try {
      gridOptions =
          new GridOptions(
              longOption(cmd, CliOption.MAX_DISTR_CHUNK_SIZE, GridOptions.DEFAULT_MAX_CHUNK_BYTES),
              longOption(cmd, CliOption.GRID_MIN_CELLS, GridOptions.DEFAULT_PLACEMENT_MIN_CELLS),
              longOption(
                  cmd, CliOption.GRID_BROADCAST_MAX_CELLS, GridOptions.DEFAULT_BROADCAST_MAX_CELLS),
              longOption(
                  cmd, CliOption.GRID_SHUFFLE_MIN_CELLS, GridOptions.DEFAULT_SHUFFLE_MIN_CELLS));
    } catch (IllegalArgumentException e) {
      return fail("daphne: " + e.getMessage());
    }

    Path scriptPath = host.workDir().resolve(cmd.script());
    String source;
    try {
      source = Files.readString(scriptPath, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return fail("daphne: cannot read script '" + cmd.script() + "': " + describe(e));
    }
    long tRead = System.nanoTime();
    List<Diagnostic> diags = new ArrayList<>();
    Script script = Parser.parse(source, scriptPath, cmd.script().toString(), diags);
    if (!diags.isEmpty()) {
      throw new ScriptException.Parse(diags);
    }
    long tParsed = System.nanoTime();
    ScriptArgs scriptArgs = new ScriptArgs(args);
    ModuleLoader modules = new ModuleLoader(config.importPaths(), scriptPath);
    new Checker(scriptArgs, modules, new MetaTypes(host.workDir())).check(script);
    long tChecked = System.nanoTime();
    Map<String, Double> engineTiming;
    boolean progressLine =
        options.distributed() && "1".equals(host.env().get(ProgressLine.TERMINAL_ENV));
    try (ProgressLine progress = progressLine ? ProgressLine.create(err, host.env()) : null;
        ComputePool pool = new ComputePool(threads);
        Placement placement =
            Engines.create(
                options,
                pool,
                gridOptions,
                options.explain() ? err : null,
                host,
                progress != null ? progress : daphnegrid.runtime.Progress.NONE)) {
      Interpreter interpreter =
          new Interpreter(
              out,
              err,
              options,
              placement,
              scriptArgs,
              modules,
              scriptPath.getFileName().toString());
      if (cmd.flag(CliOption.STATISTICS)) {
        interpreter.statistics().enable();
      }
      interpreter.run(script);
      interpreter.context().flushAll();
      if (cmd.flag(CliOption.STATISTICS)) {
        try {
          err.write(interpreter.statistics().render());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      engineTiming = placement.timing();
    }
    long tDone = System.nanoTime();
    if (cmd.flag(CliOption.TIMING)) {
      printTiming(start, tRead, tParsed, tChecked, tDone, engineTiming, host.env());
    }
    return 0;
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage();
  }

  /**
   * Collects {@code name=value} pairs from --args and after the script; null (after reporting) for
   * a malformed or repeated one.
   */
  private Map<String, String> scriptArguments(CliArguments cmd) {
    List<String> items = new ArrayList<>();
    for (String a : cmd.values(CliOption.ARGS)) {
      for (String part : a.split(",", -1)) {
        items.add(part);
      }
    }
    items.addAll(cmd.scriptArgs());
    Map<String, String> out = new LinkedHashMap<>();
    for (String item : items) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        fail("daphne: script arguments must be specified as name=value, but found '" + item + "'");
        return null;
      }
      String name = item.substring(0, eq);
      if (out.put(name, item.substring(eq + 1)) != null) {
        fail("daphne: script argument: '" + name + "' was provided more than once");
        return null;
      }
    }
    return out;
  }

  /** The option's value as a number, or the default when it is not given. */
  private static long longOption(CliArguments cmd, CliOption o, long dflt) {
    if (!cmd.has(o)) {
      return dflt;
    }
    String v = cmd.value(o);
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + o.names[0] + " needs a number, got '" + v + "'");
    }
  }

  private void printTiming(
      long start,
      long read,
      long parsed,
      long checked,
      long done,
      Map<String, Double> extra,
      Map<String, String> env) {
    double startup = startupSeconds(start, env.get("DAPHNE_LAUNCH_US"));
    double parsing = (parsed - start) / 1e9;
    double compilation = (checked - parsed) / 1e9;
    double execution = (done - checked) / 1e9;
    double total = startup + (done - start) / 1e9;
    String line =
        "{\"startup_seconds\": "
            + NumberFormat.general6(startup)
            + ", \"parsing_seconds\": "
            + NumberFormat.general6(parsing)
            + ", \"compilation_seconds\": "
            + NumberFormat.general6(compilation)
            + ", \"execution_seconds\": "
            + NumberFormat.general6(execution)
            + ", \"total_seconds\": "
            + NumberFormat.general6(total)
            + extraTiming(extra)
            + "}\n";
    try {
      err.write(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Seconds from the launcher's start (it exports DAPHNE_LAUNCH_US, microseconds since the epoch)
   * to main(); 0 when started another way.
   */
  private static double startupSeconds(long mainNanos, String launched) {
    if (launched == null) {
      return 0;
    }
    try {
      long mainMicros =
          java.time.Instant.now().toEpochMilli() * 1000 - (System.nanoTime() - mainNanos) / 1000;
      return Math.max(0, (mainMicros - Long.parseLong(launched)) / 1e6);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String extraTiming(Map<String, Double> extra) {
    StringBuilder b = new StringBuilder();
    extra.forEach(
        (k, v) ->
            b.append(", \"")
                .append(k)
                .append("\": ")
                .append(
                    v == Math.rint(v) && Math.abs(v) < 1e15
                        ? Long.toString(v.longValue())
                        : NumberFormat.general6(v)));
    return b.toString();
  }

  private int report(ScriptException e) {
    flushQuietly(out);
    try {
      for (Diagnostic d : e.diagnostics()) {
        err.write(d.render());
        err.write('\n');
      }
    } catch (IOException io) {
      // stderr is gone; the exit code still tells
    }
    return e.exitCode();
  }

  private int fail(String message) {
    flushQuietly(out);
    try {
      err.write(message);
      err.write('\n');
    } catch (IOException io) {
      // stderr is gone; the exit code still tells
    }
    return 1;
  }

  private static void flushQuietly(Writer w) {
    try {
      w.flush();
    } catch (IOException e) {
      // nothing left to report to
    }
  }
}
