package daphnegrid.dsl;

import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns DaphneDSL source into tokens (spec section 1). Longest match wins; on equal length keywords
 * and type words beat literals, and literals beat identifiers, so {@code info} is an identifier
 * while {@code inff} is a float literal. Errors are collected, the offending character skipped, and
 * lexing goes on, so one run reports every error.
 */
public final class Lexer {
  private static final Map<String, TokenKind> KEYWORDS =
      Map.ofEntries(
          Map.entry("if", TokenKind.KW_IF),
          Map.entry("else", TokenKind.KW_ELSE),
          Map.entry("while", TokenKind.KW_WHILE),
          Map.entry("do", TokenKind.KW_DO),
          Map.entry("for", TokenKind.KW_FOR),
          Map.entry("in", TokenKind.KW_IN),
          Map.entry("true", TokenKind.KW_TRUE),
          Map.entry("false", TokenKind.KW_FALSE),
          Map.entry("as", TokenKind.KW_AS),
          Map.entry("def", TokenKind.KW_DEF),
          Map.entry("return", TokenKind.KW_RETURN),
          Map.entry("import", TokenKind.KW_IMPORT),
          Map.entry("matrix", TokenKind.DATA_TYPE),
          Map.entry("scalar", TokenKind.DATA_TYPE),
          Map.entry("frame", TokenKind.DATA_TYPE),
          Map.entry("f64", TokenKind.VALUE_TYPE),
          Map.entry("f32", TokenKind.VALUE_TYPE),
          Map.entry("si64", TokenKind.VALUE_TYPE),
          Map.entry("si32", TokenKind.VALUE_TYPE),
          Map.entry("si8", TokenKind.VALUE_TYPE),
          Map.entry("ui64", TokenKind.VALUE_TYPE),
          Map.entry("ui32", TokenKind.VALUE_TYPE),
          Map.entry("ui8", TokenKind.VALUE_TYPE),
          Map.entry("str", TokenKind.VALUE_TYPE),
          Map.entry("bool", TokenKind.VALUE_TYPE));

  private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private final String src;
  private final String file;
  private final List<Diagnostic> diagnostics;
  private int pos;
  private int line = 1;
  private int lineStart;

  private Lexer(String src, String file, List<Diagnostic> diagnostics) {
    this.src = src;
    this.file = file;
    this.diagnostics = diagnostics;
  }

  /** Tokenizes src (ending with an EOF token); errors are appended to diagnostics. */
  public static List<Token> tokenize(String src, String file, List<Diagnostic> diagnostics) {
    return new Lexer(src, file, diagnostics).run();
  }

  /**
   * Lexes text as exactly one literal (for script arguments); null if it is anything else. The
   * returned token's value is a Scalar; identifiers, keywords other than true/false and extra text
   * are rejected.
   */
  public static Token singleLiteral(String text) {
    List<Diagnostic> errs = new ArrayList<>();
    List<Token> toks = tokenize(text, "<argument>", errs);
    if (!errs.isEmpty() || toks.size() != 2) {
      return null;
    }
    Token t = toks.get(0);
    return switch (t.kind()) {
      case INT, FLOAT, STRING -> t;
      case KW_TRUE -> new Token(t.kind(), t.text(), t.span(), Scalar.TRUE);
      case KW_FALSE -> new Token(t.kind(), t.text(), t.span(), Scalar.FALSE);
      default -> null;
    };
  }

  private List<Token> run() {
    List<Token> out = new ArrayList<>();
    while (true) {
      skipBlanksAndComments();
      if (pos >= src.length()) {
        out.add(new Token(TokenKind.EOF, "", span(pos), null));
        return out;
      }
      Token t = next();
      if (t != null) {
        out.add(t);
      }
    }
  }

  private Span span(int at) {
    return new Span(file, line, at - lineStart + 1);
  }

  private void error(int at, String message) {
    diagnostics.add(new Diagnostic(span(at), message));
  }

  private char peek(int k) {
    int i = pos + k;
    return i < src.length() ? src.charAt(i) : '\0';
  }

