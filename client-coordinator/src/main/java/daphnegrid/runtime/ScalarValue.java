package daphnegrid.runtime;

import daphnegrid.kernels.Scalar;

/** A scalar value. */
public record ScalarValue(Scalar scalar) implements Value {
  @Override
  public String typeName() {
    return scalar.type().scalarTypeName();
  }
}
