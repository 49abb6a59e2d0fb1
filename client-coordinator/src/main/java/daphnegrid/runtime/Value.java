package daphnegrid.runtime;

/** A value a script variable can hold: a scalar, a matrix or a list of matrices. */
public sealed interface Value permits ScalarValue, MatrixValue, ListValue {
  /** DAPHNE's name for the runtime type, as {@code typeOf} prints it. */
  String typeName();
}
