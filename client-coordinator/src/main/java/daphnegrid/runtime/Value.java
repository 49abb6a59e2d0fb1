package daphnegrid.runtime;

/** A value a script variable can hold: a scalar, a matrix, a frame or a list of matrices. */
public sealed interface Value permits ScalarValue, MatrixValue, FrameValue, ListValue {
  /** DAPHNE's name for the runtime type, as {@code typeOf} prints it. */
  String typeName();
}
