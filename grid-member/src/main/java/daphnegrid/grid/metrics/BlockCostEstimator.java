package daphnegrid.grid.metrics;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.impl.EntryCostEstimator;
import com.hazelcast.map.impl.record.Record;
import daphnegrid.config.serial.CsrBlock;
import daphnegrid.config.serial.CsrBlockSerializer;
import daphnegrid.config.serial.DenseBlock;
import daphnegrid.config.serial.DenseBlockSerializer;
import daphnegrid.config.serial.FrameBlock;
import daphnegrid.config.serial.FrameBlockSerializer;

/**
 * The memory cost of the entries of one partition of one grid map, as Hazelcast's {@code
 * ownedEntryMemoryCost} and {@code backupEntryMemoryCost} report it (in JMX, in Management Center
 * and in {@link Holdings}). Hazelcast counts nothing for OBJECT-format maps; {@link MapCostKeeper}
 * puts one of these into each partition's storage of every grid map.
 *
 * <p>An entry costs its key's heap bytes, the record's own figure, and its value's bytes: the
 * serialized size of a grid block (for a dense block its 20-byte header and its raw cells, which is
 * also what it takes on the heap, give or take the object headers; for a CSR block its header and
 * three arrays; for a frame block its header and columns), or the serialized size of any other
 * value (serialized once to measure it).
 *
 * <p>Threading: the storage calls it on its partition thread; the estimate is read from any thread.
 */
final class BlockCostEstimator implements EntryCostEstimator<Data, Record<?>> {
  private final SerializationService serialization;
  private volatile long estimate;

  BlockCostEstimator(SerializationService serialization) {
    this.serialization = serialization;
  }

  @Override
  public long getEstimate() {
    return estimate;
  }

  @Override
  public void adjustEstimateBy(long adjustment) {
    estimate += adjustment; // only the partition thread writes
  }

  @Override
  public long calculateValueCost(Record<?> record) {
    return record == null ? 0 : record.getCost() + valueBytes(record.getValue());
  }

  @Override
  public long calculateEntryCost(Data key, Record<?> record) {
    return (key == null ? 0 : key.getHeapCost()) + calculateValueCost(record);
  }

  @Override
  public void reset() {
    estimate = 0;
  }

  /** Bytes of one stored value. */
  long valueBytes(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof DenseBlock b) {
      return DenseBlockSerializer.serializedBytes(b);
    }
    if (value instanceof CsrBlock b) {
      return CsrBlockSerializer.serializedBytes(b);
    }
    if (value instanceof FrameBlock b) {
      return FrameBlockSerializer.heldBytes(b);
    }
    if (value instanceof Data d) {
      return d.getHeapCost();
    }
    return serialization.toData(value).getHeapCost();
  }
}
