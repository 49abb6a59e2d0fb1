package daphnegrid.dsl;

import daphnegrid.dsl.ast.Expr;
import daphnegrid.dsl.ast.Script;
import daphnegrid.dsl.ast.Stmt;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.ValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for statements and a precedence-climbing (Pratt) parser for expressions,
 * following the grammar and precedence table of spec section 2. On a syntax error it records a
 * diagnostic, skips to the next statement boundary and goes on, so one run reports every syntax
 * error.
 *
 * <p>Binding powers, loosest first: {@code ?:} (left-associative, see {@link #expression}), {@code
 * ||}, {@code &&}, comparisons, {@code + -}, {@code * /}, {@code %}, {@code ^}, {@code @}, prefix
 * {@code + -}, postfix indexing. Prefix minus therefore binds tighter than {@code ^} and {@code @}
 * ({@code -2^2} is 4) but looser than indexing.
 */
public final class Parser {
  private static final int TERNARY = 1;
  private static final int PREFIX = 10;

  private final List<Token> tokens;
  private final List<Diagnostic> diagnostics;
  private int pos;

  /** Thrown to unwind to the statement loop after a syntax error has been recorded. */
  private static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SyntaxError() {
      super(null, null, false, false);
    }
  }

  private Parser(List<Token> tokens, List<Diagnostic> diagnostics) {
    this.tokens = tokens;
    this.diagnostics = diagnostics;
  }

  /** Lexes and parses a whole script; errors of both phases go to diagnostics. */
  public static Script parse(String source, Path path, String displayName, List<Diagnostic> diags) {
    List<Token> toks = Lexer.tokenize(source, displayName, diags);
    Parser p = new Parser(toks, diags);
    List<Stmt> body = new ArrayList<>();
    while (!p.at(TokenKind.EOF)) {
      Stmt s = p.statementOrRecover();
      if (s != null) {
        body.add(s);
      }
    }
    return new Script(path, displayName, List.copyOf(body));
  }

  // ---- token helpers ------------------------------------------------------------------------

  private Token peek() {
    return tokens.get(pos);
  }

  private Token peek(int k) {
    return tokens.get(Math.min(pos + k, tokens.size() - 1));
  }

  private boolean at(TokenKind k) {
    return peek().kind() == k;
  }

  private Token advance() {
    Token t = tokens.get(pos);
    if (t.kind() != TokenKind.EOF) {
      pos++;
    }
    return t;
  }

  private boolean accept(TokenKind k) {
    if (at(k)) {
      advance();
      return true;
    }
    return false;
  }

  private Token expect(TokenKind k, String context) {
    if (at(k)) {
      return advance();
    }
    throw error(peek(), "expected '" + k.text() + "' " + context + ", found " + peek().describe());
  }

  private SyntaxError error(Token at, String message) {
    diagnostics.add(new Diagnostic(at.span(), message));
    return new SyntaxError();
  }

  // ---- statements ---------------------------------------------------------------------------

  private Stmt statementOrRecover() {
    int start = pos;
    try {
      return statement();
    } catch (SyntaxError e) {
      synchronize(start);
      return null;
    }
  }

  /** Skips to just after the next ';' or to the next '}' / end of file. */
  private void synchronize(int start) {
    if (pos == start) {
      advance();
    }
    while (!at(TokenKind.EOF)) {
      if (at(TokenKind.SEMI)) {
        advance();
        return;
      }
      if (at(TokenKind.RBRACE)) {
        return;
      }
      advance();
    }
  }

  private Stmt statement() {
    Token t = peek();
    switch (t.kind()) {
      case LBRACE:
        return block();
      case KW_IF:
        {
          advance();
          expect(TokenKind.LPAREN, "after 'if'");
          Expr cond = expression();
          expect(TokenKind.RPAREN, "after the condition of 'if'");
          Stmt then = statement();
          Stmt otherwise = accept(TokenKind.KW_ELSE) ? statement() : null;
          return new Stmt.If(t.span(), cond, then, otherwise);
        }
      case KW_WHILE:
        {
          advance();
          expect(TokenKind.LPAREN, "after 'while'");
          Expr cond = expression();
          expect(TokenKind.RPAREN, "after the condition of 'while'");
          return new Stmt.While(t.span(), cond, statement());
        }
      case KW_DO:
        {
          advance();
          Stmt body = statement();
          expect(TokenKind.KW_WHILE, "after the body of 'do'");
          expect(TokenKind.LPAREN, "after 'while'");
          Expr cond = expression();
          expect(TokenKind.RPAREN, "after the condition of 'do-while'");
          accept(TokenKind.SEMI);
          return new Stmt.DoWhile(t.span(), body, cond);
        }
      case KW_FOR:
        return forLoop();
      case KW_DEF:
        return funcDef();
      case KW_RETURN:
        {
          advance();
          List<Expr> values = new ArrayList<>();
          if (!at(TokenKind.SEMI)) {
            values.add(expression());
            while (accept(TokenKind.COMMA)) {
              values.add(expression());
            }
          }
          expect(TokenKind.SEMI, "after 'return'");
          return new Stmt.Return(t.span(), List.copyOf(values));
        }
      case KW_IMPORT:
        {
          advance();
          Token path = expect(TokenKind.STRING, "after 'import'");
          String alias = null;
          if (accept(TokenKind.KW_AS)) {
            alias = stringValue(expect(TokenKind.STRING, "after 'as' in an import"));
          }
          expect(TokenKind.SEMI, "after an import");
          return new Stmt.Import(t.span(), stringValue(path), alias);
        }
      default:
        return expressionOrAssignment();
    }
  }

  private static String stringValue(Token t) {
    return ((daphnegrid.kernels.Scalar) t.value()).stringValue();
  }

  private Stmt.Block block() {
    Token open = expect(TokenKind.LBRACE, "to open a block");
    List<Stmt> body = new ArrayList<>();
    while (!at(TokenKind.RBRACE)) {
      if (at(TokenKind.EOF)) {
        throw error(peek(), "missing '}' to close the block opened at " + open.span());
      }
      Stmt s = statementOrRecover();
      if (s != null) {
        body.add(s);
      }
    }
    advance();
    accept(TokenKind.SEMI);
    return new Stmt.Block(open.span(), List.copyOf(body));
  }

  private Stmt forLoop() {
    Token t = advance();
    expect(TokenKind.LPAREN, "after 'for'");
    Token var = expect(TokenKind.IDENT, "as the loop variable");
    expect(TokenKind.KW_IN, "after the loop variable");
    Expr from = expression();
    expect(TokenKind.COLON, "in the loop range");
    Expr to = expression();
    Expr step = accept(TokenKind.COLON) ? expression() : null;
    expect(TokenKind.RPAREN, "after the loop range");
    return new Stmt.For(t.span(), var.text(), from, to, step, statement());
  }

  private Stmt funcDef() {
    Token t = advance();
    Token name = expect(TokenKind.IDENT, "as the function name");
    expect(TokenKind.LPAREN, "after the function name");
    List<Stmt.Param> params = new ArrayList<>();
    while (!at(TokenKind.RPAREN)) {
      Token p = expect(TokenKind.IDENT, "as a parameter name");
      Stmt.TypeSpec type = accept(TokenKind.COLON) ? typeSpec() : null;
      params.add(new Stmt.Param(p.span(), p.text(), type));
      if (!accept(TokenKind.COMMA)) {
        break;
      }
    }
    expect(TokenKind.RPAREN, "after the parameters");
    List<Stmt.TypeSpec> results = null;
    if (accept(TokenKind.ARROW)) {
      results = new ArrayList<>();
      results.add(typeSpec());
      while (accept(TokenKind.COMMA)) {
        results.add(typeSpec());
      }
      results = List.copyOf(results);
    }
    if (!at(TokenKind.LBRACE)) {
      throw error(peek(), "expected '{' to start the body of function '" + name.text() + "'");
    }
    Stmt.Block body = block();
    return new Stmt.FuncDef(t.span(), name.text(), List.copyOf(params), results, body);
  }

  private Stmt.TypeSpec typeSpec() {
    Token t = advance();
    if (t.kind() == TokenKind.VALUE_TYPE) {
      return new Stmt.TypeSpec(t.span(), false, ValueType.fromDslName(t.text()));
    }
    if (t.kind() == TokenKind.DATA_TYPE) {
      if (!t.text().equals("matrix")) {
        throw error(t, "'" + t.text() + "' cannot be used as a parameter or result type");
      }
      ValueType vt = null;
      if (accept(TokenKind.LT)) {
        Token v = expect(TokenKind.VALUE_TYPE, "inside matrix<...>");
        vt = ValueType.fromDslName(v.text());
        expect(TokenKind.GT, "to close matrix<...>");
      }
      return new Stmt.TypeSpec(t.span(), true, vt);
    }
    throw error(t, "expected a type, found " + t.describe());
  }

  private Stmt expressionOrAssignment() {
    Token first = peek();
    Expr e = expression();
    if (at(TokenKind.COMMA) || at(TokenKind.ASSIGN)) {
      List<Stmt.Target> targets = new ArrayList<>();
      targets.add(toTarget(e));
      while (accept(TokenKind.COMMA)) {
        targets.add(toTarget(expression()));
      }
      expect(TokenKind.ASSIGN, "in the assignment");
      Expr value = expression();
      expect(TokenKind.SEMI, "after the assignment");
      return new Stmt.Assign(first.span(), List.copyOf(targets), value);
    }
    expect(TokenKind.SEMI, "after the expression");
    return new Stmt.ExprStmt(first.span(), e);
  }

  private Stmt.Target toTarget(Expr e) {
    if (e instanceof Expr.Ref r) {
      return new Stmt.Target(r.span(), r.name(), null, null);
    }
    if (e instanceof Expr.Index ix && ix.target() instanceof Expr.Ref r) {
      if (ix.bitVector()) {
        diagnostics.add(
            new Diagnostic(ix.span(), "left indexing with bit vectors is not supported"));
        throw new SyntaxError();
      }
      return new Stmt.Target(r.span(), r.name(), ix.rows(), ix.cols());
    }
    diagnostics.add(new Diagnostic(e.span(), "invalid assignment target"));
    throw new SyntaxError();
  }

  // ---- expressions --------------------------------------------------------------------------

  /** A full expression. */
  public Expr expression() {
    return expression(TERNARY);
  }

  private static int binding(TokenKind k) {
    return switch (k) {
      case OR -> 2;
      case AND -> 3;
      case EQ, NE, LT, LE, GT, GE -> 4;
      case PLUS, MINUS -> 5;
      case STAR, SLASH -> 6;
      case PERCENT -> 7;
      case CARET -> 8;
      case AT -> 9;
      default -> -1;
    };
  }

  private static BinaryOp binaryOp(TokenKind k) {
    return switch (k) {
      case OR -> BinaryOp.OR;
      case AND -> BinaryOp.AND;
      case EQ -> BinaryOp.EQ;
      case NE -> BinaryOp.NE;
      case LT -> BinaryOp.LT;
      case LE -> BinaryOp.LE;
      case GT -> BinaryOp.GT;
      case GE -> BinaryOp.GE;
      case PLUS -> BinaryOp.ADD;
      case MINUS -> BinaryOp.SUB;
      case STAR -> BinaryOp.MUL;
      case SLASH -> BinaryOp.DIV;
      case PERCENT -> BinaryOp.MOD;
      case CARET -> BinaryOp.POW;
      default -> null;
    };
  }

  /**
   * An expression whose operators all bind at least as tightly as minBp. Every binary operator and
   * the conditional are left-associative; the conditional's middle operand is a full expression and
   * its else-operand binds just above the conditional, so {@code a ? b : c ? d : e} groups as
   * {@code (a ? b : c) ? d : e}.
   */
  private Expr expression(int minBp) {
    Expr left = prefix();
    while (true) {
      Token op = peek();
      if (op.kind() == TokenKind.QUESTION) {
        if (TERNARY < minBp) {
          return left;
        }
        advance();
        Expr then = expression(TERNARY);
        expect(TokenKind.COLON, "in the conditional expression");
        Expr otherwise = expression(TERNARY + 1);
        left = new Expr.Ternary(op.span(), left, then, otherwise);
        continue;
      }
      int bp = binding(op.kind());
      if (bp < 0 || bp < minBp) {
        return left;
      }
      advance();
      if (op.kind() == TokenKind.AT) {
        Expr right = expression(bp + 1);
        left = new Expr.Call(op.span(), "@", null, List.of(arg(left), arg(right)));
        continue;
      }
      skipOperatorHint(op);
      Expr right = expression(bp + 1);
      left = new Expr.Binary(op.span(), binaryOp(op.kind()), left, right);
    }
  }

  private static Expr.Arg arg(Expr e) {
    return new Expr.Arg(e.span(), null, e);
  }

  /** {@code a *::kernel b}: the hint is parsed and ignored (spec 4.9). */
  private void skipOperatorHint(Token op) {
    if (at(TokenKind.DCOLON)
        && (op.kind() == TokenKind.STAR
            || op.kind() == TokenKind.SLASH
            || op.kind() == TokenKind.PLUS
            || op.kind() == TokenKind.MINUS)) {
      advance();
      expect(TokenKind.IDENT, "as the kernel hint");
    }
  }

  private Expr prefix() {
    Token t = peek();
    if (t.kind() == TokenKind.MINUS || t.kind() == TokenKind.PLUS) {
      advance();
      Expr operand = prefix();
      return new Expr.Unary(t.span(), t.kind() == TokenKind.MINUS, operand);
    }
    return postfix(primary());
  }

  private Expr postfix(Expr e) {
    while (true) {
      Token t = peek();
      if (t.kind() == TokenKind.LBRACKET) {
        advance();
        Expr.Slice rows = slice(TokenKind.RBRACKET);
        expect(TokenKind.COMMA, "in indexing: write X[rows, cols]");
        Expr.Slice cols = slice(TokenKind.RBRACKET);
        expect(TokenKind.RBRACKET, "to close the indexing");
        e = new Expr.Index(t.span(), e, rows, cols, false);
      } else if (t.kind() == TokenKind.DLBRACKET) {
        advance();
        Expr.Slice rows = slice(TokenKind.DRBRACKET);
        expect(TokenKind.COMMA, "in bit-vector indexing: write X[[rows, cols]]");
        Expr.Slice cols = slice(TokenKind.DRBRACKET);
        expect(TokenKind.DRBRACKET, "to close the bit-vector indexing");
        e = new Expr.Index(t.span(), e, rows, cols, true);
      } else {
        return e;
      }
    }
  }

  private Expr.Slice slice(TokenKind close) {
    if (at(TokenKind.COMMA) || at(close)) {
      return Expr.Slice.ALL;
    }
    Expr lo = null;
    if (!at(TokenKind.COLON)) {
      lo = expression();
      if (!at(TokenKind.COLON)) {
        return Expr.Slice.single(lo);
      }
    }
    advance(); // ':'
    Expr hi = (at(TokenKind.COMMA) || at(close)) ? null : expression();
    return Expr.Slice.range(lo, hi);
  }

  private Expr primary() {
    Token t = peek();
    switch (t.kind()) {
      case INT:
      case FLOAT:
      case STRING:
        advance();
        return new Expr.Literal(t.span(), (daphnegrid.kernels.Scalar) t.value());
      case KW_TRUE:
        advance();
        return new Expr.Literal(t.span(), daphnegrid.kernels.Scalar.TRUE);
      case KW_FALSE:
        advance();
        return new Expr.Literal(t.span(), daphnegrid.kernels.Scalar.FALSE);
      case DOLLAR:
        {
          advance();
          Token name = expect(TokenKind.IDENT, "after '$'");
          return new Expr.ScriptArg(t.span(), name.text());
        }
      case LPAREN:
        {
          advance();
          Expr e = expression();
          expect(TokenKind.RPAREN, "to close the parenthesis");
          return e;
        }
      case KW_AS:
        return cast();
      case LBRACKET:
        return matrixLiteral();
      case LBRACE:
        return frameLiteral();
      case IDENT:
        return nameOrCall();
      default:
        throw error(t, "unexpected " + t.describe() + " where an expression should start");
    }
  }

  private Expr cast() {
    Token t = advance();
    expect(TokenKind.DOT, "after 'as'");
    Token kind = advance();
    String dataType = null;
    ValueType vt = null;
    if (kind.kind() == TokenKind.DATA_TYPE) {
      dataType = kind.text();
      if (accept(TokenKind.LT)) {
        Token v = expect(TokenKind.VALUE_TYPE, "inside as." + dataType + "<...>");
        vt = ValueType.fromDslName(v.text());
        expect(TokenKind.GT, "to close the value type");
      }
    } else if (kind.kind() == TokenKind.VALUE_TYPE) {
      vt = ValueType.fromDslName(kind.text());
    } else {
      throw error(kind, "expected a data or value type after 'as.', found " + kind.describe());
    }
    expect(TokenKind.LPAREN, "after the cast type");
    Expr arg = expression();
    expect(TokenKind.RPAREN, "to close the cast");
    return new Expr.Cast(t.span(), dataType, vt, arg);
  }

  private Expr matrixLiteral() {
    Token t = advance();
    List<Expr> elements = new ArrayList<>();
    if (!at(TokenKind.RBRACKET)) {
      elements.add(expression());
      while (accept(TokenKind.COMMA)) {
        elements.add(expression());
      }
    }
    expect(TokenKind.RBRACKET, "to close the matrix literal");
    if (elements.isEmpty()) {
      throw error(t, "a matrix literal needs at least one element");
    }
    if (at(TokenKind.LPAREN)) {
      advance();
      Expr rows = at(TokenKind.COMMA) ? null : expression();
      expect(TokenKind.COMMA, "in the matrix literal shape (rows, cols)");
      Expr cols = at(TokenKind.RPAREN) ? null : expression();
      expect(TokenKind.RPAREN, "to close the matrix literal shape");
      return new Expr.MatrixLiteral(t.span(), List.copyOf(elements), true, rows, cols);
    }
    return new Expr.MatrixLiteral(t.span(), List.copyOf(elements), false, null, null);
  }

  /**
   * {@code {label: column, ...}} or {@code {[label, ...], [value, ...], ...}}: a '[' right after
   * the brace starts the row form (whose rows are written out, never matrix expressions).
   */
  private Expr frameLiteral() {
    Token t = advance();
    if (at(TokenKind.LBRACKET)) {
      List<Expr> labels = bracketedRow("the frame literal's labels");
      List<List<Expr>> rows = new ArrayList<>();
      List<Token> starts = new ArrayList<>();
      while (accept(TokenKind.COMMA)) {
        starts.add(peek());
        rows.add(bracketedRow("a frame literal row"));
      }
      expect(TokenKind.RBRACE, "to close the frame literal");
      if (rows.isEmpty()) {
        throw error(t, "a frame literal by rows needs at least one row of values after the labels");
      }
      for (int r = 0; r < rows.size(); r++) {
        if (rows.get(r).size() != labels.size()) {
          throw error(
              starts.get(r),
              "a frame literal row must have one value per label: "
                  + rows.get(r).size()
                  + " value(s) for "
                  + labels.size()
                  + " label(s)");
        }
      }
      return new Expr.FrameRows(t.span(), List.copyOf(labels), List.copyOf(rows));
    }
    List<Expr> labels = new ArrayList<>();
    List<Expr> columns = new ArrayList<>();
    do {
      labels.add(expression());
      expect(TokenKind.COLON, "between a frame column's label and its values");
      columns.add(expression());
    } while (accept(TokenKind.COMMA));
    expect(TokenKind.RBRACE, "to close the frame literal");
    return new Expr.FrameColumns(t.span(), List.copyOf(labels), List.copyOf(columns));
  }

  /** {@code [e1, ..., en]} with n >= 1, written out element by element. */
  private List<Expr> bracketedRow(String what) {
    expect(TokenKind.LBRACKET, "to start " + what);
    List<Expr> out = new ArrayList<>();
    out.add(expression());
    while (accept(TokenKind.COMMA)) {
      out.add(expression());
    }
    expect(TokenKind.RBRACKET, "to close " + what);
    return out;
  }

  private Expr nameOrCall() {
    Token first = advance();
    StringBuilder name = new StringBuilder(first.text());
    while (at(TokenKind.DOT) && peek(1).kind() == TokenKind.IDENT) {
      advance();
      name.append('.').append(advance().text());
    }
    String hint = null;
    if (at(TokenKind.DCOLON)) {
      advance();
      hint = expect(TokenKind.IDENT, "as the kernel hint").text();
      if (!at(TokenKind.LPAREN)) {
        throw error(peek(), "expected '(' after the kernel hint");
      }
    }
    if (at(TokenKind.LPAREN)) {
      advance();
      List<Expr.Arg> args = new ArrayList<>();
      while (!at(TokenKind.RPAREN)) {
        if (at(TokenKind.IDENT) && peek(1).kind() == TokenKind.ASSIGN) {
          Token k = advance();
          advance();
          args.add(new Expr.Arg(k.span(), k.text(), expression()));
        } else {
          Expr v = expression();
          args.add(new Expr.Arg(v.span(), null, v));
        }
        if (!accept(TokenKind.COMMA)) {
          break;
        }
      }
      expect(TokenKind.RPAREN, "to close the argument list");
      return new Expr.Call(first.span(), name.toString(), hint, List.copyOf(args));
    }
    return new Expr.Ref(first.span(), name.toString());
  }
}
