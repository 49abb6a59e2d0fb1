package daphnegrid.config.serial;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/** Creates the core {@link IdentifiedDataSerializable} types by class id. Ids are append-only. */
final class CoreDataFactory implements DataSerializableFactory {
  static final int BLOCK_KEY = 1;

  @Override
  public IdentifiedDataSerializable create(int classId) {
    return switch (classId) {
      case BLOCK_KEY -> new BlockKey();
      default -> null;
    };
  }
}
