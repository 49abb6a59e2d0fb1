package daphnegrid.io;

import daphnegrid.kernels.ValueType;
import java.util.List;

/**
 * What a {@code .meta} file says about a frame (spec 10.2): its row count and, per column, a label
 * and a value type. A matrix-style file (no {@code schema}) gives every column its {@code
 * valueType} and the labels {@code col_0, col_1, ...}.
 */
public record FrameMeta(long numRows, List<String> labels, List<ValueType> types) {
  public FrameMeta {
    labels = List.copyOf(labels);
    types = List.copyOf(types);
  }
}
