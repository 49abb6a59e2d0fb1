package daphnegrid.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a script through the daphne command in this JVM and captures what it wrote. */
public record ScriptRun(int exitCode, String out, String err) {
  public static ScriptRun run(Path dir, String script, String... options) throws IOException {
    Path file = dir.resolve("script.daph");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    List<String> argv = new ArrayList<>(List.of(options));
    argv.add(file.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new Daphne(out, err).run(argv.toArray(new String[0]));
    return new ScriptRun(code, out.toString(), err.toString());
  }
}
