package daphnegrid.runtime.grid;

import com.hazelcast.client.config.ClientConfig;
import daphnegrid.config.GridSettings;
import daphnegrid.config.WorkerAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One grid connection serving many runs in one process, one after the other or at once: the
 * embedded one-member grid, or one client of the workers. Each run gets a {@link
 * GridConnection#lease} under a scope of its own, so runs never see or free each other's maps, and
 * closing a run leaves the connection up for the next. This is what lets a test JVM (or a service
 * embedding the interpreter) run hundreds of scripts against one grid without starting a member or
 * a client per script.
 *
 * <p>The connection is made on the first lease, so a shared grid nobody uses costs nothing.
 */
public final class SharedGrid implements AutoCloseable {
  private final Supplier<GridConnection> connector;
  private final AtomicLong runs = new AtomicLong();
  private GridConnection connection;
  private boolean closed;

  private SharedGrid(Supplier<GridConnection> connector) {
    this.connector = connector;
  }

  /** A shared one-member grid embedded in this process. */
  public static SharedGrid embedded(GridSettings settings) {
    return new SharedGrid(() -> GridConnection.embedded(settings));
  }

  /** A shared client of the workers (all of them must be reachable, as for one run). */
  public static SharedGrid workers(
      GridSettings settings, List<WorkerAddress> workers, ClientConfig base) {
    return new SharedGrid(() -> GridConnection.workers(settings, workers, base));
  }

  /**
   * The grid a {@code --distributed} run in an environment like env would use: a client of the
   * workers {@code DISTRIBUTED_WORKERS} lists, else an embedded one; configuration files are looked
   * up as for a run in dir.
   */
  public static SharedGrid forEnvironment(
      java.util.Map<String, String> env, java.nio.file.Path dir) {
    return new SharedGrid(GridConnection.connector(env, dir));
  }

  /** A connection for one run: named objects of its own, closing it keeps the grid up. */
  public synchronized GridConnection lease() {
    if (closed) {
      throw new GridFailure("the shared grid is closed", null);
    }
    if (connection == null) {
      connection = connector.get();
    }
    return connection.lease("r" + runs.incrementAndGet() + "-");
  }

  /** Stops the embedded member or disconnects the client. */
  @Override
  public synchronized void close() {
    closed = true;
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
