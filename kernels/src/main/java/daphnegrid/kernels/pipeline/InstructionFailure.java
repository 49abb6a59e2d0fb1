package daphnegrid.kernels.pipeline;

import daphnegrid.kernels.KernelException;

/** A kernel failure inside a program, naming the instruction (its index in the program). */
public final class InstructionFailure extends KernelException {
  private static final long serialVersionUID = 1L;
  private final int instruction;

  public InstructionFailure(int instruction, String message) {
    super(message);
    this.instruction = instruction;
  }

  /** Index of the failing instruction in {@link BlockProgram#instrs()}. */
  public int instruction() {
    return instruction;
  }
}
