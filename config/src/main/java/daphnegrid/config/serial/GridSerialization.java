package daphnegrid.config.serial;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The one place that configures serialization, called for members and clients alike (custom
 * serializers cannot be shipped at run time, so both sides must register the same set at start).
 *
 * <ul>
 *   <li>{@link BlockKey} as {@code IdentifiedDataSerializable} (factory {@link #CORE_FACTORY_ID});
 *   <li>{@link DenseBlock} through {@link DenseBlockSerializer} (type id {@link
 *       #DENSE_BLOCK_TYPE_ID});
 *   <li>{@link FrameBlock} through {@link FrameBlockSerializer} (type id {@link
 *       #FRAME_BLOCK_TYPE_ID});
 *   <li>{@link CsrBlock} through {@link CsrBlockSerializer} (type id {@link #CSR_BLOCK_TYPE_ID});
 *   <li>every {@link SerializationModule} on the classpath (the grid tasks of later modules);
 *   <li>a Java deserialization allow-list with Hazelcast's built-in defaults disabled: only {@link
 *       #JAVA_ALLOWED_PREFIXES} may be deserialized with Java serialization (Jet lambdas and
 *       Hazelcast internals need {@code java.lang}, {@code java.util} and {@code com.hazelcast}). A
 *       filter that a YAML file configured is kept and extended with these prefixes.
 * </ul>
 */
public final class GridSerialization {
  /** Factory id of the core types; modules pick other ids. */
  public static final int CORE_FACTORY_ID = 7310;

  /** Serializer type id of {@link DenseBlock} (positive, unique in the cluster). */
  public static final int DENSE_BLOCK_TYPE_ID = 7311;

  /** Serializer type id of {@link FrameBlock}. */
  public static final int FRAME_BLOCK_TYPE_ID = 7312;

  /** Serializer type id of {@link CsrBlock}. */
  public static final int CSR_BLOCK_TYPE_ID = 7314;

  /** Class-name prefixes that Java deserialization accepts; everything else is rejected. */
  public static final List<String> JAVA_ALLOWED_PREFIXES =
      List.of("daphnegrid.", "com.hazelcast.", "java.lang.", "java.util.", "[");

  /**
   * Single classes outside those prefixes that Java deserialization accepts: the permission base
   * classes that Jet's map sources and sinks carry in a job's processor suppliers (a job reading an
   * IMap fails with "Resolving class java.security.Permission is not allowed" without them).
   */
  public static final List<String> JAVA_ALLOWED_CLASSES =
      List.of("java.security.Permission", "java.security.BasicPermission");

  private GridSerialization() {}

  /** Registers the grid's types on {@code config} and returns it. */
  public static SerializationConfig configure(SerializationConfig config) {
    config.addDataSerializableFactory(CORE_FACTORY_ID, new CoreDataFactory());
    config.addSerializerConfig(
        new SerializerConfig()
            .setTypeClass(DenseBlock.class)
            .setImplementation(new DenseBlockSerializer()));
    config.addSerializerConfig(
        new SerializerConfig()
            .setTypeClass(FrameBlock.class)
            .setImplementation(new FrameBlockSerializer()));
    config.addSerializerConfig(
        new SerializerConfig()
            .setTypeClass(CsrBlock.class)
            .setImplementation(new CsrBlockSerializer()));
    for (SerializationModule m : modules()) {
      m.register(config);
    }
    JavaSerializationFilterConfig filter = config.getJavaSerializationFilterConfig();
    if (filter == null) {
      filter = new JavaSerializationFilterConfig();
      config.setJavaSerializationFilterConfig(filter);
    }
    filter.setDefaultsDisabled(true);
    ClassFilter allowed = filter.getWhitelist();
    allowed.addPrefixes(JAVA_ALLOWED_PREFIXES.toArray(String[]::new));
    allowed.addClasses(JAVA_ALLOWED_CLASSES.toArray(String[]::new));
    return config;
  }

  /**
   * The serialization modules on the classpath, by factory id.
   *
   * @throws IllegalStateException if two of them (or one and the core) share a factory id
   */
  public static List<SerializationModule> modules() {
    List<SerializationModule> list = new ArrayList<>();
    ServiceLoader.load(SerializationModule.class, GridSerialization.class.getClassLoader())
        .forEach(list::add);
    list.sort(Comparator.comparingInt(SerializationModule::factoryId));
    int previous = CORE_FACTORY_ID;
    for (SerializationModule m : list) {
      if (m.factoryId() == previous || m.factoryId() == CORE_FACTORY_ID) {
        throw new IllegalStateException(
            "serialization factory id " + m.factoryId() + " is used twice: " + m.getClass());
      }
      previous = m.factoryId();
    }
    return list;
  }
}
