package daphnegrid.plan;

import daphnegrid.kernels.format.NumberFormat;
import java.util.ArrayList;
import java.util.List;

/** What --statistics reports: every fused program that ran, where, over how many rows, how long. */
public final class RunStatistics {
  private record Entry(String program, String engine, long rows, long nanos) {}

  private final List<Entry> entries = new ArrayList<>();

  void record(String program, String engine, long rows, long nanos) {
    entries.add(new Entry(program, engine, rows, nanos));
  }

  /** The report: one summary line, then one line per program. */
  public String render() {
    long total = 0;
    for (Entry e : entries) {
      total += e.nanos;
    }
    StringBuilder b = new StringBuilder();
    b.append("[statistics] ")
        .append(entries.size())
        .append(" fused program(s), ")
        .append(NumberFormat.general6(total / 1e9))
        .append(" s\n");
    for (Entry e : entries) {
      b.append("[statistics] ")
          .append(e.program)
          .append(" on ")
          .append(e.engine)
          .append(": ")
          .append(e.rows)
          .append(" rows, ")
          .append(NumberFormat.general6(e.nanos / 1e6))
          .append(" ms\n");
    }
    return b.toString();
  }
}
