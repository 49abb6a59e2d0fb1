package daphnegrid.dsl;

/** One error found in a script, with the position it refers to (null when there is none). */
public record Diagnostic(Span at, String message) {
  /** The one-line form users see: {@code file:line:col: error: message}. */
  public String render() {
    // a StringBuilder, not +: see Span
    StringBuilder b = new StringBuilder(64);
    if (at != null) {
      b.append(at).append(": ");
    }
    return b.append("error: ").append(message).toString();
  }
}
