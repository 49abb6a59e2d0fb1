package daphnegrid.plan;

import daphnegrid.kernels.pipeline.BlockProgram;
import daphnegrid.kernels.pipeline.RowBlocks;
import java.util.ArrayList;
import java.util.List;

/** A one-line description of a program for --explain. */
public final class ProgramText {
  private ProgramText() {}

  public static String describe(BlockProgram p) {
    List<String> in = new ArrayList<>();
    for (int i = 0; i < p.inputs().size(); i++) {
      BlockProgram.Input x = p.inputs().get(i);
      in.add(
          "%"
              + i
              + "="
              + x.kind().name().toLowerCase()
              + " "
              + x.type().dslName()
              + (x.kind() == BlockProgram.InputKind.SCALAR
                  ? ""
                  : "[" + x.rows() + "x" + x.cols() + "]"));
    }
    List<String> body = new ArrayList<>();
    for (BlockProgram.Instr ins : p.instrs()) {
      body.add("%" + ins.dest() + "=" + instr(ins));
    }
    List<String> out = new ArrayList<>();
    for (BlockProgram.Output o : p.outputs()) {
      out.add(output(o));
    }
    return "program "
        + p.name()
        + " over "
        + p.rows()
        + " rows in "
        + RowBlocks.count(p.rows())
        + " block(s): in "
        + String.join(", ", in)
        + "; "
        + (body.isEmpty() ? "" : String.join(", ", body) + "; ")
        + "out "
        + String.join(", ", out);
  }

  private static String instr(BlockProgram.Instr i) {
    if (i instanceof BlockProgram.Binary b) {
      return "%" + b.left() + " " + b.op().symbol() + " %" + b.right();
    }
    if (i instanceof BlockProgram.Unary u) {
      return u.op().functionName() + "(%" + u.arg() + ")";
    }
    if (i instanceof BlockProgram.Cast c) {
      return "as." + c.type().dslName() + "(%" + c.arg() + ")";
    }
    if (i instanceof BlockProgram.MatMul m) {
      return "%" + m.arg() + " @ %" + m.matrix();
    }
    BlockProgram.RowAgg r = (BlockProgram.RowAgg) i;
    return r.op().functionName() + "(%" + r.arg() + ", 0)";
  }

  private static String output(BlockProgram.Output o) {
    if (o instanceof BlockProgram.Rows r) {
      return "rows %" + r.slot();
    }
    if (o instanceof BlockProgram.ColAgg c) {
      return c.op().functionName() + "(%" + c.slot() + ", 1)";
    }
    if (o instanceof BlockProgram.FullAgg f) {
      return f.op().functionName() + "(%" + f.slot() + ")";
    }
    BlockProgram.TMatMul t = (BlockProgram.TMatMul) o;
    return "t(%" + t.left() + ") @ %" + t.right();
  }
}
