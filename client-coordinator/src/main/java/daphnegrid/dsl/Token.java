package daphnegrid.dsl;

/**
 * A token: its kind, the exact source text, where it starts, and for literals the decoded value (a
 * {@link daphnegrid.kernels.Scalar}).
 */
public record Token(TokenKind kind, String text, Span span, Object value) {
  /** How the token is named in an error message. */
  public String describe() {
    return kind == TokenKind.EOF ? "end of file" : "'" + text + "'";
  }
}
