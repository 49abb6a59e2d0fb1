package daphnegrid.dsl.ast;

import daphnegrid.dsl.Span;
import java.util.List;

/** DaphneDSL statements. */
public sealed interface Stmt {
  Span span();

  record ExprStmt(Span span, Expr expr) implements Stmt {}

  /**
   * One assignment target: a variable, optionally with left indexing ({@code X[1, ] = ...}); rows
   * and cols are null without indexing.
   */
  record Target(Span span, String name, Expr.Slice rows, Expr.Slice cols) {
    public boolean indexed() {
      return rows != null;
    }
  }

  record Assign(Span span, List<Target> targets, Expr value) implements Stmt {}

  record Block(Span span, List<Stmt> body) implements Stmt {}

  record If(Span span, Expr cond, Stmt then, Stmt otherwise) implements Stmt {}

  record While(Span span, Expr cond, Stmt body) implements Stmt {}

  record DoWhile(Span span, Stmt body, Expr cond) implements Stmt {}

  /** {@code for (var in from:to[:step]) body}; step may be null. */
  record For(Span span, String var, Expr from, Expr to, Expr step, Stmt body) implements Stmt {}

  record Return(Span span, List<Expr> values) implements Stmt {}

  /** {@code import "path" [as "alias"];} */
  record Import(Span span, String path, String alias) implements Stmt {}

  /** A declared parameter or result type: {@code matrix}, {@code matrix<f64>}, {@code si64}. */
  record TypeSpec(Span span, boolean matrix, daphnegrid.kernels.ValueType valueType) {
    @Override
    public String toString() {
      if (matrix) {
        return valueType == null ? "matrix" : "matrix<" + valueType.dslName() + ">";
      }
      return valueType.dslName();
    }
  }

  record Param(Span span, String name, TypeSpec type) {}

  /** {@code def name(params) -> results { body }}; results is null when not declared. */
  record FuncDef(Span span, String name, List<Param> params, List<TypeSpec> results, Block body)
      implements Stmt {}
}
