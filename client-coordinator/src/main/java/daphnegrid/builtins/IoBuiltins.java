package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;

import daphnegrid.dsl.ScriptException;
import daphnegrid.io.MatrixFiles;
import daphnegrid.io.Printer;
import daphnegrid.kernels.format.NumberFormat;
import daphnegrid.runtime.MatrixSource;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.ScalarValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/** print, stop, and reading and writing matrices. */
final class IoBuiltins {
  private IoBuiltins() {}

  static void register() {
    add(
        "print",
        List.of("arg", "newline", "err"),
        1,
        3,
        (a, at) -> Typing.none(),
        inv -> {
          boolean newline = inv.count() < 2 || inv.asBool(1);
          boolean err = inv.count() > 2 && inv.asBool(2);
          Writer w = inv.context().stream(err);
          try {
            if (inv.arg(0) instanceof ScalarValue s) {
              w.write(NumberFormat.scalar(s.scalar()));
              if (newline) {
                w.write('\n');
              }
            } else {
              Printer.print(((MatrixValue) inv.arg(0)).dense(), w);
            }
            if (err) {
              w.flush();
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return List.of();
        });
    add(
        "readMatrix",
        List.of("filename"),
        1,
        1,
        (a, at) -> Typing.matrixOf(null), // a constant file name: the checker reads the .meta
        inv -> Builtins.one(inv.ops().generate(MatrixSource.ReadCsv.of(inv.asString(0)))));
    for (String name : List.of("write", "writeMatrix")) {
      add(
          name,
          List.of("arg", "filename"),
          2,
          2,
          (a, at) -> {
            Typing.requireMatrix(name, a.get(0), 0, at);
            return Typing.none();
          },
          inv -> {
            MatrixFiles.write(inv.dense(0), inv.asString(1));
            return List.of();
          });
    }
    add(
        "stop",
        List.of("message"),
        0,
        1,
        (a, at) -> Typing.none(),
        inv -> {
          String msg = inv.count() == 0 ? "unspecified reason" : inv.scalar(0).toDisplayString();
          throw new ScriptException.Runtime(inv.at(), "system stopped: " + msg);
        });
  }
}
