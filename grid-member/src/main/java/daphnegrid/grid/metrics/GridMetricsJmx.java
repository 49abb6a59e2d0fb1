package daphnegrid.grid.metrics;

import com.hazelcast.core.HazelcastInstance;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers a member's {@link GridMetricsMXBean} with the platform MBean server, next to
 * Hazelcast's own {@code com.hazelcast:type=Metrics} beans; {@link #close()} removes it. Every
 * attribute is read when asked (the held figures from the member's maps).
 */
public final class GridMetricsJmx implements GridMetricsMXBean, AutoCloseable {
  private final HazelcastInstance hz;
  private final GridMetrics metrics;
  private final ObjectName name;

  private GridMetricsJmx(HazelcastInstance hz, ObjectName name) {
    this.hz = hz;
    this.metrics = GridMetrics.of(hz);
    this.name = name;
  }

  /** The object name of member hz's bean. */
  public static ObjectName objectName(HazelcastInstance hz) {
    try {
      return new ObjectName(
          "daphnegrid:type=GridMetrics,instance=" + ObjectName.quote(hz.getName()));
    } catch (JMException e) {
      throw new IllegalArgumentException("no JMX name for " + hz.getName(), e);
    }
  }

  /**
   * Registers the bean of member hz; if a bean of that name exists (a member of the same name
   * before it in this JVM), it is replaced.
   */
  public static GridMetricsJmx register(HazelcastInstance hz) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    GridMetricsJmx bean = new GridMetricsJmx(hz, objectName(hz));
    try {
      if (server.isRegistered(bean.name)) {
        server.unregisterMBean(bean.name);
      }
      server.registerMBean(bean, bean.name);
    } catch (JMException e) {
      throw new IllegalStateException("cannot register " + bean.name + ": " + e, e);
    }
    return bean;
  }

  @Override
  public void close() {
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (JMException e) {
      // already gone
    }
  }

  private long held(java.util.function.ToLongFunction<Holdings> f) {
    long sum = 0;
    for (Map.Entry<String, Holdings> e : Holdings.read(hz).entrySet()) {
      sum += f.applyAsLong(e.getValue());
    }
    return sum;
  }

  @Override
  public long getBlocksHeld() {
    return held(Holdings::ownedEntries);
  }

  @Override
  public long getBytesHeld() {
    return held(Holdings::bytesHeld);
  }

  @Override
  public long getBackupBlocksHeld() {
    return held(Holdings::backupEntries);
  }

  @Override
  public long getBytesIn() {
    return metrics.bytesIn();
  }

  @Override
  public long getBytesOut() {
    return metrics.bytesOut();
  }

  @Override
  public long getPrograms() {
    return metrics.programs();
  }

  @Override
  public long getJetJobs() {
    return metrics.jetJobs();
  }

  @Override
  public long getAdmissionRefusals() {
    return metrics.admissionRefusals();
  }
}
