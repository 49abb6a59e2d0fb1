package daphnegrid.config;

import com.hazelcast.jet.config.JobConfig;

/** Jet job settings shared by everything that submits jobs to the grid. */
public final class GridJobs {
  private GridJobs() {}

  /**
   * The config of a normal (not light) Jet job named {@code name}, e.g. {@code
   * "kmeans.daph:pipeline-3"} so it reads well in Management Center. Its metrics are kept after
   * completion ({@code Job.getMetrics()} is empty otherwise).
   */
  public static JobConfig named(String name) {
    return new JobConfig()
        .setName(name)
        .setMetricsEnabled(true)
        .setStoreMetricsAfterJobCompletion(true);
  }
}
