package daphnegrid.dsl;

/** Token categories of DaphneDSL (spec section 1). */
public enum TokenKind {
  LPAREN("("),
  RPAREN(")"),
  LBRACKET("["),
  RBRACKET("]"),
  LBRACE("{"),
  RBRACE("}"),
  DLBRACKET("[["),
  DRBRACKET("]]"),
  COMMA(","),
  SEMI(";"),
  COLON(":"),
  DOT("."),
  ASSIGN("="),
  DOLLAR("$"),
  DCOLON("::"),
  ARROW("->"),
  QUESTION("?"),
  AT("@"),
  CARET("^"),
  PERCENT("%"),
  STAR("*"),
  SLASH("/"),
  PLUS("+"),
  MINUS("-"),
  EQ("=="),
  NE("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">="),
  AND("&&"),
  OR("||"),
  KW_IF("if"),
  KW_ELSE("else"),
  KW_WHILE("while"),
  KW_DO("do"),
  KW_FOR("for"),
  KW_IN("in"),
  KW_TRUE("true"),
  KW_FALSE("false"),
  KW_AS("as"),
  KW_DEF("def"),
  KW_RETURN("return"),
  KW_IMPORT("import"),
  DATA_TYPE("data type"),
  VALUE_TYPE("value type"),
  INT("integer literal"),
  FLOAT("float literal"),
  STRING("string literal"),
  IDENT("identifier"),
  EOF("end of file");

  private final String text;

  TokenKind(String text) {
    this.text = text;
  }

  /** The token as it appears in source, or a description for literal categories. */
  public String text() {
    return text;
  }
}
