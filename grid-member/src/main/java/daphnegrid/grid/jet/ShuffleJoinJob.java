package daphnegrid.grid.jet;

import com.hazelcast.cluster.Address;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Traverser;
import com.hazelcast.jet.Traversers;
import com.hazelcast.jet.core.AbstractProcessor;
import com.hazelcast.jet.core.DAG;
import com.hazelcast.jet.core.Edge;
import com.hazelcast.jet.core.ProcessorMetaSupplier;
import com.hazelcast.jet.core.ProcessorSupplier;
import com.hazelcast.jet.core.Vertex;
import com.hazelcast.map.IMap;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.config.serial.FrameBlockSerializer;
import daphnegrid.grid.metrics.GridMetrics;
import daphnegrid.grid.tasks.FrameRef;
import daphnegrid.grid.tasks.LocalFrameBlocks;
import daphnegrid.grid.tasks.MemberSeal;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Frame;
import daphnegrid.kernels.relational.RowFilter;
import daphnegrid.kernels.relational.ShuffleJoin;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The equi-join of two distributed frames, both too large to broadcast, as a Jet batch job (Core
 * DAG API) that shuffles both by key:
 *
 * <pre>
 * split (each member its own row blocks of both sides: filter, cut, hash the key)
 *    ─► distributed edge partitioned by key partition ─► join (each partition's batches of both
 *       sides joined where the partition landed) ─► the output map, in pieces
 * </pre>
 *
 * Batches are typed column frames carrying each row's row number ({@link ShuffleJoin#split}); a
 * join processor joins each of its partitions once all batches are in ({@link
 * ShuffleJoin#joinPartition}) and stores the joined rows (the left row number, the left columns,
 * the right ones) under {@code BlockKey(out, partition, piece)}, sealed, each piece at most
 * maxBytes serialized ({@link FrameBlockSerializer#rowsWithin}); the coordinator reads the pieces
 * and puts them in the join's order ({@link ShuffleJoin#inJoinOrder}). A partition without rows
 * stores nothing. The job is a normal one: a member joining or leaving restarts it, and a
 * partition's pieces are the same whenever it runs (batches are put in row order before joining).
 */
public final class ShuffleJoinJob {
  private ShuffleJoinJob() {}

  /**
   * One side of the join: its frame, the rows that pass filter with the columns keep, the key
   * columns keys (positions among keep), and the other side's key types (the encoding both hash
   * in).
   */
  public record Side(
      FrameRef ref, int[] keep, RowFilter filter, int[] keys, List<ValueType> otherKeyTypes)
      implements Serializable {
    public Side {
      otherKeyTypes = List.copyOf(otherKeyTypes);
    }

    /** Its batches' columns, no rows. */
    public Frame emptyBatch() {
      List<String> labels = new ArrayList<>();
      List<daphnegrid.kernels.frame.Column> cols = new ArrayList<>();
      for (int j : keep) {
        labels.add(ref.labels().get(j));
        cols.add(emptyColumn(ref.types().get(j)));
      }
      return ShuffleJoin.emptyBatch(cols.isEmpty() ? Frame.empty(0) : Frame.of(labels, cols));
    }
  }

  private static daphnegrid.kernels.frame.Column emptyColumn(ValueType t) {
    return t == ValueType.STR
        ? daphnegrid.kernels.frame.StringColumn.of(new String[0], 0)
        : daphnegrid.kernels.frame.Column.of(daphnegrid.kernels.DenseMatrix.allocate(t, 0, 1));
  }

  /** The DAG joining left with right over parts key partitions into out's map. */
  public static DAG dag(Side left, Side right, int parts, FrameRef out, long maxBytes) {
    DAG dag = new DAG();
    Vertex split = dag.newVertex("split", new Split(left, right, parts)).localParallelism(1);
    Vertex join = dag.newVertex("join", new JoinSupplier(left, right, out, maxBytes));
    dag.edge(Edge.between(split, join).distributed().partitioned(ShuffleBatch::partition));
    return dag;
  }

  /** Gives each member the row blocks of both sides in the partitions it owns. */
  private static final class Split implements ProcessorMetaSupplier {
    private static final long serialVersionUID = 1L;
    private final Side left;
    private final Side right;
    private final int parts;
    private transient Map<Address, int[][]> blocksByMember;

    Split(Side left, Side right, int parts) {
      this.left = left;
      this.right = right;
      this.parts = parts;
    }

    @Override
    public int preferredLocalParallelism() {
      return 1;
    }

    @Override
    public void init(Context context) {
      Map<Address, int[]> l = BlockOwners.byMember(context, left.ref().rowBlocks());
      Map<Address, int[]> r = BlockOwners.byMember(context, right.ref().rowBlocks());
      blocksByMember = new HashMap<>();
      for (Map<Address, int[]> side : List.of(l, r)) {
        for (Address a : side.keySet()) {
          blocksByMember.computeIfAbsent(
              a, k -> new int[][] {l.getOrDefault(k, new int[0]), r.getOrDefault(k, new int[0])});
        }
      }
    }

    @Override
    public Function<? super Address, ? extends ProcessorSupplier> get(List<Address> addresses) {
      Map<Address, int[][]> assigned = blocksByMember;
      Side l0 = left;
      Side r0 = right;
      int p0 = parts;
      return a -> {
        int[][] mine = assigned.getOrDefault(a, new int[][] {new int[0], new int[0]});
        return ProcessorSupplier.of(() -> new SplitP(l0, r0, p0, mine));
      };
    }
  }

  /** Reads this member's row blocks of both sides and emits their batches. */
  private static final class SplitP extends AbstractProcessor {
    private final Side[] sides;
    private final int parts;
    private final int[][] blocks;
    private HazelcastInstance hz;
    private Traverser<ShuffleBatch> out;

    SplitP(Side left, Side right, int parts, int[][] blocks) {
      this.sides = new Side[] {left, right};
      this.parts = parts;
      this.blocks = blocks;
    }

    @Override
    public boolean isCooperative() {
      return false; // map reads and kernels
    }

    @Override
    protected void init(Context context) {
      hz = context.hazelcastInstance();
      GridMetrics.of(hz).jetJobRun();
    }

    @Override
    public boolean complete() {
      if (out == null) {
        List<int[]> work = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
          for (int b : blocks[s]) work.add(new int[] {s, b});
        }
        out = Traversers.traverseIterable(work).flatMap(w -> Traversers.traverseIterable(split(w)));
      }
      return emitFromTraverser(out);
    }

    private List<ShuffleBatch> split(int[] work) {
      Side s = sides[work[0]];
      FrameBlock b = LocalFrameBlocks.read(hz, s.ref(), work[1]);
      Frame[] batches =
          ShuffleJoin.split(
              b.frame(), b.rowOffset(), s.filter(), s.keep(), s.keys(), s.otherKeyTypes(), parts);
      List<ShuffleBatch> out = new ArrayList<>();
      for (int p = 0; p < batches.length; p++) {
        if (batches[p] != null) {
          out.add(new ShuffleBatch(p, work[0] == 0, new FrameBlock(0, batches[p])));
        }
      }
      return out;
    }
  }

  private static final class JoinSupplier implements ProcessorSupplier {
    private static final long serialVersionUID = 1L;
    private final Side left;
    private final Side right;
    private final FrameRef out;
    private final long maxBytes;

    JoinSupplier(Side left, Side right, FrameRef out, long maxBytes) {
      this.left = left;
      this.right = right;
      this.out = out;
      this.maxBytes = maxBytes;
    }

    @Override
    public java.util.Collection<? extends com.hazelcast.jet.core.Processor> get(int count) {
      List<JoinP> ps = new ArrayList<>();
      for (int i = 0; i < count; i++) ps.add(new JoinP(left, right, out, maxBytes));
      return ps;
    }
  }

  /** Collects its partitions' batches; when all are in, joins and stores each partition. */
  private static final class JoinP extends AbstractProcessor {
    private final Side left;
    private final Side right;
    private final FrameRef out;
    private final long maxBytes;
    private final Map<Integer, List<List<Frame>>> batches = new TreeMap<>();
    private HazelcastInstance hz;

    JoinP(Side left, Side right, FrameRef out, long maxBytes) {
      this.left = left;
      this.right = right;
      this.out = out;
      this.maxBytes = maxBytes;
    }

    @Override
    public boolean isCooperative() {
      return false; // kernels and blocking writes
    }

    @Override
    protected void init(Context context) {
      hz = context.hazelcastInstance();
    }

    @Override
    protected boolean tryProcess(int ordinal, Object item) {
      ShuffleBatch b = (ShuffleBatch) item;
      GridMetrics.of(hz).bytesIn(FrameBlockSerializer.serializedBytes(b.rows()));
      batches
          .computeIfAbsent(b.partition(), k -> List.of(new ArrayList<>(), new ArrayList<>()))
          .get(b.left() ? 0 : 1)
          .add(b.rows().frame());
      return true;
    }

    @Override
    public boolean complete() {
      IMap<BlockKey, FrameBlock> map = hz.getMap(out.map());
      Frame le = left.emptyBatch(), re = right.emptyBatch();
      for (Map.Entry<Integer, List<List<Frame>>> e : batches.entrySet()) {
        List<List<Frame>> sides = e.getValue();
        Frame joined =
            ShuffleJoin.joinPartition(
                sides.get(0), sides.get(1), left.keys(), right.keys(), le, re);
        sides.get(0).clear();
        sides.get(1).clear();
        int piece = 0;
        for (int from = 0; from < joined.rows(); piece++) {
          int n = FrameBlockSerializer.rowsWithin(joined, from, maxBytes);
          BlockKey key = new BlockKey(out.id(), e.getKey(), piece);
          FrameBlock block = new FrameBlock(0, joined.sliceRows(from, from + n));
          map.set(key, MemberSeal.seal(hz, out, key, block));
          from += n;
        }
      }
      batches.clear();
      return true;
    }
  }
}
