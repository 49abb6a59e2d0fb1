package daphnegrid.cli;

import daphnegrid.kernels.Kernels;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The --help and --version texts, rendered by picocli from the {@link CliOption} table. */
final class HelpText {
  private HelpText() {}

  static final String VERSION_LINE = "DAPHNE Version 0.3";
  static final String PRODUCT = "Daphne Grid 0.1.0";

  static void usage(PrintWriter out) {
    CommandSpec spec = CommandSpec.create().name("daphne");
    spec.usageMessage()
        .description("Runs a DaphneDSL script, locally or (--distributed) on a Hazelcast grid.")
        .footer(
            "",
            "Script arguments are name=value pairs after the script; each value is one DaphneDSL"
                + " literal (strings need their quotes: name=\\\"text\\\").",
            "Options also take DAPHNE's spellings: -opt, --opt=value, --flag=false.",
            "Exit codes: 0 success, 1 parse error, 2 type or shape error found before running, 3"
                + " error while running.");
    for (CliOption o : CliOption.values()) {
      if (o.hidden()) {
        continue;
      }
      String[] names = new String[o.names.length];
      for (int i = 0; i < names.length; i++) {
        names[i] = (o.names[i].length() == 1 ? "-" : "--") + o.names[i];
      }
      OptionSpec.Builder b = OptionSpec.builder(names).description(o.description);
      switch (o.kind) {
        case FLAG -> b.arity("0").type(boolean.class);
        case VALUE -> b.arity("1").paramLabel("<value>").type(String.class);
        case OPTIONAL_VALUE -> b.arity("0..1").paramLabel("<passes>").type(String.class);
      }
      spec.addOption(b.build());
    }
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .paramLabel("script")
            .description("The DaphneDSL script to run.")
            .build());
    spec.addPositional(
        PositionalParamSpec.builder()
            .index("1..*")
            .arity("0..*")
            .paramLabel("name=value")
            .description("Script arguments.")
            .build());
    new CommandLine(spec).usage(out);
    out.flush();
  }

  static void version(PrintWriter out) {
    out.println(VERSION_LINE);
    out.println(
        PRODUCT
            + " (Java "
            + System.getProperty("java.version")
            + ", Hazelcast "
            + hazelcastVersion()
            + ", kernels "
            + Kernels.chosen().name()
            + ")");
    out.flush();
  }

  private static String hazelcastVersion() {
    Package p = Package.getPackage("com.hazelcast.core");
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "5.7.0" : v;
  }
}
