package daphnegrid.dsl.types;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlViewsTest {
  static final FrameSchema AB =
      new FrameSchema(List.of("a", "b"), List.of(ValueType.SI64, ValueType.STR));
  static final FrameSchema C = new FrameSchema(List.of("c"), List.of(ValueType.F64));
  static final Span AT = new Span("q.daph", 3, 5);

  @Test
  void createFrameSchemaNeedsKnownColumnTypesAndConstantLabels() {
    StaticType si64 = StaticType.matrix(ValueType.SI64), str = StaticType.matrix(ValueType.STR);
    assertEquals(
        AB,
        SqlViews.createdSchema(
            List.of(
                si64,
                str,
                StaticType.constant(Scalar.str("a")),
                StaticType.constant(Scalar.str("b")))));
    assertEquals(
        new FrameSchema(List.of("col_0"), List.of(ValueType.SI64)),
        SqlViews.createdSchema(List.of(si64)));
    assertNull(SqlViews.createdSchema(List.of(StaticType.matrix(null))));
    assertNull(SqlViews.createdSchema(List.of(si64, StaticType.scalar(ValueType.STR))));
  }

  @Test
  void branchesKeepASchemaOnlyWhenTheyAgree() {
    assertEquals(AB, StaticType.frame(AB).merge(StaticType.frame(AB)).schema());
    assertNull(StaticType.frame(AB).merge(StaticType.frame(C)).schema());
    assertNull(StaticType.frame(AB).merge(StaticType.frame()).schema());
    assertEquals(StaticType.frame(), StaticType.frame(AB).withoutSchema());
  }

  @Test
  void queriesAreCheckedOnlyAgainstViewsOfOneKnownSchema() {
    SqlViews one = new SqlViews();
    one.register("f", AB);
    one.query("SELECT f.zz FROM f;", AT);
    ScriptException e = assertThrows(ScriptException.class, one::checkQueries);
    assertEquals("q.daph:3:5: error: SQL query 1:8: unknown column f.zz", e.getMessage());

    SqlViews two = new SqlViews();
    two.register("f", AB);
    two.register("f", C);
    two.query("SELECT f.zz FROM f;", AT);
    assertDoesNotThrow(two::checkQueries);

    SqlViews opaque = new SqlViews();
    opaque.register("f", AB);
    opaque.register("f", null);
    opaque.query("SELECT f.zz FROM f;", AT);
    assertDoesNotThrow(opaque::checkQueries);

    SqlViews none = new SqlViews();
    none.register("f", AB);
    none.query("SELECT g.a FROM g;", AT);
    assertThrows(ScriptException.class, none::checkQueries);
  }
}
