package daphnegrid.cli;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.kernels.ValueType;

/** Reads a matrix file's value type from its meta data while the script is checked. */
final class MetaTypes {
  private MetaTypes() {}

  static ValueType valueType(String file, Span at) {
    throw new ScriptException.Compile(at, "readMatrix: pending");
  }
}
