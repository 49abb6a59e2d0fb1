import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.random.Generators;
import daphnegrid.kernels.sparse.CsrMatrix;

/**
 * Heap taken by a CSR matrix from the sparse generator, against the bytes of its three arrays:
 * {@code java -cp kernels/target/classes bench/SparseMemory.java rows cols sparsity}. Prints one
 * JSON line. The heap figure is the difference of used memory after full collections before and
 * after making the matrix, so it counts everything the matrix keeps alive.
 */
public final class SparseMemory {
  public static void main(String[] a) throws Exception {
    long rows = Long.parseLong(a[0]);
    long cols = Long.parseLong(a[1]);
    double sparsity = Double.parseDouble(a[2]);
    long before = used();
    CsrMatrix x = Generators.randCsr(rows, cols, Scalar.f64(1.0), Scalar.f64(2.0), sparsity, 42);
    long after = used();
    long csrBytes = x.payloadBytes();
    System.out.printf(
        "{\"nnz\": %d, \"csr_bytes\": %d, \"heap_bytes\": %d, \"ratio\": %.4f}%n",
        x.nnz(), csrBytes, after - before, (double) (after - before) / csrBytes);
    if (x.nnz() < 0) {
      System.out.println(x); // keeps x reachable until after the measurement
    }
  }

  private static long used() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      long u = rt.totalMemory() - rt.freeMemory();
      if (u >= last) {
        return Math.min(u, last);
      }
      last = u;
    }
    return last;
  }
}
