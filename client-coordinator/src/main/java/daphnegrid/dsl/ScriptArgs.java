package daphnegrid.dsl;

import daphnegrid.kernels.ElementOps;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import java.util.HashMap;
import java.util.Map;

/**
 * The script arguments of a run ({@code name=value} on the command line) and their meaning: each
 * value is exactly one DaphneDSL literal, optionally preceded by one minus sign (spec 3.2).
 */
public final class ScriptArgs {
  private final Map<String, String> raw;
  private final Map<String, Scalar> parsed = new HashMap<>();

  public ScriptArgs(Map<String, String> raw) {
    this.raw = Map.copyOf(raw);
  }

  /**
   * The value of {@code $name}.
   *
   * @throws ScriptException.Parse if the argument was not given or is not a single literal
   */
  public Scalar value(String name, Span at) {
    Scalar v = parsed.get(name);
    if (v != null) {
      return v;
    }
    String text = raw.get(name);
    if (text == null) {
      throw new ScriptException.Parse(
          at, "script argument `" + name + "` was not given (pass " + name + "=value)");
    }
    v = parse(text);
    if (v == null) {
      throw new ScriptException.Parse(
          at,
          "script argument `"
              + name
              + "` must be a single literal (number, true/false or a quoted string), got '"
              + text
              + "'");
    }
    parsed.put(name, v);
    return v;
  }

  /** The literal a script-argument text denotes, or null if it is not one literal. */
  public static Scalar parse(String text) {
    boolean negate = text.startsWith("-");
    String body = negate ? text.substring(1) : text;
    Token t = Lexer.singleLiteral(body);
    if (t == null) {
      return null;
    }
    Scalar s = (Scalar) t.value();
    if (negate) {
      try {
        return ElementOps.apply(UnaryOp.MINUS, s);
      } catch (RuntimeException e) {
        return null;
      }
    }
    return s;
  }
}
