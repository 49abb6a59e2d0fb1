package daphnegrid.kernels.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.KernelException;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.sparse.CsrConvert;
import daphnegrid.kernels.sparse.CsrMatrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .dbdf, Matrix Market and sparse CSV files: known bytes, round trips and malformed files. */
class SparseFilesTest {
  @TempDir Path dir;

  private static DenseMatrix sample(ValueType t) {
    DenseMatrix m = DenseMatrix.allocate(t, 3, 4);
    int[] v = {0, 7, 0, 0, -3, 0, 0, 5, 0, 0, 0, 0};
    for (int i = 0; i < v.length; i++) {
      if (t.isFloat()) {
        m.setDouble(i, v[i] * 1.25);
      } else {
        m.setLong(i, t.isUnsigned() ? Math.abs(v[i]) : v[i]);
      }
    }
    return m;
  }

  @Test
  void dbdfDenseBytesAreDaphnes() throws IOException {
    Path f = dir.resolve("m.dbdf");
    DaphneBinary.write(DenseMatrix.ofDoubles(1, 2, 1.5, -2.0), f);
    ByteBuffer want = ByteBuffer.allocate(18 + 1 + 16 + 9 + 1 + 16).order(ByteOrder.LITTLE_ENDIAN);
    want.put((byte) 1).put((byte) 1).putLong(1).putLong(2).put((byte) 7);
    want.putLong(0).putLong(0).putInt(1).putInt(2).put((byte) 1).put((byte) 7);
    want.putDouble(1.5).putDouble(-2.0);
    assertArrayEquals(want.array(), Files.readAllBytes(f));
  }

