package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;
import static daphnegrid.builtins.Builtins.one;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.io.FrameFiles;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.frame.Frames;
import daphnegrid.runtime.FrameValue;
import daphnegrid.runtime.Value;
import java.util.ArrayList;
import java.util.List;

/** Frames (spec 3.4, 7.1, 7.11, 7.12): createFrame, labels, readFrame and writeFrame. */
final class FrameBuiltins implements BuiltinFamily {
  private static final FrameBuiltins FAMILY = new FrameBuiltins();

  private FrameBuiltins() {}

  static void register() {
    add("createFrame", null, 1, -1, FAMILY, null);
    add("setColLabels", null, 2, -1, FAMILY, null);
    add("setColLabelsPrefix", List.of("frame", "prefix"), 2, 2, FAMILY, null);
    add("readFrame", List.of("filename"), 1, 1, FAMILY, null);
    add("writeFrame", List.of("arg", "filename"), 2, 2, FAMILY, null);
  }

  @Override
  public boolean takesFrame(Builtin b, int index) {
    return index == 0 && !b.name().equals("createFrame") && !b.name().equals("readFrame");
  }

  @Override
  public List<StaticType> type(Builtin b, List<StaticType> a, Span at) {
    switch (b.name()) {
      case "createFrame":
        {
          int k = 0;
          while (k < a.size() && !a.get(k).isScalar()) {
            Typing.requireMatrix("createFrame", a.get(k), k, at);
            k++;
          }
          if (k == 0) {
            throw new ScriptException.Parse(at, "createFrame needs at least one column matrix");
          }
          if (k < a.size() && a.size() != 2 * k) {
            throw new ScriptException.Parse(
                at,
                "createFrame takes "
                    + k
                    + " column matrices and then no labels or exactly "
                    + k
                    + " labels, but got "
                    + (a.size() - k)
                    + " more argument(s)");
          }
          for (int i = k; i < a.size(); i++) {
            requireLabel("createFrame", a.get(i), i, at);
          }
          for (int i = 0; i < k; i++) {
            requireColumnType(a.get(i), i, at);
          }
          return frame();
        }
      case "setColLabels":
        requireFrame(b.name(), a.get(0), at);
        for (int i = 1; i < a.size(); i++) {
          requireLabel(b.name(), a.get(i), i, at);
        }
        return frame();
      case "setColLabelsPrefix":
        requireFrame(b.name(), a.get(0), at);
        requireLabel(b.name(), a.get(1), 1, at);
        return frame();
      case "readFrame":
        requireLabel(b.name(), a.get(0), 0, at);
        return frame();
      default: // writeFrame
        requireFrame(b.name(), a.get(0), at);
        requireLabel(b.name(), a.get(1), 1, at);
        return Typing.none();
    }
  }

  private static List<StaticType> frame() {
    return Typing.one(StaticType.frame());
  }

  static void requireFrame(String fn, StaticType t, Span at) {
    if (t.known() && !t.isFrame()) {
      throw new ScriptException.Compile(
          at, "argument 1 of `" + fn + "` must be a frame, got " + t.describe());
    }
  }

  private static void requireLabel(String fn, StaticType t, int index, Span at) {
    if (t.known() && (!t.isScalar() || (t.valueType() != null && t.valueType() != ValueType.STR))) {
      throw new ScriptException.Compile(
          at, "argument " + (index + 1) + " of `" + fn + "` must be a string, got " + t.describe());
    }
  }

  private static void requireColumnType(StaticType t, int index, Span at) {
    if (t.valueType() == ValueType.BOOL) {
      throw new ScriptException.Compile(
          at,
          "argument "
              + (index + 1)
              + " of `createFrame`: frames have no bool columns, got "
              + t.describe());
    }
  }

  @Override
  public List<Value> call(Builtin b, Invocation inv) {
    switch (b.name()) {
      case "createFrame":
        return createFrame(inv);
      case "setColLabels":
        {
          List<String> labels = new ArrayList<>();
          for (int i = 1; i < inv.count(); i++) {
            labels.add(inv.asString(i));
          }
          return frame(Frames.relabel(frame(inv, 0), labels));
        }
      case "setColLabelsPrefix":
        return frame(Frames.withLabelPrefix(frame(inv, 0), inv.asString(1)));
      case "readFrame":
        {
          String file = inv.context().options().file(inv.asString(0));
          daphnegrid.io.FrameMeta meta = FrameFiles.meta(file);
          return one(
              inv.ops()
                  .readFrame(
                      file,
                      (int) meta.numRows(),
                      meta.labels(),
                      meta.types(),
                      inv.context().options().threads() > 1));
        }
      default: // writeFrame
        FrameFiles.write(frame(inv, 0), inv.context().options().file(inv.asString(1)));
        return List.of();
    }
  }

  private static List<Value> createFrame(Invocation inv) {
    int k = 0;
    while (k < inv.count() && inv.isMatrix(k)) {
      k++;
    }
    if (k < inv.count() && inv.count() != 2 * k) {
      throw inv.error(
          "createFrame takes k column matrices and then no labels or exactly k labels, got "
              + k
              + " matrices and "
              + (inv.count() - k)
              + " other argument(s)");
    }
    List<DenseMatrix> cols = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      inv.dense(i); // computes pending arguments together
      cols.add(FrameValue.detached(inv.matrix(i)));
    }
    List<String> labels = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      labels.add(k < inv.count() ? inv.asString(k + i) : "col_" + i);
    }
    return one(inv.ops().frame(Frames.of(labels, cols)));
  }

  /** Argument i as a frame. */
  static Frame frame(Invocation inv, int i) {
    if (inv.arg(i) instanceof FrameValue f) {
      return f.frame();
    }
    throw inv.error("argument " + (i + 1) + " of `" + inv.name() + "` must be a frame");
  }

  private static List<Value> frame(Frame f) {
    return one(new FrameValue(f));
  }
}
