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

  // written out for the reason given in StaticType
  @Override
  public boolean equals(Object o) {
    return o instanceof FrameSchema f && labels.equals(f.labels) && types.equals(f.types);
  }

  @Override
  public int hashCode() {
    return 31 * labels.hashCode() + types.hashCode();
  }
}
