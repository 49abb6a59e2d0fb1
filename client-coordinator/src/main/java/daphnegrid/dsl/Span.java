package daphnegrid.dsl;

import java.util.Objects;

/** A position in a script: file name as the user gave it, 1-based line and column. */
public record Span(String file, int line, int col) {
  // toString, equals and hashCode written out for the reason given in
  // daphnegrid.dsl.types.StaticType (toString: a string concatenation is linked the same way)
  @Override
  public String toString() {
    return new StringBuilder(32)
        .append(file)
        .append(':')
        .append(line)
        .append(':')
        .append(col)
        .toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Span s && line == s.line && col == s.col && Objects.equals(file, s.file);
  }

  @Override
  public int hashCode() {
    return (31 * Objects.hashCode(file) + line) * 31 + col;
  }
}
