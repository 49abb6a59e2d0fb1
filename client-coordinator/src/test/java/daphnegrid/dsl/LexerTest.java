package daphnegrid.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexerTest {
  private static List<Token> lex(String src, List<Diagnostic> errs) {
    return Lexer.tokenize(src, "t.daph", errs);
  }

  private static List<TokenKind> kinds(String src) {
    List<Diagnostic> errs = new ArrayList<>();
    List<TokenKind> out = new ArrayList<>();
    for (Token t : lex(src, errs)) {
      out.add(t.kind());
    }
    assertTrue(errs.isEmpty(), "unexpected errors: " + errs);
    return out;
  }

  private static Scalar literal(String src) {
    List<Diagnostic> errs = new ArrayList<>();
    List<Token> toks = lex(src, errs);
    assertTrue(errs.isEmpty(), "unexpected errors: " + errs);
    assertEquals(2, toks.size(), "one token expected in " + src);
    return (Scalar) toks.get(0).value();
  }

  @Test
  void longestMatchPrefersIdentifiersAndLiteralsAsSpecified() {
    assertEquals(List.of(TokenKind.IDENT, TokenKind.EOF), kinds("info"));
    assertEquals(List.of(TokenKind.FLOAT, TokenKind.EOF), kinds("inff"));
    assertEquals(List.of(TokenKind.FLOAT, TokenKind.EOF), kinds("nanf"));
    assertEquals(List.of(TokenKind.DLBRACKET, TokenKind.LBRACKET, TokenKind.EOF), kinds("[[["));
    assertEquals(List.of(TokenKind.INT, TokenKind.DOT, TokenKind.EOF), kinds("1."));
    assertEquals(List.of(TokenKind.INT, TokenKind.INT, TokenKind.EOF), kinds("01"));
    assertEquals(
        List.of(TokenKind.DATA_TYPE, TokenKind.VALUE_TYPE, TokenKind.EOF), kinds("matrix f64"));
  }

  @ParameterizedTest
  @CsvSource({
    "42, SI64, 42",
    "1'000_000, SI64, 1000000",
    "7u, UI64, 7",
    "7ull, UI64, 7",
    "7l, SI64, 7",
    "3z, SIZE, 3",
    "9223372036854775808, SI64, -9223372036854775808",
    "18446744073709551615u, UI64, -1"
  })
  void integerLiterals(String text, ValueType type, long bits) {
    Scalar s = literal(text);
    assertEquals(type, s.type());
    assertEquals(bits, s.bits());
  }

  @Test
  void floatLiterals() {
    assertEquals(Scalar.f64(1500.0), literal("1.5e3"));
    assertEquals(Scalar.f64(1.0000e5), literal("1_0.0_0e4"));
    assertEquals(Scalar.ofDouble(ValueType.F32, 2.5f), literal("2.5f"));
    assertEquals(ValueType.F64, literal("nanf").type());
    assertTrue(Double.isInfinite(literal("inf").doubleValue()));
  }

  @Test
  void stringEscapesAreReplacedInDaphnesOrder() {
    assertEquals("a\tb\n\"c\"", literal("\"a\\tb\\n\\\"c\\\"\"").stringValue());
    // sequential replacement: \\n first becomes \ followed by a line break
    assertEquals("a\\\nb", literal("\"a\\\\nb\"").stringValue());
  }

  @Test
  void outOfRangeIntegersAndBadCharactersAreErrorsWithPositions() {
    List<Diagnostic> errs = new ArrayList<>();
    lex("x = 9223372036854775809;\ny = !z;", errs);
    assertEquals(2, errs.size());
    assertEquals(new Span("t.daph", 1, 5), errs.get(0).at());
    assertEquals(new Span("t.daph", 2, 5), errs.get(1).at());
  }

  @Test
  void commentsAreSkipped() {
    assertEquals(
        List.of(TokenKind.IDENT, TokenKind.SEMI, TokenKind.EOF),
        kinds("# one\n// two\n/* three\n */ x;"));
  }

  @Test
  void scriptArgumentLiteralsMustBeExactlyOneLiteral() {
    assertEquals(Scalar.si64(-5), ScriptArgs.parse("-5"));
    assertEquals(Scalar.str("a b"), ScriptArgs.parse("\"a b\""));
    assertEquals(Scalar.TRUE, ScriptArgs.parse("true"));
    assertNull(ScriptArgs.parse("abc"));
    assertNull(ScriptArgs.parse("10+10"));
    assertNull(ScriptArgs.parse("--5"));
    assertNull(ScriptArgs.parse("10xyz23"));
  }
}
