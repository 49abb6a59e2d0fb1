package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.io.FrameFiles;
import daphnegrid.io.MatrixFiles;
import daphnegrid.io.Printer;
import daphnegrid.kernels.format.NumberFormat;
import daphnegrid.runtime.FrameValue;
import daphnegrid.runtime.ListValue;
import daphnegrid.runtime.MatrixSource;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.ScalarValue;
import daphnegrid.runtime.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/** print, stop, and reading and writing matrices (write also writes frames). */
final class IoBuiltins implements BuiltinFamily {
  private static final IoBuiltins FAMILY = new IoBuiltins();

  private IoBuiltins() {}

  static void register() {
    add("print", List.of("arg", "newline", "err"), 1, 3, FAMILY, null);
    add("readMatrix", List.of("filename"), 1, 1, FAMILY, null);
    add("write", List.of("arg", "filename"), 2, 2, FAMILY, null);
    add("writeMatrix", List.of("arg", "filename"), 2, 2, FAMILY, null);
    add("stop", List.of("message"), 0, 1, FAMILY, null);
  }

  @Override
  public List<StaticType> type(Builtin b, List<StaticType> a, Span at) {
    switch (b.name()) {
      case "readMatrix":
        // with a constant file name the checker reads the .meta instead
        return Typing.matrixOf(null);
      case "write":
      case "writeMatrix":
        if (!a.get(0).isFrame()) {
          Typing.requireMatrix(b.name(), a.get(0), 0, at);
        }
        return Typing.none();
      default:
        return Typing.none();
    }
  }

  @Override
  public boolean takesList(Builtin b, int index) {
    return b.name().equals("print") && index == 0;
  }

  @Override
  public boolean takesFrame(Builtin b, int index) {
    return index == 0 && !b.name().equals("readMatrix") && !b.name().equals("stop");
  }

  @Override
  public List<Value> call(Builtin b, Invocation inv) {
    switch (b.name()) {
      case "print":
        print(inv);
        return List.of();
      case "readMatrix":
        return Builtins.one(
            inv.ops()
                .generate(MatrixSource.ReadCsv.of(inv.context().options().file(inv.asString(0)))));
      case "write":
      case "writeMatrix":
        if (inv.arg(0) instanceof FrameValue f) {
          FrameFiles.write(f.frame(), inv.context().options().file(inv.asString(1)));
          return List.of();
        }
        MatrixFiles.write(inv.dense(0), inv.context().options().file(inv.asString(1)));
        return List.of();
      default:
        String msg = inv.count() == 0 ? "unspecified reason" : inv.scalar(0).toDisplayString();
        throw new ScriptException.Runtime(inv.at(), "system stopped: " + msg);
    }
  }

  private static void print(Invocation inv) {
    boolean newline = inv.count() < 2 || inv.asBool(1);
    boolean err = inv.count() > 2 && inv.asBool(2);
    Writer w = inv.context().stream(err);
    try {
      if (inv.arg(0) instanceof ScalarValue s) {
        w.write(NumberFormat.scalar(s.scalar()));
        if (newline) {
          w.write('\n');
        }
      } else if (inv.arg(0) instanceof FrameValue f) {
        Printer.print(f.frame(), w);
      } else if (inv.arg(0) instanceof ListValue l) {
        inv.ops().forceAll(l.elements()); // pending elements in one pass
        Printer.print(l.elementType(), l.elements().stream().map(MatrixValue::dense).toList(), w);
      } else {
        Printer.print(((MatrixValue) inv.arg(0)).dense(), w);
      }
      if (err) {
        w.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
