package daphnegrid.kernels.pipeline;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import java.util.List;

/**
 * A fused pipeline over one row space of {@code rows} rows, as plain data: the inputs, a straight
 * list of instructions over numbered slots, and the outputs. Slots 0..inputs-1 hold the inputs;
 * instruction i writes slot inputs+i. A slot is either a tile (some consecutive rows of the row
 * space, all its columns) or a constant (a broadcast matrix or a scalar, the same for every row).
 *
 * <pre>
 * BlockProgram kmeansAssign (rows = n):
 *   in  0: X  SPLIT     f64 n x f
 *   in  1: Ct BROADCAST f64 f x c    the centroids, transposed
 *   in  2: m2 SCALAR    f64          -2.0
 *   in  3: c2 BROADCAST f64 1 x c    the centroids' squared norms
 *   4 = matmul 0 1                   tile x c
 *   5 = mul 4 2                      times the scalar
 *   6 = add 5 3                      plus the row vector
 *   7 = rowAgg idxMin 6              tile x 1, size
 *   out rows 7; out colAgg sum 0
 * </pre>
 *
 * <p>The left operand of a binary instruction is a tile; both operands have the same value type
 * (the planner inserts casts). The right operand broadcasts when it is a 1 x cols constant (row
 * vector), a tile of one column (column vector) or a scalar. Outputs either keep the row split
 * ({@link Output.Rows}) or are partial results combined over blocks in block order.
 */
public record BlockProgram(
    String name, long rows, List<Input> inputs, List<Instr> instrs, List<Output> outputs) {

  public BlockProgram {
    inputs = List.copyOf(inputs);
    instrs = List.copyOf(instrs);
    outputs = List.copyOf(outputs);
  }

  /** How an input is given: split by rows with the row space, whole, or a scalar. */
  public enum InputKind {
    SPLIT,
    BROADCAST,
    SCALAR
  }

  /** One input: its kind, value type and shape (SPLIT inputs have the program's row count). */
  public record Input(InputKind kind, ValueType type, long rows, long cols) {}

  /** One instruction; dest is the slot it writes. */
  public sealed interface Instr {
    int dest();
  }

  /** dest = left op right, with broadcasting of the right operand. */
  public record Binary(int dest, BinaryOp op, int left, int right) implements Instr {}

  /** dest = op(arg); arg already has the op's result type. */
  public record Unary(int dest, UnaryOp op, int arg) implements Instr {}

  /** dest = arg converted to type. */
  public record Cast(int dest, ValueType type, int arg) implements Instr {}

  /** dest = arg (a tile) @ matrix (a constant), same value type. */
  public record MatMul(int dest, int arg, int matrix) implements Instr {}

  /** dest = op over each row of arg (a tile): a one-column tile. */
  public record RowAgg(int dest, AggOp op, int arg) implements Instr {}

  /** A program output. */
  public sealed interface Output {}

  /** The slot's rows, forming a matrix with the row split of the program. */
  public record Rows(int slot) implements Output {}

  /**
   * op over each column of the slot (sum, min, max, mean, var, stddev, idxMin, idxMax): 1 x cols.
   */
  public record ColAgg(AggOp op, int slot) implements Output {}

  /** op over all cells of the slot (sum, min, max, mean, var, stddev): a scalar. */
  public record FullAgg(AggOp op, int slot) implements Output {}

  /** t(left) @ right for two tiles: left.cols x right.cols, summed over blocks. */
  public record TMatMul(int left, int right) implements Output {}

  /** Number of slots (inputs plus instructions). */
  public int slotCount() {
    return inputs.size() + instrs.size();
  }
}
