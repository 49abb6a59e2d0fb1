package daphnegrid.plan;

import daphnegrid.dsl.ScriptException;
import daphnegrid.dsl.Span;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.pipeline.BlockProgram;
import daphnegrid.kernels.pipeline.InstructionFailure;
import daphnegrid.runtime.Engine;
import daphnegrid.runtime.MatrixSource;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.Operand;
import daphnegrid.runtime.Output;
import daphnegrid.runtime.Value;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns pending operations into fused {@link BlockProgram}s and runs them. When a matrix is needed,
 * the planner takes it and every other pending matrix that can be computed in the same pass over
 * the same rows — operations it depends on, matrices bound to variables, sibling reductions — and
 * builds one program: row-local operations become instructions, reductions become partial outputs,
 * and only what is still needed afterwards is written out.
 *
 * <p>Every piece of work goes to the engine {@link Placement} picks for it, asked once per program,
 * product, generator or transpose.
 *
 * <p>Operations that cannot run inside a pass (a transpose, an operand that must be broadcast
 * whole, a reduction whose result another operation of the same rows consumes) are computed first,
 * by earlier programs. So {@code (X - mean(X, 1)) / stddev(X, 1)} takes two passes: one computing
 * both column statistics, one producing the result.
 */
public final class Planner {
  /** Pending chains deeper than this are computed at once, bounding memory and program size. */
  public static final int MAX_DEPTH = 48;

  private final Placement placement;
  private final Supplier<Collection<Value>> live;
  private final Writer explain;
  private final String scriptName;
  private final RunStatistics statistics;
  private int programs;

  /**
   * @param live the values currently bound to variables (computed along if they can be)
   * @param explain where --explain writes each program, or null
   */
  public Planner(
      Placement placement, Supplier<Collection<Value>> live, Writer explain, String scriptName) {
    this.placement = placement;
    this.live = live;
    this.explain = explain;
    this.scriptName = scriptName;
    this.statistics = new RunStatistics(placement::transferNanos, placement::connectNanos);
  }

  /** The local engine's threads, for kernels run whole on the coordinator (null: none). */
  public java.util.concurrent.ForkJoinPool computeThreads() {
    return placement.engine(Placement.Site.LOCAL).computeThreads();
  }

  /** A matrix for a result a coordinator kernel writes completely (cells unspecified). */
  public DenseMatrix resultMatrix(ValueType t, long rows, long cols) {
    return placement.engine(Placement.Site.LOCAL).resultMatrix(t, rows, cols);
  }

  /**
   * The local engine's threads for whole-value kernels (see {@link
   * daphnegrid.runtime.Engine#pool}).
   */
  public java.util.concurrent.ForkJoinPool localPool() {
    return placement.engine(Placement.Site.LOCAL).pool();
  }

  /** The programs run so far (for --statistics). */
  public RunStatistics statistics() {
    return statistics;
  }

  /** A new pending matrix of the given shape and type computed by p. */
  public MatrixValue pending(int rows, int cols, ValueType type, Pending p) {
    MatrixValue v = new MatrixValue(rows, cols, type, p, this);
    if (depth(v, new IdentityHashMap<>()) > MAX_DEPTH) {
      force(v);
    }
    return v;
  }

  private static int depth(MatrixValue v, Map<MatrixValue, Integer> memo) {
    if (!v.isPending()) {
      return 0;
    }
    Integer d = memo.get(v);
    if (d != null) {
      return d;
    }
    int best = 0;
    for (MatrixValue o : v.pending().operands()) {
      best = Math.max(best, depth(o, memo));
    }
    memo.put(v, best + 1);
    return best + 1;
  }

  /** Computes v (and whatever can ride along in the same passes). */
  public void force(MatrixValue v) {
    forceAll(List.of(v));
  }

