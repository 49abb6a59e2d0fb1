package daphnegrid.cli;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.dsl.types.Checker;
import daphnegrid.dsl.types.FrameSchema;
import daphnegrid.io.FrameMeta;
import daphnegrid.io.MetaFile;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;

/** Reads a matrix file's value type from its meta data while the script is checked. */
final class MetaTypes implements Checker.MetaReader {
  private final java.nio.file.Path workDir;

  /** Reads .meta files of names relative to workDir (the empty path: the process's own). */
  MetaTypes(java.nio.file.Path workDir) {
    this.workDir = workDir;
  }

  /** The value type file's .meta file gives; a missing or bad .meta file is a compile error. */
  @Override
  public ValueType valueType(String file, Span at) {
    try {
      return MetaFile.read(workDir.resolve(file).toString()).valueType();
    } catch (KernelException e) {
      throw new ScriptException.Compile(at, e.getMessage());
    }
  }

  /** Reads file's .meta file as a frame's; a missing or bad one is a compile error. */
  @Override
  public void checkFrame(String file, Span at) {
    frameSchema(file, at);
  }

  /** The labels and column types of file's .meta file; a missing or bad one is a compile error. */
  @Override
  public FrameSchema frameSchema(String file, Span at) {
    try {
      FrameMeta m = MetaFile.readFrame(workDir.resolve(file).toString());
      return new FrameSchema(m.labels(), m.types());
    } catch (KernelException e) {
      throw new ScriptException.Compile(at, e.getMessage());
    }
  }
}
