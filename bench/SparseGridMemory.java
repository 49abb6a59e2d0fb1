import com.hazelcast.client.config.ClientConfig;
import daphnegrid.config.GridSettings;
import daphnegrid.config.MemberConfigs;
import daphnegrid.config.WorkerAddress;
import daphnegrid.grid.GridMember;
import daphnegrid.kernels.Scalar;
import daphnegrid.kernels.random.Generators;
import daphnegrid.kernels.sparse.CsrMatrix;
import daphnegrid.runtime.MatrixValue;
import daphnegrid.runtime.grid.GridConnection;
import daphnegrid.runtime.grid.GridEngine;
import daphnegrid.runtime.grid.GridOptions;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

/**
 * Heap the grid takes for a CSR matrix held as CSR row blocks, against the bytes of its three
 * arrays: two members and a client in this JVM ({@code daphne.backup-count} 1, so every block is
 * stored twice), {@code java -cp 'deploy/target/lib/*' --add-modules jdk.incubator.vector
 * bench/SparseGridMemory.java rows cols sparsity}. The matrix is made by the sparse generator here,
 * sent to the grid, and dropped here; the heap figure is the difference of used memory after full
 * collections before making it and after sending it. Prints one JSON line.
 */
public final class SparseGridMemory {
  public static void main(String[] a) throws Exception {
    long rows = Long.parseLong(a[0]);
    long cols = Long.parseLong(a[1]);
    double sparsity = Double.parseDouble(a[2]);
    GridSettings s = GridSettings.defaults().withClusterName("csr-memory-" + UUID.randomUUID());
    WorkerAddress w1 = new WorkerAddress("127.0.0.1", freePort());
    WorkerAddress w2 = new WorkerAddress("127.0.0.1", freePort());
    List<WorkerAddress> both = List.of(w1, w2);
    GridMember m1 = GridMember.start(s, MemberConfigs.create(s, w1, both));
    GridMember m2 = GridMember.start(s, MemberConfigs.create(s, w2, both));
    GridConnection conn = GridConnection.workers(s, both, new ClientConfig());
    GridEngine engine = new GridEngine(() -> conn, GridOptions.defaults(), null).connectNow();
    long before = used();
    long[] made = new long[2];
    MatrixValue v = store(engine, rows, cols, sparsity, made);
    long after = used();
    long nnz = made[0];
    long csrBytes = made[1];
    long heap = after - before;
    System.out.printf(
        "{\"nnz\": %d, \"csr_bytes\": %d, \"copies\": 2, \"heap_bytes\": %d,"
            + " \"ratio_per_copy\": %.4f}%n",
        nnz, csrBytes, heap, heap / (2.0 * csrBytes));
    if (v.rows() < 0) {
      System.out.println(v); // keeps the handle reachable until after the measurement
    }
    engine.close();
    m2.shutdown();
    m1.shutdown();
  }

  /** Makes the matrix, sends it to the grid and forgets it here; made = {nnz, CSR bytes}. */
  private static MatrixValue store(
      GridEngine engine, long rows, long cols, double sparsity, long[] made) {
    CsrMatrix x = Generators.randCsr(rows, cols, Scalar.f64(1.0), Scalar.f64(2.0), sparsity, 42);
    made[0] = x.nnz();
    made[1] = x.payloadBytes();
    return engine.sparse().store(new MatrixValue(x, sparsity));
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static long used() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 8; i++) {
      System.gc();
      Thread.sleep(100);
      long u = rt.totalMemory() - rt.freeMemory();
      if (u >= last) {
        return Math.min(u, last);
      }
      last = u;
    }
    return last;
  }
}
