package daphnegrid.grid.metrics;

/**
 * The grid's figures of one member in JMX, as {@code daphnegrid:type=GridMetrics,instance=<member
 * instance name>}: the same numbers as the Prometheus endpoint's {@code daphne_grid_*}. Bytes held
 * is the serialized size of the blocks alone; Hazelcast's own {@code ownedEntryMemoryCost} of the
 * grid maps adds their keys and records (see {@link Holdings}).
 */
public interface GridMetricsMXBean {
  /** Blocks whose primary copy this member holds (block and temporary maps). */
  long getBlocksHeld();

  /** Their serialized size in bytes. */
  long getBytesHeld();

  /** Backup copies of blocks this member holds for others. */
  long getBackupBlocksHeld();

  long getBytesIn();

  long getBytesOut();

  long getPrograms();

  long getJetJobs();

  long getAdmissionRefusals();
}
