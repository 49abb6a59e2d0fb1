package daphnegrid.config;

import com.hazelcast.jet.JetService;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.JobAlreadyExistsException;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.core.DAG;
import com.hazelcast.jet.pipeline.Pipeline;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Jet job settings shared by everything that submits jobs to the grid. */
public final class GridJobs {
  /** Submissions of one job under a new name after its name was found taken. */
  private static final int MAX_RENAMES = 3;

  /** How long a taken name is looked up before the job is submitted again under a new name. */
  private static final long LOOKUP_MILLIS = 10_000;

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
   * Submits pipeline as the job {@code name} (unique per run) and waits for it. The job must be
   * idempotent (its sink puts the same entries whenever it runs): when a member leaves during the
   * submission, the client's job proxy submits again by itself, and the copy that got in first then
   * makes the job fail with its name taken. This waits for the job holding the name instead, or, if
   * the cluster cannot name it (the coordinating member left with it), runs the job again under
   * {@code name (retry n)}.
   */
  public static void runNamed(JetService jet, Pipeline pipeline, String name) {
    run(jet, config -> jet.newJob(pipeline, config), name);
  }

  /** As {@link #runNamed(JetService, Pipeline, String)} for a core DAG. */
  public static void runNamed(JetService jet, DAG dag, String name) {
    run(jet, config -> jet.newJob(dag, config), name);
  }

  private static void run(JetService jet, Function<JobConfig, Job> submit, String name) {
    for (int attempt = 0; ; attempt++) {
      String n = attempt == 0 ? name : name + " (retry " + attempt + ")";
      try {
        submit.apply(named(n)).join();
        return;
      } catch (RuntimeException e) {
        if (!nameTaken(e) || attempt >= MAX_RENAMES) {
          throw e;
        }
        Job holder = lookUp(jet, n);
        if (holder != null) {
          // a fresh proxy only waits for the job; it does not submit
          holder.join();
          return;
        }
      }
    }
  }

  /** The job named name, waiting a while for the cluster to know it; null if it never does. */
  private static Job lookUp(JetService jet, String name) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOOKUP_MILLIS);
    while (true) {
      Job job = jet.getJob(name);
      if (job != null || System.nanoTime() > deadline) {
        return job;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  private static boolean nameTaken(Throwable t) {
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
      if (t instanceof JobAlreadyExistsException) {
        return true;
      }
    }
    return false;
  }
}
