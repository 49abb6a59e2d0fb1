package daphnegrid.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * What a running script can reach: its two output streams and the run's options. stdout carries
 * exactly what the script prints; writes to stderr flush stdout first so a terminal shows both in
 * program order.
 */
public final class ExecutionContext {
  private final Writer out;
  private final Writer err;
  private final RunOptions options;
  private final Ops ops;
  private final java.util.Map<String, FrameValue> views = new java.util.HashMap<>();

  public ExecutionContext(Writer out, Writer err, RunOptions options, Ops ops) {
    this.out = out;
    this.err = err;
    this.options = options;
    this.ops = ops;
  }

  public RunOptions options() {
    return options;
  }

  /**
   * The frames registered for sql() by registerView, by view name (one table per run); they stay
   * reachable for the rest of the run (a grid frame's blocks are kept).
   */
  public java.util.Map<String, FrameValue> views() {
    return views;
  }

  /** Matrix operations of this run (they know the planner and engine). */
  public Ops ops() {
    return ops;
  }

  /** The writer for print (stdout), or stderr when toErr (after flushing stdout). */
  public Writer stream(boolean toErr) {
    if (toErr) {
      flushOut();
      return err;
    }
    return out;
  }

  public void flushOut() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void flushAll() {
    try {
      out.flush();
      err.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
