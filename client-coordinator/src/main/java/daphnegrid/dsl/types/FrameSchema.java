package daphnegrid.dsl.types;

import daphnegrid.kernels.ValueType;
import java.util.List;

/**
 * The column labels and value types of a frame, when the checker knows them: from a {@code
 * readFrame} whose .meta file it reads, or a {@code createFrame} with constant labels. Used to
 * check SQL queries over registered views before the script runs.
 */
public record FrameSchema(List<String> labels, List<ValueType> types) {
  public FrameSchema {
    labels = List.copyOf(labels);
    types = List.copyOf(types);
    if (labels.size() != types.size()) {
      throw new IllegalArgumentException("one value type per label");
    }
  }
}
