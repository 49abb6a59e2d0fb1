package daphnegrid.kernels.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import daphnegrid.kernels.AggOp;
import daphnegrid.kernels.Aggregation;
import daphnegrid.kernels.Casts;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Column idxMin/idxMax as a program output (per-block partials combined in block order) against
 * {@link Aggregation#cols} over the whole matrix: ties, NaNs (also in row 0 and in whole blocks),
 * integer types (signed and unsigned), one and several blocks.
 */
class IndexPartialsTest {
  private static long[] byProgram(AggOp op, DenseMatrix m) {
    long n = m.rows();
    BlockProgram p =
        new BlockProgram(
            "idx",
            n,
            List.of(new BlockProgram.Input(BlockProgram.InputKind.SPLIT, m.type(), n, m.cols())),
            List.of(),
            List.of(new BlockProgram.ColAgg(op, 0)));
    BlockExecutor ex = new BlockExecutor(p);
    List<BlockPartial> parts = new ArrayList<>();
    for (int b = 0; b < RowBlocks.count(n); b++) {
      parts.add(
          ex.run(
              b,
              RowBlocks.start(n, b),
              RowBlocks.end(n, b),
              new Object[] {RowSource.whole(m)},
              new RowSource[1]));
    }
    return ((DenseMatrix) Partials.combine(p, parts).get(0)).i64();
  }

  private static DenseMatrix data(int rows, int cols, long seed, double nanShare) {
    SplittableRandom r = new SplittableRandom(seed);
    DenseMatrix m = DenseMatrix.allocate(ValueType.F64, rows, cols);
    for (int i = 0; i < m.size(); i++) {
      double v = r.nextInt(7) - 3; // many ties
      m.f64()[i] = r.nextDouble() < nanShare ? Double.NaN : v;
    }
    return m;
  }

  @ParameterizedTest
  @CsvSource({
    "1, 3, 0.0",
    "13, 4, 0.2",
    "2500, 5, 0.0",
    "3000, 3, 0.3",
    "70000, 2, 0.5",
    "70000, 2, 0.999"
  })
  void floatColumnsMatchTheWholeMatrixFold(int rows, int cols, double nanShare) {
    DenseMatrix m = data(rows, cols, rows * 31L + cols, nanShare);
    m.f64()[0] = Double.NaN; // column 0 starts with NaN: its answer is row 0
    for (AggOp op : new AggOp[] {AggOp.IDXMIN, AggOp.IDXMAX}) {
      assertArrayEquals(Aggregation.cols(op, m).i64(), byProgram(op, m), op + " f64");
      DenseMatrix f = Casts.cast(m, ValueType.F32);
      assertArrayEquals(Aggregation.cols(op, f).i64(), byProgram(op, f), op + " f32");
    }
  }

  @ParameterizedTest
  @CsvSource({"si64", "si32", "si8", "ui64", "ui32", "ui8"})
  void integerColumnsMatchTheWholeMatrixFold(String type) {
    DenseMatrix m = Casts.cast(data(5000, 3, 7, 0.0), ValueType.fromDslName(type));
    for (AggOp op : new AggOp[] {AggOp.IDXMIN, AggOp.IDXMAX}) {
      assertArrayEquals(Aggregation.cols(op, m).i64(), byProgram(op, m), op + " " + type);
    }
  }
}
