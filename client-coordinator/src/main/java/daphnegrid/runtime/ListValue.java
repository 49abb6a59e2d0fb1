package daphnegrid.runtime;

import daphnegrid.io.Printer;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * A list (spec 5.1, 7.13): an ordered sequence of matrices of one value type, of any shapes.
 * Immutable like every value: {@link #append} and {@link #remove} make new lists that share the
 * matrices.
 */
public record ListValue(ValueType elementType, List<MatrixValue> elements) implements Value {
  public ListValue {
    elements = List.copyOf(elements);
  }

  public int length() {
    return elements.size();
  }

  /** This list followed by m (of the element type). */
  public ListValue append(MatrixValue m) {
    List<MatrixValue> out = new ArrayList<>(elements);
    out.add(m);
    return new ListValue(elementType, out);
  }

  /** This list without its element at position i (0 <= i < length). */
  public ListValue remove(int i) {
    List<MatrixValue> out = new ArrayList<>(elements);
    out.remove(i);
    return new ListValue(elementType, out);
  }

  /** The header {@code print} writes; DAPHNE's {@code typeOf} takes no lists. */
  @Override
  public String typeName() {
    return Printer.listHeader(elements.size(), elementType);
  }
}
