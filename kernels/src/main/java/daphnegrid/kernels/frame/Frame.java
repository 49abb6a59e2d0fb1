package daphnegrid.kernels.frame;

import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A frame (spec 3.4, 8.5): labelled columns of one common length, each of its own value type.
 * Immutable; every operation returns a new frame that shares the columns it did not change. Labels
 * are unique.
 */
public final class Frame {
  private final List<String> labels;
  private final List<Column> columns;
  private final int rows;
  private final Map<String, Integer> byLabel;

  private Frame(List<String> labels, List<Column> columns, int rows) {
    this.labels = List.copyOf(labels);
    this.columns = List.copyOf(columns);
    this.rows = rows;
    this.byLabel = new HashMap<>();
    for (int j = 0; j < this.labels.size(); j++) {
      if (byLabel.putIfAbsent(this.labels.get(j), j) != null) {
        throw new IllegalArgumentException(
            "frame column labels must be unique, but '" + this.labels.get(j) + "' appears twice");
      }
    }
  }

  /**
   * A frame of the given labels and columns. Throws IllegalArgumentException (whose message is fit
   * for a user) when the counts differ, a label repeats or the columns differ in length.
   */
  public static Frame of(List<String> labels, List<Column> columns) {
    if (labels.size() != columns.size()) {
      throw new IllegalArgumentException(
          "a frame needs one label per column: "
              + labels.size()
              + " labels for "
              + columns.size()
              + " columns");
    }
    int rows = columns.isEmpty() ? 0 : columns.get(0).size();
    for (int j = 1; j < columns.size(); j++) {
      if (columns.get(j).size() != rows) {
        throw new IllegalArgumentException(
            "all columns of a frame must have the same number of rows, but column '"
                + labels.get(j)
                + "' has "
                + columns.get(j).size()
                + " and column '"
                + labels.get(0)
                + "' has "
                + rows);
      }
    }
    return new Frame(labels, columns, rows);
  }

  /** A frame of rows rows and no columns (spec 8.5 prints it as {@code Frame(Rx0, [])}). */
  public static Frame empty(int rows) {
    return new Frame(List.of(), List.of(), rows);
  }

  /** DAPHNE's default labels {@code col_0, col_1, ...} for n columns. */
  public static List<String> defaultLabels(int n) {
    List<String> out = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      out.add("col_" + j);
    }
    return out;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return columns.size();
  }

  public List<String> labels() {
    return labels;
  }

  public List<Column> columns() {
    return columns;
  }

  public String label(int j) {
    return labels.get(j);
  }

  public Column column(int j) {
    return columns.get(j);
  }

  public ValueType type(int j) {
    return columns.get(j).type();
  }

  /** The position of the column labelled label, or -1. */
  public int indexOf(String label) {
    Integer j = byLabel.get(label);
    return j == null ? -1 : j;
  }

  /** The same columns under new labels (one per column, unique). */
  public Frame withLabels(List<String> newLabels) {
    return of(newLabels, columns);
  }

  /** The columns at the given positions, in that order. */
  public Frame selectColumns(int[] positions) {
    List<String> l = new ArrayList<>(positions.length);
    List<Column> c = new ArrayList<>(positions.length);
    for (int j : positions) {
      l.add(labels.get(j));
      c.add(columns.get(j));
    }
    return new Frame(l, c, rows);
  }

  /** Rows from (inclusive) to (exclusive) of every column. */
  public Frame sliceRows(int from, int to) {
    Objects.checkFromToIndex(from, to, rows);
    List<Column> c = new ArrayList<>(columns.size());
    for (Column col : columns) {
      c.add(col.slice(from, to));
    }
    return new Frame(labels, c, to - from);
  }

  /** The rows at the given positions, in that order, of every column. */
  public Frame gatherRows(int[] positions) {
    List<Column> c = new ArrayList<>(columns.size());
    for (Column col : columns) {
      c.add(col.gather(positions));
    }
    return new Frame(labels, c, positions.length);
  }

  /** The print and typeOf header, e.g. {@code Frame(3x2, [a:int64_t, b:double])}. */
  public String header() {
    StringBuilder sb = new StringBuilder("Frame(").append(rows).append('x').append(cols());
    sb.append(", [");
    for (int j = 0; j < cols(); j++) {
      if (j > 0) {
        sb.append(", ");
      }
      sb.append(labels.get(j)).append(':').append(columns.get(j).type().cppName());
    }
    return sb.append("])").toString();
  }

  /** Bytes of all column data (see {@link Column#dataBytes()}). */
  public long dataBytes() {
    long sum = 0;
    for (Column c : columns) {
      sum += c.dataBytes();
    }
    return sum;
  }

  @Override
  public String toString() {
    return header();
  }
}
