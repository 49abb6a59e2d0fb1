package daphnegrid.grid.tasks;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.grid.GridMemberSerialization;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.Scalar;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a member sends back for {@link CsrTask}: one {@link Part} per block row it ran, or the
 * failure message of a kernel (the coordinator reports it at the script position).
 */
public final class CsrResult implements IdentifiedDataSerializable {
  /**
   * One block row's answer: a full aggregation's partial (null: none), a row aggregation's rows or
   * a column aggregation's folds (null: none), the column counts of aggMin and aggMax (null
   * otherwise), the stored cells of an output block.
   */
  public record Part(int blockRow, Scalar partial, DenseMatrix values, int[] counts, long nnz) {}

  private List<Part> parts = new ArrayList<>();
  private String failure;

  /** For deserialization. */
  public CsrResult() {}

  static CsrResult done(List<Part> parts) {
    CsrResult r = new CsrResult();
    r.parts = parts;
    return r;
  }

  static CsrResult failed(String message) {
    CsrResult r = new CsrResult();
    r.failure = message == null ? "CSR kernel failure" : message;
    return r;
  }

  public List<Part> parts() {
    return parts;
  }

  /** The failure message, or null. */
  public String failure() {
    return failure;
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.CSR_RESULT;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(failure);
    out.writeInt(parts.size());
    for (Part p : parts) {
      out.writeInt(p.blockRow());
      out.writeBoolean(p.partial() != null);
      if (p.partial() != null) {
        Wire.writeScalar(out, p.partial());
      }
      Wire.writeMatrix(out, p.values());
      out.writeIntArray(p.counts());
      out.writeLong(p.nnz());
    }
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    failure = in.readString();
    int n = in.readInt();
    parts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int block = in.readInt();
      Scalar partial = in.readBoolean() ? Wire.readScalar(in) : null;
      DenseMatrix values = Wire.readMatrix(in);
      int[] counts = in.readIntArray();
      parts.add(new Part(block, partial, values, counts, in.readLong()));
    }
  }
}
