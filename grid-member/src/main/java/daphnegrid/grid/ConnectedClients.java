package daphnegrid.grid;

import com.hazelcast.client.Client;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Run on every member: the UUIDs of the clients connected to that member. A client connects to
 * every member (all-members routing) or to one gateway (single-member routing), so only the union
 * over all members says whether a client is still there.
 */
final class ConnectedClients
    implements Callable<ArrayList<UUID>>, HazelcastInstanceAware, IdentifiedDataSerializable {
  private transient HazelcastInstance member;

  @Override
  public void setHazelcastInstance(HazelcastInstance instance) {
    this.member = instance;
  }

  @Override
  public ArrayList<UUID> call() {
    ArrayList<UUID> ids = new ArrayList<>();
    for (Client c : member.getClientService().getConnectedClients()) {
      ids.add(c.getUuid());
    }
    return ids;
  }

  @Override
  public int getFactoryId() {
    return GridMemberSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridMemberSerialization.CONNECTED_CLIENTS;
  }

  @Override
  public void writeData(ObjectDataOutput out) {}

  @Override
  public void readData(ObjectDataInput in) {}
}
