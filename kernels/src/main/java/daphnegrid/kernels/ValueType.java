package daphnegrid.kernels;

/**
 * DaphneDSL value types, declared in order of generality (least general first), so that {@link
 * #mostGeneral} is a comparison of ordinals. The internal {@link #SIZE} type (results of {@code
 * nrow}, {@code idxMax}, literals with suffix {@code z}) ranks between si32 and si64 and prints as
 * {@code uint64_t}.
 */
public enum ValueType {
  BOOL("bool", "bool", Storage.BYTE),
  SI8("si8", "int8_t", Storage.BYTE),
  UI8("ui8", "uint8_t", Storage.BYTE),
  SI32("si32", "int32_t", Storage.INT),
  UI32("ui32", "uint32_t", Storage.INT),
  SIZE("size", "uint64_t", Storage.LONG),
  SI64("si64", "int64_t", Storage.LONG),
  UI64("ui64", "uint64_t", Storage.LONG),
  F32("f32", "float", Storage.FLOAT),
  F64("f64", "double", Storage.DOUBLE),
  STR("str", "std::string", Storage.STRING);

  /** The Java array type holding elements of a value type. */
  public enum Storage {
    BYTE,
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    STRING
  }

  private final String dslName;
  private final String cppName;
  private final Storage storage;

  ValueType(String dslName, String cppName, Storage storage) {
    this.dslName = dslName;
    this.cppName = cppName;
    this.storage = storage;
  }

  /** The name in DaphneDSL source ({@code f64}, {@code si8}, ...); {@code size} is internal. */
  public String dslName() {
    return dslName;
  }

  /** The name DAPHNE prints in matrix headers and {@code typeOf} ({@code double}, ...). */
  public String cppName() {
    return cppName;
  }

  /** The name {@code typeOf} reports for a scalar of this type ({@code const char*} for str). */
  public String scalarTypeName() {
    return this == STR ? "const char*" : cppName;
  }

  public Storage storage() {
    return storage;
  }

  public boolean isFloat() {
    return this == F32 || this == F64;
  }

  /** Fixed-width integers including the size type; bool is not an integer here. */
  public boolean isInteger() {
    return switch (this) {
      case SI8, UI8, SI32, UI32, SIZE, SI64, UI64 -> true;
      default -> false;
    };
  }

  public boolean isUnsigned() {
    return this == UI8 || this == UI32 || this == UI64 || this == SIZE;
  }

  public boolean isNumeric() {
    return this != STR;
  }

  /** Bytes per element in a dense matrix (string elements count as references). */
  public int byteWidth() {
    return switch (storage) {
      case BYTE -> 1;
      case INT, FLOAT -> 4;
      case LONG, DOUBLE -> 8;
      case STRING -> 8;
    };
  }

  /** The more general of two value types (spec section 5.4). */
  public static ValueType mostGeneral(ValueType a, ValueType b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /** Looks up a DSL value-type name ({@code f64}, ..., {@code str}); null if there is none. */
  public static ValueType fromDslName(String name) {
    for (ValueType t : values()) {
      if (t != SIZE && t.dslName.equals(name)) {
        return t;
      }
    }
    return null;
  }
}
