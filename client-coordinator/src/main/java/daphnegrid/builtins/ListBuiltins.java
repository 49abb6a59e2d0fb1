package daphnegrid.builtins;

import static daphnegrid.builtins.Builtins.add;
import static daphnegrid.builtins.Builtins.one;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.StaticType;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.runtime.ListValue;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.ScalarValue;
import daphnegrid.runtime.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists of matrices (spec 7.13): createList, length, append and remove. All matrices of a list have
 * one value type; append and remove return new lists and leave their arguments as they were.
 */
final class ListBuiltins implements BuiltinFamily {
  private static final ListBuiltins FAMILY = new ListBuiltins();

  private ListBuiltins() {}

  static void register() {
    add("createList", null, 1, -1, FAMILY, null);
    add("length", List.of("list"), 1, 1, FAMILY, null);
    add("append", List.of("list", "elem"), 2, 2, FAMILY, null);
    add("remove", List.of("list", "idx"), 2, 2, FAMILY, null);
  }

  @Override
  public boolean takesList(Builtin b, int index) {
    return true;
  }

  @Override
  public List<StaticType> type(Builtin b, List<StaticType> a, Span at) {
    String name = b.name();
    switch (name) {
      case "createList":
        {
          ValueType vt = null;
          for (int i = 0; i < a.size(); i++) {
            Typing.requireMatrix(name, a.get(i), i, at);
            vt = sameElementType(name, vt, a.get(i).valueType(), at);
          }
          return Typing.one(StaticType.list(vt));
        }
      case "length":
        Typing.requireList(name, a.get(0), 0, at);
        return Typing.one(StaticType.scalar(ValueType.SIZE));
      case "append":
        Typing.requireList(name, a.get(0), 0, at);
        Typing.requireMatrix(name, a.get(1), 1, at);
        return Typing.one(
            StaticType.list(sameElementType(name, a.get(0).valueType(), a.get(1).valueType(), at)));
      default: // remove
        Typing.requireList(name, a.get(0), 0, at);
        Typing.requireScalar(name, a.get(1), 1, at);
        Typing.requireNumeric(name, a.get(1), 1, at);
        return List.of(
            StaticType.list(a.get(0).valueType()), StaticType.matrix(a.get(0).valueType()));
    }
  }

  /** The element type of a list holding matrices of value types a and b (null: unknown). */
  private static ValueType sameElementType(String fn, ValueType a, ValueType b, Span at) {
    if (a != null && b != null && a != b) {
      throw new ScriptException.Compile(at, mixed(fn, a, b));
    }
    return a != null ? a : b;
  }

  private static String mixed(String fn, ValueType a, ValueType b) {
    return "the matrices of a list must have one value type, but `"
        + fn
        + "` was given matrix<"
        + a.dslName()
        + "> and matrix<"
        + b.dslName()
        + ">";
  }

  @Override
  public List<Value> call(Builtin b, Invocation inv) {
    switch (b.name()) {
      case "createList":
        {
          List<MatrixValue> elements = new ArrayList<>(inv.count());
          for (int i = 0; i < inv.count(); i++) {
            elements.add(element(inv, i, inv.matrix(0).type()));
          }
          return one(new ListValue(inv.matrix(0).type(), elements));
        }
      case "length":
        return one(new ScalarValue(Scalar.size(list(inv).length())));
      case "append":
        {
          ListValue l = list(inv);
          return one(l.append(element(inv, 1, l.elementType())));
        }
      default: // remove
        {
          ListValue l = list(inv);
          long i = inv.asLong(1);
          if (i < 0 || i >= l.length()) {
            throw inv.error(
                "remove: position "
                    + i
                    + " is outside the list, which has "
                    + l.length()
                    + " element(s)");
          }
          return List.of(l.remove((int) i), l.elements().get((int) i));
        }
    }
  }

  private static ListValue list(Invocation inv) {
    if (inv.arg(0) instanceof ListValue l) {
      return l;
    }
    throw inv.error("argument 1 of `" + inv.name() + "` must be a list");
  }

  /** Argument i as an element of a list of value type vt. */
  private static MatrixValue element(Invocation inv, int i, ValueType vt) {
    MatrixValue m = inv.matrix(i);
    if (m.type() != vt) {
      throw inv.error(mixed(inv.name(), vt, m.type()));
    }
    return m;
  }
}