  @Test
  void dbdfCsrBytesAreDaphnes() throws IOException {
    Path f = dir.resolve("x.dbdf");
    // [[0, 4], [0, 0]] as si64
    CsrMatrix x =
        CsrMatrix.wrap(ValueType.SI64, 2, 2, new int[] {0, 1, 1}, new int[] {1}, new long[] {4});
    DaphneBinary.write(x, f);
    ByteBuffer want =
        ByteBuffer.allocate(18 + 1 + 16 + 9 + 1 + 8 + 24 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
    want.put((byte) 1).put((byte) 2).putLong(2).putLong(2).put((byte) 2);
    want.putLong(0).putLong(0).putInt(2).putInt(2).put((byte) 2).put((byte) 2);
    want.putLong(1).putLong(0).putLong(1).putLong(1).putLong(1).putLong(4);
    assertArrayEquals(want.array(), Files.readAllBytes(f));
  }

  @Test
  void dbdfRoundTripsEveryWritableType() {
    for (ValueType t : ValueType.values()) {
      if (DaphneBinary.codeOf(t) < 0) {
        Path f = dir.resolve("bad-" + t + ".dbdf");
        assertThrows(
            KernelException.class, () -> DaphneBinary.write(DenseMatrix.allocate(t, 1, 1), f));
        continue;
      }
      DenseMatrix m = sample(t);
      ValueType back = t == ValueType.SIZE ? ValueType.UI64 : t;
      Path d = dir.resolve("d-" + t + ".dbdf");
      DaphneBinary.write(m, d);
      DaphneBinary.Contents dc = DaphneBinary.read(d);
      assertNull(dc.csr());
      assertEquals(back, dc.dense().type());
      assertEquals(Arrays.toString(longs(m)), Arrays.toString(longs(dc.dense())), t.toString());
      Path s = dir.resolve("s-" + t + ".dbdf");
      CsrMatrix x = CsrConvert.fromDense(m);
      DaphneBinary.write(x, s);
      DaphneBinary.Contents sc = DaphneBinary.read(s);
      assertNull(sc.dense());
      assertEquals(
          Arrays.toString(longs(m)),
          Arrays.toString(longs(CsrConvert.toDense(sc.csr()))),
          t.toString());
      assertEquals(x.nnz(), sc.csr().nnz());
    }
  }

  private static long[] longs(DenseMatrix m) {
    long[] a = new long[m.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = m.type().isFloat() ? Double.doubleToLongBits(m.getDouble(i)) : m.getLong(i);
    }
    return a;
  }

  /**
   * Files of several read pieces (the reader goes through a 1 MiB buffer): values and CSR indices
   * that straddle a piece boundary (the 45-byte header puts every later 8-byte value across one),
   * every storage width, and a file cut inside its values.
   */
  @Test
  void dbdfLargerThanAReadPieceRoundTrips() throws IOException {
    java.util.Random rnd = new java.util.Random(5);
    for (ValueType t :
        new ValueType[] {
          ValueType.F64, ValueType.F32, ValueType.SI64, ValueType.SI32, ValueType.UI8
        }) {
      int rows = 1000 + rnd.nextInt(7), cols = 301;
      DenseMatrix m = DenseMatrix.allocate(t, rows, cols);
      for (int i = 0; i < m.size(); i++) {
        if (t.isFloat()) {
          m.setDouble(i, rnd.nextGaussian());
        } else {
          m.setLong(i, t == ValueType.UI8 ? rnd.nextInt(256) : rnd.nextInt() - (1 << 20));
        }
      }
      Path d = dir.resolve("big-" + t + ".dbdf");
      DaphneBinary.write(m, d);
      assertTrue(Files.size(d) > (1 << 20) || t == ValueType.UI8, "file smaller than a piece");
      DenseMatrix back = DaphneBinary.read(d).dense();
      assertEquals(m.rows(), back.rows());
      assertEquals(m.cols(), back.cols());
      for (int i = 0; i < m.size(); i++) {
        assertEquals(m.getDouble(i), back.getDouble(i), t + " cell " + i);
      }
    }
    // CSR: about 200,000 non-zeros, so offsets, indices and values each span pieces
    DenseMatrix s = DenseMatrix.allocate(ValueType.F64, 2000, 500);
    for (int i = 0; i < s.size(); i++) {
      if (rnd.nextInt(5) == 0) {
        s.setDouble(i, rnd.nextDouble());
      }
    }
    Path c = dir.resolve("big-csr.dbdf");
    DaphneBinary.write(CsrConvert.fromDense(s), c);
    assertArrayEquals(s.f64(), cells(DaphneBinary.read(c).csr()));

    Path d = dir.resolve("big-F64.dbdf");
    byte[] good = Files.readAllBytes(d);
    Files.write(d, Arrays.copyOf(good, good.length - 5));
    assertMessage(d, "at byte 45: unexpected end of file (" + (good.length - 45) + " more bytes");
  }

  @Test
  void malformedDbdfNamesFileAndByte() throws IOException {
    Path f = dir.resolve("x.dbdf");
    DaphneBinary.write(CsrConvert.fromDense(sample(ValueType.F64)), f);
    byte[] good = Files.readAllBytes(f);

    Files.write(f, Arrays.copyOf(good, good.length - 3));
    // the values are read as one block: the error is at their start
    assertMessage(f, "at byte " + (good.length - 24) + ": unexpected end of file");

    byte[] b = good.clone();
    b[0] = 2;
    Files.write(f, b);
    assertMessage(f, "at byte 0: unsupported .dbdf version 2");

    b = good.clone();
    b[18] = 9;
    Files.write(f, b);
    assertMessage(f, "at byte 18: unknown value type code 9");

    b = good.clone();
    b[1] = 3;
    Files.write(f, b);
    assertMessage(f, "at byte 1: data type 3 is not a matrix");

    // the first column index (row 0 holds column 1) set to 99
    b = good.clone();
    int firstCol = 45 + 8 + 4 * 8;
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(firstCol, 99);
    Files.write(f, b);
    assertMessage(f, "at byte " + firstCol + ": bad column index 99 in row 0");

    Files.write(f, Arrays.copyOf(good, good.length + 1));
    assertMessage(f, "1 bytes after the end of the matrix");

    assertThrows(KernelException.class, () -> DaphneBinary.read(dir.resolve("missing.dbdf")));
  }

  private static void assertMessage(Path f, String part) {
    KernelException e = assertThrows(KernelException.class, () -> DaphneBinary.read(f));
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }

  private Path file(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private static double[] cells(CsrMatrix x) {
    return CsrConvert.toDense(x).f64().clone();
  }

  @Test
  void mtxCoordinateRealGeneral() throws IOException {
    Path f =
        file(
            "a.mtx",
            "%%MatrixMarket matrix coordinate real general\n% a comment\n%\n3 4 4\n"
                + "1 2 1.5\n3 4 -2e1\n2 1 0.25\n1 1 3\n");
    CsrMatrix x = MatrixMarket.readCsr(f, ValueType.F64);
    assertArrayEquals(new double[] {3, 1.5, 0, 0, 0.25, 0, 0, 0, 0, 0, 0, -20}, cells(x));
    assertEquals(4, x.nnz());
    assertArrayEquals(cells(x), MatrixMarket.readDense(f, ValueType.F64).f64());
  }

  @Test
  void mtxSymmetricPatternAndSkew() throws IOException {
    Path sym =
        file(
            "s.mtx",
            "%%MatrixMarket matrix coordinate integer symmetric\n3 3 3\n1 1 4\n3 1 7\n3 2 -1\n");
    assertArrayEquals(
        new double[] {4, 0, 7, 0, 0, -1, 7, -1, 0},
        cells(MatrixMarket.readCsr(sym, ValueType.F64)));
    DenseMatrix si = MatrixMarket.readDense(sym, ValueType.SI32);
    assertEquals(ValueType.SI32, si.type());
    assertEquals(-1, si.getLong(5));

    Path pat =
        file("p.mtx", "%%MatrixMarket matrix coordinate pattern symmetric\n3 3 2\n2 2\n3 1\n");
    assertArrayEquals(
        new double[] {0, 0, 1, 0, 1, 0, 1, 0, 0}, cells(MatrixMarket.readCsr(pat, ValueType.F64)));

    // array, skew-symmetric: the strictly lower triangle column by column
    Path skew = file("k.mtx", "%%MatrixMarket matrix array real skew-symmetric\n3 3\n1\n2\n3\n");
    assertArrayEquals(
        new double[] {0, -1, -2, 1, 0, -3, 2, 3, 0},
        cells(MatrixMarket.readCsr(skew, ValueType.F64)));

    // array, general: column-major
    Path arr =
        file("g.mtx", "%%MatrixMarket matrix array integer general\n2 3\n1\n2\n3\n4\n0\n6\n");
    DenseMatrix g = MatrixMarket.readDense(arr, ValueType.SI64);
    assertArrayEquals(new long[] {1, 3, 0, 2, 4, 6}, Arrays.copyOf(g.i64(), 6));
    assertEquals(5, MatrixMarket.readCsr(arr, ValueType.SI64).nnz());

    Path asym = file("as.mtx", "%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n");
    assertArrayEquals(new double[] {1, 2, 2, 3}, cells(MatrixMarket.readCsr(asym, ValueType.F64)));
  }

  @Test
  void malformedMtxNamesFileAndLine() throws IOException {
    assertMtx(
        "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n3 1 2\n",
        "at line 4: row index 3 outside 1..2");
    assertMtx(
        "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n",
        "at line 4: unexpected end of file after 1 of 2 entries");
    assertMtx(
        "%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 x\n",
        "at line 3: 'x' is not a number");
    assertMtx(
        "%%MatrixMarket matrix coordinate complex general\n2 2 1\n1 1 1 0\n",
        "at line 1: unsupported field 'complex'");
    assertMtx(
        "%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n1 2 1\n",
        "at line 3: entry (1, 2) above the diagonal");
    assertMtx("not a banner\n", "at line 1: expected '%%MatrixMarket");
    assertMtx(
        "%%MatrixMarket matrix array real general\n2\n",
        "at line 2: expected the size line 'rows cols'");
    assertMtx(
        "%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1\n",
        "at line 3: expected 'row col value'");
  }

  private void assertMtx(String text, String part) throws IOException {
    Path f = file("bad.mtx", text);
    KernelException e =
        assertThrows(KernelException.class, () -> MatrixMarket.readCsr(f, ValueType.F64));
    assertTrue(
        e.getMessage().contains(part) && e.getMessage().contains(f.toString()), e.getMessage());
  }

  @Test
  void sparseCsvPairs() throws IOException {
    Path f = file("p.csv", "2,0\n0,3\n0,1\n");
    CsrMatrix x = SparseCsv.read(f, 3, 4, 3, ValueType.F64);
    assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0}, cells(x));
    KernelException dup =
        assertThrows(
            KernelException.class,
            () -> SparseCsv.read(file("d.csv", "0,1\n1,1\n0,1\n"), 2, 2, 3, ValueType.F64));
    assertTrue(
        dup.getMessage().contains("at line 1: the pair 0,1 appears more than once"),
        dup.getMessage());
    KernelException out =
        assertThrows(
            KernelException.class,
            () -> SparseCsv.read(file("o.csv", "0,1\n1,5\n"), 2, 2, 2, ValueType.F64));
    assertTrue(out.getMessage().contains("at line 2: column 5 outside 0..1"), out.getMessage());
    KernelException shortFile =
        assertThrows(
            KernelException.class,
            () -> SparseCsv.read(file("s.csv", "0,1\n"), 2, 2, 2, ValueType.F64));
    assertTrue(
        shortFile.getMessage().contains("at line 2: expected 2 lines"), shortFile.getMessage());
  }
}
