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
 *   <li>{@code RAND}: dense float {@code rand}; each block jumps straight to its place in the value
 *       stream ({@link Generators#randRows}); the draws each block used go back so that the
 *       coordinator can check the stream was continuous (it is unless a value came out as exactly
 *       0) and have a block regenerated at the right offset if not;
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
    List<Callable<long[]>> jobs = new ArrayList<>(blockRows.length);
    List<CompletionStage<Void>> writes = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < blockRows.length; i++) {
      int k = i;
      jobs.add(() -> generate(blocks, blockRows[k], firstDraws[k], writes));
    }
    if (kind == Kind.CSV) {
      // one pass over the file for all of this member's block rows, instead of one per block
      jobs = List.of(() -> readCsv(blocks, writes));
    }
    try {
      List<long[]> draws = MemberCompute.of(hz).runAll(jobs);
      if (kind == Kind.CSV) {
        draws = java.util.Collections.nCopies(blockRows.length, new long[] {0, 0});
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

  /** Generates and stores one block; returns {firstDraw, draws} (zeros unless RAND). */
  private long[] generate(
      LocalBlocks blocks, int br, long firstDraw, List<CompletionStage<Void>> writes) {
    long r0 = out.rowStart(br);
    long r1 = out.rowEnd(br);
    HeapGuard.of(hz)
        .reserve((r1 - r0) * out.cols() * out.type().byteWidth(), "block row " + br + " of " + out);
    DenseMatrix m;
    long[] draws = {0, 0};
    switch (kind) {
      case RAND -> {
        long fd =
            firstDraw >= 0 ? firstDraw : Generators.nominalFirstDraw(out.type(), out.cols(), r0);
        RandBlock rb = Generators.randRows(out.rows(), out.cols(), a, b, seed, r0, r1, fd);
        m = rb.rows();
        draws = new long[] {rb.firstDraw(), rb.draws()};
      }
      case FILL -> m = Generators.fill(a, r1 - r0, out.cols());
      case SEQ -> m = Generators.seqRows(a, b, out.type(), r0, r1);
      default -> throw new IllegalStateException("CSV blocks are read by readCsv");
    }
    writes.addAll(blocks.store(out, br, m));
    return draws;
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
