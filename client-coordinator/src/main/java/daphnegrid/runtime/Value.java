package daphnegrid.runtime;

/** A value a script variable can hold: a scalar or a matrix. */
public sealed interface Value permits ScalarValue, MatrixValue {
  /** DAPHNE's name for the runtime type, as {@code typeOf} prints it. */
  String typeName();
}
