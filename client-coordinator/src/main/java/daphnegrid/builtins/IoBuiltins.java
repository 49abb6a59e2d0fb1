package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.io.FrameFiles;
import daphnegrid.io.MatrixFiles;
import daphnegrid.io.Printer;
import daphnegrid.io.SparseFiles;
import daphnegrid.kernels.format.NumberFormat;
import daphnegrid.kernels.io.DaphneBinary;
import daphnegrid.kernels.sparse.CsrConvert;
import daphnegrid.runtime.FrameValue;
import daphnegrid.runtime.ListValue;
import daphnegrid.runtime.MatrixSource;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.ScalarValue;
import daphnegrid.runtime.SparseSelection;
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
        {
          String file = inv.context().options().file(inv.asString(0));
          MatrixValue sparse = readSparse(inv, file);
          if (sparse != null) {
            return Builtins.one(sparse);
          }
          return Builtins.one(inv.ops().generate(MatrixSource.ReadCsv.of(file)));
        }
      case "write":
      case "writeMatrix":
        {
          String file = inv.context().options().file(inv.asString(1));
          if (inv.arg(0) instanceof FrameValue f) {
            FrameFiles.write(f.frame(), file);
            return List.of();
          }
          if (SparseFiles.writes(file) && inv.arg(0) instanceof MatrixValue m) {
            SparseFiles.write(m.isCsr() ? null : m.dense(), m.csr(), file);
            return List.of();
          }
          MatrixFiles.write(inv.dense(0), file);
          return List.of();
        }
      default:
        String msg = inv.count() == 0 ? "unspecified reason" : inv.scalar(0).toDisplayString();
        throw new ScriptException.Runtime(inv.at(), "system stopped: " + msg);
    }
  }

  /**
   * A {@code .mtx} or {@code .dbdf} file, or a CSV file whose meta file's numNonZeros selects CSR;
   * null for an ordinary CSV file. CSR when the meta file's density selects it (DAPHNE knows the
   * density of a read matrix only from numNonZeros).
   */
  private static MatrixValue readSparse(Invocation inv, String file) {
    SparseSelection sel = inv.ops().sparse().selection();
    if (SparseFiles.reads(file)) {
      double density = SparseFiles.metaDensity(file);
      if (sel.choosesCsr(density)) {
        MatrixValue onGrid = inv.ops().sparse().readMatrixMarket(file, density);
        if (onGrid != null) {
          return onGrid;
        }
      }
      DaphneBinary.Contents c = SparseFiles.read(file);
      if (sel.choosesCsr(density)) {
        // read here (a .dbdf file, or a small .mtx file), then kept where it belongs
        return inv.ops()
            .sparse()
            .place(
                new MatrixValue(
                    c.csr() != null ? c.csr() : CsrConvert.fromDense(c.dense()), density));
      }
      return new MatrixValue(c.dense() != null ? c.dense() : CsrConvert.toDense(c.csr()))
          .withKnownDensity(density);
    }
    if (sel.enabled() && file.endsWith(".csv")) {
      double density = SparseFiles.metaDensity(file);
      if (sel.choosesCsr(density)) {
        return inv.ops().sparse().place(new MatrixValue(SparseFiles.readSparseCsv(file), density));
      }
    }
    return null;
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
        MatrixValue m = (MatrixValue) inv.arg(0);
        Printer.print(m.dense(), m.typeName(), w);
      }
      if (err) {
        w.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
