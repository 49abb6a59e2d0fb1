package daphnegrid.config.serial;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/** A serialization module found through META-INF/services, as a later module's would be. */
public final class TestModule implements SerializationModule {
  static final int FACTORY_ID = 7399;

  @Override
  public int factoryId() {
    return FACTORY_ID;
  }

  @Override
  public void register(SerializationConfig config) {
    config.addDataSerializableFactory(FACTORY_ID, id -> id == 1 ? new Ping() : null);
  }

  /** A tiny IdentifiedDataSerializable of this module. */
  static final class Ping implements IdentifiedDataSerializable {
    private int value;

    Ping() {}

    Ping(int value) {
      this.value = value;
    }

    int value() {
      return value;
    }

    @Override
    public int getFactoryId() {
      return FACTORY_ID;
    }

    @Override
    public int getClassId() {
      return 1;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
      out.writeInt(value);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
      value = in.readInt();
    }
  }
}