  /**
   * Computes every pending matrix of values together, so that operations they share or that run
   * over the same rows take one pass (an operation needing two pending operands forces both here,
   * not one after the other).
   */
  public void forceAll(List<? extends Value> values) {
    Set<MatrixValue> candidates = Collections.newSetFromMap(new IdentityHashMap<>());
    List<MatrixValue> ordered = new ArrayList<>();
    List<MatrixValue> targets = new ArrayList<>();
    for (Value x : values) {
      if (x instanceof MatrixValue m && m.isPending()) {
        targets.add(m);
        collect(m, candidates, ordered);
      }
    }
    if (targets.isEmpty()) {
      return;
    }
    Set<MatrixValue> liveSet = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Value x : live.get()) {
      if (x instanceof MatrixValue m && m.isPending()) {
        liveSet.add(m);
        collect(m, candidates, ordered);
      }
    }
    liveSet.addAll(targets);
    for (MatrixValue t : targets) {
      forceIn(t, ordered, liveSet);
    }
  }

  private static void collect(MatrixValue v, Set<MatrixValue> seen, List<MatrixValue> ordered) {
    if (!v.isPending() || !seen.add(v)) {
      return;
    }
    for (MatrixValue o : v.pending().operands()) {
      collect(o, seen, ordered);
    }
    ordered.add(v);
  }

  private void forceIn(MatrixValue v, List<MatrixValue> candidates, Set<MatrixValue> liveSet) {
    while (v.isPending()) {
      if (v.pending() instanceof Pending.Transpose t) {
        forceIn(t.arg(), candidates, liveSet);
        MatrixValue moved =
            placement.engine(placement.transpose(t.arg())).transpose(t.arg(), programName(v));
        if (moved.isLocal()) {
          v.complete(moved.dense());
        } else {
          v.completeRemote(moved.remote(), h -> moved.dense());
        }
        return;
      }
      for (MatrixValue d : blockers(v)) {
        forceIn(d, candidates, liveSet);
      }
      if (!v.isPending()) {
        return;
      }
      long n = space(v);
      LinkedHashSet<MatrixValue> group = new LinkedHashSet<>();
      addClosure(v, n, group);
      for (MatrixValue c : candidates) {
        if (c.isPending()
            && !(c.pending() instanceof Pending.Transpose)
            && space(c) == n
            && blockers(c).isEmpty()) {
          addClosure(c, n, group);
        }
      }
      run(new ArrayList<>(group), n, v, candidates, liveSet);
    }
  }

  /** The row count a pending node is computed over. */
  static long space(MatrixValue v) {
    Pending p = v.pending();
    if (p instanceof Pending.ColAgg c) {
      return c.arg().rows();
    }
    if (p instanceof Pending.FullAgg f) {
      return f.arg().rows();
    }
    if (p instanceof Pending.TMatMul t) {
      return t.left().rows();
    }
    return v.rows();
  }

  private static boolean isReduction(Pending p) {
    return p instanceof Pending.ColAgg
        || p instanceof Pending.FullAgg
        || p instanceof Pending.TMatMul;
  }

  /** Operands that are split with the rows of the node (the others are broadcast). */
  private static List<MatrixValue> splitOperands(MatrixValue v) {
    Pending p = v.pending();
    if (p instanceof Pending.EwBinary b) {
      if (b.right() instanceof MatrixValue r && r.rows() == b.left().rows()) {
        return List.of(b.left(), r);
      }
      return List.of(b.left());
    }
    if (p instanceof Pending.MatMul m) {
      return List.of(m.left());
    }
    return p.operands();
  }

  /** An operand computed in the same pass as its consumer over n rows. */
  private static boolean fusable(MatrixValue o, long n) {
    return o.isPending()
        && !(o.pending() instanceof Pending.Transpose)
        && !isReduction(o.pending())
        && o.rows() == n;
  }

  /**
   * Pending matrices that must be computed before v's pass: broadcast operands, transposes, and
   * split operands that are reductions — anywhere in the fusable closure of v.
   */
  private static List<MatrixValue> blockers(MatrixValue v) {
    List<MatrixValue> out = new ArrayList<>();
    blockers(v, space(v), out, Collections.newSetFromMap(new IdentityHashMap<>()));
    return out;
  }

  private static void blockers(
      MatrixValue v, long n, List<MatrixValue> out, Set<MatrixValue> seen) {
    if (!seen.add(v)) {
      return;
    }
    List<MatrixValue> split = splitOperands(v);
    for (MatrixValue o : v.pending().operands()) {
      if (!o.isPending()) {
        continue;
      }
      boolean isSplit = split.stream().anyMatch(s -> s == o);
      if (isSplit && fusable(o, n)) {
        blockers(o, n, out, seen);
      } else if (!out.contains(o)) {
        out.add(o);
      }
    }
  }

  private static void addClosure(MatrixValue v, long n, LinkedHashSet<MatrixValue> group) {
    if (group.contains(v)) {
      return;
    }
    for (MatrixValue o : splitOperands(v)) {
      if (fusable(o, n)) {
        addClosure(o, n, group);
      }
    }
    group.add(v);
  }

  // ---- building and running a program --------------------------------------------------------

  private void run(
      List<MatrixValue> group,
      long n,
      MatrixValue target,
      List<MatrixValue> candidates,
      Set<MatrixValue> liveSet) {
    ProgramBuilder b = new ProgramBuilder(n);
    Set<MatrixValue> inGroup = Collections.newSetFromMap(new IdentityHashMap<>());
    inGroup.addAll(group);
    List<MatrixValue> outputs = new ArrayList<>();
    for (MatrixValue v : group) {
      b.add(v);
      boolean needed =
          v == target
              || isReduction(v.pending())
              || liveSet.contains(v)
              || usedOutside(v, inGroup, candidates);
      if (needed) {
        b.output(v);
        outputs.add(v);
      }
    }
    BlockProgram program = b.build(programName(target));
    List<Operand> inputs = b.inputs();
    Engine engine = placement.engine(placement.program(program, inputs));
    explain(engine, program);
    List<Output> results;
    long t0 = System.nanoTime();
    try {
      results = engine.execute(program, inputs);
    } catch (InstructionFailure e) {
      Span at = b.instructionSpan(e.instruction());
      throw new ScriptException.Runtime(at != null ? at : target.pending().at(), e.getMessage());
    } catch (daphnegrid.kernels.KernelException e) {
      throw new ScriptException.Runtime(target.pending().at(), e.getMessage());
    }
    statistics.program(System.nanoTime() - t0);
    for (int i = 0; i < outputs.size(); i++) {
      MatrixValue v = outputs.get(i);
      Output r = results.get(i);
      if (r instanceof Output.Rows rows && !rows.matrix().isLocal()) {
        MatrixValue mv = rows.matrix();
        v.completeRemote(mv.remote(), h -> mv.dense());
      } else {
        v.complete(r.cells());
      }
    }
  }

  // ---- work outside passes -------------------------------------------------------------------

  /** The run's placement (which engine runs what). */
  public Placement placement() {
    return placement;
  }

  /** A generated matrix, made where the placement puts it (on the grid when large). */
  public MatrixValue generate(MatrixSource source) {
    long t0 = System.nanoTime();
    try {
      return placement.engine(placement.generate(source)).generate(source);
    } finally {
      statistics.generated(System.nanoTime() - t0);
    }
  }

  /** Frame f, kept where the placement puts it (as row blocks on the grid when large). */
  public daphnegrid.runtime.FrameValue frame(daphnegrid.kernels.frame.Frame f) {
    long t0 = System.nanoTime();
    try {
      return placement.engine(placement.frame(f.rows(), f.cols())).storeFrame(f);
    } finally {
      statistics.generated(System.nanoTime() - t0);
    }
  }

  /**
   * readFrame of a CSV file whose meta file gave rows, labels and types, read where the placement
   * puts the frame (on the members when large).
   */
  public daphnegrid.runtime.FrameValue readFrame(
      String file, int rows, List<String> labels, List<ValueType> types, boolean parallel) {
    long t0 = System.nanoTime();
    try {
      return placement
          .engine(placement.frame(rows, types.size()))
          .readFrame(file, rows, labels, types, parallel);
    } finally {
      statistics.generated(System.nanoTime() - t0);
    }
  }

  /** The rows of f that pass filter, columns keep, scanned where the placement says. */
  public daphnegrid.kernels.frame.Frame scanFrame(
      daphnegrid.runtime.FrameValue f, int[] keep, daphnegrid.kernels.relational.RowFilter filter) {
    return placement.engine(placement.scan(f)).scanFrame(f, keep, filter);
  }

  /** GROUP BY of f's rows by partials per row block, where the placement scans f. */
  public daphnegrid.kernels.relational.PartialAggregates.Result aggregateFrame(
      daphnegrid.runtime.FrameValue f,
      daphnegrid.kernels.relational.RowFilter filter,
      int[] keys,
      List<daphnegrid.kernels.relational.PartialAggregates.Agg> aggs) {
    Engine e = placement.engine(placement.scan(f));
    if (e == placement.engine(Placement.Site.LOCAL)) {
      return daphnegrid.kernels.relational.PartialAggregates.run(
          f.frame(), filter, keys, aggs, e.pool());
    }
    return e.aggregateFrame(f, filter, keys, aggs);
  }

  /** The join of grid frame f with other, on the engine holding f (the grid). */
  public daphnegrid.kernels.frame.Frame joinFrame(
      daphnegrid.runtime.FrameValue f,
      int[] keep,
      daphnegrid.kernels.relational.RowFilter filter,
      int[] keys,
      daphnegrid.kernels.frame.Frame other,
      int[] otherKeys,
      boolean left) {
    return placement
        .engine(placement.scan(f))
        .joinFrame(f, keep, filter, keys, other, otherKeys, left);
  }

  /**
   * Whether the join of frames l and r (leftCells and rightCells cells named) shuffles both by key:
   * both only on the grid and the grid engine says so ({@code --grid-shuffle-min-cells}).
   */
  public boolean shufflesJoin(
      daphnegrid.runtime.FrameValue l,
      daphnegrid.runtime.FrameValue r,
      long leftCells,
      long rightCells) {
    if (placement.scan(l) != Placement.Site.GRID || placement.scan(r) != Placement.Site.GRID) {
      return false;
    }
    return placement.engine(Placement.Site.GRID).shufflesJoin(leftCells, rightCells);
  }

  /** The join of l with r, both shuffled by key on the engine holding them (the grid). */
  public daphnegrid.kernels.frame.Frame shuffleJoinFrame(
      daphnegrid.runtime.FrameValue l,
      int[] lKeep,
      daphnegrid.kernels.relational.RowFilter lFilter,
      int[] lKeys,
      daphnegrid.runtime.FrameValue r,
      int[] rKeep,
      daphnegrid.kernels.relational.RowFilter rFilter,
      int[] rKeys) {
    return placement
        .engine(placement.scan(l))
        .shuffleJoinFrame(l, lKeep, lFilter, lKeys, r, rKeep, rFilter, rKeys);
  }

  /** GROUP BY after the join of f with other, by partials per row block of f, where f is. */
  public daphnegrid.kernels.relational.PartialAggregates.Result joinAggregateFrame(
      daphnegrid.runtime.FrameValue f,
      int[] keep,
      daphnegrid.kernels.relational.RowFilter filter,
      int[] keys,
      daphnegrid.kernels.frame.Frame other,
      int[] otherKeys,
      boolean left,
      int[] groupKeys,
      List<daphnegrid.kernels.relational.PartialAggregates.Agg> aggs) {
    return placement
        .engine(placement.scan(f))
        .joinAggregateFrame(f, keep, filter, keys, other, otherKeys, left, groupKeys, aggs);
  }

  /** How x @ y runs (asked once per product). */
  public Placement.Product product(MatrixValue x, MatrixValue y) {
    return placement.product(x, y);
  }

  /**
   * x @ y of computed operands as one product in value type t on the site product chose; at is the
   * script position of the product.
   */
  public MatrixValue multiply(
      MatrixValue x, MatrixValue y, ValueType t, Span at, Placement.Product product) {
    forceAll(List.of(x, y));
    Engine engine = placement.engine(product.site());
    return engine.matmul(x, y, t, workName(at, "MatMul"));
  }

  /** Rows [r0, r1) of a computed m, read from the engine holding its cells. */
  public DenseMatrix rows(MatrixValue m, int r0, int r1) {
    return placement.engine(placement.rows(m)).rows(m, r0, r1);
  }

  private static boolean usedOutside(
      MatrixValue v, Set<MatrixValue> inGroup, List<MatrixValue> candidates) {
    for (MatrixValue c : candidates) {
      if (!inGroup.contains(c) && c.isPending()) {
        for (MatrixValue o : c.pending().operands()) {
          if (o == v) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private String programName(MatrixValue target) {
    return workName(target.pending().at(), target.pending().getClass().getSimpleName());
  }

  /**
   * A name for one piece of work of the run (a program, a grid job): {@code
   * script:line:operation#n}, n counting the run's work.
   */
  public String workName(Span at, String op) {
    programs++;
    return scriptName + ":" + (at == null ? "?" : at.line()) + ":" + op + "#" + programs;
  }

  private void explain(Engine engine, BlockProgram p) {
    if (explain == null) {
      return;
    }
    try {
      explain.write("[explain] " + engine.name() + " " + ProgramText.describe(p) + "\n");
      explain.flush();
    } catch (IOException e) {
      // --explain output is best effort
    }
  }

  /** Numbers the operands and nodes of one program and emits its instructions. */
  private static final class ProgramBuilder {
    private final long n;
    private final List<BlockProgram.Input> inputs = new ArrayList<>();
    private final List<Operand> inputValues = new ArrayList<>();
    private final List<BlockProgram.Instr> instrs = new ArrayList<>();
    private final List<Span> instrSpans = new ArrayList<>();
    private final List<BlockProgram.Output> outputs = new ArrayList<>();
    private final Map<MatrixValue, Integer> slotOf = new IdentityHashMap<>();
    private final Map<MatrixValue, Map<ValueType, Integer>> castSlots = new IdentityHashMap<>();
    private final List<MatrixValue> inputMatrices = new ArrayList<>();
    private final Map<MatrixValue, Integer> reductionSlot = new IdentityHashMap<>();
    private final Map<MatrixValue, BlockProgram.Output> reductionOutput = new IdentityHashMap<>();

    ProgramBuilder(long n) {
      this.n = n;
    }

    List<Operand> inputs() {
      return List.copyOf(inputValues);
    }

    Span instructionSpan(int k) {
      return k >= 0 && k < instrSpans.size() ? instrSpans.get(k) : null;
    }

    BlockProgram build(String name) {
      // inputs occupy the first slots: renumber instructions now that all inputs are known
      int shift = inputs.size();
      List<BlockProgram.Instr> shifted = new ArrayList<>();
      for (BlockProgram.Instr i : instrs) {
        shifted.add(Slots.shift(i, shift));
      }
      List<BlockProgram.Output> outs = new ArrayList<>();
      for (BlockProgram.Output o : outputs) {
        outs.add(Slots.shift(o, shift));
      }
      return new BlockProgram(name, n, inputs, shifted, outs);
    }

    // Slots: inputs are numbered -1, -2, ... while building (negative), instructions 0, 1, ...;
    // build() maps input -k to k-1 and instruction i to inputs + i.

    private int input(BlockProgram.Input in, Operand value) {
      inputs.add(in);
      inputValues.add(value);
      return -inputs.size();
    }

    private int splitInput(MatrixValue m) {
      Integer s = slotOf.get(m);
      if (s != null) {
        return s;
      }
      int slot =
          input(
              new BlockProgram.Input(BlockProgram.InputKind.SPLIT, m.type(), n, m.cols()),
              new Operand.Split(m));
      inputMatrices.add(m);
      slotOf.put(m, slot);
      return slot;
    }

    private int instr(BlockProgram.Instr i, Span at) {
      instrs.add(i);
      instrSpans.add(at);
      return instrs.size() - 1;
    }

    /** The slot holding m converted to type t (a split operand). */
    private int slotAs(MatrixValue m, ValueType t, Span at) {
      int s = slotOf.containsKey(m) ? slotOf.get(m) : splitInput(m);
      if (m.type() == t) {
        return s;
      }
      Map<ValueType, Integer> casts =
          castSlots.computeIfAbsent(m, k -> new java.util.EnumMap<>(ValueType.class));
      Integer c = casts.get(t);
      if (c == null) {
        c = instr(new BlockProgram.Cast(instrs.size(), t, s), at);
        casts.put(t, c);
      }
      return c;
    }

    private int broadcast(MatrixValue m, ValueType t) {
      DenseMatrix d = Casts.cast(m.dense(), t);
      return input(
          new BlockProgram.Input(BlockProgram.InputKind.BROADCAST, t, d.rows(), d.cols()),
          new Operand.Broadcast(d));
    }

    private int scalar(Scalar s, ValueType t) {
      Scalar v = s.convert(t);
      return input(
          new BlockProgram.Input(BlockProgram.InputKind.SCALAR, t, 1, 1), new Operand.Constant(v));
    }

    void add(MatrixValue v) {
      Pending p = v.pending();
      Span at = p.at();
      int dest = instrs.size();
      if (p instanceof Pending.EwBinary e) {
        Object rightObj = e.right();
        ValueType rt = rightObj instanceof MatrixValue rm ? rm.type() : ((Scalar) rightObj).type();
        ValueType ct = e.op().computeType(e.left().type(), rt);
        int l = slotAs(e.left(), ct, at);
        int r;
        if (rightObj instanceof MatrixValue rm) {
          r = rm.rows() == e.left().rows() ? slotAs(rm, ct, at) : broadcast(rm, ct);
        } else {
          r = scalar((Scalar) rightObj, ct);
        }
        dest = instr(new BlockProgram.Binary(instrs.size(), e.op(), l, r), at);
      } else if (p instanceof Pending.EwUnary u) {
        int a = slotAs(u.arg(), u.op().resultType(u.arg().type()), at);
        dest = instr(new BlockProgram.Unary(instrs.size(), u.op(), a), at);
      } else if (p instanceof Pending.Cast c) {
        dest = slotAs(c.arg(), c.type(), at);
      } else if (p instanceof Pending.MatMul m) {
        ValueType t = ValueType.mostGeneral(m.left().type(), m.right().type());
        int l = slotAs(m.left(), t, at);
        int r = broadcast(m.right(), t);
        dest = instr(new BlockProgram.MatMul(instrs.size(), l, r), at);
      } else if (p instanceof Pending.RowAgg r) {
        dest =
            instr(
                new BlockProgram.RowAgg(instrs.size(), r.op(), slotAs(r.arg(), r.arg().type(), at)),
                at);
      } else if (p instanceof Pending.ColAgg c) {
        reductionOutput.put(
            v, new BlockProgram.ColAgg(c.op(), slotAs(c.arg(), c.arg().type(), at)));
        return;
      } else if (p instanceof Pending.FullAgg f) {
        reductionOutput.put(
            v, new BlockProgram.FullAgg(f.op(), slotAs(f.arg(), f.arg().type(), at)));
        return;
      } else if (p instanceof Pending.TMatMul t) {
        ValueType ty = ValueType.mostGeneral(t.left().type(), t.right().type());
        int l = slotAs(t.left(), ty, at);
        int r = t.left() == t.right() ? l : slotAs(t.right(), ty, at);
        reductionOutput.put(v, new BlockProgram.TMatMul(l, r));
        return;
      } else {
        throw new IllegalStateException("not fusable: " + p);
      }
      slotOf.put(v, dest);
    }

    void output(MatrixValue v) {
      BlockProgram.Output r = reductionOutput.get(v);
      outputs.add(r != null ? r : new BlockProgram.Rows(slotOf.get(v)));
    }
  }
}
