package daphnegrid.runtime;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.pipeline.BlockProgram;

/**
 * One input of a fused program as an engine receives it, one kind per {@link
 * BlockProgram.InputKind}.
 */
public sealed interface Operand {
  /** A matrix cut with the program's row space; computed, its cells here or held by an engine. */
  record Split(MatrixValue matrix) implements Operand {}

  /** A small matrix every block reads whole. */
  record Broadcast(DenseMatrix matrix) implements Operand {}

  /** A scalar, already in the type the program reads it as. */
  record Constant(Scalar value) implements Operand {}
}
