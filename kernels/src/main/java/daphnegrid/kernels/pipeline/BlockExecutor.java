package daphnegrid.kernels.pipeline;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrConvert;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link BlockProgram} over one block of rows: the block is streamed through the whole
 * instruction list in tiles of {@link #tileRows} rows, so intermediate values stay in cache; {@link
 * BlockProgram.Rows} outputs are written to their sinks, the other outputs accumulate into this
 * block's partial results (a t(A) @ B of two f64 split inputs is computed once for the whole block
 * before the tiles).
 *
 * <p>Data layout: every slot of the current tile is an (array, offset) pair. Float (f64, f32) split
 * inputs are read where they are — no copy; a float instruction whose slot is a rows output writes
 * straight into the sink, and later instructions read it from there; so do the elementwise steps
 * leading up to it when nothing else reads their results ({@link #chainsIntoSinks}). Only the other
 * intermediate slots and the split inputs of other value types (which are copied tile by tile) have
 * tile buffers of their own, allocated once per executor, so a tile's working set is those buffers
 * (a few tens of KiB) plus the streams in and out. Instructions without an array kernel step take
 * the general path of the {@link daphnegrid.kernels} facades on tile-sized matrices (see {@link
 * Steps}).
 *
 * <p>The tile height depends on the program only, and every partial accumulates in row order, so a
 * block's partials are the same whoever runs it. Not thread-safe: use one executor per thread.
 */
public final class BlockExecutor {
  private final BlockProgram program;
  private final List<SlotInfo> slots;
  private final int tileRows;

  /**
   * Rows per sub-tile: when every step is a row-local array kernel, the steps run over the tile
   * {@link #SUB_TILE_CELLS} cells at a time, so that an intermediate written by one step is still
   * in L1 when the next reads it; otherwise tileRows (no sub-tiles).
   */
  private final int subRows;

  private final int nIn;
  private final Steps.Step[] steps;
  final boolean general;

  /** Per slot: reads the split input in place (float split inputs). */
  private final boolean[] inPlaceInput;

  /** Per slot: the rows output it is written to directly, or -1. */
  private final int[] sinkOf;

  /**
   * Per slot: the sink slot whose rows it is computed in (an intermediate of an elementwise chain
   * that ends in a rows output, see {@link #chainsIntoSinks}), or -1.
   */
  private final int[] inSinkOf;

  /** Per slot: its own tile buffer (intermediates, copied inputs), or null. */
  private final Object[] buffers;

  /**
   * Per input slot read in place: the tile buffer its rows are written into when its source is CSR
   * (made on first use).
   */
  private final Object[] csrTiles;

  /**
   * Per output: a t(A) @ B of two f64 split inputs, computed once per block from the inputs
   * themselves (one product over all the block's rows) instead of tile by tile.
   */
  private final boolean[] wholeBlock;

  /** Per slot: scratch tiles for the general path (lazily made). */
  private final Object[] scratch;

  // The current tile: slot s lives in arr[s] from off[s] (constants: from 0).
  final Object[] arr;
  final int[] off;
  final double[] scalarF64;
  final float[] scalarF32;
  int rows;

  /** The current tile's first row in the row space (its global row, not within the block). */
  long tileRow;

  public BlockExecutor(BlockProgram program) {
    this(program, false);
  }

  /**
   * With general set, every instruction takes the general path and every tile is copied, as a
   * reference for tests: the results are the same bits either way.
   */
  BlockExecutor(BlockProgram program, boolean general) {
    this.program = program;
    this.general = general;
    this.slots = SlotInfo.of(program);
    this.tileRows = tileRows(slots);
    this.nIn = program.inputs().size();
    int n = slots.size();
    inPlaceInput = new boolean[n];
    sinkOf = new int[n];
    buffers = new Object[n];
    csrTiles = new Object[n];
    scratch = new Object[n];
    arr = new Object[n];
    off = new int[n];
    scalarF64 = new double[n];
    scalarF32 = new float[n];
    java.util.Arrays.fill(sinkOf, -1);
    inSinkOf = new int[n];
    java.util.Arrays.fill(inSinkOf, -1);
    List<BlockProgram.Output> outs = program.outputs();
    wholeBlock = new boolean[outs.size()];
    for (int o = 0; o < outs.size(); o++) {
      if (outs.get(o) instanceof BlockProgram.TMatMul t) {
        wholeBlock[o] = splitF64(t.left()) && splitF64(t.right());
      }
    }
    for (int o = 0; o < outs.size(); o++) {
      if (outs.get(o) instanceof BlockProgram.Rows r) {
        int s = r.slot();
        if (!general && s >= nIn && isFloat(slots.get(s)) && sinkOf[s] < 0) {
          sinkOf[s] = o;
        }
      }
    }
    List<BlockProgram.Instr> instrs = program.instrs();
    steps = new Steps.Step[instrs.size()];
    for (int k = 0; k < steps.length; k++) {
      steps[k] =
          general
              ? new Steps.General(instrs.get(k))
              : Steps.compile(instrs.get(k), slots, tileRows);
    }
    if (!general) {
      Steps.fuseAssignments(program, slots, steps);
      chainsIntoSinks();
    }
    for (int s = 0; s < n; s++) {
      SlotInfo si = slots.get(s);
      if (!si.tile()) {
        continue;
      }
      if (s < nIn) {
        inPlaceInput[s] = !general && isFloat(si);
        if (!inPlaceInput[s]) {
          buffers[s] = DenseMatrix.allocate(si.type(), tileRows, si.cols()).data();
        }
      } else if (sinkOf[s] < 0 && inSinkOf[s] < 0) {
        buffers[s] = DenseMatrix.allocate(si.type(), tileRows, si.cols()).data();
      }
    }
    tileSlots = new int[n];
    int nt = 0;
    long widest = 1;
    for (int s = 0; s < n; s++) {
      if (slots.get(s).tile()) {
        tileSlots[nt++] = s;
        widest = Math.max(widest, slots.get(s).cols());
      }
    }
    tileSlotCount = nt;
    tileOff = new int[n];
    subRows =
        steps.length >= 2 && Steps.rowLocal(steps)
            ? (int) Math.max(1, Math.min(tileRows, SUB_TILE_CELLS / widest))
            : tileRows;
  }

  /**
   * Lets the intermediates of elementwise chains that end in a rows output be computed in the
   * output's rows themselves: an intermediate slot that only the next elementwise step reads (as
   * its left operand, or as a same-shaped right one), of that step's type and width, is written
   * where that step's result goes, and the step then runs in place. {@code Z = X * 2.0 + 1.0} thus
   * writes X * 2.0 into Z's rows and adds 1.0 there, instead of going through a tile buffer of its
   * own: the elementwise kernels read and write each cell at the same index, so in place they
   * compute the same cells, and the result is written as the input is read instead of only in the
   * chain's last step (X * 2.0 + 1.0 over 10,000 x 1,000 cells, the executor alone on one thread:
   * 4.4-5.0 ms against 6.6-7.6 with a tile buffer; through bin/daphne, where the pass ran nearer
   * the memory's copy speed either way, 5.6-5.7 against 5.8-6.0). Chains are followed back from the
   * rows outputs, so a slot whose reader was itself placed in a sink's rows is placed there too; a
   * step reads at most one such operand.
   */
  private void chainsIntoSinks() {
    int n = slots.size();
    int[] readers = new int[n];
    int[] reader = new int[n];
    java.util.Arrays.fill(reader, -1);
    List<BlockProgram.Instr> instrs = program.instrs();
    for (int k = 0; k < instrs.size(); k++) {
      for (int r : Steps.operands(instrs.get(k))) {
        readers[r]++;
        reader[r] = k;
      }
    }
    for (BlockProgram.Output o : program.outputs()) {
      for (int r : Steps.outputSlots(o)) {
        readers[r] += 2; // never placed: an output reads it after the steps
      }
    }
    for (int s = n - 1; s >= nIn; s--) {
      if (sinkOf[s] >= 0 || readers[s] != 1 || !Steps.elementwise(steps[s - nIn])) {
        continue;
      }
      int k = reader[s];
      int d = nIn + k;
      int root = sinkOf[d] >= 0 ? d : inSinkOf[d];
      SlotInfo si = slots.get(s);
      SlotInfo di = slots.get(d);
      if (root < 0
          || !Steps.elementwise(steps[k])
          || si.type() != di.type()
          || si.cols() != di.cols()
          || !si.tile()
          || !inPlaceOperand(instrs.get(k), s, d)) {
        continue;
      }
      inSinkOf[s] = root;
    }
  }

  /**
   * Whether instruction ins (writing d) can read slot s where it writes: s is its only operand
   * placed in d's rows, and it is the left operand or a right one of the same shape.
   */
  private boolean inPlaceOperand(BlockProgram.Instr ins, int s, int d) {
    if (ins instanceof BlockProgram.Unary u) {
      return u.arg() == s;
    }
    if (!(ins instanceof BlockProgram.Binary b)) {
      return false;
    }
    boolean left = b.left() == s; // s op s never comes here: its slot has two reads
    int other = left ? b.right() : b.left();
    if (sinkOf[other] >= 0 || inSinkOf[other] >= 0) {
      return false; // the other operand is in some rows output too: leave s its own buffer
    }
    if (left) {
      return true;
    }
    SlotInfo l = slots.get(b.left());
    return l.tile() && l.cols() == slots.get(s).cols();
  }

  /**
   * Cells of the widest slot in one sub-tile: 16 KiB of f64, so that a step's output and the next
   * step's other operand fit in the 32 KiB L1 data cache of the machines we measured.
   */
  static final int SUB_TILE_CELLS = 2048;

  /** The slots that hold tiles (not constants), tileSlotCount of them. */
  private final int[] tileSlots;

  private final int tileSlotCount;

  /** Each tile slot's offset at the tile's first row, while sub-tiles move off. */
  private final int[] tileOff;

  private boolean splitF64(int s) {
    SlotInfo si = slots.get(s);
    return s < nIn && si.tile() && si.type() == ValueType.F64;
  }

  private static boolean isFloat(SlotInfo s) {
    return s.type() == ValueType.F64 || s.type() == ValueType.F32;
  }

  /**
   * Rows per tile: 4096 cells over the columns of the widest tile slot, kept between 8 and 1024 and
   * rounded down to a multiple of 8 (so a tile of the widest slot holds at most 4096 cells unless
   * that slot has more than 512 columns).
   */
  static int tileRows(List<SlotInfo> slots) {
    long widest = 1;
    for (SlotInfo s : slots) {
      if (s.tile()) {
        widest = Math.max(widest, s.cols());
      }
    }
    long t = Math.max(8, Math.min(1024, 4096 / widest));
    return (int) (t - t % 8);
  }

  public BlockProgram program() {
    return program;
  }

  /** Whether one of the compiled steps is a cls (for tests of which kernels a program takes). */
  boolean runsStep(Class<? extends Steps.Step> cls) {
    for (Steps.Step st : steps) {
      if (cls.isInstance(st)) {
        return true;
      }
    }
    return false;
  }

  /** The tile buffer of input slot s for rows written out of a CSR source. */
  private Object csrTile(int s) {
    if (csrTiles[s] == null) {
      SlotInfo si = slots.get(s);
      csrTiles[s] = DenseMatrix.allocate(si.type(), tileRows, si.cols()).data();
    }
    return csrTiles[s];
  }

  /**
   * src itself when dense, else rows [r0, r1) of its CSR matrix written out dense (a whole-block
   * product reads the block's rows at once).
   */
  private static RowSource denseRows(RowSource src, long r0, long r1) {
    if (!src.isCsr()) {
      return src;
    }
    CsrMatrix m = src.csr();
    DenseMatrix rows = DenseMatrix.allocate(m.type(), r1 - r0, m.cols());
    CsrConvert.rowsInto(m, (int) (r0 - src.firstRow()), (int) (r1 - r0), rows.data(), 0);
    return new RowSource(rows, r0);
  }

  /**
   * Runs rows [r0, r1) of the row space (one block). inputs holds, per program input, a {@link
   * RowSource} (split), a {@link DenseMatrix} (broadcast) or a {@link Scalar}; rowSinks holds, per
   * output, the rows destination for {@link BlockProgram.Rows} outputs (null otherwise).
   */
  public BlockPartial run(int block, long r0, long r1, Object[] inputs, RowSource[] rowSinks) {
    List<BlockProgram.Output> outs = program.outputs();
    Accumulator[] acc = new Accumulator[outs.size()];
    // the loops over the outputs run to the arrays' length (all outs.size()): a bound the JIT can
    // check an index against, where outs.size() made it speculate, and its compiled run() was
    // thrown away on a range check when the first block of the next program came
    for (int o = 0; o < acc.length; o++) {
      acc[o] = Accumulator.create(outs.get(o), slots, program.rows());
    }
    for (int i = 0; i < nIn; i++) {
      SlotInfo si = slots.get(i);
      if (si.tile()) {
        continue;
      }
      if (inputs[i] instanceof Scalar sc) {
        DenseMatrix m = DenseMatrix.ofScalar(sc);
        arr[i] = m.data();
        scalarF64[i] = si.type() == ValueType.F64 ? sc.doubleValue() : 0;
        scalarF32[i] = si.type() == ValueType.F32 ? (float) sc.doubleValue() : 0;
      } else {
        arr[i] = ((DenseMatrix) inputs[i]).data();
      }
      off[i] = 0;
    }
    for (Steps.Step st : steps) {
      st.begin();
    }
    for (int o = 0; o < wholeBlock.length; o++) {
      if (wholeBlock[o]) {
        BlockProgram.TMatMul t = (BlockProgram.TMatMul) outs.get(o);
        RowSource a = denseRows((RowSource) inputs[t.left()], r0, r1);
        RowSource b = denseRows((RowSource) inputs[t.right()], r0, r1);
        int ka = (int) slots.get(t.left()).cols();
        int kb = (int) slots.get(t.right()).cols();
        ((Partials.TMatMulAccumulator) acc[o])
            .addBlock(
                a.data().f64(),
                (int) ((r0 - a.firstRow()) * ka),
                b.data().f64(),
                (int) ((r0 - b.firstRow()) * kb),
                (int) (r1 - r0));
      }
    }
    for (int s = 0; s < arr.length; s++) {
      if (buffers[s] != null) {
        arr[s] = buffers[s];
        off[s] = 0;
      }
    }
    for (long t0 = r0; t0 < r1; t0 += tileRows) {
      int tr = (int) Math.min(tileRows, r1 - t0);
      rows = tr;
      tileRow = t0;
      for (int i = 0; i < nIn; i++) {
        if (!slots.get(i).tile()) {
          continue;
        }
        RowSource src = (RowSource) inputs[i];
        int cols = (int) slots.get(i).cols();
        int at = (int) ((t0 - src.firstRow()) * cols);
        if (src.isCsr()) {
          Object tile = inPlaceInput[i] ? csrTile(i) : buffers[i];
          CsrConvert.rowsInto(src.csr(), (int) (t0 - src.firstRow()), tr, tile, 0);
          arr[i] = tile;
          off[i] = 0;
        } else if (inPlaceInput[i]) {
          arr[i] = src.data().data();
          off[i] = at;
        } else {
          System.arraycopy(src.data().data(), at, buffers[i], 0, tr * cols);
        }
      }
      for (int s = nIn; s < arr.length; s++) {
        if (sinkOf[s] >= 0) {
          RowSource sink = rowSinks[sinkOf[s]];
          arr[s] = sink.data().data();
          off[s] = (int) ((t0 - sink.firstRow()) * slots.get(s).cols());
        }
      }
      for (int s = nIn; s < arr.length; s++) {
        if (inSinkOf[s] >= 0) {
          arr[s] = arr[inSinkOf[s]];
          off[s] = off[inSinkOf[s]];
        }
      }
      if (subRows >= tr) {
        runSteps();
      } else {
        runSubTiles(tr);
      }
      for (int o = 0; o < wholeBlock.length; o++) {
        BlockProgram.Output out = outs.get(o);
        if (out instanceof BlockProgram.Rows r) {
          int s = r.slot();
          if (sinkOf[s] != o) {
            RowSource sink = rowSinks[o];
            int cols = (int) slots.get(s).cols();
            System.arraycopy(
                arr[s],
                off[s],
                sink.data().data(),
                (int) ((t0 - sink.firstRow()) * cols),
                tr * cols);
          }
        } else if (!wholeBlock[o]) {
          acc[o].add(this);
        }
      }
    }
    List<DenseMatrix> values = new ArrayList<>(outs.size());
    for (Accumulator a : acc) {
      values.add(a == null ? null : a.finish());
    }
    return new BlockPartial(block, values);
  }

  private void runSteps() {
    for (int k = 0; k < steps.length; k++) {
      try {
        steps[k].run(this);
      } catch (InstructionFailure e) {
        throw e;
      } catch (KernelException e) {
        throw new InstructionFailure(k, e.getMessage());
      }
    }
  }

  /**
   * Runs every step over rows [s0, s0 + subRows) of the tile, then the next rows: the steps are
   * row-local, so each cell gets the same operations on the same operands as over the whole tile.
   * Afterwards rows and offsets are the whole tile's again, for the outputs.
   */
  private void runSubTiles(int tr) {
    for (int i = 0; i < tileSlotCount; i++) {
      tileOff[tileSlots[i]] = off[tileSlots[i]];
    }
    for (int s0 = 0; s0 < tr; s0 += subRows) {
      rows = Math.min(subRows, tr - s0);
      for (int i = 0; i < tileSlotCount; i++) {
        int s = tileSlots[i];
        off[s] = tileOff[s] + s0 * (int) slots.get(s).cols();
      }
      runSteps();
    }
    for (int i = 0; i < tileSlotCount; i++) {
      off[tileSlots[i]] = tileOff[tileSlots[i]];
    }
    rows = tr;
  }

  // ---- access to the current tile, for steps and accumulators ---------------------------------

  SlotInfo slot(int s) {
    return slots.get(s);
  }

  int tileRows() {
    return tileRows;
  }

  /** The sink slot whose rows slot s is computed in, or -1 (for tests). */
  int inSinkOf(int s) {
    return inSinkOf[s];
  }

  int subRows() {
    return subRows;
  }

  /**
   * The current tile of slot s as a matrix whose cells start at index 0 (constants: the constant
   * itself). Copies when the tile does not start at index 0 of its array; for the general path and
   * the accumulators that do not call array kernels.
   */
  DenseMatrix view(int s) {
    SlotInfo si = slots.get(s);
    if (!si.tile()) {
      return DenseMatrix.wrap(
          si.type(), (int) Math.max(1, si.constRows()), (int) si.cols(), arr[s]);
    }
    int cols = (int) si.cols();
    if (off[s] == 0) {
      return DenseMatrix.wrap(si.type(), rows, cols, arr[s]);
    }
    Object sc = scratchOf(s);
    System.arraycopy(arr[s], off[s], sc, 0, rows * cols);
    return DenseMatrix.wrap(si.type(), rows, cols, sc);
  }

  /** A tile-sized matrix to compute slot s into on the general path; see {@link #commit}. */
  DenseMatrix target(int s) {
    SlotInfo si = slots.get(s);
    Object a = off[s] == 0 && arr[s] == buffers[s] ? arr[s] : scratchOf(s);
    return DenseMatrix.wrap(si.type(), rows, (int) si.cols(), a);
  }

  /** Stores what the general path computed into {@link #target}(s) where slot s lives. */
  void commit(int s, DenseMatrix computed) {
    if (computed.data() != arr[s] || off[s] != 0) {
      System.arraycopy(computed.data(), 0, arr[s], off[s], computed.size());
    }
  }

  private Object scratchOf(int s) {
    if (scratch[s] == null) {
      SlotInfo si = slots.get(s);
      scratch[s] = DenseMatrix.allocate(si.type(), tileRows, si.cols()).data();
    }
    return scratch[s];
  }

  /** Accumulates one non-row output over the tiles of a block. */
  abstract static class Accumulator {
    abstract void add(BlockExecutor tile);

    abstract DenseMatrix finish();

    /** The accumulator of one output of a program over a row space of rows rows. */
    static Accumulator create(BlockProgram.Output out, List<SlotInfo> slots, long rows) {
      if (out instanceof BlockProgram.ColAgg c && c.op().isIndex()) {
        return new IndexPartials.Accumulator(c.op(), c.slot(), slots.get(c.slot()));
      }
      if (out instanceof BlockProgram.ColAgg c) {
        return new Partials.ColAccumulator(c.op(), c.slot(), slots.get(c.slot()));
      }
      if (out instanceof BlockProgram.FullAgg f) {
        return new Partials.FullAccumulator(f.op(), f.slot(), slots.get(f.slot()), rows);
      }
      if (out instanceof BlockProgram.TMatMul t) {
        return new Partials.TMatMulAccumulator(
            t.left(), t.right(), slots.get(t.left()), slots.get(t.right()));
      }
      return null;
    }
  }

  /** The aggregation result types, for callers that build result matrices. */
  static ValueType resultType(AggOp op, ValueType t) {
    return op.resultType(t);
  }
}
