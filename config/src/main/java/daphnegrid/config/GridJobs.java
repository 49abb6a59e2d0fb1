package daphnegrid.config;

import com.hazelcast.jet.JetService;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.core.DAG;
import com.hazelcast.jet.pipeline.Pipeline;

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

  /**
   * Submits pipeline as the job {@code name} (unique per run) and waits for it. When a member
   * leaves during the submission the client may send it again after the first copy was accepted;
   * the second copy is then refused because the name is taken, and this waits for the job that
   * holds the name instead of failing.
   */
  public static void runNamed(JetService jet, Pipeline pipeline, String name) {
    Job job;
    try {
      job = jet.newJob(pipeline, named(name));
    } catch (com.hazelcast.jet.JobAlreadyExistsException e) {
      job = existing(jet, name, e);
    }
    job.join();
  }

  /** As {@link #runNamed(JetService, Pipeline, String)} for a core DAG. */
  public static void runNamed(JetService jet, DAG dag, String name) {
    Job job;
    try {
      job = jet.newJob(dag, named(name));
    } catch (com.hazelcast.jet.JobAlreadyExistsException e) {
      job = existing(jet, name, e);
    }
    job.join();
  }

  private static Job existing(JetService jet, String name, RuntimeException refused) {
    Job job = jet.getJob(name);
    if (job == null) {
      throw refused;
    }
    return job;
  }
}
