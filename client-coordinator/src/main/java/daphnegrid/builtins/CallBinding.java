package daphnegrid.builtins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binds a call's positional and keyword arguments to parameter positions (spec 3.5): positional
 * arguments first; each keyword must name a parameter, no parameter twice, optional parameters
 * cannot be skipped when a later one is given.
 */
public final class CallBinding {
  private CallBinding() {}

  /**
   * The outcome: argument order (orderOf[i] = index of the i-th parameter's argument), or why not.
   */
  public record Result(int[] order, String error) {
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * Binds names (null for positional arguments) to params. required is the number of leading
   * parameters that must be given.
   */
  public static Result bind(String callee, List<String> params, int required, List<String> names) {
    boolean anyKeyword = anyKeyword(names);
    int n = names.size();
    if (!anyKeyword) {
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      return new Result(order, null);
    }
    if (params == null) {
      return new Result(null, "function `" + callee + "` does not accept keyword arguments");
    }
    int[] slot = new int[params.size()];
    Arrays.fill(slot, -1);
    boolean seenKeyword = false;
    for (int i = 0; i < n; i++) {
      String name = names.get(i);
      if (name == null) {
        if (seenKeyword) {
          return new Result(null, "positional arguments must come before keyword arguments");
        }
        if (i >= params.size()) {
          return new Result(null, "too many arguments for `" + callee + "`");
        }
        slot[i] = i;
      } else {
        seenKeyword = true;
        int p = params.indexOf(name);
        if (p < 0) {
          return new Result(
              null, "unknown keyword argument `" + name + "` for function `" + callee + "`");
        }
        if (slot[p] >= 0) {
          return new Result(null, "parameter `" + name + "` of `" + callee + "` given twice");
        }
        slot[p] = i;
      }
    }
    List<Integer> order = new ArrayList<>();
    int last = -1;
    for (int p = 0; p < slot.length; p++) {
      if (slot[p] >= 0) {
        last = p;
      }
    }
    for (int p = 0; p <= last; p++) {
      if (slot[p] < 0) {
        if (p < required) {
          return new Result(
              null, "missing argument `" + params.get(p) + "` in call of `" + callee + "`");
        }
        return new Result(
            null, "cannot skip optional argument `" + params.get(p) + "` of `" + callee + "`");
      }
      order.add(slot[p]);
    }
    if (order.size() < required) {
      return new Result(
          null, "missing argument `" + params.get(order.size()) + "` in call of `" + callee + "`");
    }
    int[] out = new int[order.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = order.get(i);
    }
    return new Result(out, null);
  }

  /** True if any argument is a keyword argument (a non-null name). */
  public static boolean anyKeyword(List<String> names) {
    for (String n : names) {
      if (n != null) {
        return true;
      }
    }
    return false;
  }

  /** The items of list permuted by a binding's order. */
  public static <T> List<T> reorder(List<T> list, int[] order) {
    List<T> out = new ArrayList<>(order.length);
    for (int i : order) {
      out.add(list.get(i));
    }
    return out;
  }
}
