package daphnegrid.it.golden;

import java.nio.file.Path;

/**
 * What one run of a case gave.
 *
 * @param exit the exit status ({@link #TIMED_OUT} if the run did not end in time)
 * @param stdout everything written to stdout
 * @param stderr everything written to stderr, with the run's working directory taken out of paths
 *     (so a diagnostic reads as it does when {@code bin/daphne} runs in the case's folder)
 * @param workDir the scratch folder the case ran in (files it wrote are there)
 */
public record CaseRun(int exit, String stdout, String stderr, Path workDir) {
  public static final int TIMED_OUT = Integer.MIN_VALUE;
}
