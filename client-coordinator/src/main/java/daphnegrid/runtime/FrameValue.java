package daphnegrid.runtime;

import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import daphnegrid.kernels.frame.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * A frame (spec 3.4, 5.1): labelled columns of their own value types. The rows, labels and types
 * are always known; the columns are either here ({@link #frame()} returns them) or held by an
 * engine elsewhere (the grid engine's row blocks, a handle), fetched once when a kernel on the
 * coordinator needs them. Frames are immutable from the script's point of view.
 */
public final class FrameValue implements Value {
  private final int rows;
  private final List<String> labels;
  private final List<ValueType> types;
  private Frame frame;
  private Object remote;
  private Remote remoteOwner;

  /** Access to frames held outside this process (by the grid engine). */
  public interface Remote {
    Frame fetchFrame(Object handle);
  }

  public FrameValue(Frame frame) {
    this.rows = frame.rows();
    this.labels = frame.labels();
    this.types = typesOf(frame);
    this.frame = frame;
  }

  /** A frame whose columns an engine holds elsewhere under handle. */
  public FrameValue(
      int rows, List<String> labels, List<ValueType> types, Object handle, Remote owner) {
    this.rows = rows;
    this.labels = List.copyOf(labels);
    this.types = List.copyOf(types);
    this.remote = handle;
    this.remoteOwner = owner;
  }

  /** The value types of f's columns, in order. */
  public static List<ValueType> typesOf(Frame f) {
    List<ValueType> t = new ArrayList<>(f.cols());
    for (int j = 0; j < f.cols(); j++) {
      t.add(f.type(j));
    }
    return List.copyOf(t);
  }

  /** The columns, fetched first if an engine holds them elsewhere. */
  public Frame frame() {
    if (frame == null) {
      frame = remoteOwner.fetchFrame(remote);
    }
    return frame;
  }

  /** The columns if this process holds them now, without fetching (null otherwise). */
  public Frame frameIfHeld() {
    return frame;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return types.size();
  }

  public List<String> labels() {
    return labels;
  }

  public List<ValueType> types() {
    return types;
  }

  /** The engine handle when the columns live elsewhere, or also there (null otherwise). */
  public Object remote() {
    return remote;
  }

  /** True when the columns are held in this process. */
  public boolean isLocal() {
    return frame != null;
  }

  /** Records that an engine also holds a copy of this (local) frame under handle. */
  public void attachRemote(Object handle, Remote owner) {
    this.remote = handle;
    this.remoteOwner = owner;
  }

  /** Forgets the engine's copy (after the engine freed it); the local columns stay. */
  public void detachRemote() {
    if (frame == null) {
      throw new IllegalStateException("the only copy of a frame cannot be detached");
    }
    this.remote = null;
    this.remoteOwner = null;
  }

  /**
   * The cells of m in an array of their own, for a frame column: the engines lend the arrays of
   * large matrices and reuse them once no value reaches the matrix, which a frame's column would
   * otherwise still share.
   */
  public static DenseMatrix detached(MatrixValue m) {
    DenseMatrix d = m.dense();
    return d.type() == ValueType.STR ? d : d.copy();
  }

  /** {@code Frame(RxC, [label:type, ...])}, as print and typeOf write it (spec 8.5, 8.7). */
  @Override
  public String typeName() {
    StringBuilder sb = new StringBuilder("Frame(").append(rows).append('x').append(cols());
    sb.append(", [");
    for (int j = 0; j < cols(); j++) {
      if (j > 0) {
        sb.append(", ");
      }
      sb.append(labels.get(j)).append(':').append(types.get(j).cppName());
    }
    return sb.append("])").toString();
  }

  @Override
  public String toString() {
    return typeName();
  }
}
