package daphnegrid.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code daphne} command line. Options follow DAPHNE's LLVM style: {@code --opt} or {@code
 * -opt}, values as {@code --opt=value} or {@code --opt value}, flags also as {@code
 * --flag=true|false|1|0}. The first argument that is not an option is the script; everything after
 * it is a script argument, even if it starts with {@code -}.
 *
 * <p>Parsing is hand-written because it runs on every start-up: a reflective command-line library
 * costs more than the rest of a small run together. The help text is rendered by picocli from the
 * same option table ({@link HelpText}).
 */
record CliArguments(Map<CliOption, List<String>> options, Path script, List<String> scriptArgs) {

  /** A command-line mistake, reported with exit code 1. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static CliArguments parse(String[] argv) throws UsageException {
    Map<CliOption, List<String>> opts = new EnumMap<>(CliOption.class);
    int i = 0;
    for (; i < argv.length; i++) {
      String a = argv[i];
      if (a.equals("--")) {
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
      CliOption o = CliOption.byName(name);
      if (o == null) {
        throw new UsageException("daphne: Unknown command line argument '" + a + "'");
      }
      switch (o.kind) {
        case FLAG -> {
          if (value == null || value.equals("true") || value.equals("1")) {
            value = "true";
          } else if (value.equals("false") || value.equals("0")) {
            value = "false";
          } else {
            throw new UsageException(
                "daphne: option '--" + name + "' takes true or false, got '" + value + "'");
          }
        }
        case VALUE -> {
          if (value == null) {
            if (i + 1 >= argv.length) {
              throw new UsageException("daphne: option '--" + name + "' needs a value");
            }
            value = argv[++i];
          }
        }
        case OPTIONAL_VALUE -> value = value == null ? "" : value;
      }
      opts.computeIfAbsent(o, k -> new ArrayList<>()).add(value);
    }
    Path script = null;
    List<String> rest = new ArrayList<>();
    if (i < argv.length) {
      script = Path.of(argv[i]);
      for (i++; i < argv.length; i++) {
        rest.add(argv[i]);
      }
    }
    return new CliArguments(opts, script, List.copyOf(rest));
  }

  boolean has(CliOption o) {
    return options.containsKey(o);
  }

  /** A flag's value (the last one given wins). */
  boolean flag(CliOption o) {
    List<String> v = options.get(o);
    return v != null && v.get(v.size() - 1).equals("true");
  }

  /** A value option's last value, or null. */
  String value(CliOption o) {
    List<String> v = options.get(o);
    return v == null ? null : v.get(v.size() - 1);
  }

  List<String> values(CliOption o) {
    return options.getOrDefault(o, List.of());
  }
}
