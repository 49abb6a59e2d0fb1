package daphnegrid.sql;

/**
 * A query the engine rejects, at a position inside the query text (1-based line and column). {@link
 * Kind#STATIC} errors are those DAPHNE finds while compiling (syntax, unknown names, grouping): the
 * built-in reports them with exit code 2; {@link Kind#RUNTIME} ones with 3.
 */
public final class SqlError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public enum Kind {
    STATIC,
    RUNTIME
  }

  private final Kind kind;
  private final int line;
  private final int col;

  public SqlError(Kind kind, int line, int col, String message) {
    super(message);
    this.kind = kind;
    this.line = line;
    this.col = col;
  }

  public Kind kind() {
    return kind;
  }

  public int line() {
    return line;
  }

  public int col() {
    return col;
  }

  /** The message with its query position, e.g. {@code SQL query 1:8: unknown column x.a}. */
  public String render() {
    return "SQL query " + line + ":" + col + ": " + getMessage();
  }
}
