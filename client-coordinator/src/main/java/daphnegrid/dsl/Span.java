package daphnegrid.dsl;

/** A position in a script: file name as the user gave it, 1-based line and column. */
public record Span(String file, int line, int col) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + col;
  }
}
