package daphnegrid.grid.jet;

import com.hazelcast.cluster.Address;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.core.AbstractProcessor;
import com.hazelcast.jet.core.DAG;
import com.hazelcast.jet.core.Edge;
import com.hazelcast.jet.core.ProcessorMetaSupplier;
import com.hazelcast.jet.core.ProcessorSupplier;
import com.hazelcast.jet.core.Vertex;
import com.hazelcast.jet.core.processor.SourceProcessors;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.grid.metrics.GridMetrics;
import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.grid.tasks.MultiplyRows;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * X @ Y on the grid for a Y too large to travel inside a task, as a Jet batch job (Core DAG API):
 *
 * <pre>
 * read-y (Y's blocks, each member its own partitions)
 *    ─► distributed broadcast edge ─► multiply (one processor per member)
 * </pre>
 *
 * Every member receives each block of Y once, from the member that holds it (Y never passes through
 * the coordinator), assembles Y once, multiplies each of its own row blocks of X — the partitions
 * Jet assigned to it for this job — and writes them as the same row blocks of the output, so output
 * block i lands in the partition of X's row block i. Nothing is shuffled but Y: per member |Y|
 * comes in, whereas splitting the inner dimension (a shuffle of partial products) would move |X @
 * Y| partial sums per split and change every cell's summation order.
 */
public final class MatMulJob {
  private MatMulJob() {}

  /**
   * The DAG writing x @ y (both converted to type) into out, which has x.rows x y.cols cells of
   * type in the row layout of x.
   */
  public static DAG dag(MatrixRef x, MatrixRef y, ValueType type, MatrixRef out) {
    DAG dag = new DAG();
    Vertex read = dag.newVertex("read-y", SourceProcessors.readMapP(y.map()));
    Vertex multiply = dag.newVertex("multiply", new Multiply(x, y, type, out)).localParallelism(1);
    dag.edge(Edge.between(read, multiply).distributed().broadcast());
    return dag;
  }

  /** Gives each member the block rows of X in the partitions Jet assigned to it. */
  private static final class Multiply implements ProcessorMetaSupplier {
    private static final long serialVersionUID = 1L;
    private final MatrixRef x;
    private final MatrixRef y;
    private final ValueType type;
    private final MatrixRef out;
    private transient Map<Address, int[]> rowsByMember;

    Multiply(MatrixRef x, MatrixRef y, ValueType type, MatrixRef out) {
      this.x = x;
      this.y = y;
      this.type = type;
      this.out = out;
    }

    @Override
    public int preferredLocalParallelism() {
      return 1;
    }

    @Override
    public void init(Context context) {
      rowsByMember = BlockOwners.byMember(context, x.rowBlocks());
    }

    @Override
    public Function<? super Address, ? extends ProcessorSupplier> get(List<Address> addresses) {
      Map<Address, int[]> assigned = rowsByMember;
      return a -> {
        int[] rows = assigned.getOrDefault(a, new int[0]);
        MatrixRef x0 = x;
        MatrixRef y0 = y;
        ValueType t0 = type;
        MatrixRef out0 = out;
        return ProcessorSupplier.of(() -> new MultiplyP(x0, y0, t0, out0, rows));
      };
    }
  }

  /** Collects Y's blocks; when all have arrived, multiplies this member's row blocks of X. */
  private static final class MultiplyP extends AbstractProcessor {
    private final MatrixRef x;
    private final MatrixRef y;
    private final ValueType type;
    private final MatrixRef out;
    private final int[] rows;
    private List<Map.Entry<BlockKey, DenseBlock>> blocks = new ArrayList<>();
    private HazelcastInstance hz;

    MultiplyP(MatrixRef x, MatrixRef y, ValueType type, MatrixRef out, int[] rows) {
      this.x = x;
      this.y = y;
      this.type = type;
      this.out = out;
      this.rows = rows;
    }

    @Override
    public boolean isCooperative() {
      return false; // kernels and blocking writes
    }

    @Override
    protected void init(Context context) {
      hz = context.hazelcastInstance();
      GridMetrics.of(hz).jetJobRun(); // one multiply processor per member and job
    }

    @Override
    @SuppressWarnings("unchecked")
    protected boolean tryProcess(int ordinal, Object item) {
      if (rows.length > 0) {
        Map.Entry<BlockKey, DenseBlock> e = (Map.Entry<BlockKey, DenseBlock>) item;
        blocks.add(Map.entry(e.getKey(), e.getValue()));
        GridMetrics.of(hz).bytesIn(GridMetrics.wireBytes(e.getValue().matrix()));
      }
      return true;
    }

    @Override
    public boolean complete() {
      if (rows.length > 0) {
        DenseMatrix ym = MultiplyRows.assemble(hz, y, blocks);
        blocks = null;
        MultiplyRows.run(hz, x, ym, type, out, rows);
      }
      return true;
    }
  }
}
