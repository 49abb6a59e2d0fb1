package daphnegrid.it;

/**
 * The lanes of the end-to-end tests (junit-platform.properties). Most test classes run one at a
 * time in JUnit's main thread, the first lane. The classes holding one of these resource locks (and
 * marked {@code @Execution(CONCURRENT)}) run one at a time in a thread of that lane, beside the
 * first. They are the fault, deployment and guard drills that spend much of their time waiting — on
 * links, paused workers, heartbeats, daemons, worker starts — and whose workers use addresses or
 * ports of their own, so they share nothing with the tests of the other lanes.
 */
public final class Lanes {
  /** The second lane: the drills on the shared namespace hosts, the guard and metrics tests. */
  public static final String SECOND = "daphnegrid.second-lane";

  /**
   * The third lane: the deployments — SSH on namespace hosts of its own, the worker containers and
   * Slurm's daemons on loopback ports of their own.
   */
  public static final String THIRD = "daphnegrid.third-lane";

  private Lanes() {}
}
