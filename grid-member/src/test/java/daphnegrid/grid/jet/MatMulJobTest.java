package daphnegrid.grid.jet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import daphnegrid.config.serial.BlockKey;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.config.testing.TestGrid;
import daphnegrid.grid.tasks.MatrixRef;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.MatMul;
import daphnegrid.kernels.ValueType;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link MatMulJob} on two members: Y's blocks, spread over both, are broadcast; each member
 * multiplies its own row blocks of X. The output must be the local product bit for bit, laid out in
 * X's row blocks (block i starts at X's row i offset), also when X, Y and the output are cut into
 * column blocks and when the operands' value types differ.
 */
class MatMulJobTest {
  private static TestGrid grid;
  private static final AtomicLong IDS = new AtomicLong();

  @BeforeAll
  static void start() {
    grid = TestGrid.start(2);
  }

  @AfterAll
  static void stop() {
    grid.close();
  }

  private static DenseMatrix random(ValueType t, long seed, int rows, int cols) {
    Random r = new Random(seed);
    DenseMatrix d = DenseMatrix.allocate(ValueType.F64, rows, cols);
    for (int i = 0; i < d.size(); i++) {
      d.setDouble(i, t.isFloat() ? r.nextDouble() * 2 - 1 : r.nextInt(21) - 10);
    }
    return Casts.cast(d, t);
  }

  private static MatrixRef layout(int rows, int cols, ValueType t, long blockBytes) {
    long id = IDS.incrementAndGet();
    return MatrixRef.layout("tmp.test.m" + id, id, rows, cols, t, blockBytes);
  }

  private static void store(HazelcastInstance hz, MatrixRef m, DenseMatrix d) {
    IMap<BlockKey, DenseBlock> map = hz.getMap(m.map());
    for (int b = 0; b < m.rowBlocks(); b++) {
      for (int c = 0; c < m.colBlocks(); c++) {
        int r0 = (int) m.rowStart(b);
        int rows = (int) (m.rowEnd(b) - r0);
        int c0 = m.colStart(c);
        int w = m.colEnd(c) - c0;
        DenseMatrix part = DenseMatrix.allocate(m.type(), rows, w);
        for (int r = 0; r < rows; r++) {
          System.arraycopy(d.data(), (r0 + r) * m.cols() + c0, part.data(), r * w, w);
        }
        map.put(m.key(b, c), new DenseBlock(r0, part));
      }
    }
  }

  private static DenseMatrix load(HazelcastInstance hz, MatrixRef m) {
    IMap<BlockKey, DenseBlock> map = hz.getMap(m.map());
    assertEquals(m.rowBlocks() * m.colBlocks(), map.size(), "blocks of the output");
    DenseMatrix out = DenseMatrix.allocate(m.type(), m.rows(), m.cols());
    for (int b = 0; b < m.rowBlocks(); b++) {
      for (int c = 0; c < m.colBlocks(); c++) {
        DenseBlock block = map.get(m.key(b, c));
        assertEquals(m.rowStart(b), block.rowOffset(), "row offset of block " + b);
        DenseMatrix part = block.matrix();
        int w = part.cols();
        for (int r = 0; r < part.rows(); r++) {
          System.arraycopy(
              part.data(),
              r * w,
              out.data(),
              (int) (m.rowStart(b) + r) * m.cols() + m.colStart(c),
              w);
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({
    "3000, 40, 70, F64, F64, 67108864",
    "3000, 40, 70, F64, F64, 65536",
    "2100, 1500, 3, F32, F64, 67108864",
    "1, 50, 30, F64, F64, 67108864",
    "3000, 1, 500, SI64, F64, 67108864",
    "1025, 30, 1, SI64, SI64, 4096",
    "5000, 1100, 40, F32, F32, 65536"
  })
  void productIsTheLocalOneBitForBit(
      int m, int k, int n, ValueType tx, ValueType ty, long blockBytes) {
    HazelcastInstance hz = grid.member(0);
    ValueType t = ValueType.mostGeneral(tx, ty);
    DenseMatrix x = random(tx, 1, m, k);
    DenseMatrix y = random(ty, 2, k, n);
    MatrixRef xr = layout(m, k, tx, blockBytes);
    MatrixRef yr = layout(k, n, ty, blockBytes);
    MatrixRef out = layout(m, n, t, blockBytes);
    store(hz, xr, x);
    store(hz, yr, y);
    try {
      hz.getJet().newJob(MatMulJob.dag(xr, yr, t, out)).join();
      DenseMatrix expected = MatMul.multiply(Casts.cast(x, t), Casts.cast(y, t));
      DenseMatrix actual = load(grid.member(1), out);
      for (int i = 0; i < expected.size(); i++) {
        if (t.isFloat()) {
          assertEquals(
              Double.doubleToRawLongBits(expected.getDouble(i)),
              Double.doubleToRawLongBits(actual.getDouble(i)),
              "cell " + i);
        } else {
          assertEquals(expected.getLong(i), actual.getLong(i), "cell " + i);
        }
      }
    } finally {
      for (MatrixRef r : new MatrixRef[] {xr, yr, out}) {
        hz.getMap(r.map()).destroy();
      }
    }
  }
}
