package daphnegrid.plan;

import daphnegrid.dsl.Span;
import daphnegrid.kernels.format.NumberFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What {@code --statistics} reports: a table of the script's lines, most time first, with how that
 * time was spent. Time is charged to the innermost statement running: while a loop body or a called
 * function runs, its own lines are charged, not the loop's or the call's line, so the times of all
 * lines add up to the time spent in statements.
 *
 * <p>Columns (all times in seconds, wall clock):
 *
 * <ul>
 *   <li>{@code time}: the line's statements, everything included;
 *   <li>{@code runs}: how often a statement of the line started;
 *   <li>{@code programs}, {@code compute}: the fused programs the line ran (on either engine) and
 *       their time, including the transfers they need;
 *   <li>{@code generate}: making generated matrices ({@code rand}, {@code fill}, {@code seq},
 *       {@code readMatrix}), here or on the members;
 *   <li>{@code transfer}: moving blocks between this process and the grid (scatter, collect);
 *   <li>{@code connect}: connecting to the grid, when the line was the first to use it.
 * </ul>
 *
 * A connection made before the script started (to workers, checked before anything runs) is in the
 * summary line. Lines are tracked only once {@link #enable()} was called; the cost is two clock
 * reads per statement.
 */
public final class RunStatistics {
  private static final class Line {
    final String at;
    long nanos;
    long runs;
    long programs;
    long computeNanos;
    long generateNanos;
    long transferNanos;
    long connectNanos;

    Line(String at) {
      this.at = at;
    }
  }

  private final LongSupplier transferClock;
  private final LongSupplier connectClock;
  private final Map<String, Line> lines = new LinkedHashMap<>();
  private final Deque<Line> running = new ArrayDeque<>();
  private boolean enabled;
  private long programs;
  private long computeNanos;
  private long connectBefore;
  private long mark;
  private long transferMark;
  private long connectMark;

  /**
   * @param transferClock nanoseconds spent on transfers so far (the engines' counter)
   * @param connectClock nanoseconds spent connecting to the grid so far
   */
  RunStatistics(LongSupplier transferClock, LongSupplier connectClock) {
    this.transferClock = transferClock;
    this.connectClock = connectClock;
  }

  /** Starts tracking lines (--statistics); before it, only the programs are counted. */
  public void enable() {
    enabled = true;
    mark = System.nanoTime();
    transferMark = transferClock.getAsLong();
    connectMark = connectClock.getAsLong();
    connectBefore = connectMark;
  }

  /** A statement at starts; until it finishes (or a nested one starts), time is charged to it. */
  public void statementStarted(Span at) {
    if (!enabled) {
      return;
    }
    charge();
    Line l = lines.computeIfAbsent(at.file() + ":" + at.line(), Line::new);
    l.runs++;
    running.push(l);
  }

  /** The statement last started has finished. */
  public void statementFinished() {
    if (!enabled || running.isEmpty()) {
      return;
    }
    charge();
    running.pop();
  }

  void program(long nanos) {
    programs++;
    computeNanos += nanos;
    Line l = running.peek();
    if (enabled && l != null) {
      l.programs++;
      l.computeNanos += nanos;
    }
  }

  void generated(long nanos) {
    Line l = running.peek();
    if (enabled && l != null) {
      l.generateNanos += nanos;
    }
  }

  private void charge() {
    long now = System.nanoTime();
    long transfer = transferClock.getAsLong();
    long connect = connectClock.getAsLong();
    Line l = running.peek();
    if (l != null) {
      l.nanos += now - mark;
      l.transferNanos += transfer - transferMark;
      l.connectNanos += connect - connectMark;
    }
    mark = now;
    transferMark = transfer;
    connectMark = connect;
  }

  /**
   * The report: a summary line, the column heads, then one row per script line, most time first
   * (ties in script order). Every line starts with {@code [statistics]}.
   */
  public String render() {
    List<Line> rows = new ArrayList<>(lines.values());
    rows.sort(Comparator.comparingLong((Line l) -> l.nanos).reversed());
    long total = 0;
    for (Line l : rows) {
      total += l.nanos;
    }
    List<String[]> table = new ArrayList<>();
    table.add(
        new String[] {
          "rank", "line", "time", "runs", "programs", "compute", "generate", "transfer", "connect"
        });
    int rank = 1;
    for (Line l : rows) {
      table.add(
          new String[] {
            String.valueOf(rank++),
            l.at,
            seconds(l.nanos),
            String.valueOf(l.runs),
            String.valueOf(l.programs),
            seconds(l.computeNanos),
            seconds(l.generateNanos),
            seconds(l.transferNanos),
            seconds(l.connectNanos)
          });
    }
    StringBuilder b = new StringBuilder();
    b.append("[statistics] ")
        .append(programs)
        .append(" fused program(s), ")
        .append(seconds(computeNanos))
        .append(" s; ")
        .append(rows.size())
        .append(" script line(s), ")
        .append(seconds(total))
        .append(" s; connect before the script ")
        .append(seconds(connectBefore))
        .append(" s\n");
    int[] width = new int[table.get(0).length];
    for (String[] row : table) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : table) {
      StringBuilder line = new StringBuilder("[statistics]");
      for (int i = 0; i < row.length; i++) {
        line.append("  ");
        // the line column is text: left-aligned; numbers right-aligned
        String pad = " ".repeat(width[i] - row[i].length());
        line.append(i == 1 ? row[i] + pad : pad + row[i]);
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }

  private static String seconds(long nanos) {
    return NumberFormat.general6(nanos / 1e9);
  }
}
