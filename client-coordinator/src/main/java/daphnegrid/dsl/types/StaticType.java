package daphnegrid.dsl.types;

import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import java.util.Objects;

/**
 * What the checker knows about a value before the script runs: its data type, its value type (null
 * when unknown; for a list, the value type of its matrices) and, for scalars computed from
 * literals, the constant itself.
 */
public record StaticType(Kind kind, ValueType valueType, Scalar constant, FrameSchema schema) {
  /** Data types; ANY when nothing is known. */
  public enum Kind {
    SCALAR,
    MATRIX,
    FRAME,
    LIST,
    ANY
  }

  public static final StaticType ANY = new StaticType(Kind.ANY, null, null);

  // equals and hashCode written out: a record's generated ones are linked at their first call,
  // which spun seven method-handle classes (several ms) in every script whose loops merge types;
  // the start-up cache cannot hold them
  @Override
  public boolean equals(Object o) {
    return o instanceof StaticType t
        && kind == t.kind
        && valueType == t.valueType
        && Objects.equals(constant, t.constant)
        && Objects.equals(schema, t.schema);
  }

  @Override
  public int hashCode() {
    int h = kind.hashCode();
    h = 31 * h + Objects.hashCode(valueType);
    h = 31 * h + Objects.hashCode(constant);
    return 31 * h + Objects.hashCode(schema);
  }

  /** A type without a frame schema. */
  public StaticType(Kind kind, ValueType valueType, Scalar constant) {
    this(kind, valueType, constant, null);
  }

  public static StaticType scalar(ValueType vt) {
    return new StaticType(Kind.SCALAR, vt, null);
  }

  public static StaticType constant(Scalar s) {
    return new StaticType(Kind.SCALAR, s.type(), s);
  }

  public static StaticType matrix(ValueType vt) {
    return new StaticType(Kind.MATRIX, vt, null);
  }

  /** A frame (its column types are known at run time only). */
  public static StaticType frame() {
    return new StaticType(Kind.FRAME, null, null);
  }

  /** A frame whose labels and column types are known (null: not known). */
  public static StaticType frame(FrameSchema schema) {
    return new StaticType(Kind.FRAME, null, null, schema);
  }

  /** This type without a frame schema. */
  public StaticType withoutSchema() {
    return schema == null ? this : new StaticType(kind, valueType, constant);
  }

  /** A list of matrices of value type vt (null: unknown). */
  public static StaticType list(ValueType vt) {
    return new StaticType(Kind.LIST, vt, null);
  }

  public boolean isScalar() {
    return kind == Kind.SCALAR;
  }

  public boolean isMatrix() {
    return kind == Kind.MATRIX;
  }

  public boolean isFrame() {
    return kind == Kind.FRAME;
  }

  public boolean isList() {
    return kind == Kind.LIST;
  }

  public boolean known() {
    return kind != Kind.ANY;
  }

  public StaticType withoutConstant() {
    return constant == null ? this : new StaticType(kind, valueType, null, schema);
  }

  /**
   * True unless both types are known and differ in data type or value type (the consistency rule
   * for variables across control flow, spec 4.6).
   */
  public boolean compatible(StaticType o) {
    if (kind == Kind.ANY || o.kind == Kind.ANY) {
      return true;
    }
    if (kind != o.kind) {
      return false;
    }
    return valueType == null || o.valueType == null || valueType == o.valueType;
  }

  /** The type both paths of a branch agree on (constants and frame schemas kept only if equal). */
  public StaticType merge(StaticType o) {
    if (equals(o)) {
      return this;
    }
    if (kind != o.kind) {
      return ANY;
    }
    ValueType vt = Objects.equals(valueType, o.valueType) ? valueType : null;
    return new StaticType(kind, vt, null, Objects.equals(schema, o.schema) ? schema : null);
  }

  /**
   * How the type is named in messages: {@code matrix<f64>}, {@code si64}, {@code
   * list<matrix<si64>>}, {@code unknown}.
   */
  public String describe() {
    String vt = valueType == null ? "?" : valueType.dslName();
    return switch (kind) {
      case SCALAR -> vt;
      case MATRIX -> "matrix<" + vt + ">";
      case FRAME -> "frame";
      case LIST -> "list<matrix<" + vt + ">>";
      case ANY -> "unknown";
    };
  }
}
