package daphnegrid.grid.tasks;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.io.CsvReader;
import daphnegrid.kernels.random.Generators;
import daphnegrid.kernels.random.RandBlock;
import daphnegrid.kernels.random.RandRowWalk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * Makes the row blocks of a generated matrix on the member that owns them, instead of generating it
 * on the coordinator and scattering it:
 *
 * <ul>
 *   <li>{@code RAND}: dense float {@code rand}; the member's blocks are generated in stream order,
 *       in one run per compute thread, each run jumping to its first block's place in the value
 *       stream and skipping from there to each next block ({@link Generators#randRowWalk}); the
 *       draws each block used go back so that the coordinator can check the stream was continuous
 *       (it is unless a value came out as exactly 0) and have a block regenerated at the right
 *       offset if not;
 *   <li>{@code FILL}: every cell the same value;
 *   <li>{@code SEQ}: the column vector from, from + inc, ... (the float accumulation replayed from
 *       row 0, so the values are those of the coordinator's {@code seq});
 *   <li>{@code CSV}: the block's records of a file every worker can read at the same path.
 * </ul>
 */
public final class GenerateBlocks
    implements Callable<GenerateResult>, IdentifiedDataSerializable, HazelcastInstanceAware {
  /** What to generate. */
  public enum Kind {
    RAND,
    FILL,
    SEQ,
    CSV
  }

  private Kind kind;
  private MatrixRef out;
  private int[] blockRows;
  private long[] firstDraws;
  private Scalar a;
  private Scalar b;
  private long seed;
  private String path;
  private transient HazelcastInstance hz;

  /** For deserialization. */
  public GenerateBlocks() {}

  private GenerateBlocks(Kind kind, MatrixRef out, int[] blockRows) {
    this.kind = kind;
    this.out = out;
    this.blockRows = blockRows;
    this.firstDraws = new long[blockRows.length];
    java.util.Arrays.fill(firstDraws, -1);
    this.a = Scalar.si64(0);
    this.b = Scalar.si64(0);
    this.path = "";
  }

  /**
   * rand(rows, cols, min, max, 1.0, seed) blocks; firstDraws[i] is block blockRows[i]'s first draw
   * (-1: the nominal one).
   */
  public static GenerateBlocks rand(
      MatrixRef out, int[] blockRows, Scalar min, Scalar max, long seed, long[] firstDraws) {
    GenerateBlocks g = new GenerateBlocks(Kind.RAND, out, blockRows);
    g.a = min;
    g.b = max;
    g.seed = seed;
    if (firstDraws != null) {
      g.firstDraws = firstDraws;
    }
    return g;
  }

  public static GenerateBlocks fill(MatrixRef out, int[] blockRows, Scalar value) {
    GenerateBlocks g = new GenerateBlocks(Kind.FILL, out, blockRows);
    g.a = value;
    return g;
  }

  /** seq values from, from + inc, ... already converted to the result type. */
  public static GenerateBlocks seq(MatrixRef out, int[] blockRows, Scalar from, Scalar inc) {
    GenerateBlocks g = new GenerateBlocks(Kind.SEQ, out, blockRows);
    g.a = from;
    g.b = inc;
    return g;
  }

  /** Records of an absolute path's CSV file. */
  public static GenerateBlocks csv(MatrixRef out, int[] blockRows, String absolutePath) {
    GenerateBlocks g = new GenerateBlocks(Kind.CSV, out, blockRows);
    g.path = absolutePath;
    return g;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance hz) {
    this.hz = hz;
  }

  @Override
  public GenerateResult call() throws Exception {
    LocalBlocks blocks = new LocalBlocks(hz);
    List<CompletionStage<Void>> writes = Collections.synchronizedList(new ArrayList<>());
    try {
      List<long[]> draws;
      if (kind == Kind.RAND) {
        draws = generateRand(blocks, writes);
      } else if (kind == Kind.CSV) {
        // one pass over the file for all of this member's block rows, instead of one per block
        MemberCompute.of(hz).runAll(List.of(() -> readCsv(blocks, writes)));
        draws = java.util.Collections.nCopies(blockRows.length, new long[] {0, 0});
      } else {
        List<Callable<long[]>> jobs = new ArrayList<>(blockRows.length);
        for (int br : blockRows) {
          jobs.add(() -> generate(blocks, br, writes));
        }
        draws = MemberCompute.of(hz).runAll(jobs);
      }
      LocalBlocks.await(writes);
      long[] first = new long[blockRows.length];
      long[] used = new long[blockRows.length];
      for (int i = 0; i < draws.size(); i++) {
        first[i] = draws.get(i)[0];
        used[i] = draws.get(i)[1];
      }
      return GenerateResult.done(blockRows, first, used);
    } catch (KernelException e) {
      return GenerateResult.failed(e.getMessage());
    }
  }

  /**
   * The RAND blocks: in increasing order of their first draws, cut into one run of consecutive
   * blocks per compute thread, each run walked by one generator ({@link Generators#randRowWalk})
   * that skips from block to block, so that a run jumps in the value stream once (15 to 60 ms)
   * instead of once per block. Returns {firstDraw, draws} per block row, in blockRows' order.
   */
  private List<long[]> generateRand(LocalBlocks blocks, List<CompletionStage<Void>> writes)
      throws Exception {
    int n = blockRows.length;
    long[] first = new long[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      first[i] =
          firstDraws[i] >= 0
              ? firstDraws[i]
              : Generators.nominalFirstDraw(out.type(), out.cols(), out.rowStart(blockRows[i]));
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> first[i]));
    MemberCompute compute = MemberCompute.of(hz);
    int runs = Math.max(1, Math.min(compute.threads(), n));
    List<Callable<long[][]>> jobs = new ArrayList<>(runs);
    List<int[]> runBlocks = new ArrayList<>(runs);
    for (int r = 0; r < runs; r++) {
      int from = (int) ((long) n * r / runs);
      int to = (int) ((long) n * (r + 1) / runs);
      int[] run = new int[to - from];
      for (int j = from; j < to; j++) {
        run[j - from] = order[j];
      }
      runBlocks.add(run);
      jobs.add(() -> generateRun(blocks, run, first, writes));
    }
    List<long[][]> done = compute.runAll(jobs);
    long[][] byIndex = new long[n][];
    for (int r = 0; r < runs; r++) {
      int[] run = runBlocks.get(r);
      for (int j = 0; j < run.length; j++) {
        byIndex[run[j]] = done.get(r)[j];
      }
    }
    return java.util.Arrays.asList(byIndex);
  }

  /** Generates and stores the RAND blocks blockRows[run[j]] in order with one walk. */
  private long[][] generateRun(
      LocalBlocks blocks, int[] run, long[] first, List<CompletionStage<Void>> writes) {
    RandRowWalk walk = Generators.randRowWalk(out.rows(), out.cols(), a, b, seed);
    long[][] draws = new long[run.length][];
    for (int j = 0; j < run.length; j++) {
      int br = blockRows[run[j]];
      long r0 = out.rowStart(br);
      long r1 = out.rowEnd(br);
      HeapGuard.of(hz)
          .reserve(
              (r1 - r0) * out.cols() * out.type().byteWidth(), "block row " + br + " of " + out);
      RandBlock rb = walk.next(r0, r1, first[run[j]]);
      writes.addAll(blocks.store(out, br, rb.rows()));
      draws[j] = new long[] {rb.firstDraw(), rb.draws()};
    }
    return draws;
  }

  /** Reads this task's block rows of the CSV file in one pass and stores them. */
  private long[] readCsv(LocalBlocks blocks, List<CompletionStage<Void>> writes) {
    int[] sorted = blockRows.clone();
    java.util.Arrays.sort(sorted);
    long[] starts = new long[sorted.length];
    long[] ends = new long[sorted.length];
    long cells = 0;
    for (int i = 0; i < sorted.length; i++) {
      starts[i] = out.rowStart(sorted[i]);
      ends[i] = out.rowEnd(sorted[i]);
      cells += (ends[i] - starts[i]) * out.cols();
    }
    HeapGuard.of(hz)
        .reserve(cells * out.type().byteWidth(), sorted.length + " block rows of " + out);
    List<DenseMatrix> parts =
        CsvReader.readRanges(Path.of(path), out.cols(), out.type(), starts, ends);
    for (int i = 0; i < sorted.length; i++) {
      writes.addAll(blocks.store(out, sorted[i], parts.get(i)));
    }
    return new long[] {0, 0};
  }

  /** Generates and stores one FILL or SEQ block; returns {0, 0}. */
  private long[] generate(LocalBlocks blocks, int br, List<CompletionStage<Void>> writes) {
    long r0 = out.rowStart(br);
    long r1 = out.rowEnd(br);
    HeapGuard.of(hz)
        .reserve((r1 - r0) * out.cols() * out.type().byteWidth(), "block row " + br + " of " + out);
    DenseMatrix m;
    switch (kind) {
      case FILL -> m = Generators.fill(a, r1 - r0, out.cols());
      case SEQ -> m = Generators.seqRows(a, b, out.type(), r0, r1);
      default -> throw new IllegalStateException(kind + " blocks are made by their own method");
    }
    writes.addAll(blocks.store(out, br, m));
    return new long[] {0, 0};
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.GENERATE_BLOCKS;
  }

  @Override
  public void writeData(ObjectDataOutput o) throws IOException {
    o.writeByte(kind.ordinal());
    out.write(o);
    o.writeIntArray(blockRows);
    o.writeLongArray(firstDraws);
    Wire.writeScalar(o, a);
    Wire.writeScalar(o, b);
    o.writeLong(seed);
    o.writeString(path);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    kind = Kind.values()[in.readByte()];
    out = MatrixRef.read(in);
    blockRows = in.readIntArray();
    firstDraws = in.readLongArray();
    a = Wire.readScalar(in);
    b = Wire.readScalar(in);
    seed = in.readLong();
    path = in.readString();
  }
}
