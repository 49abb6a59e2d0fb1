package daphnegrid.grid;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import daphnegrid.config.serial.SerializationModule;

/**
 * The grid-member module's {@link IdentifiedDataSerializable} types, registered on members and
 * clients through {@code META-INF/services}. The grid tasks (entry processors, aggregators) join
 * this factory with new, append-only class ids.
 */
public final class GridMemberSerialization implements SerializationModule {
  public static final int FACTORY_ID = 7320;
  static final int CONNECTED_CLIENTS = 1;

  @Override
  public int factoryId() {
    return FACTORY_ID;
  }

  @Override
  public void register(SerializationConfig config) {
    config.addDataSerializableFactory(FACTORY_ID, GridMemberSerialization::create);
  }

  private static IdentifiedDataSerializable create(int classId) {
    return switch (classId) {
      case CONNECTED_CLIENTS -> new ConnectedClients();
      default -> null;
    };
  }
}
