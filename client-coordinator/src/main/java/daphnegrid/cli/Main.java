package daphnegrid.cli;

import daphnegrid.config.LauncherStderr;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** Entry point of {@code bin/daphne}: runs the command and exits with its status. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Writer out =
        new BufferedWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            1 << 16);
    Writer err =
        new BufferedWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            1 << 12);
    int code = new Daphne(out, err).run(args);
    LauncherStderr.finish();
    // exit explicitly: grid client threads are not daemons
    Runtime.getRuntime().halt(code);
  }
}
