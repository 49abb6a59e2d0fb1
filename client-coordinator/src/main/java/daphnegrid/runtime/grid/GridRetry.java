package daphnegrid.runtime.grid;

import java.util.function.Supplier;

/**
 * Sends an idempotent request to the grid again when its member went silent or left: a worker that
 * was killed (its partitions move to the backups), paused or cut off for longer than the client's
 * heartbeat timeout (it answers again once it is back). The client itself does not redo operations
 * after a connection loss ({@code redoOperation=false}); what the coordinator asks here is safe to
 * ask twice: reads, whole blocks, disjoint pieces, map proxies.
 */
final class GridRetry {
  /** Attempts of one request before a member that stays away fails the run. */
  static final int ATTEMPTS = 5;

  private GridRetry() {}

  /** Whether a request that failed with t may be sent again: its member went silent or left. */
  static boolean sendAgain(Throwable t) {
    if (OwnerDispatch.memberGone(t)) {
      return true;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof com.hazelcast.core.OperationTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /**
   * request's answer, asking again (after a pause growing with each attempt) while it fails because
   * a member went silent or left; other failures, and the last attempt's, become a {@link
   * GridFailure} for what.
   */
  static <T> T call(Supplier<T> request, String what, GridStats stats) {
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !sendAgain(e)) {
          throw GridFailure.of(what, e);
        }
        pause(attempt, what);
        stats.messagesResent.incrementAndGet();
      }
    }
  }

  /** Waits before attempt + 1: 200 ms times attempt. */
  static void pause(int attempt, String what) {
    try {
      Thread.sleep(200L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GridFailure("interrupted while " + what, e);
    }
  }
}
