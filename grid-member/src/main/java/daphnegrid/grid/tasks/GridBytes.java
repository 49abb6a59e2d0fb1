package daphnegrid.grid.tasks;

import java.util.Locale;

/** Byte counts for people: decimal units with one decimal (3.2 GB, 840.0 MB, 12.0 kB). */
public final class GridBytes {
  private GridBytes() {}

  public static String format(long bytes) {
    if (bytes >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
    if (bytes >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
  }
}
