package daphnegrid.config;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The last step of a process started by a {@code bin/} launcher: hand the rest of stderr to the
 * launcher's stderr filter and wait until it has written it.
 *
 * <p>The launchers ({@code deploy/bin/java-env.sh}) exec the JVM with its stderr going through a
 * filter process (it drops the JVM's incubator-module warning) and name that process in the system
 * property {@value #FILTER_PROPERTY}. Without this step the JVM may exit while the filter still
 * holds its last lines: whoever waits for the JVM's pid and then reads a file that stderr was
 * redirected to would miss them. So at the end the JVM flushes stderr, points its file descriptor 2
 * at {@code /dev/null} (closing {@link System#err} does that for the standard descriptors), which
 * closes the only write end of the filter's pipe, and waits until the filter has read to the end
 * and exited, at most {@link #WAIT}: a filter that cannot write (a full pipe nobody reads) delays
 * the exit, it does not block it.
 */
public final class LauncherStderr {
  /** The system property the launchers set to the pid of the stderr filter. */
  public static final String FILTER_PROPERTY = "daphnegrid.stderr.filter";

  /** The longest wait for the filter. */
  static final Duration WAIT = Duration.ofSeconds(5);

  private LauncherStderr() {}

  /**
   * Flushes stderr and, when a launcher's filter is this process's child, closes stderr and waits
   * for the filter to exit. Call it just before exiting: later writes to stderr are lost.
   */
  public static void finish() {
    finish(System.getProperty(FILTER_PROPERTY), WAIT);
  }

  /** {@link #finish()} for the filter named by {@code pid}; true if it waited for one. */
  static boolean finish(String pid, Duration wait) {
    System.err.flush();
    Optional<ProcessHandle> filter = filter(pid);
    if (filter.isEmpty()) {
      return false;
    }
    System.err.close();
    try {
      filter.get().onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // exit anyway: the filter writes what it still has once it can
    }
    return true;
  }

  /**
   * The live child process {@code pid} names, or empty: no property, not a number, or not a child
   * of this process (a stale value inherited from elsewhere, or a recycled pid).
   */
  static Optional<ProcessHandle> filter(String pid) {
    if (pid == null || !pid.matches("[1-9][0-9]{0,9}")) {
      return Optional.empty();
    }
    long self = ProcessHandle.current().pid();
    return ProcessHandle.of(Long.parseLong(pid))
        .filter(h -> h.parent().map(p -> p.pid() == self).orElse(false));
  }
}