  private void advanceOver(int from, int to) {
    for (int i = from; i < to; i++) {
      if (src.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    pos = to;
  }

  private void skipBlanksAndComments() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
        lineStart = pos;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        pos++;
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '/' && peek(1) == '*') {
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) {
          error(pos, "unterminated comment");
          advanceOver(pos, src.length());
        } else {
          advanceOver(pos, end + 2);
        }
      } else {
        return;
      }
    }
  }

  private Token next() {
    int start = pos;
    Span at = span(start);
    char c = src.charAt(pos);
    if (Character.isLetter(c) && c < 128 || c == '_') {
      int end = pos + 1;
      while (end < src.length() && isIdentPart(src.charAt(end))) {
        end++;
      }
      String word = src.substring(start, end);
      pos = end;
      TokenKind kw = KEYWORDS.get(word);
      if (kw != null) {
        return new Token(kw, word, at, null);
      }
      switch (word) {
        case "nan", "nanf" -> {
          return new Token(TokenKind.FLOAT, word, at, Scalar.f64(Double.NaN));
        }
        case "inf", "inff" -> {
          return new Token(TokenKind.FLOAT, word, at, Scalar.f64(Double.POSITIVE_INFINITY));
        }
        default -> {
          return new Token(TokenKind.IDENT, word, at, null);
        }
      }
    }
    if (c >= '0' && c <= '9') {
      return number(start, at);
    }
    if (c == '"') {
      return string(start, at);
    }
    TokenKind p = punctuator(c, peek(1));
    if (p == null) {
      error(start, "unexpected character '" + c + "'");
      pos++;
      return null;
    }
    pos += p.text().length();
    return new Token(p, p.text(), at, null);
  }

  private static boolean isIdentPart(char c) {
    return (c < 128 && Character.isLetterOrDigit(c)) || c == '_';
  }

  private static TokenKind punctuator(char c, char d) {
    switch (c) {
      case '[':
        return d == '[' ? TokenKind.DLBRACKET : TokenKind.LBRACKET;
      case ']':
        return d == ']' ? TokenKind.DRBRACKET : TokenKind.RBRACKET;
      case ':':
        return d == ':' ? TokenKind.DCOLON : TokenKind.COLON;
      case '-':
        return d == '>' ? TokenKind.ARROW : TokenKind.MINUS;
      case '=':
        return d == '=' ? TokenKind.EQ : TokenKind.ASSIGN;
      case '!':
        return d == '=' ? TokenKind.NE : null;
      case '<':
        return d == '=' ? TokenKind.LE : TokenKind.LT;
      case '>':
        return d == '=' ? TokenKind.GE : TokenKind.GT;
      case '&':
        return d == '&' ? TokenKind.AND : null;
      case '|':
        return d == '|' ? TokenKind.OR : null;
      case '(':
        return TokenKind.LPAREN;
      case ')':
        return TokenKind.RPAREN;
      case '{':
        return TokenKind.LBRACE;
      case '}':
        return TokenKind.RBRACE;
      case ',':
        return TokenKind.COMMA;
      case ';':
        return TokenKind.SEMI;
      case '.':
        return TokenKind.DOT;
      case '$':
        return TokenKind.DOLLAR;
      case '?':
        return TokenKind.QUESTION;
      case '@':
        return TokenKind.AT;
      case '^':
        return TokenKind.CARET;
      case '%':
        return TokenKind.PERCENT;
      case '*':
        return TokenKind.STAR;
      case '/':
        return TokenKind.SLASH;
      case '+':
        return TokenKind.PLUS;
      default:
        return null;
    }
  }

  private boolean digit(int i) {
    return i < src.length() && src.charAt(i) >= '0' && src.charAt(i) <= '9';
  }

  /** End of {@code "0" | [1-9] ([_']? [0-9])*} starting at i (a digit). */
  private int intPart(int i) {
    if (src.charAt(i) == '0') {
      return i + 1;
    }
    int end = i + 1;
    while (true) {
      if (digit(end)) {
        end++;
      } else if (end < src.length()
          && (src.charAt(end) == '_' || src.charAt(end) == '\'')
          && digit(end + 1)) {
        end += 2;
      } else {
        return end;
      }
    }
  }

  /** End of {@code [0-9]+ ([_']? [0-9])*} starting at i, or -1. */
  private int fracPart(int i) {
    if (!digit(i)) {
      return -1;
    }
    int end = i + 1;
    while (true) {
      if (digit(end)) {
        end++;
      } else if (end < src.length()
          && (src.charAt(end) == '_' || src.charAt(end) == '\'')
          && digit(end + 1)) {
        end += 2;
      } else {
        return end;
      }
    }
  }

  /** End of an exponent part {@code [eE] [+-]? ("0" | [1-9][0-9]*)} at i, or -1. */
  private int exponent(int i) {
    if (i >= src.length() || (src.charAt(i) != 'e' && src.charAt(i) != 'E')) {
      return -1;
    }
    int j = i + 1;
    if (j < src.length() && (src.charAt(j) == '+' || src.charAt(j) == '-')) {
      j++;
    }
    if (!digit(j)) {
      return -1;
    }
    if (src.charAt(j) == '0') {
      return j + 1;
    }
    while (digit(j)) {
      j++;
    }
    return j;
  }

  private Token number(int start, Span at) {
    int ip = intPart(start);
    // integer candidate with optional suffix
    int intEnd = ip;
    String suffix = "";
    if (src.startsWith("ull", ip)) {
      suffix = "ull";
    } else if (ip < src.length() && "luz".indexOf(src.charAt(ip)) >= 0) {
      suffix = String.valueOf(src.charAt(ip));
    }
    intEnd += suffix.length();
    // float candidate
    int floatEnd = -1;
    if (ip < src.length() && src.charAt(ip) == '.') {
      int fe = fracPart(ip + 1);
      if (fe > 0) {
        int ee = exponent(fe);
        floatEnd = ee > 0 ? ee : fe;
      }
    } else {
      int ee = exponent(ip);
      if (ee > 0) {
        floatEnd = ee;
      }
    }
    boolean f32 = false;
    if (floatEnd > 0 && floatEnd < src.length() && src.charAt(floatEnd) == 'f') {
      floatEnd++;
      f32 = true;
    }
    if (floatEnd > intEnd) {
      String text = src.substring(start, floatEnd);
      pos = floatEnd;
      String clean = text.replace("_", "").replace("'", "");
      if (f32) {
        clean = clean.substring(0, clean.length() - 1);
        return new Token(
            TokenKind.FLOAT, text, at, Scalar.ofDouble(ValueType.F32, Float.parseFloat(clean)));
      }
      return new Token(TokenKind.FLOAT, text, at, Scalar.f64(Double.parseDouble(clean)));
    }
    String text = src.substring(start, intEnd);
    pos = intEnd;
    BigInteger v = new BigInteger(src.substring(start, ip).replace("_", "").replace("'", ""));
    ValueType t =
        switch (suffix) {
          case "u", "ull" -> ValueType.UI64;
          case "z" -> ValueType.SIZE;
          default -> ValueType.SI64;
        };
    BigInteger limit = t == ValueType.SI64 ? TWO_63 : TWO_64.subtract(BigInteger.ONE);
    if (v.compareTo(limit) > 0) {
      error(start, "integer literal " + text + " is out of range");
      return new Token(TokenKind.INT, text, at, Scalar.ofLong(t, 0));
    }
    return new Token(TokenKind.INT, text, at, Scalar.ofLong(t, v.longValue()));
  }

  private Token string(int start, Span at) {
    int i = start + 1;
    boolean bad = false;
    while (i < src.length() && src.charAt(i) != '"') {
      if (src.charAt(i) == '\\') {
        char e = i + 1 < src.length() ? src.charAt(i + 1) : '\0';
        if ("bfnrt\"\\".indexOf(e) < 0 || e == '\0') {
          if (!bad) {
            int save = pos;
            pos = i;
            error(i, "invalid escape sequence '\\" + (e == '\0' ? "" : e) + "' in string");
            pos = save;
          }
          bad = true;
        }
        i += 2;
      } else {
        i++;
      }
    }
    if (i >= src.length()) {
      error(start, "unterminated string literal");
      advanceOver(start, src.length());
      return null;
    }
    String raw = src.substring(start, i + 1);
    advanceOver(start, i + 1);
    String body = raw.substring(1, raw.length() - 1);
    // DAPHNE's unescaping: whole-string replacements in this order
    body =
        body.replace("\\b", "\b")
            .replace("\\f", "\f")
            .replace("\\n", "\n")
            .replace("\\r", "\r")
            .replace("\\t", "\t")
            .replace("\\\"", "\"")
            .replace("\\\\", "\\");
    return new Token(TokenKind.STRING, raw, at, Scalar.str(body));
  }
}
