package daphnegrid.cli;

import daphnegrid.dsl.Span;
import daphnegrid.runtime.Progress;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress line of a {@code --distributed} run on a terminal: while grid work has been running
 * for {@link #DELAY_MILLIS} or more, one line on stderr shows the statement, the work and its
 * blocks, redrawn in place ({@code \r}) every {@link #REDRAW_MILLIS} and erased when the work ends,
 * so that nothing of it stays in the terminal and lines written between two pieces of work
 * (--explain) start on a clean line:
 *
 * <pre>
 * [progress] script.daph:4  12/64 blocks  program script.daph:4:FullAgg#3
 * </pre>
 *
 * Used only when stderr is a terminal (the launcher tells: {@code DAPHNE_STDERR_TTY=1}); stderr
 * written to a file or pipe never sees it. Threading: the script's thread reports, a daemon thread
 * draws; both hold this object's lock while they touch the line.
 */
final class ProgressLine implements Progress, AutoCloseable {
  /** Set to 1 by the launcher when its stderr is a terminal. */
  static final String TERMINAL_ENV = "DAPHNE_STDERR_TTY";

  /** Milliseconds of work before the line is drawn (default {@link #DELAY_MILLIS}; tests use 0). */
  static final String DELAY_ENV = "DAPHNE_PROGRESS_DELAY_MS";

  static final long DELAY_MILLIS = 1000;
  static final long REDRAW_MILLIS = 250;

  /** Longer lines are cut, so that the line never wraps on an 80-column terminal. */
  static final int MAX_WIDTH = 79;

  private final Writer err;
  private final long delayNanos;
  private final ScheduledExecutorService timer;
  private String statement = "";
  private String work;
  private int total;
  private int done;
  private long since;
  private int drawn; // characters on the line now

  ProgressLine(Writer err) {
    this(err, DELAY_MILLIS);
  }

  /** A line drawn once work has run for delayMillis (tests choose 0, or never). */
  ProgressLine(Writer err, long delayMillis) {
    this.err = err;
    this.delayNanos = delayMillis * 1_000_000L;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "daphne-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::redraw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** The line for a run in env: its delay from {@value #DELAY_ENV} when that is a number. */
  static ProgressLine create(Writer err, java.util.Map<String, String> env) {
    long delay = DELAY_MILLIS;
    try {
      delay = Math.max(0, Long.parseLong(env.getOrDefault(DELAY_ENV, "").strip()));
    } catch (NumberFormatException e) {
      // unset or not a number: the default
    }
    return new ProgressLine(err, delay);
  }

  @Override
  public synchronized void statement(Span at) {
    java.nio.file.Path name = java.nio.file.Path.of(at.file()).getFileName();
    statement = (name == null ? at.file() : name.toString()) + ":" + at.line();
  }

  @Override
  public synchronized void started(String work, int blocks) {
    this.work = work;
    this.total = blocks;
    this.done = 0;
    this.since = System.nanoTime();
    if (delayNanos == 0) {
      redraw(); // at once: tests see every piece of work, however short
    }
  }

  @Override
  public synchronized void blocksDone(int blocks) {
    done = Math.min(total, done + blocks);
  }

  @Override
  public synchronized void finished() {
    work = null;
    erase();
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    work = null;
    erase();
  }

  /** The line for the current state (without the carriage return). */
  synchronized String text() {
    // the blocks before the work's name: a cut line keeps them
    String t = "[progress] " + statement + "  " + done + "/" + total + " blocks  " + work;
    return t.length() > MAX_WIDTH ? t.substring(0, MAX_WIDTH) : t;
  }

  private synchronized void redraw() {
    if (work == null || System.nanoTime() - since < delayNanos) {
      return;
    }
    String t = text();
    write("\r" + t + " ".repeat(Math.max(0, drawn - t.length())) + "\r" + t);
    drawn = t.length();
  }

  private void erase() {
    if (drawn > 0) {
      write("\r" + " ".repeat(drawn) + "\r");
      drawn = 0;
    }
  }

  private void write(String s) {
    try {
      err.write(s);
      err.flush();
    } catch (IOException e) {
      // the terminal is gone: nothing to draw on
    }
  }
}
