package daphnegrid.plan;

import daphnegrid.kernels.pipeline.BlockProgram;

/**
 * Slot renumbering for programs built before their input count is known: while building, input k
 * (0-based) is slot -(k+1) and instruction i is slot i; in the final program inputs come first.
 */
final class Slots {
  private Slots() {}

  static int map(int slot, int inputs) {
    return slot < 0 ? -slot - 1 : inputs + slot;
  }

  static BlockProgram.Instr shift(BlockProgram.Instr i, int inputs) {
    if (i instanceof BlockProgram.Binary b) {
      return new BlockProgram.Binary(
          map(b.dest(), inputs), b.op(), map(b.left(), inputs), map(b.right(), inputs));
    }
    if (i instanceof BlockProgram.Unary u) {
      return new BlockProgram.Unary(map(u.dest(), inputs), u.op(), map(u.arg(), inputs));
    }
    if (i instanceof BlockProgram.Cast c) {
      return new BlockProgram.Cast(map(c.dest(), inputs), c.type(), map(c.arg(), inputs));
    }
    if (i instanceof BlockProgram.MatMul m) {
      return new BlockProgram.MatMul(
          map(m.dest(), inputs), map(m.arg(), inputs), map(m.matrix(), inputs));
    }
    BlockProgram.RowAgg r = (BlockProgram.RowAgg) i;
    return new BlockProgram.RowAgg(map(r.dest(), inputs), r.op(), map(r.arg(), inputs));
  }

  static BlockProgram.Output shift(BlockProgram.Output o, int inputs) {
    if (o instanceof BlockProgram.Rows r) {
      return new BlockProgram.Rows(map(r.slot(), inputs));
    }
    if (o instanceof BlockProgram.ColAgg c) {
      return new BlockProgram.ColAgg(c.op(), map(c.slot(), inputs));
    }
    if (o instanceof BlockProgram.FullAgg f) {
      return new BlockProgram.FullAgg(f.op(), map(f.slot(), inputs));
    }
    BlockProgram.TMatMul t = (BlockProgram.TMatMul) o;
    return new BlockProgram.TMatMul(map(t.left(), inputs), map(t.right(), inputs));
  }
}
