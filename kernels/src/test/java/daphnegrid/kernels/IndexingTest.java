package daphnegrid.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** DAPHNE's bound rules for extraction and insertion (spec 3.7 and 4.3). */
class IndexingTest {
  @Test
  void extractionRanges() {
    assertEquals(new Indexing.Range(9, 10), Indexing.extractPosition(-1, 10, "row"));
    // a negative lo also shifts a non-positive hi: X[-3:0, ] is the last three rows
    assertEquals(new Indexing.Range(7, 10), Indexing.extractRange(-3L, 0L, 10, "row"));
    assertEquals(new Indexing.Range(0, 0), Indexing.extractRange(null, 0L, 10, "row"));
    assertEquals(new Indexing.Range(4, 4), Indexing.extractRange(4L, 4L, 10, "row"));
    assertThrows(KernelException.class, () -> Indexing.extractRange(10L, 10L, 10, "row"));
    assertThrows(KernelException.class, () -> Indexing.extractPosition(10, 10, "row"));
    assertThrows(KernelException.class, () -> Indexing.extractRange(null, null, 0, "row"));
  }

  @Test
  void insertionRanges() {
    // a single negative position is one row; X[-3:0, ] addresses one row here
    assertEquals(new Indexing.Range(2, 3), Indexing.insertRange(-1L, 0L, 3, true, "row"));
    assertEquals(new Indexing.Range(0, 1), Indexing.insertRange(-3L, 0L, 3, false, "row"));
    assertThrows(KernelException.class, () -> Indexing.insertRange(-4L, 0L, 3, true, "row"));
    assertThrows(KernelException.class, () -> Indexing.insertRange(3L, 4L, 3, true, "row"));
  }

  @Test
  void positionListsAndBitVectors() {
    DenseMatrix list = DenseMatrix.ofLongs(ValueType.SI64, 3, 1, -9, 2, 0);
    assertArrayEquals(new int[] {1, 2, 0}, Indexing.positions(list, 10, "row"));
    DenseMatrix bits = DenseMatrix.ofDoubles(4, 1, 1, 0, 0, 1);
    assertArrayEquals(new int[] {0, 3}, Indexing.bitVector(bits, 4, "row"));
    assertThrows(KernelException.class, () -> Indexing.bitVector(bits, 5, "row"));
  }

  @Test
  void insertCopiesAndChecksShapeAndType() {
    DenseMatrix x = DenseMatrix.ofDoubles(2, 2, 1, 2, 3, 4);
    DenseMatrix y =
        Indexing.insert(
            x,
            new Indexing.Range(1, 2),
            new Indexing.Range(0, 2),
            DenseMatrix.ofDoubles(1, 2, 9, 8));
    assertArrayEquals(new double[] {1, 2, 9, 8}, y.f64());
    assertArrayEquals(new double[] {1, 2, 3, 4}, x.f64());
    assertThrows(
        KernelException.class,
        () ->
            Indexing.insert(
                x,
                new Indexing.Range(0, 1),
                new Indexing.Range(0, 2),
                DenseMatrix.ofLongs(ValueType.SI64, 1, 2, 1, 2)));
  }
}
