package daphnegrid.kernels.pipeline;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * What each slot of a program holds: value type, columns, and whether it is a tile (rows of the row
 * space) or a constant (rows given by constRows, 0 for a scalar). Computed from the program by each
 * executor and when partials combine; computing it also validates the program, so executors can run
 * it without further checks.
 */
public record SlotInfo(ValueType type, long cols, boolean tile, long constRows) {

  /** The slot descriptions of every slot of p, in slot order. */
  public static List<SlotInfo> of(BlockProgram p) {
    List<SlotInfo> s = new ArrayList<>(p.slotCount());
    for (BlockProgram.Input in : p.inputs()) {
      switch (in.kind()) {
        case SPLIT -> {
          if (in.rows() != p.rows()) {
            throw new IllegalArgumentException(
                "split input of " + in.rows() + " rows in a program over " + p.rows());
          }
          s.add(new SlotInfo(in.type(), in.cols(), true, 0));
        }
        case BROADCAST -> s.add(new SlotInfo(in.type(), in.cols(), false, in.rows()));
        case SCALAR -> s.add(new SlotInfo(in.type(), 1, false, 0));
      }
    }
    for (BlockProgram.Instr ins : p.instrs()) {
      if (ins.dest() != s.size()) {
        throw new IllegalArgumentException(
            "instruction writes slot " + ins.dest() + ", expected " + s.size());
      }
      s.add(infer(ins, s));
    }
    return s;
  }

  /** True for a scalar constant: a constant with constRows 0. */
  public boolean scalar() {
    return !tile && constRows == 0;
  }

  private static SlotInfo infer(BlockProgram.Instr ins, List<SlotInfo> s) {
    if (ins instanceof BlockProgram.Binary b) {
      SlotInfo l = s.get(b.left());
      SlotInfo r = s.get(b.right());
      if (!l.tile) {
        throw new IllegalArgumentException("left operand of a binary instruction must be a tile");
      }
      if (l.type != r.type) {
        throw new IllegalArgumentException("binary operands differ: " + l.type + ", " + r.type);
      }
      boolean ok =
          r.scalar()
              || (r.tile && (r.cols == l.cols || r.cols == 1))
              || (!r.tile && r.constRows == 1 && r.cols == l.cols);
      if (!ok) {
        throw new KernelException(
            "shape mismatch in '"
                + b.op().symbol()
                + "': tile of "
                + l.cols
                + " columns vs "
                + (r.tile ? "tile of " + r.cols : r.constRows + "x" + r.cols));
      }
      return new SlotInfo(b.op().resultType(l.type, l.type), l.cols, true, 0);
    }
    if (ins instanceof BlockProgram.Unary u) {
      SlotInfo a = s.get(u.arg());
      requireTile(a);
      return new SlotInfo(a.type, a.cols, true, 0);
    }
    if (ins instanceof BlockProgram.Cast c) {
      SlotInfo a = s.get(c.arg());
      requireTile(a);
      return new SlotInfo(c.type(), a.cols, true, 0);
    }
    if (ins instanceof BlockProgram.MatMul m) {
      SlotInfo a = s.get(m.arg());
      SlotInfo b = s.get(m.matrix());
      requireTile(a);
      if (b.tile || b.constRows != a.cols || a.type != b.type) {
        throw new KernelException(
            "#cols of lhs and #rows of rhs must be the same in '@': "
                + a.cols
                + " vs "
                + b.constRows);
      }
      return new SlotInfo(a.type, b.cols, true, 0);
    }
    BlockProgram.RowAgg r = (BlockProgram.RowAgg) ins;
    SlotInfo a = s.get(r.arg());
    requireTile(a);
    AggOp op = r.op();
    return new SlotInfo(op.resultType(a.type), 1, true, 0);
  }

  private static void requireTile(SlotInfo a) {
    if (!a.tile) {
      throw new IllegalArgumentException("operand must be a tile");
    }
  }
}
