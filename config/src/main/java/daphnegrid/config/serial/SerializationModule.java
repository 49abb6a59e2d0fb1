package daphnegrid.config.serial;

import com.hazelcast.config.SerializationConfig;

/**
 * Grid types of another module (entry processors, aggregators, program serializers) that must be
 * registered on every member and every client alike. A module lists its implementation in {@code
 * META-INF/services/daphnegrid.config.serial.SerializationModule}; {@link GridSerialization} loads
 * all of them from the classpath, so members and clients started from the same classpath register
 * the same types.
 *
 * <p>Each module owns one {@code DataSerializableFactory} id (and serializer type ids, if any),
 * which must not collide with {@link GridSerialization#CORE_FACTORY_ID} or another module's.
 */
public interface SerializationModule {
  /** The {@code IdentifiedDataSerializable} factory id this module registers. */
  int factoryId();

  /** Adds this module's factories and serializers to {@code config}. */
  void register(SerializationConfig config);
}
