package daphnegrid.grid.jet;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.Util;
import com.hazelcast.jet.aggregate.AggregateOperations;
import com.hazelcast.jet.core.ProcessorSupplier;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.ServiceFactories;
import com.hazelcast.jet.pipeline.ServiceFactory;
import com.hazelcast.jet.pipeline.Sinks;
import com.hazelcast.jet.pipeline.Sources;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.grid.metrics.GridMetrics;
import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.grid.tasks.MemberSeal;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Reorg;
import java.util.ArrayList;
import java.util.List;

/**
 * t(X) on the grid as a Jet batch job with one shuffle:
 *
 * <pre>
 * map(X blocks) ─► flatMap: transpose the block, cut it into the output blocks it overlaps
 *               ─► groupingKey(output block) ─► toList ─► assemble the output block
 *               ─► put into the output map (on the member owning that output block)
 * </pre>
 *
 * Row block i of X becomes columns [start(i), end(i)) of t(X); every output block gathers the
 * pieces of all input row blocks that overlap it, so the data crosses members once. The output uses
 * its own block layout (rows cut by RowBlocks of X's column count).
 */
public final class TransposeJob {
  private TransposeJob() {}

  /** The pipeline transposing in into out (out's shape is in's transposed). */
  public static Pipeline pipeline(MatrixRef in, MatrixRef out) {
    Pipeline p = Pipeline.create();
    ServiceFactory<?, HazelcastInstance> member =
        ServiceFactories.sharedService(ProcessorSupplier.Context::hazelcastInstance);
    p.readFrom(Sources.<BlockKey, DenseBlock>map(in.map()))
        .flatMapUsingService(
            countedJob(),
            (hz, e) -> {
              DenseBlock block = MemberSeal.check(hz, in.map(), e.getKey(), e.getValue());
              return Traversers.traverseIterable(pieces(in, out, e.getKey(), block));
            })
        .groupingKey(TransposePiece::target)
        .aggregate(AggregateOperations.toList())
        .mapUsingService(
            member,
            (hz, e) -> {
              DenseBlock block = assemble(out, e.getKey(), e.getValue());
              return Util.entry(e.getKey(), MemberSeal.seal(hz, out, e.getKey(), block));
            })
        .writeTo(Sinks.map(out.map()));
    return p;
  }

  /**
   * The member, as a service made once per member and job, whose making counts the job in the
   * member's {@link GridMetrics}.
   */
  private static ServiceFactory<?, HazelcastInstance> countedJob() {
    return ServiceFactories.sharedService(
        ctx -> {
          GridMetrics.of(ctx.hazelcastInstance()).jetJobRun();
          return ctx.hazelcastInstance();
        });
  }

  /**
   * The pieces of output blocks that one input block (rows r0.., all of its columns c0..) fills:
   * its transpose, cut at out's block boundaries.
   */
  static List<TransposePiece> pieces(
      MatrixRef in, MatrixRef out, BlockKey inKey, DenseBlock inBlock) {
    DenseMatrix t = Reorg.transpose(inBlock.matrix()); // rows: input columns, cols: input rows
    List<TransposePiece> list = new ArrayList<>();
    long outRow0 = in.colStart(inKey.blockCol());
    long outCol0 = in.rowStart(inKey.blockRow());
    int rows = t.rows();
    int cols = t.cols();
    for (int r = 0; r < rows; ) {
      long gr = outRow0 + r;
      int ob = (int) (gr / out.rowsPerBlock());
      int inBlockRow = (int) (gr - out.rowStart(ob));
      int take = (int) Math.min(rows - r, out.rowEnd(ob) - gr);
      for (int c = 0; c < cols; ) {
        long gc = outCol0 + c;
        int oc = (int) (gc / out.colsPerBlock());
        int inBlockCol = (int) (gc - out.colStart(oc));
        int width = (int) Math.min(cols - c, out.colEnd(oc) - gc);
        DenseMatrix cells = DenseMatrix.allocate(t.type(), take, width);
        for (int k = 0; k < take; k++) {
          System.arraycopy(t.data(), (r + k) * cols + c, cells.data(), k * width, width);
        }
        list.add(new TransposePiece(out.key(ob, oc), inBlockRow, inBlockCol, cells));
        c += width;
      }
      r += take;
    }
    return list;
  }

  /**
   * Output block key from its pieces.
   *
   * @throws IllegalStateException if the pieces do not cover the block (input blocks went missing,
   *     e.g. a map cleared by someone else while the job ran)
   */
  static DenseBlock assemble(MatrixRef out, BlockKey key, List<TransposePiece> pieces) {
    int rows = (int) (out.rowEnd(key.blockRow()) - out.rowStart(key.blockRow()));
    int cols = out.colEnd(key.blockCol()) - out.colStart(key.blockCol());
    long covered = 0;
    for (TransposePiece p : pieces) {
      covered += p.cells().size();
    }
    if (covered != (long) rows * cols) {
      throw new IllegalStateException(
          "output block ("
              + key.blockRow()
              + ", "
              + key.blockCol()
              + ") of "
              + out
              + " received "
              + covered
              + " of "
              + (long) rows * cols
              + " cells: input blocks are missing on the grid");
    }
    DenseMatrix m = DenseMatrix.allocate(out.type(), rows, cols);
    for (TransposePiece p : pieces) {
      DenseMatrix c = p.cells();
      for (int k = 0; k < c.rows(); k++) {
        System.arraycopy(
            c.data(), k * c.cols(), m.data(), (p.row() + k) * cols + p.col(), c.cols());
      }
    }
    return new DenseBlock(out.rowStart(key.blockRow()), m);
  }
}
