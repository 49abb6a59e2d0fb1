package daphnegrid.cli;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.io.MetaFile;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;

/** Reads a matrix file's value type from its meta data while the script is checked. */
final class MetaTypes {
  private MetaTypes() {}

  /** The value type file's .meta file gives; a missing or bad .meta file is a compile error. */
  static ValueType valueType(String file, Span at) {
    try {
      return MetaFile.read(file).valueType();
    } catch (KernelException e) {
      throw new ScriptException.Compile(at, e.getMessage());
    }
  }
}
