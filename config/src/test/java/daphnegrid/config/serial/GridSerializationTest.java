package daphnegrid.config.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.partition.strategy.DefaultPartitioningStrategy;
import daphnegrid.kernels.DenseMatrix;
import daphnegrid.kernels.ValueType;
import java.util.ArrayList;
import java.util.List;
import javax.swing.text.SimpleAttributeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Round trips through Hazelcast's own serialization service configured by {@link
 * GridSerialization}: the path every key and value takes between client and members.
 */
class GridSerializationTest {
  private final InternalSerializationService ss =
      new DefaultSerializationServiceBuilder()
          .setConfig(GridSerialization.configure(new SerializationConfig()))
          .build();

  @AfterEach
  void destroy() {
    ss.dispose();
  }

  @Test
  void blockKeysRoundTripAsIdentifiedDataSerializable() {
    BlockKey key = new BlockKey(Long.MAX_VALUE, 3, 2);
    Data data = ss.toData(key);
    assertEquals(key, ss.toObject(data));
    // factory id + class id + 16 bytes of fields, no class name
    assertTrue(data.dataSize() < 40, "serialized key has " + data.dataSize() + " bytes");
  }

  @Test
  void theBlockRowDecidesThePartitionHash() {
    // maps serialize keys with the default strategy, which honours PartitionAware
    DefaultPartitioningStrategy strategy = new DefaultPartitioningStrategy();
    Data a = ss.toData(new BlockKey(1, 5, 0), strategy);
    Data b = ss.toData(new BlockKey(999, 5, 3), strategy);
    Data c = ss.toData(new BlockKey(1, 6, 0), strategy);
    assertEquals(a.getPartitionHash(), b.getPartitionHash());
    assertNotEquals(a.getPartitionHash(), c.getPartitionHash());
    assertNotEquals(a, b);
  }

  @Test
  void denseBlocksUseTheRawSerializer() {
    DenseBlock block =
        new DenseBlock(10, DenseBlockSerializerTest.random(ValueType.F32, 31, 17, 3));
    Data data = ss.toData(block);
    assertEquals(GridSerialization.DENSE_BLOCK_TYPE_ID, data.getType());
    assertTrue(ss.<DenseBlock>toObject(data).sameContents(block));
  }

  @Test
  void serializationModulesOnTheClasspathAreRegistered() {
    assertEquals(
        List.of(TestModule.class),
        GridSerialization.modules().stream().map(Object::getClass).toList());
    TestModule.Ping ping = new TestModule.Ping(41);
    assertEquals(41, ss.<TestModule.Ping>toObject(ss.toData(ping)).value());
  }

  @Test
  void javaDeserializationAcceptsOnlyTheAllowList() {
    ArrayList<String> allowed = new ArrayList<>(List.of("a", "b"));
    assertEquals(allowed, ss.toObject(ss.toData(allowed)));

    Data outside = ss.toData(new SimpleAttributeSet());
    HazelcastSerializationException e =
        assertThrows(HazelcastSerializationException.class, () -> ss.toObject(outside));
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertInstanceOf(SecurityException.class, root);
    assertTrue(
        root.getMessage().contains("javax.swing.text.SimpleAttributeSet"), root.getMessage());
  }

  @Test
  void aMatrixValueIsNotJavaSerialized() {
    Data data = ss.toData(new DenseBlock(0, DenseMatrix.ofDoubles(1, 1, 2.0)));
    assertEquals(20 + 8, data.dataSize() - 4, "payload is the 20-byte header and one double");
  }
}
