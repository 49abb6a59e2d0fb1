package daphnegrid.grid.tasks;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.BinaryOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.UnaryOp;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.BlockPartial;
import daphnegrid.kernels.pipeline.BlockProgram;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary form of programs and their operands inside grid tasks. A program is a few
 * dozen bytes: one tag byte per instruction or output followed by its slot numbers and enum
 * ordinals (members and clients run the same build, so ordinals are stable between them). Matrices
 * travel as {@link DenseBlock}s through the raw block serializer.
 */
final class Wire {
  private Wire() {}

  private static final byte BINARY = 1;
  private static final byte UNARY = 2;
  private static final byte CAST = 3;
  private static final byte MATMUL = 4;
  private static final byte ROWAGG = 5;
  private static final byte ROWS = 11;
  private static final byte COLAGG = 12;
  private static final byte FULLAGG = 13;
  private static final byte TMATMUL = 14;

  static void writeProgram(ObjectDataOutput out, BlockProgram p) throws IOException {
    out.writeString(p.name());
    out.writeLong(p.rows());
    out.writeInt(p.inputs().size());
    for (BlockProgram.Input in : p.inputs()) {
      out.writeByte(in.kind().ordinal());
      out.writeByte(in.type().ordinal());
      out.writeLong(in.rows());
      out.writeLong(in.cols());
    }
    out.writeInt(p.instrs().size());
    for (BlockProgram.Instr i : p.instrs()) {
      if (i instanceof BlockProgram.Binary b) {
        out.writeByte(BINARY);
        out.writeByte(b.op().ordinal());
        out.writeInt(b.left());
        out.writeInt(b.right());
      } else if (i instanceof BlockProgram.Unary u) {
        out.writeByte(UNARY);
        out.writeByte(u.op().ordinal());
        out.writeInt(u.arg());
      } else if (i instanceof BlockProgram.Cast c) {
        out.writeByte(CAST);
        out.writeByte(c.type().ordinal());
        out.writeInt(c.arg());
      } else if (i instanceof BlockProgram.MatMul m) {
        out.writeByte(MATMUL);
        out.writeInt(m.arg());
        out.writeInt(m.matrix());
      } else {
        BlockProgram.RowAgg r = (BlockProgram.RowAgg) i;
        out.writeByte(ROWAGG);
        out.writeByte(r.op().ordinal());
        out.writeInt(r.arg());
      }
    }
    out.writeInt(p.outputs().size());
    for (BlockProgram.Output o : p.outputs()) {
      if (o instanceof BlockProgram.Rows r) {
        out.writeByte(ROWS);
        out.writeInt(r.slot());
      } else if (o instanceof BlockProgram.ColAgg c) {
        out.writeByte(COLAGG);
        out.writeByte(c.op().ordinal());
        out.writeInt(c.slot());
      } else if (o instanceof BlockProgram.FullAgg f) {
        out.writeByte(FULLAGG);
        out.writeByte(f.op().ordinal());
        out.writeInt(f.slot());
      } else {
        BlockProgram.TMatMul t = (BlockProgram.TMatMul) o;
        out.writeByte(TMATMUL);
        out.writeInt(t.left());
        out.writeInt(t.right());
      }
    }
  }

  static BlockProgram readProgram(ObjectDataInput in) throws IOException {
    String name = in.readString();
    long rows = in.readLong();
    int nIn = in.readInt();
    List<BlockProgram.Input> inputs = new ArrayList<>(nIn);
    for (int k = 0; k < nIn; k++) {
      inputs.add(
          new BlockProgram.Input(
              BlockProgram.InputKind.values()[in.readByte()],
              ValueType.values()[in.readByte()],
              in.readLong(),
              in.readLong()));
    }
    int nInstr = in.readInt();
    List<BlockProgram.Instr> instrs = new ArrayList<>(nInstr);
    for (int k = 0; k < nInstr; k++) {
      int dest = nIn + k;
      byte tag = in.readByte();
      instrs.add(
          switch (tag) {
            case BINARY ->
                new BlockProgram.Binary(
                    dest, BinaryOp.values()[in.readByte()], in.readInt(), in.readInt());
            case UNARY ->
                new BlockProgram.Unary(dest, UnaryOp.values()[in.readByte()], in.readInt());
            case CAST ->
                new BlockProgram.Cast(dest, ValueType.values()[in.readByte()], in.readInt());
            case MATMUL -> new BlockProgram.MatMul(dest, in.readInt(), in.readInt());
            case ROWAGG ->
                new BlockProgram.RowAgg(dest, AggOp.values()[in.readByte()], in.readInt());
            default -> throw new IOException("unknown instruction tag " + tag);
          });
    }
    int nOut = in.readInt();
    List<BlockProgram.Output> outputs = new ArrayList<>(nOut);
    for (int k = 0; k < nOut; k++) {
      byte tag = in.readByte();
      outputs.add(
          switch (tag) {
            case ROWS -> new BlockProgram.Rows(in.readInt());
            case COLAGG -> new BlockProgram.ColAgg(AggOp.values()[in.readByte()], in.readInt());
            case FULLAGG -> new BlockProgram.FullAgg(AggOp.values()[in.readByte()], in.readInt());
            case TMATMUL -> new BlockProgram.TMatMul(in.readInt(), in.readInt());
            default -> throw new IOException("unknown output tag " + tag);
          });
    }
    return new BlockProgram(name, rows, inputs, instrs, outputs);
  }

  static void writeScalar(ObjectDataOutput out, Scalar s) throws IOException {
    ValueType t = s.type();
    out.writeByte(t.ordinal());
    if (t == ValueType.STR) {
      out.writeString(s.stringValue());
    } else if (t.isFloat()) {
      out.writeDouble(s.doubleValue());
    } else {
      out.writeLong(s.bits());
    }
  }

  static Scalar readScalar(ObjectDataInput in) throws IOException {
    ValueType t = ValueType.values()[in.readByte()];
    if (t == ValueType.STR) {
      return Scalar.str(in.readString());
    }
    return t.isFloat() ? Scalar.ofDouble(t, in.readDouble()) : Scalar.ofLong(t, in.readLong());
  }

  /** A matrix or null. */
  static void writeMatrix(ObjectDataOutput out, DenseMatrix m) throws IOException {
    out.writeObject(m == null ? null : new DenseBlock(0, m));
  }

  static DenseMatrix readMatrix(ObjectDataInput in) throws IOException {
    DenseBlock b = in.readObject();
    return b == null ? null : b.matrix();
  }

  static void writePartial(ObjectDataOutput out, BlockPartial p) throws IOException {
    out.writeInt(p.block());
    out.writeInt(p.values().size());
    for (DenseMatrix m : p.values()) {
      writeMatrix(out, m);
    }
  }

  static BlockPartial readPartial(ObjectDataInput in) throws IOException {
    int block = in.readInt();
    int n = in.readInt();
    List<DenseMatrix> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(readMatrix(in));
    }
    return new BlockPartial(block, values);
  }

  static void writeInts(ObjectDataOutput out, int[] a) throws IOException {
    out.writeIntArray(a);
  }
}
